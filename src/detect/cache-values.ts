/**
 * What a cache write stores and under which key, looked at beyond the expression written at the call: local values
 * followed to their initializer (`const value = JSON.stringify({ _id, email, resetToken })`), what the code itself
 * shows a local object holds (`user.password = …`, `.select('+password')`), the written type of a parameter
 * (also when the type is declared in a project module), the name of the function that stores its parameter
 * (`setRefreshToken(key, value)`), one-time codes, ids, and secrets written into the key itself
 * (`` `session:${token}` ``, `` `verify-${code}` ``).
 */
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  describeExpression,
  getCalleeName,
  getCalleeObjectName,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  isFunctionNode,
  topLevelTypeDeclarations,
  unwrapExpression,
} from './ast.js';
import type { SensitiveCategory } from './classifier.js';
import { resolveVariable, type DetectContext } from './context.js';
import { getOrigin } from './origin.js';
import { readImportedModule } from './peek.js';
import {
  classifySensitiveName,
  isHarmlessValue,
  isSensitiveExpression,
  type SensitiveFinding,
} from './sensitive.js';
import { getType, isNumberLikeType } from './types.js';

const MAX_DEPTH = 4;

/** Calls that return (a serialisation of) their arguments. */
const CARRYING_FUNCTIONS: ReadonlySet<string> = new Set([
  'stringify',
  'String',
  'structuredClone',
  'encodeURIComponent',
  'btoa',
]);
/** `Object.assign`, `Buffer.from`, `Object.freeze`: the arguments are in the result. */
const CARRYING_STATICS: ReadonlyMap<string, string> = new Map([
  ['assign', 'Object'],
  ['freeze', 'Object'],
  ['fromEntries', 'Object'],
  ['from', 'Buffer'],
]);
/** Methods whose result is (a transformation of) their receiver. */
const CARRYING_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'toJSON',
  'toObject',
  'lean',
  'valueOf',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'concat',
]);

/** Names of one-time codes whose meaning the key or their making tells (`code`, `otp`, `pin`, `emailCode`). */
const CODE_NAME = /^(?:code|otp|pin|passcode|[a-z0-9]*(?:Code|Otp|OTP|Pin|PIN))$/;
/** Calls that make a one-time code: `generateCode()`, `randomInt(…)`, `customAlphabet(…)()`, `otpGenerator.generate`. */
const CODE_MAKER = /random|generat|nanoid|customAlphabet|totp|hotp|otp/i;
/** Key text that says an entry holds a one-time code or a credential proof (not `code` alone: `errors:code:…`). */
const CODE_KEY = /verif|otp|mfa|2fa|reset|signup|sign-up|register|confirm|activat|login|magic|passcode/i;

/** Verbs that name what a function stores: `setRefreshToken`, `saveOtp`, `cacheSession`. */
const STORING_FUNCTION = /^(?:set|save|store|cache|put|add|insert|write|persist|remember|keep|create)_?(.+)$/;

/** Parameter names that say nothing of what they hold: `value`, `data`, `payload`. */
const GENERIC_VALUE_NAME =
  /^(?:value|val|v|data|payload|item|entry|content|body|obj|object|json|str|raw|record|doc|document)$/i;

/** Names that are ids, counts and flags, not secrets: `id`, `userId`, `user_id`, `_id`, `ids`. */
const ID_NAME = /^(?:_?id|uid|ids|[a-zA-Z0-9]*(?:Id|ID|Ids|IDs|_id|_ids))$/;

/** The first sensitive value a cache write's value carries, looking through local values it is built from. */
export function getCacheValueFinding(
  ctx: DetectContext,
  value: TSESTree.Node,
  keyText: string | undefined,
): SensitiveFinding | null {
  return check(ctx, value, keyText, 0, new Set());
}

