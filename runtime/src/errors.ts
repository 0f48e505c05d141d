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
  | 'ERR_INVALID_ARGUMENT';

export class SecureMigrateError extends Error {
  readonly code: SecureMigrateErrorCode;

  constructor(code: SecureMigrateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
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

/** Argument validation failures that are the caller's programming error. */
export class InvalidArgumentError extends SecureMigrateError {
  constructor(message: string) {
    super('ERR_INVALID_ARGUMENT', message);
  }
}
