/**
 * Dynamic writes: can input reach the key of `target[key] = value` (and `Object.assign`, `Reflect.set`, lodash
 * `set`/`merge`…)? A write is reported when untrusted input (see `input.ts`) reaches its key or merged object, or when
 * it sits in a helper that walks the keys of one of its parameters (a merge, clone or set-by-path helper that is
 * polluting by construction), and nothing rules the prototype names out: a provably safe key (literal, number,
 * symbol, enum member, literal union, loop counter, a `for…of` over a constant list, the target's own keys), a guard
 * (see `guards.ts`), or a target that cannot be harmed (arrays, `Map`s, `Object.create(null)`, a fresh dictionary
 * receiving primitives). Keys the program made and that no input reaches are reported only with
 * `reportUnknownKeys` (the strict configuration). Reads, `delete` and object-literal computed keys are never writes.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import {
  getCalleeName,
  getEnclosingFunction,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  isFunctionNode,
  isSameReference,
  unwrapExpression,
} from './ast.js';
import { resolveVariable, type DetectContext } from './context.js';
import { isKeyGuarded, type GuardNeed } from './guards.js';
import { getTaint, type InputOptions } from './input.js';
import { getImportSource, getOrigin } from './origin.js';
import {
  getFiniteProperties,
  getLiteralKeys,
  getType,
  isArrayLikeType,
  isNonSecretPrimitiveType,
  isNumberLikeType,
  isStringLikeType,
  isSymbolType,
  TYPED_ARRAYS,
} from './types.js';

/** Options for {@link getUnsafeAssignment}. */
export interface AssignmentOptions {
  /** Check `Object.assign(target, source)` (default `true`). */
  checkObjectAssign?: boolean;
  /** Check lodash `set`/`setWith`/`merge`/`mergeWith`/`defaultsDeep`/`zipObjectDeep`/`update` (default `true`). */
  checkLodash?: boolean;
  /** Identifiers whose values are trusted as keys or as `Object.assign` sources (`defaults`, `config`). */
  trustedSources?: readonly string[];
  /** Functions whose results are safe subsets of their input (project allow-list pickers), beyond the usual names. */
  sanitizers?: readonly string[];
  /**
   * Also report writes whose key is not provably safe although no input is seen to reach it (default `false`; the
   * `strict` configuration turns it on).
   */
  reportUnknownKeys?: boolean;
}

/** What kind of dynamic write was found. */
export type UnsafeAssignmentKind =
  /** `target[key] = value`, `Object.assign(target, { [key]: value })` */
  | 'computed'
  /** `target[k1][k2] = value`, `target[k].x = value`: the first key can reach `Object.prototype` */
  | 'deep'
  /** `merge(target[key], source[key])` inside `merge`: a recursive helper that can walk into `__proto__` */
  | 'recursion'
  /** `Object.assign(target, source)` with a source that carries input */
  | 'objectAssign'
  /** `Reflect.set(target, key, value)` */
  | 'reflectSet'
  /** lodash `set`/`merge`… with a path or source that carries input */
  | 'lodash';

/** Why a write is reported: input reaches it, it is a helper that walks a parameter's keys, or (strict) unknown. */
export type AssignmentReach =
  { kind: 'input'; from: string } | { kind: 'helper'; from: string; fn: TSESTree.Node } | { kind: 'unknown' };

/** The fields a target's declared type lists, for an allow-list suggestion (never from an initialiser literal). */
export interface DeclaredFields {
  /** The declared type, as written (`User`, `UpdateDto`). */
  typeName: string;
  /** The fields a caller may reasonably set: every declared field except privileged and sensitive ones. */
  allow: string[];
  /** Declared fields left out of `allow` because they grant privileges or hold secrets (`isAdmin`, `passwordHash`). */
  privileged: string[];
}

/** An unsafe dynamic write. */
export interface UnsafeAssignment {
  kind: UnsafeAssignmentKind;
  /** The node to report. */
  node: TSESTree.Node;
  /** The assignment or call expression. */
  expression: TSESTree.AssignmentExpression | TSESTree.CallExpression;
  target: TSESTree.Node;
  /** The unsafe key (or lodash path). */
  key?: TSESTree.Node;
  value?: TSESTree.Node;
  /** `Object.assign`/`merge` sources. */
  sources?: TSESTree.Node[];
  /** The lodash function name (`set`, `merge`…). */
  method?: string;
  /** What reaches the key or source. */
  reach: AssignmentReach;
  /** The target's declared fields, when its type is declared and finite. */
  declared?: DeclaredFields;
  /** The write is a whole expression statement (its value is unused). */
  isStatement: boolean;
}

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Fields an allow list from a declared type leaves out (and names) even when the classifier does not call them
 * sensitive: privileges and anything derived from a secret (`isAdmin`, `role`, `permissions`, `passwordHash`,
 * `tokenVersion`, `emailVerified`).
 */
const PRIVILEGED_FIELD =
  /admin|role|permission|privilege|scope|password|passwd|secret|token|credential|verified|owner|tenant|apikey|api_key|author|^_?id$|^uuid$|[a-z]Id$|_id$|^(?:created|updated|deleted)(?:At|_at|On|_on|By|_by)?$|^version$/i;
const LODASH_MODULES =
  /^(?:lodash|lodash-es|lodash\/fp|underscore)$|^lodash[./](?:set|setwith|merge|mergewith|defaultsdeep|zipobjectdeep|update|updatewith)(?:\.js)?$/i;