function check(
  ctx: DetectContext,
  raw: TSESTree.Node,
  keyText: string | undefined,
  depth: number,
  seen: Set<TSESTree.Node>,
): SensitiveFinding | null {
  const direct = isSensitiveExpression(raw, ctx);
  if (direct) return direct;
  if (depth > MAX_DEPTH || seen.has(raw)) return null;
  seen.add(raw);
  const node = unwrapExpression(raw);
  const next = (n: TSESTree.Node): SensitiveFinding | null => check(ctx, n, keyText, depth + 1, seen);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return checkLocal(ctx, node, keyText, depth, seen);
    case AST_NODE_TYPES.ObjectExpression:
      for (const prop of node.properties) {
        const found =
          prop.type === AST_NODE_TYPES.SpreadElement
            ? next(prop.argument)
            : prop.kind === 'init' && !prop.method
              ? next(prop.value)
              : null;
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of node.elements) {
        const found = element ? next(element) : null;
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.SpreadElement:
      return next(node.argument);
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const found = next(expression);
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? (next(node.left) ?? next(node.right)) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '&&' ? next(node.right) : (next(node.left) ?? next(node.right));
    case AST_NODE_TYPES.ConditionalExpression:
      return next(node.consequent) ?? next(node.alternate);
    case AST_NODE_TYPES.AwaitExpression:
      return next(node.argument);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      const name = getCalleeName(callee);
      if (name === undefined) return null;
      const objectName = getCalleeObjectName(callee);
      if (
        CARRYING_FUNCTIONS.has(name) ||
        (CARRYING_STATICS.has(name) && CARRYING_STATICS.get(name) === objectName)
      ) {
        for (const arg of node.arguments) {
          const found = next(arg);
          if (found) return found;
        }
        return null;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && CARRYING_METHODS.has(name)) {
        return next(callee.object);
      }
      return null;
    }
    default:
      return null;
  }
}

/** A local binding: its initializer, what the file shows it holds, its written type, or the function storing it. */
function checkLocal(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  keyText: string | undefined,
  depth: number,
  seen: Set<TSESTree.Node>,
): SensitiveFinding | null {
  const origin = getOrigin(ctx, node);
  if (!origin) return null;
  const variable = resolveVariable(ctx, node);
  const via = (found: SensitiveFinding, how: string): SensitiveFinding => ({
    ...found,
    node,
    description: `${node.name} (${how})`,
  });

  if (CODE_NAME.test(node.name) && !isNumberTyped(ctx, node)) {
    const made = origin.init ? isCodeMaker(origin.init) : false;
    if (made || (keyText !== undefined && CODE_KEY.test(keyText))) {
      return { ...finding(node, node.name, 'credential'), description: `${node.name} (a one-time code)` };
    }
  }

  if (origin.init && !origin.loop && (origin.kind === 'const' || isWrittenOnce(variable))) {
    const found = check(ctx, origin.init, keyText, depth + 1, seen);
    if (found) return via(found, `from ${found.name}`);
    const selected = selectedSecret(ctx, origin.init);
    if (selected && !(variable && removedMembers(variable).has(selected)))
      return via(finding(node, selected, 'credential'), `loaded with "+${selected}"`);
  }

  if (variable) {
    const held = heldSensitiveMember(ctx, node, variable);
    if (held) return via(finding(node, `${node.name}.${held.name}`, held.category), `holds ${held.name}`);
  }

  const imported = origin.typeAnnotation ? importedTypeMember(ctx, node, origin.typeAnnotation) : null;
  if (imported) {
    return via(
      finding(node, node.name, imported.category),
      `its type ${imported.type} has "${imported.prop}"`,
    );
  }

  const stored = storedByName(ctx, node, origin.node);
  if (stored) return via(finding(node, node.name, stored.category), `what ${stored.fn}() stores`);
  return null;
}

function finding(node: TSESTree.Node, name: string, category: SensitiveCategory): SensitiveFinding {
  return { name, description: name, category, reason: 'name', node };
}

function isWrittenOnce(variable: TSESLint.Scope.Variable | null): boolean {
  if (!variable) return false;
  return variable.references.filter((r) => r.isWrite()).length <= 1;
}

function isNumberTyped(ctx: DetectContext, node: TSESTree.Node): boolean {
  const type = getType(ctx, node);
  return type !== undefined && isNumberLikeType(type);
}

