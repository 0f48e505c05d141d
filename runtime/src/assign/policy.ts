/**
 * The checks shared by `secureAssign`, `secureAssignAll` and `secureSet`: which keys are refused and why.
 */
import { AssignmentRefusedError, type AssignRefusalReason } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import { isSensitiveName, type ClassifyOptions } from '../classify/index.js';

/** A list of keys: an array or a `Set`. */
export type AssignKeyList = readonly PropertyKey[] | ReadonlySet<PropertyKey>;

/** Options shared by every assignment helper. */
export interface AssignPolicyOptions extends ClassifyOptions {
  /**
   * When given, only these keys may be written (for `secureSet`: these paths or their subtrees). Forbidden keys
   * are refused even when listed, and so are sensitive names unless `allowSensitive` is set.
   */
  allow?: AssignKeyList;
  /** Keys that are always refused (for `secureSet`: paths whose subtree is refused). */
  deny?: AssignKeyList;
  /** Permit names the classifier calls sensitive (`password`, `apiKey`, `token`…). Default `false`. */
  allowSensitive?: boolean;
  /** Throw an `AssignmentRefusedError` (code `ERR_ASSIGN_REFUSED`) instead of returning `false`. */
  strict?: boolean;
  /** Called once for every refusal, e.g. to audit it. `key` is the key or the path as text. */
  onRefuse?: (key: string, reason: AssignRefusalReason) => void;
}

/**
 * Keys that reach an object's prototype or constructor: `obj.__proto__ = x` replaces the prototype,
 * `obj.constructor.prototype.x = y` writes to a shared prototype. The same two keys secure-json-parse guards
 * (`protoAction`, `constructorAction`), plus `prototype` itself.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const REASON_TEXT: Record<AssignRefusalReason, string> = {
  'forbidden-key': 'it reaches the prototype or constructor of an object',
  denied: 'it is in the deny list',
  'not-allowed': 'it is not in the allow list',
  sensitive: 'it names a sensitive field (pass `allowSensitive: true` to permit it)',
  'invalid-key': 'a key must be a string, a number or a symbol',
  'invalid-path': 'the path is malformed or runs through a value that is not a plain object or array',
  'invalid-target': 'the target is not an object',
  'prototype-target': 'the target is a prototype object shared by other objects',
  'not-writable': 'the property is read-only or the object is frozen or sealed',
  'invalid-value': 'an array length must be an integer from 0 to 2^32 - 1',
};

/** Renders a key for messages: quoted, control characters escaped, long keys cut, so logs cannot be forged. */
export function describeKey(key: string): string {
  const cut = key.length > 100 ? `${key.slice(0, 100)}…` : key;
  return JSON.stringify(cut);
}

/**
 * `Reflect.set(target, key, value)` that reports instead of throwing where a plain assignment would throw for the
 * value itself: `'not-writable'` (read-only, frozen, sealed), `'invalid-value'` (an array length that is not an
 * integer from 0 to 2^32 - 1, a `RangeError` in plain code). Errors of the program's own setters and proxies
 * propagate unchanged.
 */
export function writeProperty(
  target: object,
  key: string | symbol,
  value: unknown,
): 'not-writable' | 'invalid-value' | undefined {
  try {
    return Reflect.set(target, key, value) ? undefined : 'not-writable';
  } catch (error) {
    if (
      key === 'length' &&
      Array.isArray(target) &&
      (error as { name?: unknown } | null)?.name === 'RangeError'
    ) {
      return 'invalid-value';
    }
    throw error;
  }
}

/** Reports a refusal: calls `onRefuse`, throws in strict mode, else returns `false`. */
export function refuse(
  key: string,
  reason: AssignRefusalReason,
  options: AssignPolicyOptions | undefined,
): false {
  options?.onRefuse?.(key, reason);
  runtimeAudit()?.emit({
    type: 'assign.refused',
    target: key,
    reason: REASON_TEXT[reason],
    details: { refusal: reason },
  });
  if (options?.strict) {
    throw new AssignmentRefusedError(
      key,
      reason,
      `Refused to assign ${describeKey(key)}: ${REASON_TEXT[reason]}.`,
    );
  }
  return false;
}

/** Whether a key list holds `key`; numbers and their decimal text are the same key. */
export function listHas(list: AssignKeyList, key: string | symbol): boolean {
  if (isSet(list)) {
    if (list.has(key)) return true;
    if (typeof key === 'string') {
      const n = Number(key);
      return String(n) === key && list.has(n);
    }
    return false;
  }
  for (const entry of list) {
    if (entry === key) return true;
    if (typeof entry === 'number' && typeof key === 'string' && String(entry) === key) return true;
  }
  return false;
}

function isSet(list: AssignKeyList): list is ReadonlySet<PropertyKey> {
  return typeof (list as ReadonlySet<PropertyKey>).has === 'function' && !Array.isArray(list);
}

/** Whether `name` is sensitive under the options' classifier settings. */
export function isSensitiveKey(name: string, options: AssignPolicyOptions | undefined): boolean {
  if (!options || (!options.extraNames && !options.allowedNames && options.pii === undefined)) {
    return isSensitiveName(name);
  }
  const classify: ClassifyOptions = {};
  if (options.extraNames) classify.extraNames = options.extraNames;
  if (options.allowedNames) classify.allowedNames = options.allowedNames;
  if (options.pii !== undefined) classify.pii = options.pii;
  return isSensitiveName(name, classify);
}

/**
 * Normalises a key the way `target[key]` would, refusing what cannot be checked: objects (whose `toString`
 * decides the key, e.g. `obj[['__proto__']]` writes `__proto__`), `null`, `undefined`, booleans, bigints.
 * Numbers become their decimal text (`1` and `'1'` are the same property).
 */
export function normaliseKey(key: unknown): string | symbol | undefined {
  if (typeof key === 'string' || typeof key === 'symbol') return key;
  if (typeof key === 'number') return String(key);
  return undefined;
}

/**
 * Whether `obj` is the prototype object of some constructor (`Object.prototype`, `Array.prototype`, a class's
 * `prototype`).
 */
export function isPrototypeObject(obj: object): boolean {
  if (obj === Object.prototype || obj === Function.prototype || obj === Array.prototype) return true;
  const desc = Object.getOwnPropertyDescriptor(obj, 'constructor');
  if (!desc || !('value' in desc)) return false;
  const ctor: unknown = desc.value;
  return typeof ctor === 'function' && (ctor as { prototype?: unknown }).prototype === obj;
}

/** Whether `target` can hold properties. */
export function isObjectTarget(target: unknown): target is object {
  return (typeof target === 'object' && target !== null) || typeof target === 'function';
}

/** The reason a single key is refused by the key rules (forbidden, deny, allow, sensitive), or `undefined`. */
export function checkKey(
  key: string | symbol,
  options: AssignPolicyOptions | undefined,
): AssignRefusalReason | undefined {
  if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) return 'forbidden-key';
  if (!options) return typeof key === 'string' && isSensitiveKey(key, options) ? 'sensitive' : undefined;
  if (options.deny && listHas(options.deny, key)) return 'denied';
  if (options.allow && !listHas(options.allow, key)) return 'not-allowed';
  if (typeof key === 'string' && !options.allowSensitive && isSensitiveKey(key, options)) return 'sensitive';
  return undefined;
}

/** Text for a key in reports and errors. */
export function keyText(key: string | symbol): string {
  return typeof key === 'symbol' ? key.toString() : key;
}