/** SCREAMING_CASE names (`LEVEL`, `MAX_ITEMS`, `kCallbacks` is not one). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const LODASH_PATH_METHODS = new Set(['set', 'setWith', 'update', 'updateWith']);
const LODASH_SOURCE_METHODS = new Set(['merge', 'mergeWith', 'defaultsDeep']);

/** Returns the unsafe dynamic write `node` is, or `null`. */
export function getUnsafeAssignment(
  ctx: DetectContext,
  node: TSESTree.AssignmentExpression | TSESTree.CallExpression,
  options: AssignmentOptions = {},
): UnsafeAssignment | null {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return checkAssignment(ctx, node, options);
  return checkCall(ctx, node, options);
}

function isStatement(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node | undefined): boolean {
  if (!ancestor) return false;
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/**
 * What reaches `key` at `site` when nothing proves it safe: input, the keys of a parameter of an enclosing
 * function (a helper that is polluting by construction), or, with `reportUnknownKeys`, anything. `undefined` when the
 * key is guarded or nothing untrusted reaches it.
 */
function reachOfKey(
  ctx: DetectContext,
  key: TSESTree.Node,
  site: TSESTree.Node,
  target: TSESTree.Node | undefined,
  need: GuardNeed,
  options: AssignmentOptions,
): AssignmentReach | undefined {
  if (isSafeKey(ctx, key, site, options)) return undefined;
  const taint = getTaint(ctx, key, inputOptions(options));
  let reach: AssignmentReach | undefined;
  if (taint?.kind === 'input') reach = { kind: 'input', from: taint.from };
  else if (taint?.kind === 'param-keys' && taint.fn && isInside(site, taint.fn))
    reach = { kind: 'helper', from: taint.from, fn: taint.fn };
  else if (taint?.kind === 'param' && taint.fn && isInside(site, taint.fn) && target && isWalked(ctx, target))
    // `node = node[segment]` … `node[last] = value`: a set-by-path helper walking a path it was given.
    reach = { kind: 'helper', from: taint.from, fn: taint.fn };
  else if (options.reportUnknownKeys) reach = { kind: 'unknown' };
  if (!reach) return undefined;
  if (isKeyGuarded(ctx, key, site, target, need)) return undefined;
  return reach;
}

function inputOptions(options: AssignmentOptions): InputOptions {
  return options.sanitizers ? { sanitizers: options.sanitizers } : {};
}

/**
 * `rules[k] = {};` as an unconditional statement before `rules[k][name] = v`: the entry is a new object, never
 * `Object.prototype`. (`o[k] = o[k] || {}` is different: with `__proto__` it keeps the prototype.)
 */
function isJustMadeFresh(entry: TSESTree.MemberExpression, site: TSESTree.Node): boolean {
  // Each enclosing block up to the function, looking at the statements before the one that holds the site.
  for (let child: TSESTree.Node = site, block = site.parent; block; child = block, block = block.parent) {
    if (isFunctionNode(block)) return false;
    if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) continue;
    if (madeFreshBefore(block.body, child, entry)) return true;
  }
  return false;
}

function madeFreshBefore(
  body: readonly TSESTree.Node[],
  statement: TSESTree.Node,
  entry: TSESTree.MemberExpression,
): boolean {
  for (const previous of body) {
    if (previous === statement) break;
    if (previous.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const e = unwrapExpression(previous.expression);
    if (e.type !== AST_NODE_TYPES.AssignmentExpression || e.operator !== '=') continue;
    const left = unwrapExpression(e.left);
    const right = unwrapExpression(e.right);
    if (
      left.type === AST_NODE_TYPES.MemberExpression &&
      left.computed &&
      isSameReference(left.object, entry.object) &&
      isSameReference(left.property, entry.property) &&
      (right.type === AST_NODE_TYPES.ObjectExpression ||
        right.type === AST_NODE_TYPES.ArrayExpression ||
        right.type === AST_NODE_TYPES.NewExpression)
    )
      return true;
  }
  return false;
}

/** `list.reduce((acc, k) => { acc[k] = …; return acc; }, {})`: the accumulator is a fresh local dictionary. */
function isFreshAccumulator(raw: TSESTree.Node): boolean {
  const target = unwrapExpression(raw);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  let fn: TSESTree.Node | undefined = target.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !isFunctionNode(fn)) return false;
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier || first.name !== target.name) return false;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const method = getCalleeName(call.callee);
  const initial = call.arguments[1];
  return (
    (method === 'reduce' || method === 'reduceRight') &&
    initial !== undefined &&
    unwrapExpression(initial).type === AST_NODE_TYPES.ObjectExpression &&
    (unwrapExpression(initial) as TSESTree.ObjectExpression).properties.length === 0
  );
}

/** A variable walked down an object by its own computed members (`node = node[segment]`): a path walker. */
function isWalked(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const target = unwrapExpression(raw);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolveVariable(ctx, target);
  return (
    variable?.references.some((ref) => {
      const write = ref.writeExpr ? unwrapExpression(ref.writeExpr) : undefined;
      if (!write || ref.init) return false;
      let value: TSESTree.Node = write;
      while (
        value.type === AST_NODE_TYPES.LogicalExpression ||
        value.type === AST_NODE_TYPES.AssignmentExpression
      ) {
        value = unwrapExpression(value.type === AST_NODE_TYPES.LogicalExpression ? value.left : value.left);
      }
      return (
        value.type === AST_NODE_TYPES.MemberExpression &&
        value.computed &&
        isSameReference(value.object, target)
      );
    }) ?? false
  );
}

