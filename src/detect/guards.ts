/**
 * Prototype guards: which of `__proto__`, `constructor` and `prototype` a condition rules out for a key on the path
 * to a write.
 *
 * Guards: an explicit comparison with those names that skips or throws; membership in an allow list (`includes`,
 * `Set#has`, `indexOf`, `switch` cases with literal labels); `Object.hasOwn(target, key)` or
 * `hasOwnProperty.call(target, key)` on the object written to; a regex test whose pattern cannot match the names;
 * `typeof key === 'number'`, `Number.isInteger(key)`; project functions named as checks (`isSafeKey`, `isValidField`,
 * `isForbiddenKey` with the other polarity). Not guards: `key in obj` (`'__proto__' in {}` is true), comparisons with
 * other names in a deny list (`if (key === 'id') continue` lets `__proto__` through), truthiness checks, and
 * `hasOwnProperty` on the object the key was read from (a parsed `{"__proto__": …}` has it as an own key).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  alwaysExits,
  getCalleeName,
  getStaticString,
  isFunctionNode,
  isSameReference,
  unwrapExpression,
} from './ast.js';
import type { DetectContext } from './context.js';
import { getTaint, setFilterGuardJudge } from './input.js';
import { getOrigin } from './origin.js';

/** The names through which a write reaches a prototype. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A set of the {@link PROTOTYPE_KEYS} a condition rules out. */
type Excluded = ReadonlySet<string>;

const NONE: Excluded = new Set();
const ALL: Excluded = new Set(PROTOTYPE_KEYS);

const union = (a: Excluded, b: Excluded): Excluded => new Set([...a, ...b]);
const intersection = (a: Excluded, b: Excluded): Excluded => new Set([...a].filter((k) => b.has(k)));

/** Check functions whose `true` means the key is fine (`isSafeKey`, `isAllowedField`, `isValid`). */
const POSITIVE_CHECK = /^(?:is|has|check|can)?_?(?:safe|valid|allow|permit|known|white|own|accept)/i;
/** Check functions whose `true` means the key is refused (`isUnsafeKey`, `isForbidden`, `isPrototypePolluted`). */
const NEGATIVE_CHECK = /unsafe|danger|forbid|reserved|block|deny|black|proto|pollut|invalid|illegal/i;

/** What a key must be cleared of for a write: single-level writes need `__proto__`, deeper ones `constructor` too. */
export type GuardNeed = 'single' | 'deep';

/**
 * Whether the conditions on the way to `site` (inside its function) rule out the prototype names `need` requires for
 * `key`. `target` is the object written to (for own-property checks).
 */
export function isKeyGuarded(
  ctx: DetectContext,
  key: TSESTree.Node,
  site: TSESTree.Node,
  target: TSESTree.Node | undefined,
  need: GuardNeed,
): boolean {
  const excluded = excludedAt(ctx, unwrapExpression(key), site, target);
  return need === 'single'
    ? excluded.has('__proto__')
    : excluded.has('__proto__') && excluded.has('constructor');
}

