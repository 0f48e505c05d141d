/**
 * Text edits shared by the rule suggestions and the codemods.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getStaticPrefix, unwrapExpression } from './ast.js';
import type { CacheWriteEntry } from './caches.js';
import { getClassifier, type SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';
import type { TextEdit } from './imports.js';
import type { SensitiveFinding } from './sensitive.js';
import { getType, isStringLikeType } from './types.js';

/**
 * The edit that wraps an expression in a call: `value` → `callee(value, ...extraArgs)`. A shorthand property
 * (`{ token }`) is expanded (`{ token: callee(token) }`) so the result stays valid.
 */
export function wrapInCall(
  node: TSESTree.Node,
  text: string,
  callee: string,
  extraArgs: readonly string[] = [],
): TextEdit {
  const inner = text.slice(node.range[0], node.range[1]);
  const call = `${callee}(${[inner, ...extraArgs].join(', ')})`;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
    return { range: [parent.range[0], parent.range[1]], text: `${inner}: ${call}` };
  }
  return { range: [node.range[0], node.range[1]], text: call };
}

const STRING_BUILDERS: ReadonlySet<string> = new Set(['stringify', 'String', 'format', 'inspect']);
const GETTER_PREFIX =
  /^(?:get|fetch|load|read|generate|create|issue|mint|sign|refresh|decrypt|reveal|obtain|request)(?=[A-Z_])_?/;
const CATEGORY_KEYS: Readonly<Record<SensitiveCategory, string>> = {
  credential: 'password',
  token: 'token',
  secret: 'secret',
  session: 'session',
  financial: 'cardNumber',
  pii: 'personalData',
};

/**
 * The edit that makes a sensitive log argument safe with `sanitizeForLogging` (named `local` in the file), or
 * `null` when no call can: `sanitizeForLogging` redacts objects by key name and strings only by value pattern, so
 *
 * - objects, arrays and values judged by their type are wrapped as they are: `sanitizeForLogging(user)`;
 * - a value judged by its name is logged under that name: `accessToken` → `sanitizeForLogging({ accessToken })`,
 *   `user.password` → `sanitizeForLogging({ password: user.password })` (inside `JSON.stringify(...)` too);
 * - a string that matches a secret pattern is wrapped as it is;
 * - templates and concatenations that embed a secret get no edit (the secret must leave the message).
 *
 * PII findings add `{ pii: true }`, which the runtime needs to redact personal data.
 */
export function sanitizeLogArgumentEdit(
  ctx: DetectContext,
  argument: TSESTree.Node,
  finding: SensitiveFinding,
  local = 'sanitizeForLogging',
): TextEdit | null {
  const node = unwrapExpression(argument);
  const extra = finding.category === 'pii' ? ['{ pii: true }'] : [];
  if (finding.reason === 'value') return wrapInCall(argument, ctx.text, local, extra);
  if (isStringBuilding(node)) return null;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = getCalleeName(node.callee);
    const first = node.arguments[0];
    if (
      name !== undefined &&
      STRING_BUILDERS.has(name) &&
      first &&
      first.type !== AST_NODE_TYPES.SpreadElement
    ) {
      return within(first, finding) ? sanitizeLogArgumentEdit(ctx, first, finding, local) : null;
    }
  }
  if (
    node.type === AST_NODE_TYPES.ObjectExpression ||
    node.type === AST_NODE_TYPES.ArrayExpression ||
    finding.reason !== 'name'
  ) {
    return wrapInCall(argument, ctx.text, local, extra);
  }
  const key = redactionKey(finding);
  const value = ctx.text.slice(argument.range[0], argument.range[1]);
  const property =
    value === key ? key : `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${value}`;
  const call = `${local}(${[`{ ${property} }`, ...extra].join(', ')})`;
  const parent = argument.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === argument) {
    return { range: [parent.range[0], parent.range[1]], text: `${value}: ${call}` };
  }
  return { range: [argument.range[0], argument.range[1]], text: call };
}

function within(container: TSESTree.Node, finding: SensitiveFinding): boolean {
  return finding.node.range[0] >= container.range[0] && finding.node.range[1] <= container.range[1];
}

function isStringBuilding(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
  );
}

/** A key the runtime's default classifier calls sensitive, so that `sanitizeForLogging({ [key]: value })` redacts it. */
function redactionKey(finding: SensitiveFinding): string {
  const defaults = getClassifier({ pii: finding.category === 'pii' });
  let leaf = finding.name.replace(/\(\)$/, '');
  const bracket = /\[(?:"([^"]*)"|'([^']*)')\]$/.exec(leaf);
  if (bracket) leaf = bracket[1] ?? bracket[2] ?? leaf;
  else leaf = leaf.slice(leaf.lastIndexOf('.') + 1);
  const stripped = leaf.replace(GETTER_PREFIX, '');
  for (const candidate of [leaf, stripped.charAt(0).toLowerCase() + stripped.slice(1)]) {
    if (candidate && defaults.classifyName(candidate)) return candidate;
  }
  return CATEGORY_KEYS[finding.category];
}

/**
 * The edit that encrypts a cache write's value: `encryptForCache(value, { context: key })` (the function named
 * `local` in the file). The key becomes the encryption context (a ciphertext then only decrypts under the same key)
 * when it is a string without calls, so repeating it has no side effect; otherwise `encryptForCache(value)`.
 */
export function encryptCacheValueEdit(
  ctx: DetectContext,
  entry: CacheWriteEntry,
  local = 'encryptForCache',
): TextEdit {
  const contextKey =
    entry.key && isStringKey(ctx, entry.key)
      ? ctx.text.slice(entry.key.range[0], entry.key.range[1])
      : undefined;
  return wrapInCall(entry.value, ctx.text, local, contextKey ? [`{ context: ${contextKey} }`] : []);
}

/**
 * A key that can be the encryption context: a string literal, a template, `'prefix:' + id`, or a `string`-typed
 * identifier. Only expressions without calls, so that repeating the key as the context has no side effect.
 */
function isStringKey(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const key = unwrapExpression(raw);
  if (key.type === AST_NODE_TYPES.Literal) return typeof key.value === 'string';
  if (key.type === AST_NODE_TYPES.TemplateLiteral) {
    return key.expressions.every(
      (e) =>
        e.type === AST_NODE_TYPES.Identifier ||
        e.type === AST_NODE_TYPES.MemberExpression ||
        e.type === AST_NODE_TYPES.Literal,
    );
  }
  if (key.type === AST_NODE_TYPES.BinaryExpression && key.operator === '+') {
    return getStaticPrefix(key) !== undefined && isSimpleOperand(key.left) && isSimpleOperand(key.right);
  }
  if (key.type === AST_NODE_TYPES.Identifier) {
    const type = getType(ctx, key);
    return type !== undefined && isStringLikeType(type);
  }
  return false;
}

/** Literals, identifiers, member reads and `+` chains of them. */
function isSimpleOperand(raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed || isSimpleOperand(node.property);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' && isSimpleOperand(node.left) && isSimpleOperand(node.right);
    default:
      return false;
  }
}