/** Whether `node` reads `left` (the same object and key). */
function readsSame(node: TSESTree.Node, left: TSESTree.MemberExpression): boolean {
  const read = unwrapExpression(node);
  return (
    read.type === AST_NODE_TYPES.MemberExpression &&
    read.computed &&
    isSameReference(read.object, left.object) &&
    isSameReference(read.property, left.property)
  );
}

/**
 * `target[key] = target[key] ?? {}`, `if (!target[key]) target[key] = {}`: makes sure an entry exists. With
 * `__proto__` the first writes back the prototype and the second does not run (the prototype is truthy); the walk
 * that follows is what can pollute, and is judged where it writes.
 */
function isEnsureExists(left: TSESTree.MemberExpression, value: TSESTree.Node): boolean {
  const assignment = left.parent;
  let statement: TSESTree.Node | undefined = assignment?.parent;
  if (statement?.type === AST_NODE_TYPES.ExpressionStatement) statement = statement.parent;
  if (statement?.type === AST_NODE_TYPES.BlockStatement) statement = statement.parent;
  if (statement?.type === AST_NODE_TYPES.IfStatement) {
    const test = unwrapExpression(statement.test);
    if (
      test.type === AST_NODE_TYPES.UnaryExpression &&
      test.operator === '!' &&
      readsSame(test.argument, left)
    )
      return true;
  }
  const v = unwrapExpression(value);
  if (v.type !== AST_NODE_TYPES.LogicalExpression || (v.operator !== '??' && v.operator !== '||'))
    return false;
  const read = unwrapExpression(v.left);
  return (
    read.type === AST_NODE_TYPES.MemberExpression &&
    read.computed &&
    isSameReference(read.object, left.object) &&
    isSameReference(read.property, left.property)
  );
}

/** What reaches a merged source (`Object.assign(target, source)`, lodash `merge`): input, or (strict) anything. */
function reachOfSource(
  ctx: DetectContext,
  source: TSESTree.Node,
  options: AssignmentOptions,
): AssignmentReach | undefined {
  if (isTrustedSource(ctx, source, options)) return undefined;
  const node = source.type === AST_NODE_TYPES.SpreadElement ? source.argument : source;
  const taint = getTaint(ctx, node, inputOptions(options));
  if (taint?.kind === 'input') return { kind: 'input', from: taint.from };
  return options.reportUnknownKeys ? { kind: 'unknown' } : undefined;
}

/** A value that cannot be an object (a `__proto__` write of it is ignored by JavaScript). */
function isPrimitiveValue(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return !('regex' in node && node.regex);
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.LogicalExpression:
      return isPrimitiveValue(ctx, node.left) && isPrimitiveValue(ctx, node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isPrimitiveValue(ctx, node.consequent) && isPrimitiveValue(ctx, node.alternate);
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(node.callee);
      return (
        name !== undefined &&
        /^(?:String|Number|Boolean|parseInt|parseFloat|toString|toFixed|toISOString|trim|toLowerCase|toUpperCase|join)$/.test(
          name,
        )
      );
    }
    default: {
      const type = getType(ctx, node);
      if (!type) return false;
      const parts = type.isUnion() ? type.types : [type];
      return parts.every((t) => isNonSecretPrimitiveType(t) || isStringLikeType(t) || isNumberLikeType(t));
    }
  }
}

function checkAssignment(
  ctx: DetectContext,
  node: TSESTree.AssignmentExpression,
  options: AssignmentOptions,
): UnsafeAssignment | null {
  // Compound assignments (`+=`, `??=`…) read the key first; `counts[k] += 1` cannot set a prototype.
  if (node.operator !== '=') return null;
  const left = unwrapExpression(node.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;

  // Deep writes: a computed member below the written one whose key input reaches can be `Object.prototype`.
  let inner = unwrapExpression(left.object);
  while (inner.type === AST_NODE_TYPES.MemberExpression) {
    if (
      inner.computed &&
      !isHarmlessTarget(ctx, inner.object, inner, true) &&
      !isJustMadeFresh(inner, node)
    ) {
      const reach = reachOfKey(ctx, inner.property, inner, inner.object, 'single', options);
      if (reach) {
        return {
          kind: 'deep',
          node: left,
          expression: node,
          target: inner.object,
          key: inner.property,
          value: node.right,
          reach,
          isStatement: isStatement(node),
        };
      }
    }
    inner = unwrapExpression(inner.object);
  }

  if (!left.computed) return null;
  if (isEnsureExists(left, node.right)) return null;
  const reach = reachOfKey(ctx, left.property, left, left.object, 'single', options);
  if (!reach) return null;
  if (isHarmlessWrite(ctx, left.object, left, node.right, reach)) return null;
  const declared = getDeclaredFields(ctx, left.object);
  return {
    kind: 'computed',
    node: left,
    expression: node,
    target: left.object,
    key: left.property,
    value: node.right,
    reach,
    ...(declared ? { declared } : {}),
    isStatement: isStatement(node),
  };
}

/**
 * Targets a write cannot harm (arrays, `Object.create(null)`), primitive dictionaries, and objects made empty in the
 * same function when the value written cannot be an object (`counts[word] = n + 1`): on those `__proto__` is ignored.
 */
function isHarmlessWrite(
  ctx: DetectContext,
  target: TSESTree.Node,
  site: TSESTree.Node,
  value: TSESTree.Node | undefined,
  reach: AssignmentReach,
): boolean {
  if (isHarmlessTarget(ctx, target, site, true)) return true;
  if (value && isPrimitiveDictionaryWrite(ctx, target, value)) return true;
  // A helper copying primitives (`flatten`): `__proto__ = 'text'` is ignored, and copying keys is its purpose.
  if (reach.kind === 'helper' && value && isPrimitiveValue(ctx, value)) return true;
  const entry = unwrapExpression(target);
  const freshEntry =
    entry.type === AST_NODE_TYPES.MemberExpression && entry.computed && isJustMadeFresh(entry, site);
  if (!isHarmlessTarget(ctx, target, site, false) && !isFreshAccumulator(target) && !freshEntry) return false;
  // A fresh local dictionary: harmless for primitives; an object value could become its prototype. A helper copying
  // into a fresh object is a pick or a shallow copy: only a recursive clone hands the prototype on.
  if (reach.kind === 'helper') return value === undefined || !isRecursiveCall(site, value);
  return (
    reach.kind === 'unknown' || value === undefined || isPrimitiveValue(ctx, value) || isEmptyFresh(value)
  );
}

/** The function `node` is in, when it is a named function or method (for recursion). */
function enclosingNamedFunction(
  node: TSESTree.Node,
): { fn: TSESTree.Node; name: string; method: boolean } | undefined {
  const fn = getEnclosingFunction(node);
  if (!isFunctionNode(fn)) return undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return { fn, name: fn.id.name, method: false };
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return { fn, name: fn.id.name, method: false };
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return { fn, name: parent.id.name, method: false };
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
    const name = getStaticKeyName(parent.key, parent.computed);
    if (name !== undefined) return { fn, name, method: parent.type === AST_NODE_TYPES.MethodDefinition };
  }
  return undefined;
}