/** `generateCode()`, `randomInt(100000, 999999)`, `Math.floor(Math.random() * 1e6).toString()`. */
function isCodeMaker(raw: TSESTree.Node): boolean {
  let found = false;
  const visit = (n: TSESTree.Node, depth: number): void => {
    if (found || depth > 6) return;
    const node = unwrapExpression(n);
    if (node.type === AST_NODE_TYPES.AwaitExpression) return visit(node.argument, depth + 1);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const text = describeExpression(node.callee) ?? '';
      if (CODE_MAKER.test(text)) {
        found = true;
        return;
      }
      const callee = unwrapExpression(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) visit(callee.object, depth + 1);
      if (callee.type === AST_NODE_TYPES.CallExpression) visit(callee, depth + 1);
      for (const arg of node.arguments) visit(arg, depth + 1);
      return;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression) {
      visit(node.left, depth + 1);
      visit(node.right, depth + 1);
    }
  };
  visit(raw, 0);
  return found;
}

/** `User.findById(id).select('+password')`: the document was loaded with a field that is not loaded by default. */
function selectedSecret(ctx: DetectContext, raw: TSESTree.Node): string | undefined {
  let node = unwrapExpression(raw);
  for (let i = 0; i < 8; i++) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) {
      node = unwrapExpression(node.argument);
      continue;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (getMemberName(callee) === 'select') {
      const text = node.arguments[0] ? getStaticString(node.arguments[0]) : undefined;
      for (const word of text?.match(/\+[\w$]+/g) ?? []) {
        if (classifySensitiveName(ctx, word.slice(1))) return word.slice(1);
      }
    }
    node = unwrapExpression(callee.object);
  }
  return undefined;
}

/** Members removed from an object before it is stored: `delete user.password`, `user.token = undefined`. */
function removedMembers(variable: TSESLint.Scope.Variable): Set<string> {
  const removed = new Set<string>();
  for (const ref of variable.references) {
    const member = ref.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
    const name = getMemberName(member);
    if (name === undefined) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') removed.add(name);
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === member &&
      isPlaceholder(parent.right)
    )
      removed.add(name);
  }
  return removed;
}

/**
 * What the file shows a local object holds: a sensitive member written to it with a value that is not a
 * placeholder (`otpObj.otp = generatedOtp`), or read from it (`user.password` compared, `session.refreshToken`
 * sent). A member removed (`delete user.password`, `user.password = undefined`) counts as not held.
 */
function heldSensitiveMember(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
): { name: string; category: SensitiveCategory } | null {
  const removed = removedMembers(variable);
  for (const ref of variable.references) {
    const id = ref.identifier;
    if (id === node) continue;
    const member = id.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) continue;
    const name = getMemberName(member);
    if (name === undefined || removed.has(name)) continue;
    const category = classifySensitiveName(ctx, name);
    if (!category) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression) continue;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
      if (isHarmlessValue(ctx, parent.right)) continue;
    } else if (isNumberTyped(ctx, member)) continue;
    return { name, category };
  }
  return null;
}

function isPlaceholder(raw: TSESTree.Node): boolean {
  const n = unwrapExpression(raw);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name === 'undefined';
  return n.type === AST_NODE_TYPES.Literal && (n.value === null || n.value === '');
}

/** `value` in `setRefreshToken(key, value)`: a parameter of a function whose name says what it stores. */
function storedByName(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  declaration: TSESTree.Node,
): { fn: string; category: SensitiveCategory } | null {
  if (!isFunctionNode(declaration)) return null;
  const param = declaration.params.find((p) => {
    const inner = p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return id.type === AST_NODE_TYPES.Identifier && id.name === node.name;
  });
  // Only a parameter that names nothing itself (`value`, `data`): `storeResetToken(userEmail)` stores an e-mail.
  if (!param || !GENERIC_VALUE_NAME.test(node.name)) return null;
  const fn = functionName(declaration);
  const stored = fn ? STORING_FUNCTION.exec(fn)?.[1] : undefined;
  if (fn === undefined || stored === undefined) return null;
  const category = classifySensitiveName(ctx, stored) ?? classifySensitiveName(ctx, lowerFirst(stored));
  return category ? { fn, category } : null;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function functionName(fn: TSESTree.Node): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property)
    return getStaticKeyName(parent.key, parent.computed);
  if (parent.type === AST_NODE_TYPES.PropertyDefinition) return getStaticKeyName(parent.key, parent.computed);
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    const left = unwrapExpression(parent.left);
    if (left.type === AST_NODE_TYPES.Identifier) return left.name;
    if (left.type === AST_NODE_TYPES.MemberExpression) return getMemberName(left);
  }
  return undefined;
}

