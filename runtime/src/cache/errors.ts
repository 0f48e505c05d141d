/**
 * The cache wrapper's errors: subclasses of `SecureMigrateError` with stable codes and the command/key involved.
 */
import { SecureMigrateError } from '../errors.js';

/**
 * A command that cannot work on ciphertext (`INCR`, `APPEND`, `SADD`, `EVAL`…) was sent on a key marked sensitive.
 * Code `ERR_CACHE_UNSAFE_COMMAND`.
 */
export class UnsafeCacheCommandError extends SecureMigrateError {
  readonly command: string;
  readonly key: string;

  constructor(command: string, key: string) {
    super(
      'ERR_CACHE_UNSAFE_COMMAND',
      `secureCache refused ${command.toUpperCase()} on sensitive key ${JSON.stringify(key)}: the command works on ` +
        'the stored value, which is ciphertext. Store a counter or set under a non-sensitive key, or leave this key ' +
        'out of `sensitiveKeys`.',
    );
    this.command = command;
    this.key = key;
  }
}

/** A value without our envelope was read while `legacy: 'reject'` (or through `getSecure`). Code `ERR_CACHE_LEGACY_VALUE`. */
export class LegacyCacheValueError extends SecureMigrateError {
  readonly key: string;

  constructor(key: string) {
    super(
      'ERR_CACHE_LEGACY_VALUE',
      `secureCache read a plaintext value under key ${JSON.stringify(key)} (written before encryption was enabled) ` +
        "and `legacy` is 'reject'. Re-encrypt old values first (legacy: 'reencrypt') or delete them.",
    );
    this.key = key;
  }
}

/** The object given to `secureCache` is no client it recognises. Code `ERR_CACHE_CLIENT`. */
export class CacheClientError extends SecureMigrateError {
  constructor(message: string) {
    super('ERR_CACHE_CLIENT', message);
  }
}
