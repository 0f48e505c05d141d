/**
 * `secureSet`: lodash's `_.set(obj, path, value)` that cannot reach a prototype.
 */
import type { AssignRefusalReason } from '../errors.js';
import { formatPath, isIndexSegment, parsePath, type PathSegment } from './path.js';
import {
  FORBIDDEN_KEYS,
  isObjectTarget,
  isPrototypeObject,
  isSensitiveKey,
  refuse,
  writeProperty,
  type AssignPolicyOptions,
  type AssignKeyList,
} from './policy.js';

/**
 * Options of {@link secureSet}. Here `allow` and `deny` hold **paths** (`'profile.name'`, `'items[*].qty'`,
 * `'settings'`), not single keys: a listed path covers itself and everything below it, and `*` stands for any
 * one segment.
 */
export type SecureSetOptions = AssignPolicyOptions;

/**
 * Sets `value` at `path` inside `target`, creating missing intermediate containers: an array when the next
 * segment is an index (`items.0`, `items[0]`, `0`), else a plain object.
 *
 * Refused (returns `false`, or throws `AssignmentRefusedError` when `strict`):
 * - `__proto__`, `constructor` or `prototype` as **any** segment;
 * - a sensitive name as any segment (`user.password`, `credentials.user`) unless `allowSensitive`;
 * - a path outside `allow` (when given) or inside `deny`;
 * - a malformed path, or one that runs through an existing value that is not an object (a string, a function),
 *   or through a prototype object;
 * - a value the last key cannot hold: a read-only property (`'not-writable'`), an array `length` that is not an
 *   integer from 0 to 2^32 - 1 (`'invalid-value'`).
 *
 * Only own properties are followed: a segment that names an inherited property (`toString`) gets a fresh own
 * object, so a shared built-in is never written to.
 *
 * @example
 * secureSet(settings, req.body.path, req.body.value, { allow: ['theme', 'notifications'] });
 */
export function secureSet(
  target: object,
  path: string | readonly PathSegment[],
  value: unknown,
  options?: SecureSetOptions,
): boolean {
  const segments = typeof path === 'string' ? parsePath(path) : checkSegments(path);
  const text = typeof path === 'string' ? path : segments ? formatPath(segments) : '[invalid path]';
  if (!segments || segments.length === 0) return refuse(text, 'invalid-path', options);
  const reason = pathReason(segments, options);
  if (reason) return refuse(text, reason, options);
  if (!isObjectTarget(target)) return refuse(text, 'invalid-target', options);

  let current: object = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    if (isPrototypeObject(current)) return refuse(text, 'prototype-target', options);
    const key = String(segments[i]);
    const record = current as Record<string, unknown>;
    let next: unknown = Object.prototype.hasOwnProperty.call(current, key) ? record[key] : undefined;
    if (next === undefined || next === null) {
      next = isIndexSegment(segments[i + 1]!) ? [] : {};
      const failure = writeProperty(current, key, next);
      if (failure) return refuse(text, failure, options);
    } else if (typeof next !== 'object') {
      return refuse(text, 'invalid-path', options);
    }
    current = next as object;
  }
  if (isPrototypeObject(current)) return refuse(text, 'prototype-target', options);
  const failure = writeProperty(current, String(segments[last]), value);
  if (failure) return refuse(text, failure, options);
  return true;
}

function checkSegments(path: readonly PathSegment[]): PathSegment[] | undefined {
  if (!Array.isArray(path)) return undefined;
  for (const segment of path) {
    if (typeof segment !== 'string' && !(typeof segment === 'number' && Number.isFinite(segment))) {
      return undefined;
    }
  }
  return [...path];
}

/** The first key-rule reason that refuses this path, or `undefined`. */
function pathReason(
  segments: readonly PathSegment[],
  options?: SecureSetOptions,
): AssignRefusalReason | undefined {
  for (const segment of segments) {
    if (typeof segment === 'string' && FORBIDDEN_KEYS.has(segment)) return 'forbidden-key';
  }
  if (options?.deny && matchesAny(options.deny, segments)) return 'denied';
  if (options?.allow && !matchesAny(options.allow, segments)) return 'not-allowed';
  if (!options?.allowSensitive) {
    for (const segment of segments) {
      if (typeof segment === 'string' && isSensitiveKey(segment, options)) return 'sensitive';
    }
  }
  return undefined;
}

/** Whether any listed path equals `segments` or is a prefix of it (`*` matches one segment). */
function matchesAny(list: AssignKeyList, segments: readonly PathSegment[]): boolean {
  for (const entry of list) {
    const pattern =
      typeof entry === 'string' ? parsePath(entry) : typeof entry === 'number' ? [entry] : undefined;
    if (pattern && isPrefix(pattern, segments)) return true;
  }
  return false;
}

function isPrefix(pattern: readonly PathSegment[], segments: readonly PathSegment[]): boolean {
  if (pattern.length > segments.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = String(pattern[i]);
    if (p !== '*' && p !== String(segments[i])) return false;
  }
  return true;
}