/** Whether a cache value is plainly an id, a number or a flag: what a sensitive key prefix alone does not make secret. */
export function isPlainIdValue(ctx: DetectContext, raw: TSESTree.Node, depth = 0): boolean {
  if (depth > 3) return false;
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'number' || typeof node.value === 'boolean';
    case AST_NODE_TYPES.Identifier: {
      if (ID_NAME.test(node.name) && !classifySensitiveName(ctx, node.name)) return true;
      const origin = getOrigin(ctx, node);
      if (origin?.init && origin.kind === 'const' && isPlainIdValue(ctx, origin.init, depth + 1)) return true;
      return isNumberTyped(ctx, node);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(node);
      if (name !== undefined && ID_NAME.test(name) && !classifySensitiveName(ctx, name)) return true;
      return isNumberTyped(ctx, node);
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      const name = getCalleeName(callee);
      if ((name === 'String' || name === 'Number') && node.arguments[0])
        return isPlainIdValue(ctx, node.arguments[0], depth + 1);
      if (name === 'toString' && callee.type === AST_NODE_TYPES.MemberExpression)
        return isPlainIdValue(ctx, callee.object, depth + 1);
      return false;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length > 0 && node.expressions.every((e) => isPlainIdValue(ctx, e, depth + 1));
    default:
      return false;
  }
}

/** A secret written into a cache key whose text says what it is. */
export interface KeySecret {
  /** The part of the key that holds the secret. */
  node: TSESTree.Node;
  /** What it is, for messages: `resetToken`, `code (a one-time code)`. */
  name: string;
  category: SensitiveCategory;
  /** The key text before it (`session:`), which says what it is. */
  keyText: string;
}

/**
 * `` `session:${token}` ``, `'verify-' + code`, `` `password_reset:${resetToken}` ``: a token, session id or one-time
 * code interpolated into a key whose text names it. Keys are not encrypted (not even by `secureCache`), and anyone
 * who can list them reads them. Bookkeeping keys (`blacklist:`, `ratelimit:`, `lock:`) are not reported.
 */
export function getSecretInCacheKey(ctx: DetectContext, key: TSESTree.Node | undefined): KeySecret | null {
  if (!key) return null;
  const parts = keyParts(ctx, key, 0);
  if (!parts) return null;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const prefix = text.length > 0 ? ctx.classifier.classifyKeyPrefix(text) : null;
    if (prefix) {
      const found = isSensitiveExpression(part, ctx);
      // A session id in a session store's key is how session stores work (`sess:<sid>`); tokens and codes are not.
      if (found && found.reason !== 'untyped' && found.category !== 'pii' && found.category !== 'session') {
        return { node: part, name: found.description, category: found.category, keyText: text };
      }
      const inner = unwrapExpression(part);
      if (
        inner.type === AST_NODE_TYPES.Identifier &&
        CODE_NAME.test(inner.name) &&
        CODE_KEY.test(text) &&
        !isNumberTyped(ctx, inner)
      ) {
        return { node: part, name: `${inner.name} (a one-time code)`, category: 'credential', keyText: text };
      }
    }
    text += '\u0000';
  }
  return null;
}

/** The static text and interpolated parts of a key, through `const key = …` in this file. */
function keyParts(ctx: DetectContext, raw: TSESTree.Node, depth: number): (string | TSESTree.Node)[] | null {
  if (depth > 3) return null;
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? [node.value] : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: (string | TSESTree.Node)[] = [];
    node.quasis.forEach((q, i) => {
      parts.push(q.value.cooked ?? q.value.raw);
      const e = node.expressions[i];
      if (e) parts.push(...(keyParts(ctx, e, depth + 1) ?? [e]));
    });
    return parts;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const left = keyParts(ctx, node.left, depth + 1) ?? [node.left];
    const right = keyParts(ctx, node.right, depth + 1) ?? [node.right];
    return [...left, ...right];
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const origin = getOrigin(ctx, node);
    if (origin?.init && origin.kind === 'const') return keyParts(ctx, origin.init, depth + 1);
  }
  return null;
}

/** The static text of a key (through `const key = …`), with `\0` where a value is interpolated. */
export function getCacheKeyText(ctx: DetectContext, key: TSESTree.Node | undefined): string | undefined {
  if (!key) return undefined;
  const parts = keyParts(ctx, key, 0);
  if (!parts) return undefined;
  return parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
}

