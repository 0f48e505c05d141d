/**
 * Is this expression's value sensitive? One answer for logging, caching and the codemods: by name through the
 * shared classifier, by type when the program has types, by value pattern for string literals, looking through
 * the expressions that carry a value along (templates, `+`, `JSON.stringify`, object literals, spreads, `??`…)
 * and stopping at the ones that do not (safe wrappers, `.length`, `typeof`, comparisons, numbers).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import {
  describeExpression,
  getCalleeName,
  getCalleeObjectName,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  unwrapExpression,
} from './ast.js';
import type { SensitiveCategory, SensitivityClassifier } from './classifier.js';
import type { DetectContext } from './context.js';
import { describeSecretKind } from './secret-kinds.js';
import { getOrigin } from './origin.js';
import { isSafeWrapperCall } from './safe.js';
import { getType, isAnyOrUnknown, isNonSecretPrimitiveType, isObjectType } from './types.js';

/** Why an expression was judged sensitive. */
export type SensitiveReason =
  /** Its name (identifier, property, key, getter) is sensitive. */
  | 'name'
  /** Its type has a sensitive property (`User` with `password`, `IncomingHttpHeaders`). */
  | 'type'
  /** It is a string that looks like a secret (JWT, API key…). */
  | 'value'
  /** It is an HTTP request's headers (`Authorization`, `Cookie`). */
  | 'headers'
  /** Strict mode: a request body or an `any`/`unknown` object whose content is not known. */
  | 'untyped';

/** A sensitive value found in an expression. */
export interface SensitiveFinding {
  /** The short name of what is sensitive: `accessToken`, `user.password`, `req.headers`. */
  name: string;
  /** A phrase for messages: `user.password`, `user (its type has "password")`, `a JWT`. */
  description: string;
  /** The classifier's category. */
  category: SensitiveCategory;
  reason: SensitiveReason;
  /** The innermost node that holds the sensitive value. */
  node: TSESTree.Node;
}

const MAX_DEPTH = 8;

/** Properties that never carry the value of their object. */
const DERIVED_MEMBERS: ReadonlySet<string> = new Set([
  'length',
  'size',
  'byteLength',
  'constructor',
  'name',
  'type',
  'id',
]);

/** Methods that return (a transformation of) their receiver's full content. */
const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'toJSON',
  'valueOf',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'concat',
  'padStart',
  'padEnd',
  'split',
  'join',
  'repeat',
  'at',
  'then',
  'entries',
  'values',
]);

/** Functions that return (a serialisation of) their arguments. */
const PASS_THROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'stringify',
  'String',
  'format',
  'inspect',
  'from',
  'btoa',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'structuredClone',
  'values',
  'entries',
  'assign',
  'freeze',
  'fromEntries',
]);

/** Getter-like call names whose result is what their name says (`getPassword()`, `generateAccessToken()`). */
const GETTER_PREFIX =
  /^(?:get|fetch|load|read|generate|create|issue|mint|sign|refresh|decrypt|reveal|obtain|request)[A-Z_]/;

const GETTER_PREFIX_WORD = /^[a-z]+_?/;

/** Names of values that describe a secret without holding it: `{ password: passwordHash }` logs a hash. */
const DESCRIBED_SECRET = /hash|digest|encrypted|masked|redacted|sanitized|cipher/i;

const REQUEST_NAMES = /^(?:req|request|incomingMessage|ctx|context)$/;

/**
 * Returns the first sensitive value `node` evaluates to or contains, `null` when there is none.
 * Works without type information; with it, also judges objects by the properties of their type and ignores
 * sensitively named values whose type is a number or boolean.
 */
export function isSensitiveExpression(node: TSESTree.Node, ctx: DetectContext): SensitiveFinding | null {
  return check(ctx, node, 0);
}

function finding(
  node: TSESTree.Node,
  name: string,
  category: SensitiveCategory,
  reason: SensitiveReason,
  description = name,
): SensitiveFinding {
  return { name, description, category, reason, node };
}