/** Whether `value` calls the function `site` is in (a recursive clone). */
function isRecursiveCall(site: TSESTree.Node, value: TSESTree.Node): boolean {
  const named = enclosingNamedFunction(site);
  const v = unwrapExpression(value);
  if (!named || v.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(v.callee);
  return (
    (callee.type === AST_NODE_TYPES.Identifier && callee.name === named.name) ||
    (callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === named.name)
  );
}

/** `{}`, `[]` or `new Thing()`: an object the program made, carrying nothing a caller sent. */
function isEmptyFresh(raw: TSESTree.Node): boolean {
  const v = unwrapExpression(raw);
  if (v.type === AST_NODE_TYPES.ObjectExpression || v.type === AST_NODE_TYPES.ArrayExpression) {
    return (v.type === AST_NODE_TYPES.ObjectExpression ? v.properties : v.elements).length === 0;
  }
  return v.type === AST_NODE_TYPES.NewExpression && v.arguments.length === 0;
}

/** `merge(target[key], source[key])` inside `merge` (or `this.merge(…)` inside the method `merge`). */
function checkRecursion(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  options: AssignmentOptions,
): UnsafeAssignment | null {
  const named = enclosingNamedFunction(node);
  if (!named) return null;
  const callee = unwrapExpression(node.callee);
  const calls =
    (callee.type === AST_NODE_TYPES.Identifier && callee.name === named.name && !named.method) ||
    (callee.type === AST_NODE_TYPES.MemberExpression &&
      unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression &&
      getMemberName(callee) === named.name);
  if (!calls) return null;
  for (const raw of node.arguments) {
    const arg = unwrapExpression(raw);
    if (arg.type !== AST_NODE_TYPES.MemberExpression || !arg.computed) continue;
    if (isHarmlessTarget(ctx, arg.object, arg, true)) continue;
    const reach = reachOfKey(ctx, arg.property, node, arg.object, 'deep', options);
    if (!reach || reach.kind === 'unknown') continue;
    // Recursing into the object the keys came from is reading, not writing: only a target that is written counts.
    if (!isWrittenInFunction(arg.object, named.fn)) continue;
    return {
      kind: 'recursion',
      node,
      expression: node,
      target: arg.object,
      key: arg.property,
      reach,
      isStatement: isStatement(node),
    };
  }
  return null;
}

/** Whether `fn` writes a computed property of `object` (`object[k] = …`) somewhere. */
function isWrittenInFunction(object: TSESTree.Node, fn: TSESTree.Node): boolean {
  let found = false;
  simpleTraverse(fn, {
    enter(n) {
      if (
        !found &&
        n.type === AST_NODE_TYPES.AssignmentExpression &&
        n.left.type === AST_NODE_TYPES.MemberExpression &&
        isSameReference(n.left.object, object)
      )
        found = true;
    },
  });
  return found;
}

function checkCall(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  options: AssignmentOptions,
): UnsafeAssignment | null {
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return null;
  const objectName =
    callee.type === AST_NODE_TYPES.MemberExpression &&
    unwrapExpression(callee.object).type === AST_NODE_TYPES.Identifier
      ? (unwrapExpression(callee.object) as TSESTree.Identifier).name
      : undefined;

  if (name === 'assign' && objectName === 'Object' && options.checkObjectAssign !== false) {
    const [target, ...sources] = node.arguments;
    if (!target || target.type === AST_NODE_TYPES.SpreadElement || sources.length === 0) return null;
    if (isFreshObject(target)) return null;
    const declared = getDeclaredFields(ctx, target);
    const base = {
      node,
      expression: node,
      target,
      sources,
      ...(declared ? { declared } : {}),
      isStatement: isStatement(node),
    };
    // `Object.assign(target, { [key]: value })` is `target[key] = value`.
    for (const source of sources) {
      const literal = unwrapExpression(source);
      if (literal.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const p of literal.properties) {
        if (p.type !== AST_NODE_TYPES.Property || !p.computed) continue;
        const reach = reachOfKey(ctx, p.key, node, target, 'single', options);
        if (reach && !isHarmlessWrite(ctx, target, node, p.value, reach)) {
          return { ...base, kind: 'objectAssign', key: p.key, value: p.value, reach };
        }
      }
    }
    for (const source of sources) {
      const reach = reachOfSource(ctx, source, options);
      if (reach) return { ...base, kind: 'objectAssign', reach };
    }
    return null;
  }

  if (name === 'set' && objectName === 'Reflect') {
    const [target, key, value] = node.arguments;
    if (
      !target ||
      !key ||
      target.type === AST_NODE_TYPES.SpreadElement ||
      key.type === AST_NODE_TYPES.SpreadElement
    )
      return null;
    const reach = reachOfKey(ctx, key, node, target, 'single', options);
    if (!reach) return null;
    const plainValue = value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined;
    if (isHarmlessWrite(ctx, target, node, plainValue, reach)) return null;
    const declared = getDeclaredFields(ctx, target);
    return {
      kind: 'reflectSet',
      node,
      expression: node,
      target,
      key,
      ...(plainValue ? { value: plainValue } : {}),
      reach,
      ...(declared ? { declared } : {}),
      isStatement: isStatement(node),
    };
  }

  const recursion = checkRecursion(ctx, node, options);
  if (recursion) return recursion;

  if (options.checkLodash === false || !isLodashCall(ctx, callee, name)) return null;
  const [target, second, third] = node.arguments;
  if (!target || target.type === AST_NODE_TYPES.SpreadElement) return null;
  if (LODASH_PATH_METHODS.has(name)) {
    if (!second || second.type === AST_NODE_TYPES.SpreadElement || isSafePath(ctx, second, node, options))
      return null;
    const reach = reachOfKey(ctx, second, node, target, 'deep', options);
    if (!reach) return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      key: second,
      ...(third && third.type !== AST_NODE_TYPES.SpreadElement ? { value: third } : {}),
      method: name,
      reach,
      isStatement: isStatement(node),
    };
  }
  if (LODASH_SOURCE_METHODS.has(name)) {
    const sources = node.arguments
      .slice(1)
      .filter(
        (s) =>
          !(
            s.type === AST_NODE_TYPES.ArrowFunctionExpression || s.type === AST_NODE_TYPES.FunctionExpression
          ),
      );
    let reach: AssignmentReach | undefined;
    for (const s of sources) reach ??= reachOfSource(ctx, s, options);
    if (!reach) return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      sources,
      method: name,
      reach,
      isStatement: isStatement(node),
    };
  }
  if (name === 'zipObjectDeep') {
    const paths = unwrapExpression(target);
    if (
      paths.type === AST_NODE_TYPES.ArrayExpression &&
      paths.elements.every((e) => e && isSafePath(ctx, e, node, options))
    )
      return null;
    const reach = reachOfKey(ctx, target, node, undefined, 'deep', options);
    if (!reach) return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      key: target,
      method: name,
      reach,
      isStatement: isStatement(node),
    };
  }
  return null;
}

