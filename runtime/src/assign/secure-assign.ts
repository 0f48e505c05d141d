/**
 * `secureAssign` and `secureAssignAll`: `target[key] = value` and `Object.assign(target, source)` that refuse
 * prototype keys, sensitive names and keys outside an allow list.
 */
import { InvalidArgumentError, type AssignRefusalReason } from '../errors.js';
import {
  checkKey,
  isObjectTarget,
  isPrototypeObject,
  keyText,
  normaliseKey,
  refuse,
  writeProperty,
  type AssignPolicyOptions,
} from './policy.js';

/** Options of {@link secureAssign}. */
export type SecureAssignOptions = AssignPolicyOptions;

/** Options of {@link secureAssignAll}. */
export type SecureAssignAllOptions = AssignPolicyOptions;

/** One refused key of {@link secureAssignAll}. */
export interface AssignRefusal {
  key: string;
  reason: AssignRefusalReason;
}

/** What {@link secureAssignAll} did. */
export interface SecureAssignAllResult {
  /** Keys written, in the source's order. */
  assigned: string[];
  /** Keys refused, with the reason. */
  refused: AssignRefusal[];
}

/**
 * `target[key] = value`, only when allowed. Refuses `__proto__`, `constructor` and `prototype`, names the
 * classifier calls sensitive (unless `allowSensitive`), keys in `deny`, keys outside `allow` (when given), keys
 * that are not strings, numbers or symbols, and prototype objects as targets.
 *
 * Otherwise it assigns like `target[key] = value` (setters run; array indices and `length` work as usual). What
 * a plain assignment would throw for the value is a refusal instead: a read-only property (`'not-writable'`), an
 * array `length` that is not an integer from 0 to 2^32 - 1 (`'invalid-value'`).
 * Numbers are the same key as their decimal text.
 *
 * @returns `true` when assigned, `false` when refused.
 * @throws AssignmentRefusedError (code `ERR_ASSIGN_REFUSED`) when refused and `strict` is set.
 *
 * @example
 * secureAssign(user, field, req.body[field], { allow: ['name', 'email'] });
 */
export function secureAssign(
  target: object,
  key: PropertyKey,
  value: unknown,
  options?: SecureAssignOptions,
): boolean {
  const k = normaliseKey(key);
  if (k === undefined) return refuse(safeText(key), 'invalid-key', options);
  const reason = targetReason(target) ?? checkKey(k, options);
  if (reason) return refuse(keyText(k), reason, options);
  const failure = writeProperty(target, k, value);
  if (failure) return refuse(keyText(k), failure, options);
  return true;
}

/**
 * `Object.assign(target, source)`, key by key through the same checks as {@link secureAssign}. Reads the
 * source's own enumerable string keys, including an own `__proto__` key such as `JSON.parse` creates.
 * `null` and `undefined` sources assign nothing, like `Object.assign`.
 *
 * Every key is checked before anything is written, so in `strict` mode a refusal throws with the target
 * untouched. Without `strict`, allowed keys are written and refused ones are reported.
 *
 * @example
 * const { refused } = secureAssignAll(user, req.body, { allow: ['name', 'email'] });
 */
export function secureAssignAll(
  target: object,
  source: unknown,
  options?: SecureAssignAllOptions,
): SecureAssignAllResult {
  const result: SecureAssignAllResult = { assigned: [], refused: [] };
  if (source === null || source === undefined) return result;
  if (typeof source !== 'object' && typeof source !== 'function') {
    throw new InvalidArgumentError('secureAssignAll: the source must be an object, null or undefined.');
  }
  const targetRefusal = targetReason(target);
  const keys = Object.keys(source);
  const plan: string[] = [];
  for (const key of keys) {
    const reason = targetRefusal ?? checkKey(key, options);
    if (reason) {
      refuse(key, reason, options);
      result.refused.push({ key, reason });
    } else {
      plan.push(key);
    }
  }
  for (const key of plan) {
    const value: unknown = (source as Record<string, unknown>)[key];
    const failure = writeProperty(target, key, value);
    if (failure === undefined) {
      result.assigned.push(key);
    } else {
      refuse(key, failure, options);
      result.refused.push({ key, reason: failure });
    }
  }
  return result;
}

/** Why `target` cannot be written at all, or `undefined`. */
export function targetReason(target: unknown): AssignRefusalReason | undefined {
  if (!isObjectTarget(target)) return 'invalid-target';
  if (isPrototypeObject(target)) return 'prototype-target';
  return undefined;
}

function safeText(key: unknown): string {
  if (key === null) return 'null';
  if (typeof key === 'object' || typeof key === 'function') return `[${typeof key}]`;
  return String(key);
}