function check(ctx: DetectContext, raw: TSESTree.Node, depth: number): SensitiveFinding | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return checkIdentifier(ctx, node, depth);
    case AST_NODE_TYPES.MemberExpression:
      return checkMember(ctx, node);
    case AST_NODE_TYPES.CallExpression:
      return checkCall(ctx, node, depth);
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const found = check(ctx, expression, depth + 1);
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return null;
      return check(ctx, node.left, depth + 1) ?? check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&') return check(ctx, node.right, depth + 1);
      return check(ctx, node.left, depth + 1) ?? check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return check(ctx, node.consequent, depth + 1) ?? check(ctx, node.alternate, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return check(ctx, node.argument, depth + 1);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions.at(-1);
      return last ? check(ctx, last, depth + 1) : null;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      return check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.ObjectExpression:
      return checkObject(ctx, node, depth);
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of node.elements) {
        if (!element) continue;
        const found = check(
          ctx,
          element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element,
          depth + 1,
        );
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.SpreadElement:
      return check(ctx, node.argument, depth + 1);
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? checkStringValue(ctx, node, node.value) : null;
    default:
      return null;
  }
}

function checkStringValue(ctx: DetectContext, node: TSESTree.Node, value: string): SensitiveFinding | null {
  const kind = ctx.classifier.detectSecret(value);
  return kind
    ? finding(node, kind, 'secret', 'value', `a string that looks like ${describeSecretKind(kind, true)}`)
    : null;
}

/** Whether a value with a sensitive name is provably harmless: a number/boolean by type, or built by a safe wrapper. */
function isHarmlessByTypeOrOrigin(ctx: DetectContext, node: TSESTree.Node): boolean {
  const type = getType(ctx, node);
  if (type && isNonSecretPrimitiveType(type)) return true;
  if (type && (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0)) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const origin = getOrigin(ctx, node);
    if (origin?.init && origin.kind === 'const' && isHarmlessValue(ctx, origin.init)) return true;
  }
  return false;
}

function checkIdentifier(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  depth: number,
): SensitiveFinding | null {
  if (node.name === 'undefined') return null;
  const category = ctx.classifier.classifyName(node.name);
  if (category) {
    if (isHarmlessByTypeOrOrigin(ctx, node)) return null;
    return finding(node, node.name, category, 'name');
  }
  // `const t = user.password; log(t)`: one step of const aliasing.
  if (depth < 3) {
    const origin = getOrigin(ctx, node);
    if (origin?.init && origin.kind === 'const' && !origin.loop) {
      const init = unwrapExpression(origin.init);
      if (
        init.type === AST_NODE_TYPES.MemberExpression ||
        init.type === AST_NODE_TYPES.Identifier ||
        init.type === AST_NODE_TYPES.TemplateLiteral ||
        init.type === AST_NODE_TYPES.BinaryExpression ||
        init.type === AST_NODE_TYPES.AwaitExpression
      ) {
        const found = check(ctx, init, depth + 2);
        if (found && found.reason !== 'value') {
          return { ...found, node, description: `${node.name} (from ${found.name})` };
        }
      }
    }
  }
  return checkByType(ctx, node);
}

function isProcess(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.Identifier && n.name === 'process';
}

function isRequestObject(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Identifier) return REQUEST_NAMES.test(n.name);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(n);
    return name === 'request' || name === 'req';
  }
  return false;
}

function checkMember(ctx: DetectContext, node: TSESTree.MemberExpression): SensitiveFinding | null {
  const name = getMemberName(node);
  if (name === undefined) return null;
  if (DERIVED_MEMBERS.has(name)) return null;
  const category = ctx.classifier.classifyName(name);
  const described = describeExpression(node) ?? name;
  if (category) {
    if (isHarmlessByTypeOrOrigin(ctx, node)) return null;
    return finding(node, described, category, 'name');
  }
  if (name === 'env' && isProcess(node.object)) {
    return finding(
      node,
      described,
      'secret',
      'type',
      `${described} (every environment variable, secrets included)`,
    );
  }
  if (name === 'headers' && isRequestObject(node.object)) {
    return finding(
      node,
      described,
      'credential',
      'headers',
      `${described} (Authorization and Cookie headers)`,
    );
  }
  if (ctx.options.checkTypes && (name === 'body' || name === 'query') && isRequestObject(node.object)) {
    return finding(node, described, 'pii', 'untyped', `${described} (unvalidated request data)`);
  }
  return checkByType(ctx, node);
}