function isLodashCall(ctx: DetectContext, callee: TSESTree.Node, name: string): boolean {
  if (!LODASH_PATH_METHODS.has(name) && !LODASH_SOURCE_METHODS.has(name) && name !== 'zipObjectDeep')
    return false;
  const imported = getImportSource(ctx, callee);
  if (imported) return LODASH_MODULES.test(imported.source);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(callee.object);
    return (
      object.type === AST_NODE_TYPES.Identifier &&
      (object.name === '_' || object.name === 'lodash') &&
      !getOrigin(ctx, object)
    );
  }
  return false;
}

/** A lodash path: a string without `__proto__`/`constructor`/`prototype` segments, or an array of safe keys. */
function isSafePath(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions,
): boolean {
  const node = unwrapExpression(raw);
  const text = getStaticString(node);
  if (text !== undefined) return !text.split(/[.[\]'"]+/).some((segment) => DANGEROUS_KEYS.has(segment));
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.every(
      (e) => e !== null && e.type !== AST_NODE_TYPES.SpreadElement && isSafeKey(ctx, e, site, options),
    );
  }
  return false;
}

/** `{…}` or `[]` literals (a new object whose only reference is the call's result). */
function isFreshObject(raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  return node.type === AST_NODE_TYPES.ObjectExpression || node.type === AST_NODE_TYPES.ArrayExpression;
}

function isTrustedSource(ctx: DetectContext, raw: TSESTree.Node, options: AssignmentOptions): boolean {
  const node = unwrapExpression(raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return node.properties.every(
      (p) => p.type === AST_NODE_TYPES.Property || isTrustedSource(ctx, p.argument, options),
    );
  }
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : getMemberName(node);
    if (name !== undefined && options.trustedSources?.includes(name)) return true;
    // A module constant initialised with an object literal (`const DEFAULTS = { … }`).
    const origin = getOrigin(ctx, node);
    if (
      origin?.kind === 'const' &&
      origin.init &&
      unwrapExpression(origin.init).type === AST_NODE_TYPES.ObjectExpression
    ) {
      return isTrustedSource(ctx, origin.init, options);
    }
  }
  return false;
}

