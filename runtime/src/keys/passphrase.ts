import { createHash, pbkdf2Sync } from 'node:crypto';
import { InvalidArgumentError } from '../errors.js';
import { KEY_BYTES } from './generate.js';

/** Options of {@link deriveKeyFromPassphrase}. */
export interface DeriveKeyFromPassphraseOptions {
  /** PBKDF2-SHA256 iterations; at least 100,000. Default 600,000 (OWASP's figure for PBKDF2-HMAC-SHA256). */
  iterations?: number;
}

export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
export const MIN_PBKDF2_ITERATIONS = 100_000;

const derived = new Map<string, Buffer>();

function cacheKey(passphrase: string, salt: Buffer, iterations: number): string {
  // A digest, so the cache holds no passphrase text; lengths prefixed so no two inputs collide.
  const pass = Buffer.from(passphrase, 'utf8');
  const h = createHash('sha256');
  const len = Buffer.alloc(8);
  len.writeUInt32BE(pass.length, 0);
  len.writeUInt32BE(salt.length, 4);
  h.update(len).update(pass).update(salt).update(String(iterations));
  return h.digest('base64');
}

/**
 * Derives a 32-byte key from a passphrase with PBKDF2-SHA256.
 *
 * PBKDF2 is deliberately slow (about 150 ms at 600,000 iterations), so the result is cached per
 * (passphrase, salt, iterations) for the life of the process: the second call returns the same `Buffer`
 * instance without deriving again. Do not mutate the returned buffer.
 *
 * @throws InvalidArgumentError for an empty passphrase or salt, or fewer than 100,000 iterations.
 */
export function deriveKeyFromPassphrase(
  passphrase: string,
  salt: string | Uint8Array,
  options: DeriveKeyFromPassphraseOptions = {},
): Buffer {
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new InvalidArgumentError('deriveKeyFromPassphrase: the passphrase must be a non-empty string.');
  }
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS) {
    throw new InvalidArgumentError(
      `deriveKeyFromPassphrase: iterations must be an integer of at least ${MIN_PBKDF2_ITERATIONS}.`,
    );
  }
  let saltBytes: Buffer;
  if (typeof salt === 'string') saltBytes = Buffer.from(salt, 'utf8');
  else if (salt instanceof Uint8Array) saltBytes = Buffer.from(salt);
  else throw new InvalidArgumentError('deriveKeyFromPassphrase: the salt must be a string or a Uint8Array.');
  if (saltBytes.length === 0) {
    throw new InvalidArgumentError('deriveKeyFromPassphrase: the salt must not be empty.');
  }
  const id = cacheKey(passphrase, saltBytes, iterations);
  let key = derived.get(id);
  if (!key) {
    key = pbkdf2Sync(passphrase, saltBytes, iterations, KEY_BYTES, 'sha256');
    derived.set(id, key);
  }
  return key;
}