function isMaskingReplace(call: TSESTree.CallExpression): boolean {
  const replacement = call.arguments[1];
  const value = replacement ? getStaticString(replacement) : undefined;
  return value !== undefined && !value.includes('$');
}

function isBoundedSlice(call: TSESTree.CallExpression): boolean {
  const numbers: number[] = [];
  for (const arg of call.arguments) {
    const n = unwrapExpression(arg);
    if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'number') numbers.push(n.value);
    else if (
      n.type === AST_NODE_TYPES.UnaryExpression &&
      n.operator === '-' &&
      n.argument.type === AST_NODE_TYPES.Literal &&
      typeof n.argument.value === 'number'
    ) {
      numbers.push(-n.argument.value);
    } else return false;
  }
  const [start, end] = numbers;
  if (start === undefined) return false;
  if (end === undefined) return start < 0 && start >= -6;
  return Math.sign(start) === Math.sign(end) || start === 0 ? Math.abs(end - start) <= 8 : false;
}

function checkCall(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  depth: number,
): SensitiveFinding | null {
  if (isSafeWrapperCall(ctx, node)) return null;
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return null;
  const objectName = getCalleeObjectName(callee);

  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (name === 'replace' || name === 'replaceAll') {
      return isMaskingReplace(node) ? null : check(ctx, callee.object, depth + 1);
    }
    if (name === 'slice' || name === 'substring' || name === 'substr') {
      return isBoundedSlice(node) ? null : check(ctx, callee.object, depth + 1);
    }
    if (PASS_THROUGH_METHODS.has(name)) {
      const fromObject = check(ctx, callee.object, depth + 1);
      if (fromObject) return fromObject;
      if (name === 'concat' || name === 'join') return checkArguments(ctx, node, depth);
      return null;
    }
    if (name === 'sign' && objectName !== undefined && /^(?:jwt|jsonwebtoken|jose)$/i.test(objectName)) {
      return finding(node, `${objectName}.sign()`, 'token', 'name', `a token from ${objectName}.sign()`);
    }
  }
  if (PASS_THROUGH_FUNCTIONS.has(name)) {
    if (name === 'from' && objectName !== 'Buffer' && objectName !== 'Array') return null;
    if (
      (name === 'values' ||
        name === 'entries' ||
        name === 'assign' ||
        name === 'freeze' ||
        name === 'fromEntries') &&
      objectName !== 'Object'
    ) {
      return null;
    }
    return checkArguments(ctx, node, depth);
  }
  if (GETTER_PREFIX.test(name)) {
    const category =
      ctx.classifier.classifyName(name) ?? ctx.classifier.classifyName(name.replace(GETTER_PREFIX_WORD, ''));
    if (category && !isHarmlessByTypeOrOrigin(ctx, node)) {
      return finding(node, `${describeExpression(callee) ?? name}()`, category, 'name');
    }
  }
  return checkByType(ctx, node);
}