/**
 * Whether `key` is provably safe as a property key at `site`: a literal, a number, a symbol, an enum member, a
 * literal union (by type or by its written annotation), a loop counter, an element of a constant list, one of the
 * target's own keys, or a key checked by a guard before the write.
 */
export function isSafeKey(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions = {},
  depth = 0,
): boolean {
  if (depth > 4) return false;
  const key = unwrapExpression(raw);
  if (isSyntacticallySafeKey(ctx, key, site, options, depth)) return true;
  const written = getType(ctx, raw);
  // `key: K` with `K extends keyof T`: judge the constraint.
  const type =
    written && ctx.checker && written.isTypeParameter()
      ? (ctx.checker.getBaseConstraintOfType(written) ?? written)
      : written;
  if (type && (isNumberLikeType(type) || isSymbolType(type) || getLiteralKeys(type) !== undefined)) {
    return getLiteralKeys(type)?.some((k) => DANGEROUS_KEYS.has(String(k))) !== true;
  }
  return false;
}

/** A key with this constant prefix and suffix cannot be `__proto__`, `constructor` or `prototype`. */
function cannotBePrototypeName(prefix: string, suffix: string): boolean {
  if (prefix === '' && suffix === '') return false;
  return [...DANGEROUS_KEYS].every(
    (k) => !k.startsWith(prefix) || !k.endsWith(suffix) || k.length < prefix.length + suffix.length,
  );
}

function hasNonIdentifierChar(text: string): boolean {
  return /[^\w$]/.test(text);
}

function isSyntacticallySafeKey(
  ctx: DetectContext,
  key: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions,
  depth: number,
): boolean {
  switch (key.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral: {
      if (key.expressions.length === 0) return true;
      if (key.quasis.some((q) => hasNonIdentifierChar(q.value.cooked ?? ''))) return true;
      // `` `user${id}` ``: no prototype name starts with `user` (or ends with the constant suffix).
      return cannotBePrototypeName(key.quasis[0]?.value.cooked ?? '', key.quasis.at(-1)?.value.cooked ?? '');
    }
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression: {
      if (key.operator !== '+') return true;
      const parts = [key.left, key.right];
      return (
        parts.some((p) => {
          const s = getStaticString(p);
          return s !== undefined && hasNonIdentifierChar(s);
        }) ||
        cannotBePrototypeName(getStaticString(key.left) ?? '', getStaticString(key.right) ?? '') ||
        parts.some((p) => p.type === AST_NODE_TYPES.Literal && typeof p.value === 'number') ||
        parts.every((p) => isNumericExpression(p))
      );
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(key);
      if (name === 'length' || name === 'size' || name === 'byteLength') return true;
      if (!key.computed && name !== undefined && CONSTANT_NAME.test(name)) return true;
      const object = unwrapExpression(key.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        if (object.name === 'Symbol') return true;
        const variable = resolveVariable(ctx, object);
        if (variable?.defs.some((d) => d.type === 'TSEnumName')) return true;
        if (options.trustedSources?.includes(object.name)) return true;
      }
      return false;
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(key.callee);
      return (
        name !== undefined &&
        /^(?:Symbol|for|Number|parseInt|parseFloat|indexOf|lastIndexOf|findIndex|findLastIndex|charCodeAt|codePointAt|now|floor|ceil|round|trunc|min|max|abs|random)$/.test(
          name,
        )
      );
    }
    case AST_NODE_TYPES.Identifier:
      return isSafeIdentifierKey(ctx, key, site, options, depth);
    default:
      return false;
  }
}

function isNumericExpression(raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number';
  if (node.type === AST_NODE_TYPES.UpdateExpression) return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression) return node.operator !== '+';
  if (node.type === AST_NODE_TYPES.MemberExpression) return getMemberName(node) === 'length';
  return false;
}

function isSafeIdentifierKey(
  ctx: DetectContext,
  key: TSESTree.Identifier,
  site: TSESTree.Node,
  options: AssignmentOptions,
  depth: number,
): boolean {
  if (options.trustedSources?.includes(key.name)) return true;
  // `obj[LEVEL]`, `obj[FIELD_NAME]`: a key named as a constant is the programmer's choice, not input.
  if (CONSTANT_NAME.test(key.name)) return true;
  const origin = getOrigin(ctx, key);
  if (!origin) return false;
  if (origin.typeAnnotation && isSafeKeyAnnotation(ctx, origin.typeAnnotation, key, 0)) return true;
  const loop = origin.loop;
  if (loop) {
    if (loop.type === AST_NODE_TYPES.ForStatement) {
      return origin.init !== undefined && isNumericExpression(origin.init);
    }
    const right = unwrapExpression(loop.right);
    const target = getSiteTarget(site);
    if (loop.type === AST_NODE_TYPES.ForInStatement)
      return target !== undefined && isSameReference(right, target);
    // for…of over a constant list, or over the target's own keys/entries.
    if (isConstantList(ctx, right)) return true;
    if (right.type === AST_NODE_TYPES.CallExpression && target) {
      const name = getCalleeName(right.callee);
      const arg = right.arguments[0];
      if (
        (name === 'keys' || name === 'entries' || name === 'getOwnPropertyNames') &&
        arg &&
        isSameReference(arg, target)
      ) {
        return true;
      }
    }
    return false;
  }
  if (origin.kind === 'const' && origin.init) return isSafeKey(ctx, origin.init, site, options, depth + 1);
  return false;
}