// ---- Types declared in a project module ----------------------------------------------------------------------

interface TypeHit {
  type: string;
  prop: string;
  category: SensitiveCategory;
}

const moduleTypes = new Map<string, { text: string; members: Map<string, TypeHit | null> }>();

/**
 * `user: IUser` where `IUser` is imported from a project module: the first sensitive property the interface, type
 * alias or class declared there has (`password: string`), without the type checker.
 */
function importedTypeMember(
  ctx: DetectContext,
  node: TSESTree.Node,
  annotation: TSESTree.TypeNode,
): TypeHit | null {
  let type = annotation;
  if (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === 'Promise' &&
    type.typeArguments?.params[0]
  ) {
    type = type.typeArguments.params[0];
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier)
    return null;
  const typeId = type.typeName;
  const scope = ctx.getScope(node);
  if (!scope) return null;
  let variable: TSESLint.Scope.Variable | null = null;
  for (let s: TSESLint.Scope.Scope | null = scope; s && !variable; s = s.upper) {
    variable = s.set.get(typeId.name) ?? null;
  }
  const def = variable?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const spec = def.node;
  const importedName =
    spec.type === AST_NODE_TYPES.ImportSpecifier
      ? spec.imported.type === AST_NODE_TYPES.Identifier
        ? spec.imported.name
        : String(spec.imported.value)
      : spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? 'default'
        : undefined;
  if (importedName === undefined) return null;
  const found = readImportedModule(ctx.physicalFilename, def.parent.source.value);
  if (!found) return null;
  let cached = moduleTypes.get(found.path);
  if (!cached || cached.text !== found.text) {
    cached = { text: found.text, members: new Map() };
    if (moduleTypes.size > 200) moduleTypes.clear();
    moduleTypes.set(found.path, cached);
  }
  const known = cached.members.get(importedName);
  if (known !== undefined) return known;
  const hit = sensitiveMemberOfModuleType(ctx, found.text, found.path, importedName);
  cached.members.set(importedName, hit);
  return hit;
}

function sensitiveMemberOfModuleType(
  ctx: DetectContext,
  text: string,
  path: string,
  name: string,
): TypeHit | null {
  let program: TSESTree.Program;
  try {
    program = parse(text, { jsx: /\.[jt]sx$/.test(path), range: false, loc: false });
  } catch {
    return null;
  }
  const declared = topLevelTypeDeclarations(program).get(name);
  if (!declared) return null;
  const members: { key: TSESTree.Node; computed: boolean; annotation: TSESTree.TypeNode | undefined }[] = [];
  if (declared.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
    for (const m of declared.body.body)
      if (m.type === AST_NODE_TYPES.TSPropertySignature)
        members.push({ key: m.key, computed: m.computed, annotation: m.typeAnnotation?.typeAnnotation });
  } else if (
    declared.type === AST_NODE_TYPES.TSTypeAliasDeclaration &&
    declared.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral
  ) {
    for (const m of declared.typeAnnotation.members)
      if (m.type === AST_NODE_TYPES.TSPropertySignature)
        members.push({ key: m.key, computed: m.computed, annotation: m.typeAnnotation?.typeAnnotation });
  } else if (declared.type === AST_NODE_TYPES.ClassDeclaration) {
    for (const m of declared.body.body)
      if (m.type === AST_NODE_TYPES.PropertyDefinition && !m.static)
        members.push({ key: m.key, computed: m.computed, annotation: m.typeAnnotation?.typeAnnotation });
  }
  for (const member of members) {
    const prop = getStaticKeyName(member.key, member.computed);
    if (prop === undefined) continue;
    const category = classifySensitiveName(ctx, prop);
    if (!category || category === 'pii') continue;
    const t = member.annotation?.type;
    if (
      t === AST_NODE_TYPES.TSNumberKeyword ||
      t === AST_NODE_TYPES.TSBooleanKeyword ||
      t === AST_NODE_TYPES.TSFunctionType ||
      t === AST_NODE_TYPES.TSNullKeyword ||
      t === AST_NODE_TYPES.TSUndefinedKeyword
    ) {
      continue;
    }
    return { type: declared.id?.name ?? name, prop, category };
  }
  return null;
}