function checkArguments(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  depth: number,
): SensitiveFinding | null {
  for (const arg of node.arguments) {
    const found = check(ctx, arg, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Whether a value written under a sensitive key is harmless to log or store (literals, booleans, counts…). */
export function isHarmlessValue(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value !== 'string' || ctx.classifier.detectSecret(node.value) === null;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((e) => isHarmlessValue(ctx, e));
    case AST_NODE_TYPES.Identifier:
      if (node.name === 'undefined' || DESCRIBED_SECRET.test(node.name)) return true;
      break;
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return true;
      return isHarmlessValue(ctx, node.left) && isHarmlessValue(ctx, node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isHarmlessValue(ctx, node.consequent) && isHarmlessValue(ctx, node.alternate);
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      if (isSafeWrapperCall(ctx, node)) return true;
      if (
        node.callee.type === AST_NODE_TYPES.Identifier &&
        (node.callee.name === 'Boolean' || node.callee.name === 'Number')
      ) {
        return true;
      }
      break;
    case AST_NODE_TYPES.NewExpression:
      if (isSafeWrapperCall(ctx, node)) return true;
      if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date') return true;
      break;
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(node);
      if (name !== undefined && (DERIVED_MEMBERS.has(name) || DESCRIBED_SECRET.test(name))) return true;
      break;
    }
    default:
      break;
  }
  const type = getType(ctx, node);
  return type !== undefined && isNonSecretPrimitiveType(type);
}

function checkObject(
  ctx: DetectContext,
  node: TSESTree.ObjectExpression,
  depth: number,
): SensitiveFinding | null {
  for (const prop of node.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      const found = check(ctx, prop.argument, depth + 1);
      if (found) return found;
      continue;
    }
    if (prop.kind !== 'init' || prop.method) continue;
    const value = prop.value;
    const key = getStaticKeyName(prop.key, prop.computed);
    if (key !== undefined) {
      const category = ctx.classifier.classifyName(key);
      if (category && !isHarmlessValue(ctx, value) && !isHarmlessByTypeOrOrigin(ctx, value)) {
        return finding(prop, key, category, 'name');
      }
    }
    const found = check(ctx, value, depth + 1);
    if (found) return found;
  }
  return null;
}

const typeCache = new WeakMap<
  SensitivityClassifier,
  WeakMap<ts.Type, { prop: string; category: SensitiveCategory } | null>
>();

/** With type information: the first sensitively named property of the value's type (arrays by their elements). */
function checkByType(ctx: DetectContext, node: TSESTree.Node): SensitiveFinding | null {
  const checker = ctx.checker;
  if (!checker) return null;
  const type = getType(ctx, node);
  if (!type) return null;
  const described = describeExpression(node) ?? 'this value';
  if (ctx.options.checkTypes && isAnyOrUnknown(type) && !isErrorLike(node)) {
    return finding(node, described, 'pii', 'untyped', `${described} (an untyped object)`);
  }
  const hit = sensitivePropertyOfType(ctx, checker, type, 0);
  if (!hit) return null;
  return finding(node, described, hit.category, 'type', `${described} (its type has "${hit.prop}")`);
}

function isErrorLike(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.Identifier && /^(?:e|err|error|ex|exception|reason|cause)$/i.test(n.name);
}

function sensitivePropertyOfType(
  ctx: DetectContext,
  checker: ts.TypeChecker,
  type: ts.Type,
  depth: number,
): { prop: string; category: SensitiveCategory } | null {
  let perClassifier = typeCache.get(ctx.classifier);
  if (!perClassifier) {
    perClassifier = new WeakMap();
    typeCache.set(ctx.classifier, perClassifier);
  }
  const cached = perClassifier.get(type);
  if (cached !== undefined) return cached;
  perClassifier.set(type, null); // cycles
  const result = computeSensitiveProperty(ctx, checker, type, depth);
  perClassifier.set(type, result);
  return result;
}

function computeSensitiveProperty(
  ctx: DetectContext,
  checker: ts.TypeChecker,
  type: ts.Type,
  depth: number,
): { prop: string; category: SensitiveCategory } | null {
  if (depth > 1) return null;
  if (type.isUnion() || type.isIntersection()) {
    for (const part of type.types) {
      const hit = sensitivePropertyOfType(ctx, checker, part, depth);
      if (hit) return hit;
    }
    return null;
  }
  if (!isObjectType(type)) return null;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return null;
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    for (const arg of checker.getTypeArguments(type as ts.TypeReference)) {
      const hit = sensitivePropertyOfType(ctx, checker, arg, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  const props = type.getProperties();
  if (props.length > 300) return null;
  for (const prop of props) {
    const name = prop.getName();
    const category = ctx.classifier.classifyName(name);
    if (!category) continue;
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    const propType = checker.getTypeOfSymbolAtLocation(prop, decl);
    if (isNonSecretPrimitiveType(propType)) continue;
    if (propType.getCallSignatures().length > 0) continue;
    return { prop: name, category };
  }
  return null;
}
