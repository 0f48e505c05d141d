/**
 * Text edits shared by the rule suggestions and the codemods.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getStaticPrefix, unwrapExpression } from './ast.js';
import type { CacheWriteEntry } from './caches.js';
import { getClassifier, type SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';
import type { TextEdit } from './imports.js';
import { isSensitiveExpression, type SensitiveFinding } from './sensitive.js';
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
 * `null` when no call can. What the logger prints stays the same except the sensitive value itself:
 *
 * - objects, arrays and values judged by their type are wrapped as they are: `sanitizeForLogging(user)` (the
 *   runtime returns clean parts unchanged and keeps Errors, Maps, class instances as they are);
 * - a value judged by its name is passed with that name, so it is censored whole and keeps its place and kind:
 *   `accessToken` → `sanitizeForLogging(accessToken, { name: 'accessToken' })`, `user.password` →
 *   `sanitizeForLogging(user.password, { name: 'password' })` (inside `JSON.stringify(...)` too);
 * - a string that matches a secret pattern is wrapped as it is (only the secret is masked);
 * - templates and concatenations get no edit here: see {@link sanitizeLogMessageEdit}.
 *
 * PII findings add `pii: true`, which the runtime needs to redact personal data.
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
  return wrapInCall(argument, ctx.text, local, [nameOptions(finding)]);
}

/** `{ name: 'password' }` (and `pii: true` for personal data): the name the runtime judges the value by. */
function nameOptions(finding: SensitiveFinding): string {
  const pii = finding.category === 'pii' ? ', pii: true' : '';
  return `{ name: ${quote(redactionKey(finding))}${pii} }`;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The edit for a message built from a secret (a template literal or a `+` concatenation): each sensitive part
 * is masked where it stands and the rest of the text is left as it was, so the logged line changes only there.
 * `` `token ${token} for ${user.id}` `` → `` `token ${sanitizeForLogging(token, { name: 'token' })} for ${user.id}` ``
 * logs `token [REDACTED] for 7`. Parts are found through templates, `+` and the branches of `?:`; a part judged
 * by type, or an object or `JSON.stringify(...)` of one (`${JSON.stringify({ password, attempts })}`), is wrapped
 * inside, so its clean properties still show; one judged by value is wrapped as it is. `null` when the argument is not such a message or no part can be masked (the site then gets a TODO).
 */
export function sanitizeLogMessageEdit(
  ctx: DetectContext,
  argument: TSESTree.Node,
  local = 'sanitizeForLogging',
): TextEdit | null {
  if (!isStringBuilding(unwrapExpression(argument))) return null;
  const edits: TextEdit[] = [];
  collectMessageEdits(ctx, argument, local, edits, 0);
  if (edits.length === 0) return null;
  edits.sort((a, b) => a.range[0] - b.range[0]);
  let text = '';
  let last = argument.range[0];
  for (const edit of edits) {
    if (edit.range[0] < last) return null;
    text += ctx.text.slice(last, edit.range[0]) + edit.text;
    last = edit.range[1];
  }
  text += ctx.text.slice(last, argument.range[1]);
  return { range: [argument.range[0], argument.range[1]], text };
}

function collectMessageEdits(
  ctx: DetectContext,
  part: TSESTree.Node,
  local: string,
  edits: TextEdit[],
  depth: number,
): void {
  if (depth > 16) return;
  const node = unwrapExpression(part);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    for (const expression of node.expressions) collectMessageEdits(ctx, expression, local, edits, depth + 1);
    return;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    collectMessageEdits(ctx, node.left, local, edits, depth + 1);
    collectMessageEdits(ctx, node.right, local, edits, depth + 1);
    return;
  }
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    collectMessageEdits(ctx, node.consequent, local, edits, depth + 1);
    collectMessageEdits(ctx, node.alternate, local, edits, depth + 1);
    return;
  }
  const finding = isSensitiveExpression(part, ctx);
  if (!finding) return;
  const structured =
    node.type === AST_NODE_TYPES.ObjectExpression ||
    node.type === AST_NODE_TYPES.ArrayExpression ||
    (node.type === AST_NODE_TYPES.CallExpression && STRING_BUILDERS.has(getCalleeName(node.callee) ?? ''));
  if (finding.reason === 'name' && !structured) {
    edits.push(wrapInCall(part, ctx.text, local, [nameOptions(finding)]));
    return;
  }
  const edit = sanitizeLogArgumentEdit(ctx, part, finding, local);
  if (edit) edits.push(edit);
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