function excludedAt(
  ctx: DetectContext,
  start: TSESTree.Node,
  site: TSESTree.Node,
  target: TSESTree.Node | undefined,
): Excluded {
  let excluded: Excluded = NONE;
  let key = start;
  /** Set once the walk leaves the loop or callback that takes `key` from a collection: then `key` is that collection. */
  let collection = false;
  const facts = (test: TSESTree.Node, truth: boolean): Excluded =>
    collection ? collectionFacts(ctx, test, key, truth) : factsWhen(ctx, test, key, target, truth);
  let child: TSESTree.Node = site;
  let current: TSESTree.Node | undefined = site.parent;
  while (current) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent) excluded = union(excluded, facts(current.test, true));
        else if (child === current.alternate) excluded = union(excluded, facts(current.test, false));
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right) {
          if (current.operator === '&&') excluded = union(excluded, facts(current.left, true));
          else if (current.operator === '||') excluded = union(excluded, facts(current.left, false));
        }
        break;
      case AST_NODE_TYPES.WhileStatement:
        if (child === current.body) excluded = union(excluded, facts(current.test, true));
        break;
      case AST_NODE_TYPES.SwitchCase: {
        const sw = current.parent;
        if (sw?.type === AST_NODE_TYPES.SwitchStatement && isSameReference(sw.discriminant, key)) {
          // Reached through labelled cases only (fall-through from another literal case is fine; `default` is not).
          const index = sw.cases.indexOf(current);
          let pinned: Excluded = ALL;
          for (let i = index; i >= 0; i--) {
            const c = sw.cases[i];
            if (!c) break;
            if (!c.test) {
              pinned = NONE;
              break;
            }
            const label = getStaticString(c.test);
            if (label === undefined || PROTOTYPE_KEYS.includes(label))
              pinned = intersection(pinned, new Set());
            const previous = sw.cases[i - 1];
            if (!previous || alwaysExitsCase(previous)) break;
          }
          excluded = union(excluded, pinned);
        }
        excluded = union(excluded, earlierExits(current.consequent, child, facts));
        break;
      }
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
        excluded = union(excluded, earlierExits(current.body, child, facts));
        break;
      default:
        break;
    }
    // Leaving `list.forEach((key) => …)` or `for (const key of list)`: checks of the whole list still count
    // (`if (!updates.every((u) => ALLOWED.includes(u))) return;`).
    const element = collection ? undefined : elementSource(current, key);
    if (element) {
      key = element;
      collection = true;
    } else if (isFunctionNode(current)) break;
    child = current;
    current = current.parent;
  }
  return excluded;
}

