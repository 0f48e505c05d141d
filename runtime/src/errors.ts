/**
 * Every error the runtime throws is a `SecureMigrateError` with a stable string `code`.
 * Callers branch on `code`, never on `message`.
 */
export type SecureMigrateErrorCode =
  | 'ERR_KEY_MISSING'
  | 'ERR_KEY_INVALID'
  | 'ERR_DECRYPT'
  | 'ERR_CACHE_UNSAFE_COMMAND'
  | 'ERR_CACHE_LEGACY_VALUE'
  | 'ERR_CACHE_CLIENT'
  | 'ERR_ASSIGN_REFUSED'
  | 'ERR_LOCK_TIMEOUT'
  | 'ERR_LOCK_LOST'
  | 'ERR_LOCK_ABORTED'
  | 'ERR_CAS_CONFLICT'
  | 'ERR_FIELD_PLAINTEXT'
  | 'ERR_SECRET_MISSING'
  | 'ERR_SECRET_INVALID'
  | 'ERR_INVALID_ARGUMENT';

/**
 * The brand every runtime error carries: the names of its classes, most derived first
 * (`['KeyError', 'SecureMigrateError']`). A `Symbol.for` key, so two loaded copies of the package (its ESM and its
 * CommonJS build, or two versions) recognise each other's errors.
 */
export const SECURE_MIGRATE_ERROR_BRAND = Symbol.for('secure-migrate.error');

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

function brandOf(value: unknown): readonly string[] | undefined {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return undefined;
  const brand: unknown = (value as { [SECURE_MIGRATE_ERROR_BRAND]?: unknown })[SECURE_MIGRATE_ERROR_BRAND];
  return Array.isArray(brand) && brand.every((name) => typeof name === 'string') ? brand : undefined;
}

export class SecureMigrateError extends Error {
  readonly code: SecureMigrateErrorCode;

  constructor(code: SecureMigrateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    const lineage: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      lineage.push((c as { name: string }).name);
    }
    Object.defineProperty(this, SECURE_MIGRATE_ERROR_BRAND, { value: Object.freeze(lineage) });
  }

  /**
   * `instanceof` that also recognises errors made by another loaded copy of the package: an object carrying the
   * brand matches `SecureMigrateError`, and a subclass (`KeyError`, `DecryptionError`…) only when the error was
   * made by a class of that name.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (ordinaryHasInstance.call(this, value)) return true;
    const brand = brandOf(value);
    return brand !== undefined && typeof this === 'function' && brand.includes(this.name);
  }
}

/**
 * Whether `value` is an error thrown by this package (by any loaded copy of it: ESM and CommonJS builds, or two
 * versions), and, when `code` is given, whether it has that code. Prefer it to `instanceof` across packages.
 *
 * @example
 * if (isSecureMigrateError(err, 'ERR_DECRYPT')) return fallback();
 */
export function isSecureMigrateError<C extends SecureMigrateErrorCode>(
  value: unknown,
  code?: C,
): value is SecureMigrateError & { code: C } {
  if (brandOf(value) === undefined) return false;
  const actual: unknown = (value as { code?: unknown }).code;
  return typeof actual === 'string' && (code === undefined || actual === code);
}

/** A key ring could not be built: a key is missing, malformed or too short. */
export class KeyError extends SecureMigrateError {
  constructor(code: 'ERR_KEY_MISSING' | 'ERR_KEY_INVALID', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/**
 * Decryption failed. Deliberately one message for every cause (tampered, truncated, wrong key, wrong context,
 * unknown key id, garbage), so the error is no oracle.
 */
export class DecryptionError extends SecureMigrateError {
  constructor() {
    super(
      'ERR_DECRYPT',
      'Decryption failed: the value is not a valid ciphertext for this key ring and context.',
    );
  }
}

/**
 * A secret could not be had: missing (`ERR_SECRET_MISSING`), or present but unusable (`ERR_SECRET_INVALID`: too
 * short for production, an unreadable file, a provider that failed). The message names the secret and how to set
 * it, never its value.
 */
export class SecretError extends SecureMigrateError {
  /** The name of the secret (`JWT_SECRET`), or, for a `loadSecrets` provider that failed, the provider. */
  readonly secret: string;

  constructor(
    code: 'ERR_SECRET_MISSING' | 'ERR_SECRET_INVALID',
    secret: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.secret = secret;
  }
}

/** Argument validation failures that are the caller's programming error. */
export class InvalidArgumentError extends SecureMigrateError {
  constructor(message: string) {
    super('ERR_INVALID_ARGUMENT', message);
  }
}

/** A lock could not be acquired: every attempt found it held by someone else. */
export class LockTimeoutError extends SecureMigrateError {
  readonly resource: string;
  readonly attempts: number;

  constructor(resource: string, attempts: number) {
    super(
      'ERR_LOCK_TIMEOUT',
      `Could not acquire the lock on "${resource}" after ${attempts} attempt${attempts === 1 ? '' : 's'}: it is held by another owner.`,
    );
    this.resource = resource;
    this.attempts = attempts;
  }
}

/**
 * A held lock was lost (it expired or was taken over) before the critical section finished, so mutual exclusion
 * was not guaranteed for all of it. `cause` is the critical section's own error when it threw.
 */
export class LockLostError extends SecureMigrateError {
  readonly resource: string;
  /** Why the lock counts as lost, e.g. "its TTL ran out before it was extended". */
  readonly reason: string;

  constructor(resource: string, reason: string, options?: { cause?: unknown }) {
    super('ERR_LOCK_LOST', `The lock on "${resource}" was lost: ${reason}.`, options);
    this.resource = resource;
    this.reason = reason;
  }
}

/** Waiting for a lock was cancelled through an AbortSignal. `cause` is the signal's reason. */
export class LockAbortedError extends SecureMigrateError {
  readonly resource: string;

  constructor(resource: string, options?: { cause?: unknown }) {
    super('ERR_LOCK_ABORTED', `Waiting for the lock on "${resource}" was aborted.`, options);
    this.resource = resource;
  }
}

/** An optimistic (compare-and-set) update kept losing to concurrent writers and ran out of retries. */
export class CasConflictError extends SecureMigrateError {
  readonly key: string;
  readonly attempts: number;

  constructor(key: string, attempts: number) {
    super(
      'ERR_CAS_CONFLICT',
      `Compare-and-set on "${key}" lost to concurrent writers ${attempts} time${attempts === 1 ? '' : 's'}; giving up.`,
    );
    this.key = key;
    this.attempts = attempts;
  }
}

/** Why `secureAssign` / `secureAssignAll` / `secureSet` refused a key. */
export type AssignRefusalReason =
  | 'forbidden-key'
  | 'denied'
  | 'not-allowed'
  | 'sensitive'
  | 'invalid-key'
  | 'invalid-path'
  | 'invalid-target'
  | 'prototype-target'
  | 'not-writable'
  | 'invalid-value';

/** A key (or path) was refused by `secureAssign` and friends in `strict` mode. */
export class AssignmentRefusedError extends SecureMigrateError {
  /** The refused key or path, as text. */
  readonly key: string;
  readonly reason: AssignRefusalReason;

  constructor(key: string, reason: AssignRefusalReason, message: string) {
    super('ERR_ASSIGN_REFUSED', message);
    this.key = key;
    this.reason = reason;
  }
}