/** The object written to at a write site (`target` of `target[key] = v`, first argument of `Reflect.set`). */
function getSiteTarget(site: TSESTree.Node): TSESTree.Node | undefined {
  if (site.type === AST_NODE_TYPES.MemberExpression) return site.object;
  if (site.type === AST_NODE_TYPES.CallExpression) {
    const first = site.arguments[0];
    return first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  }
  return undefined;
}

function isConstantList(ctx: DetectContext, raw: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.every((e) => {
      if (!e || e.type === AST_NODE_TYPES.SpreadElement) return false;
      const value = unwrapExpression(e);
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        // entries: `[['a', 1], ['b', 2]]`
        const first = value.elements[0];
        return (
          first !== null &&
          first !== undefined &&
          first.type === AST_NODE_TYPES.Literal &&
          !DANGEROUS_KEYS.has(String(first.value))
        );
      }
      return value.type === AST_NODE_TYPES.Literal && !DANGEROUS_KEYS.has(String(value.value));
    });
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 2) {
    const origin = getOrigin(ctx, node);
    if (origin?.kind === 'const' && origin.init) return isConstantList(ctx, origin.init, depth + 1);
  }
  return false;
}

/** A written annotation that only admits safe keys: literal unions, `keyof T`, `number`, `symbol`, enums, aliases of these. */
function isSafeKeyAnnotation(
  ctx: DetectContext,
  type: TSESTree.TypeNode,
  at: TSESTree.Node,
  depth: number,
): boolean {
  if (depth > 4) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSLiteralType:
      return type.literal.type === AST_NODE_TYPES.Literal && !DANGEROUS_KEYS.has(String(type.literal.value));
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSSymbolKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every((t) => isSafeKeyAnnotation(ctx, t, at, depth + 1));
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'keyof';
    case AST_NODE_TYPES.TSIndexedAccessType:
      // `(typeof KEYS)[number]`
      return (
        type.indexType.type === AST_NODE_TYPES.TSNumberKeyword &&
        type.objectType.type === AST_NODE_TYPES.TSTypeQuery
      );
    case AST_NODE_TYPES.TSTypeReference: {
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
      const scope = ctx.getScope(at);
      if (!scope) return false;
      let s: typeof scope | null = scope;
      while (s) {
        const variable = s.set.get(type.typeName.name);
        if (variable) {
          for (const def of variable.defs) {
            if (def.type === 'TSEnumName') return true;
            if (def.node.type === AST_NODE_TYPES.TSTypeParameter) {
              return (
                def.node.constraint !== undefined &&
                isSafeKeyAnnotation(ctx, def.node.constraint, at, depth + 1)
              );
            }
            if (def.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
              return isSafeKeyAnnotation(ctx, def.node.typeAnnotation, at, depth + 1);
            }
          }
          return false;
        }
        s = s.upper;
      }
      return false;
    }
    default:
      return false;
  }
}

/**
 * Targets a dynamic write cannot harm: arrays and typed arrays, `Object.create(null)` dictionaries, and (for
 * single-level writes) empty object literals or `Record<string, …>`-annotated dictionaries declared in the same
 * function: they have no field to overwrite, and `__proto__` on them only changes that one local object.
 */
function isHarmlessTarget(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  deep: boolean,
): boolean {
  const target = unwrapExpression(raw);
  const type = getType(ctx, target);
  if (type && isArrayLikeType(ctx, type)) return true;
  if (target.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'arguments') return true;
  const origin = getOrigin(ctx, target);
  if (!origin) return false;
  const init = origin.init ? unwrapExpression(origin.init) : undefined;
  if (init) {
    if (init.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (init.type === AST_NODE_TYPES.NewExpression) {
      const name = getCalleeName(init.callee);
      if (name !== undefined && (TYPED_ARRAYS.has(name) || name === 'Array')) return true;
    }
    if (init.type === AST_NODE_TYPES.CallExpression) {
      const name = getCalleeName(init.callee);
      const arg = init.arguments[0];
      if (
        name === 'create' &&
        arg &&
        unwrapExpression(arg).type === AST_NODE_TYPES.Literal &&
        (unwrapExpression(arg) as TSESTree.Literal).value === null
      ) {
        return true;
      }
      if (name === 'map' || name === 'filter') return true;
      if (
        name !== undefined &&
        /^(?:from|of|alloc|allocUnsafe)$/.test(name) &&
        /^(?:Array|Buffer)$/.test(String(getCalleeObject(init.callee)))
      ) {
        return true;
      }
    }
  }
  if (origin.typeAnnotation) {
    const annotation = origin.typeAnnotation;
    if (annotation.type === AST_NODE_TYPES.TSArrayType || annotation.type === AST_NODE_TYPES.TSTupleType)
      return true;
    if (
      annotation.type === AST_NODE_TYPES.TSTypeReference &&
      annotation.typeName.type === AST_NODE_TYPES.Identifier
    ) {
      const n = annotation.typeName.name;
      if (n === 'Array' || n === 'ReadonlyArray' || TYPED_ARRAYS.has(n)) return true;
    }
  }
  if (deep) return false;
  // Dictionary building in the same function: `const counts: Record<string, number> = {}; counts[word] = …`.
  // Declared in the function the write is in, or in one enclosing it (a `forEach` callback); never module-level.
  const declaring = getEnclosingFunction(origin.node);
  const declaredHere =
    declaring === getEnclosingFunction(site) ||
    (declaring.type !== AST_NODE_TYPES.Program && isInside(site, declaring));
  if (!declaredHere || origin.kind === undefined) return false;
  if (init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.length === 0) return true;
  return false;
}

const PRIMITIVE_KEYWORDS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
]);