/** When `node` is a callback or loop taking `key` from a list (`list.forEach((key) => …)`), that list. */
function elementSource(node: TSESTree.Node, key: TSESTree.Node): TSESTree.Node | undefined {
  if (key.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (isFunctionNode(node)) {
    const param = node.params[0];
    const call = node.parent;
    if (
      param?.type === AST_NODE_TYPES.Identifier &&
      param.name === key.name &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === node
    ) {
      const callee = unwrapExpression(call.callee);
      const method = getCalleeName(callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        method &&
        /^(?:forEach|map|flatMap|some|find)$/.test(method)
      )
        return callee.object;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.ForOfStatement && node.left.type === AST_NODE_TYPES.VariableDeclaration) {
    const id = node.left.declarations[0]?.id;
    if (id?.type === AST_NODE_TYPES.Identifier && id.name === key.name) return node.right;
  }
  return undefined;
}

/** Checks of a whole list (`list.every(isAllowed)`, or a variable holding that) when `truth`. */
function collectionFacts(
  ctx: DetectContext,
  raw: TSESTree.Node,
  list: TSESTree.Node,
  truth: boolean,
  depth = 0,
): Excluded {
  const test = unwrapExpression(raw);
  const again = (n: TSESTree.Node, t: boolean): Excluded => collectionFacts(ctx, n, list, t, depth + 1);
  if (depth > 4) return NONE;
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? again(test.argument, !truth) : NONE;
    case AST_NODE_TYPES.LogicalExpression:
      if (test.operator === '&&' && truth) return union(again(test.left, true), again(test.right, true));
      if (test.operator === '||' && !truth) return union(again(test.left, false), again(test.right, false));
      return NONE;
    case AST_NODE_TYPES.Identifier: {
      const origin = getOrigin(ctx, test);
      return origin?.kind === 'const' && origin.init ? again(origin.init, truth) : NONE;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(test.callee);
      const cb = test.arguments[0];
      if (
        truth &&
        getCalleeName(callee) === 'every' &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        isSameReference(callee.object, list) &&
        cb &&
        isGuardingFilter(ctx, cb)
      )
        return ALL;
      return NONE;
    }
    default:
      return NONE;
  }
}

function alwaysExitsCase(c: TSESTree.SwitchCase): boolean {
  const last = c.consequent.at(-1);
  return last !== undefined && alwaysExits(last);
}

/** Project checks that throw on a bad key: `await checkOwner(user, id)`, `assertValidField(field)`. */
const THROWING_CHECK = /^(?:assert|check|ensure|verify|validate|require)[A-Z_]/;

/** A standalone call to a throwing check with the key among its arguments. */
function isThrowingCheck(
  raw: TSESTree.Node,
  facts: (test: TSESTree.Node, truth: boolean) => Excluded,
): boolean {
  let node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrapExpression(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(node.callee);
  if (name === undefined || !THROWING_CHECK.test(name)) return false;
  // The call mentions the key: judged as a positive check (`facts` of the call when true).
  return facts(node, true).size === PROTOTYPE_KEYS.length && node.arguments.length > 0;
}

/** `if (test) return/continue/throw;` statements before `child` in a statement list: their test is false after them. */
function earlierExits(
  list: readonly TSESTree.Node[],
  child: TSESTree.Node,
  facts: (test: TSESTree.Node, truth: boolean) => Excluded,
): Excluded {
  let excluded: Excluded = NONE;
  for (const statement of list) {
    if (statement === child) break;
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      isThrowingCheck(statement.expression, facts)
    ) {
      excluded = ALL;
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    if (alwaysExits(statement.consequent)) excluded = union(excluded, facts(statement.test, false));
    else if (statement.alternate && alwaysExits(statement.alternate))
      excluded = union(excluded, facts(statement.test, true));
  }
  return excluded;
}

/** Which prototype names are ruled out for `key` when `test` evaluates to `truth`. */
function factsWhen(
  ctx: DetectContext,
  raw: TSESTree.Node,
  key: TSESTree.Node,
  target: TSESTree.Node | undefined,
  truth: boolean,
): Excluded {
  const test = unwrapExpression(raw);
  const again = (n: TSESTree.Node, t: boolean): Excluded => factsWhen(ctx, n, key, target, t);
  switch (test.type) {
    case AST_NODE_TYPES.LogicalExpression:
      if (test.operator === '&&') {
        return truth
          ? union(again(test.left, true), again(test.right, true))
          : intersection(again(test.left, false), again(test.right, false));
      }
      if (test.operator === '||') {
        return truth
          ? intersection(again(test.left, true), again(test.right, true))
          : union(again(test.left, false), again(test.right, false));
      }
      return NONE;
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? again(test.argument, !truth) : NONE;
    case AST_NODE_TYPES.BinaryExpression:
      return binaryFacts(ctx, test, key, target, truth);
    case AST_NODE_TYPES.CallExpression:
      return callFacts(ctx, test, key, target, truth);
    default:
      return NONE;
  }
}

function binaryFacts(
  ctx: DetectContext,
  test: TSESTree.BinaryExpression,
  key: TSESTree.Node,
  target: TSESTree.Node | undefined,
  truth: boolean,
): Excluded {
  const { left, right, operator } = test;
  if (left.type === AST_NODE_TYPES.PrivateIdentifier) return NONE;
  const equality = operator === '===' || operator === '==';
  const inequality = operator === '!==' || operator === '!=';
  if (equality || inequality) {
    const isEqual = equality ? truth : !truth;
    // `key === 'name'`
    const other = isSameReference(left, key) ? right : isSameReference(right, key) ? left : undefined;
    const literal = other ? getStaticString(other) : undefined;
    if (literal !== undefined) {
      if (isEqual) return new Set(PROTOTYPE_KEYS.filter((k) => k !== literal));
      return PROTOTYPE_KEYS.includes(literal) ? new Set([literal]) : NONE;
    }
    // `typeof key === 'number'`
    const typeofSide = [left, right].find(
      (s) =>
        s.type === AST_NODE_TYPES.UnaryExpression &&
        s.operator === 'typeof' &&
        isSameReference(s.argument, key),
    );
    if (typeofSide) {
      const kind = getStaticString(typeofSide === left ? right : left);
      if (isEqual && kind !== undefined && kind !== 'string') return ALL;
      if (!isEqual && kind === 'string') return ALL;
      return NONE;
    }
    // `list.indexOf(key) !== -1`, `list.indexOf(key) === -1`
    const indexCall = [left, right].find((s) => isIndexOfCall(s, key));
    const minusOne = [left, right].find((s) => isMinusOne(s));
    if (indexCall && minusOne) {
      return membershipFacts(ctx, indexCall as TSESTree.CallExpression, key, !isEqual);
    }
    return NONE;
  }
  // `list.indexOf(key) >= 0`, `> -1`, `< 0`
  const indexCall = isIndexOfCall(left, key) ? left : undefined;
  if (indexCall) {
    const bound = right.type === AST_NODE_TYPES.Literal ? right.value : isMinusOne(right) ? -1 : undefined;
    const found =
      (operator === '>=' && bound === 0) || (operator === '>' && bound === -1)
        ? truth
        : (operator === '<' && bound === 0) || (operator === '<=' && bound === -1)
          ? !truth
          : undefined;
    if (found !== undefined) return membershipFacts(ctx, indexCall as TSESTree.CallExpression, key, found);
  }
  return NONE;
}

function isMinusOne(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return (
    n.type === AST_NODE_TYPES.UnaryExpression &&
    n.operator === '-' &&
    n.argument.type === AST_NODE_TYPES.Literal &&
    n.argument.value === 1
  );
}

function isIndexOfCall(node: TSESTree.Node, key: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return (
    n.type === AST_NODE_TYPES.CallExpression &&
    getCalleeName(n.callee) === 'indexOf' &&
    n.arguments.some((a) => isSameReference(a, key))
  );
}

/** `list.includes(key)` (or `has`, `indexOf`) is `found`: which names are ruled out. */
function membershipFacts(
  ctx: DetectContext,
  call: TSESTree.CallExpression,
  key: TSESTree.Node,
  found: boolean,
): Excluded {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return NONE;
  const list = literalList(ctx, callee.object);
  if (found) {
    // In an allow list: what the list holds. A list made from input proves nothing.
    if (list) return new Set(PROTOTYPE_KEYS.filter((k) => !list.includes(k)));
    return getTaint(ctx, callee.object)?.kind === 'input' ? NONE : ALL;
  }
  // Not in a deny list: what the list holds.
  return list ? new Set(PROTOTYPE_KEYS.filter((k) => list.includes(k))) : NONE;
}

/** The strings of a literal list (`['a', 'b']`, `new Set([...])`, a `const` holding one), or `undefined`. */
function literalList(ctx: DetectContext, raw: TSESTree.Node, depth = 0): string[] | undefined {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const out: string[] = [];
    for (const e of node.elements) {
      const s = e && e.type !== AST_NODE_TYPES.SpreadElement ? getStaticString(e) : undefined;
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
  if (node.type === AST_NODE_TYPES.NewExpression && getCalleeName(node.callee) === 'Set') {
    const first = node.arguments[0];
    return first && depth < 3 ? literalList(ctx, first, depth + 1) : undefined;
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const origin = getOrigin(ctx, node);
    if (origin?.kind === 'const' && origin.init) return literalList(ctx, origin.init, depth + 1);
  }
  return undefined;
}

function callFacts(
  ctx: DetectContext,
  test: TSESTree.CallExpression,
  key: TSESTree.Node,
  target: TSESTree.Node | undefined,
  truth: boolean,
): Excluded {
  const name = getCalleeName(test.callee);
  if (name === undefined) return NONE;
  const callee = unwrapExpression(test.callee);
  const args = test.arguments;
  const mentionsKey = args.some((a) => isSameReference(a, key));
  const receiver =
    callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : undefined;

  // `/^[a-z]+$/.test(key)`
  if ((name === 'test' || name === 'exec') && mentionsKey && receiver) {
    const regex = regexOf(ctx, receiver);
    if (regex) {
      const matches = PROTOTYPE_KEYS.filter((k) => safeTest(regex, k));
      return truth ? new Set(PROTOTYPE_KEYS.filter((k) => !matches.includes(k))) : new Set(matches);
    }
    return NONE;
  }
  // `key.startsWith('x-')`, `key.match(/re/)`
  if (receiver && isSameReference(receiver, key)) {
    const arg = args[0];
    const text = arg ? getStaticString(arg) : undefined;
    let holds: ((k: string) => boolean) | undefined;
    if (text !== undefined && name === 'startsWith') holds = (k) => k.startsWith(text);
    else if (text !== undefined && name === 'endsWith') holds = (k) => k.endsWith(text);
    else if (text !== undefined && name === 'includes') holds = (k) => k.includes(text);
    else if (name === 'match' && arg) {
      const regex = regexOf(ctx, arg);
      if (regex) holds = (k) => safeTest(regex, k);
    }
    if (!holds) return NONE;
    const matching = PROTOTYPE_KEYS.filter(holds);
    return truth ? new Set(PROTOTYPE_KEYS.filter((k) => !matching.includes(k))) : new Set(matching);
  }
  if (!mentionsKey) return NONE;
  // `Number.isInteger(key)`, `isNaN(key)`
  if (name === 'isInteger' || name === 'isSafeInteger' || name === 'isFinite') return truth ? ALL : NONE;
  if (name === 'isNaN') return truth ? NONE : ALL;
  // Allow lists: `ALLOWED.includes(key)`, `allowed.has(key)`
  if ((name === 'includes' || name === 'has') && receiver) return membershipFacts(ctx, test, key, truth);
  // Own-property checks on the object written to.
  if (name === 'hasOwn' || name === 'hasOwnProperty' || name === 'call') {
    const checked =
      name === 'hasOwn'
        ? args[0]
        : name === 'call'
          ? callee.type === AST_NODE_TYPES.MemberExpression &&
            getCalleeName(callee.object) === 'hasOwnProperty'
            ? args[0]
            : undefined
          : receiver;
    if (!checked || !target || !isSameReference(checked, target)) return NONE;
    return truth ? ALL : NONE;
  }
  // Project checks named for what they do.
  if (NEGATIVE_CHECK.test(name)) return truth ? NONE : ALL;
  if (POSITIVE_CHECK.test(name) || THROWING_CHECK.test(name)) return truth ? ALL : NONE;
  return NONE;
}

function regexOf(ctx: DetectContext, raw: TSESTree.Node, depth = 0): RegExp | undefined {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node && node.regex) {
    try {
      return new RegExp(node.regex.pattern, node.regex.flags.replace(/[gy]/g, ''));
    } catch {
      return undefined;
    }
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 2) {
    const origin = getOrigin(ctx, node);
    if (origin?.kind === 'const' && origin.init) return regexOf(ctx, origin.init, depth + 1);
  }
  return undefined;
}

function safeTest(regex: RegExp, text: string): boolean {
  try {
    return regex.test(text);
  } catch {
    return true;
  }
}

/**
 * Whether a `filter` callback keeps only keys that cannot reach a prototype (`(k) => ALLOWED.includes(k)`,
 * `(k) => k !== '__proto__' && k !== 'constructor'`).
 */
export function isGuardingFilter(ctx: DetectContext, fn: TSESTree.Node): boolean {
  if (!isFunctionNode(fn)) return false;
  const param = fn.params[0];
  if (!param || param.type !== AST_NODE_TYPES.Identifier) return false;
  let body: TSESTree.Node | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    body = only?.type === AST_NODE_TYPES.ReturnStatement ? (only.argument ?? undefined) : undefined;
  }
  if (!body) return false;
  return factsWhen(ctx, body, param, undefined, true).has('__proto__');
}

setFilterGuardJudge(isGuardingFilter);
