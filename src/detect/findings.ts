/**
 * Site-level answers the rules report and the codemods rewrite: which arguments of a log call are sensitive, and
 * which values of a cache write are stored in plaintext.
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getUnsafeAssignment, type AssignmentOptions, type UnsafeAssignment } from './assignment.js';
import { getStaticKeyName, unwrapExpression } from './ast.js';
import {
  getCacheKeyText,
  getCacheValueFinding,
  getSecretInCacheKey,
  isPlainIdValue,
} from './cache-values.js';
import { getCacheWrite, type CacheWrite, type CacheWriteEntry } from './caches.js';
import type { SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';
import { getLogCall, type LogCall } from './loggers.js';
import { isSafeWrapperCall } from './safe.js';
import { isHarmlessValue, isSensitiveExpression, type SensitiveFinding } from './sensitive.js';

/** A log argument that carries a sensitive value. */
export interface LogArgumentFinding {
  log: LogCall;
  /** The argument to wrap in `sanitizeForLogging(...)`. */
  argument: TSESTree.Expression;
  finding: SensitiveFinding;
}

/** The sensitive arguments of a log call (empty when `call` is not a log call or logs nothing sensitive). */
export function getSensitiveLogArguments(
  ctx: DetectContext,
  call: TSESTree.CallExpression,
): LogArgumentFinding[] {
  const log = getLogCall(ctx, call);
  if (!log) return [];
  const results: LogArgumentFinding[] = [];
  for (const arg of log.args) {
    if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const inner = unwrapExpression(arg);
    if (
      (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) &&
      isSafeWrapperCall(ctx, inner)
    ) {
      continue;
    }
    const finding = isSensitiveExpression(arg, ctx);
    if (finding) results.push({ log, argument: arg, finding });
  }
  return results;
}

/** Why a cache write is reported. */
export type CacheWriteFindingReason =
  /** The value is sensitive (by name, type or pattern, also through the local values it is built from). */
  | 'value'
  /** The value is written under a sensitive hash field or object key (`hset(k, 'password', v)`). */
  | 'field'
  /** The cache key says what it holds (`session:…`, `token:…`, `oauth:…`) and the value is not plainly an id. */
  | 'keyPrefix'
  /** A secret is part of the key itself (`` `session:${token}` ``): keys are never encrypted. */
  | 'key';

/** A value a cache write stores in plaintext although it is sensitive. */
export interface CacheWriteFinding {
  write: CacheWrite;
  entry: CacheWriteEntry;
  reason: CacheWriteFindingReason;
  /** What is sensitive, for messages: `accessToken`, `session:… key`, `password field`. */
  name: string;
  category: SensitiveCategory;
  /** The value finding, for `reason: 'value'`. */
  finding?: SensitiveFinding;
  /** For `reason: 'key'`: the part of the key that holds the secret. */
  keyNode?: TSESTree.Node;
}

/**
 * The plaintext sensitive values a cache write stores (empty for non-cache calls), and the secrets written into its
 * keys. A `secureCache` client encrypts values, not keys: only secrets in keys are reported on it.
 */
export function getCacheWriteFindings(
  ctx: DetectContext,
  call: TSESTree.CallExpression,
): CacheWriteFinding[] {
  const write = getCacheWrite(ctx, call);
  if (!write) return [];
  const results: CacheWriteFinding[] = [];
  const keysWithSecrets = new Set<TSESTree.Node>();
  for (const entry of write.entries) {
    if (!entry.key || keysWithSecrets.has(entry.key)) continue;
    const secret = getSecretInCacheKey(ctx, entry.key);
    if (!secret) continue;
    keysWithSecrets.add(entry.key);
    results.push({
      write,
      entry,
      reason: 'key',
      name: secret.name,
      category: secret.category,
      keyNode: secret.node,
    });
  }
  if (write.client.secure) return results;
  for (const entry of write.entries) {
    const value = unwrapExpression(entry.value);
    if (
      (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) &&
      isSafeWrapperCall(ctx, value)
    ) {
      continue;
    }
    const keyText = getCacheKeyText(ctx, entry.key);
    const finding = getCacheValueFinding(ctx, entry.value, keyText);
    if (finding) {
      results.push({
        write,
        entry,
        reason: 'value',
        name: finding.description,
        category: finding.category,
        finding,
      });
      continue;
    }
    if (isHarmlessValue(ctx, entry.value)) continue;
    const fieldName = entry.field ? fieldNameOf(entry.field) : undefined;
    const fieldCategory = fieldName !== undefined ? ctx.classifier.classifyName(fieldName) : null;
    if (fieldName !== undefined && fieldCategory) {
      results.push({
        write,
        entry,
        reason: 'field',
        name: `the "${fieldName}" field`,
        category: fieldCategory,
      });
      continue;
    }
    // The secret is the key, not the value stored under it; an id under `refresh:` is bookkeeping.
    if (entry.key && keysWithSecrets.has(entry.key)) continue;
    const prefixCategory = keyText !== undefined ? ctx.classifier.classifyKeyPrefix(keyText) : null;
    if (keyText !== undefined && prefixCategory && !isPlainIdValue(ctx, entry.value)) {
      results.push({
        write,
        entry,
        reason: 'keyPrefix',
        name: `a value under "${keyText.split('\u0000').join('…')}"`,
        category: prefixCategory,
      });
    }
  }
  return results;
}

function fieldNameOf(field: TSESTree.Node): string | undefined {
  const n = unwrapExpression(field);
  if (n.type === AST_NODE_TYPES.Identifier) {
    // `{ token }` object keys are identifiers in key position; `hset(k, field, v)` identifiers are variables.
    return n.parent?.type === AST_NODE_TYPES.Property && n.parent.key === n && !n.parent.computed
      ? n.name
      : undefined;
  }
  return getStaticKeyName(n, true);
}

/** Every node of the file, in source order (parents before children). */
function eachNode(ctx: DetectContext, visit: (node: TSESTree.Node) => void): void {
  simpleTraverse(ctx.ast, { enter: visit }, true);
}

/** Every sensitive log argument in the file, in source order: what `sanitize-logging` rewrites. */
export function findSensitiveLogArguments(ctx: DetectContext): LogArgumentFinding[] {
  const found: LogArgumentFinding[] = [];
  eachNode(ctx, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) found.push(...getSensitiveLogArguments(ctx, node));
  });
  return found;
}

/** Every plaintext sensitive cache write in the file, in source order: what `encrypt-cache` rewrites. */
export function findCacheWriteFindings(ctx: DetectContext): CacheWriteFinding[] {
  const found: CacheWriteFinding[] = [];
  eachNode(ctx, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) found.push(...getCacheWriteFindings(ctx, node));
  });
  return found;
}

/** Every unsafe dynamic write in the file, in source order: what `secure-assign` rewrites. */
export function findUnsafeAssignments(
  ctx: DetectContext,
  options: AssignmentOptions = {},
): UnsafeAssignment[] {
  const found: UnsafeAssignment[] = [];
  eachNode(ctx, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.CallExpression) {
      const unsafe = getUnsafeAssignment(ctx, node, options);
      if (unsafe) found.push(unsafe);
    }
  });
  return found;
}