function isPrimitiveTypeNode(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (PRIMITIVE_KEYWORDS.has(type.type) || type.type === AST_NODE_TYPES.TSLiteralType) return true;
  return type.type === AST_NODE_TYPES.TSUnionType && type.types.every((t) => isPrimitiveTypeNode(t));
}

/**
 * A dictionary of primitives (`Record<string, string>`, `{ [k: string]: number }`) receiving a primitive: it has no
 * fixed field to overwrite, and `__proto__ = 'text'` is ignored by JavaScript.
 */
function isPrimitiveDictionaryWrite(
  ctx: DetectContext,
  rawTarget: TSESTree.Node,
  value: TSESTree.Node,
): boolean {
  const type = getType(ctx, rawTarget);
  const checker = ctx.checker;
  if (type && checker) {
    if (checker.getIndexInfosOfType(type).length === 0 || checker.getPropertiesOfType(type).length > 0)
      return false;
    const valueType = getType(ctx, value);
    const parts = valueType ? (valueType.isUnion() ? valueType.types : [valueType]) : [];
    return parts.length > 0 && parts.every((t) => isNonSecretPrimitiveType(t) || isStringLikeType(t));
  }
  const origin = getOrigin(ctx, rawTarget);
  const annotation = origin?.typeAnnotation;
  if (!annotation) return false;
  if (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Record'
  ) {
    const [keyType, valueType] = annotation.typeArguments?.params ?? [];
    return keyType?.type === AST_NODE_TYPES.TSStringKeyword && isPrimitiveTypeNode(valueType);
  }
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) {
    return (
      annotation.members.length > 0 &&
      annotation.members.every(
        (m) =>
          m.type === AST_NODE_TYPES.TSIndexSignature && isPrimitiveTypeNode(m.typeAnnotation?.typeAnnotation),
      )
    );
  }
  return false;
}

function getCalleeObject(callee: TSESTree.Node): string | undefined {
  const n = unwrapExpression(callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrapExpression(n.object);
  return object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
}

/**
 * The fields of a target's **declared** type (an interface, class or type alias, with type information; a written
 * annotation without), split into what a caller may reasonably set and the privileged or sensitive fields, which are
 * named rather than dropped silently. Never inferred from an initialiser literal: the keys an object starts with say
 * nothing about the keys it may legitimately receive.
 */
export function getDeclaredFields(ctx: DetectContext, rawTarget: TSESTree.Node): DeclaredFields | undefined {
  const target = unwrapExpression(rawTarget);
  const origin = getOrigin(ctx, target);
  let names: string[] | undefined;
  let typeName: string | undefined;
  const type = getType(ctx, rawTarget);
  if (type && ctx.checker) {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaredType =
      symbol !== undefined &&
      (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias)) !== 0;
    if (declaredType || origin?.typeAnnotation) {
      names = getFiniteProperties(ctx, type);
      typeName = declaredType ? symbol.getName() : ctx.checker.typeToString(type);
    }
  } else if (origin?.typeAnnotation) {
    names = getAnnotationKeys(ctx, origin.typeAnnotation, target);
    typeName = ctx.text.slice(origin.typeAnnotation.range[0], origin.typeAnnotation.range[1]);
  }
  if (!names || typeName === undefined) return undefined;
  const fields = names.filter((n) => !DANGEROUS_KEYS.has(n));
  const privileged = fields.filter(
    (n) => PRIVILEGED_FIELD.test(n) || ctx.classifier.classifyName(n) !== null,
  );
  const allow = fields.filter((n) => !privileged.includes(n));
  if (allow.length === 0) return undefined;
  return { typeName: typeName.replace(/\s+/g, ' '), allow, privileged };
}

function getAnnotationKeys(
  ctx: DetectContext,
  annotation: TSESTree.TypeNode,
  at: TSESTree.Node,
): string[] | undefined {
  const members = getTypeMembers(ctx, annotation, at);
  if (!members) return undefined;
  const keys: string[] = [];
  for (const m of members) {
    if (m.type === AST_NODE_TYPES.TSPropertySignature) {
      if (m.readonly) continue;
      const k = getStaticKeyName(m.key, m.computed);
      if (k === undefined) return undefined;
      keys.push(k);
    } else if (m.type === AST_NODE_TYPES.TSIndexSignature) {
      return undefined;
    }
  }
  return keys.length > 0 ? keys : undefined;
}

function getTypeMembers(
  ctx: DetectContext,
  annotation: TSESTree.TypeNode,
  at: TSESTree.Node,
): TSESTree.TypeElement[] | undefined {
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) return annotation.members;
  if (
    annotation.type !== AST_NODE_TYPES.TSTypeReference ||
    annotation.typeName.type !== AST_NODE_TYPES.Identifier
  )
    return undefined;
  let scope = ctx.getScope(at);
  while (scope) {
    const variable = scope.set.get(annotation.typeName.name);
    if (variable) {
      for (const def of variable.defs) {
        const node = def.node;
        if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration && node.extends.length === 0)
          return node.body.body;
        if (
          node.type === AST_NODE_TYPES.TSTypeAliasDeclaration &&
          node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral
        ) {
          return node.typeAnnotation.members;
        }
      }
      return undefined;
    }
    scope = scope.upper;
  }
  return undefined;
}
