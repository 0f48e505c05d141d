/**
 * blindIndex: a keyed HMAC-SHA256 of a value, per context, under the key ring's `blind-index` subkey (never the
 * key that encrypts), for equality lookups on encrypted columns without decrypting them.
 */
import { createHmac } from 'node:crypto';
import { InvalidArgumentError } from '../errors.js';
import { getDefaultKeyring } from '../keys/env.js';
import type { Keyring } from '../keys/keyring.js';
import { checkFieldContext } from './field.js';

/** The HKDF purpose of the blind index subkey. */
export const BLIND_INDEX_PURPOSE = 'blind-index';
/** Default length of an index, in bytes of HMAC output (22 base64url characters). */
export const BLIND_INDEX_BYTES = 16;

/** A normalisation step applied before hashing. `email` is `trim` then `casefold`. */
export type BlindIndexNormalizer = 'trim' | 'casefold' | 'nfkc' | 'email' | ((value: string) => string);

/** Options of blindIndex and blindIndexes. */
export interface BlindIndexOptions {
  /** The column's context (`users.email`): the same value gives unrelated indexes in two contexts. */
  context: string;
  keyring?: Keyring;
  /** The key whose subkey hashes; default the primary. Pin it to keep indexes across encryption key rotations. */
  keyId?: string;
  /** Applied in order to a string value before hashing, e.g. `'email'` for e-mail addresses. */
  normalize?: BlindIndexNormalizer | readonly BlindIndexNormalizer[];
  /** HMAC bytes kept, 8 to 32; default 16. Shorter means more false matches and less leakage. */
  bytes?: number;
}

function normalizeOne(value: string, step: BlindIndexNormalizer): string {
  switch (step) {
    case 'trim':
      return value.trim();
    case 'casefold':
      return value.toLowerCase();
    case 'nfkc':
      return value.normalize('NFKC');
    case 'email':
      return value.trim().toLowerCase();
    default:
      if (typeof step === 'function') {
        const out = step(value);
        if (typeof out !== 'string')
          throw new InvalidArgumentError('A normalize function must return a string.');
        return out;
      }
      throw new InvalidArgumentError(
        `Unknown normalizer ${JSON.stringify(step)}: use 'trim', 'casefold', 'nfkc', 'email' or a function.`,
      );
  }
}

function material(value: unknown, options: BlindIndexOptions): Buffer {
  if (typeof value === 'string') {
    const steps = options.normalize === undefined ? [] : [options.normalize].flat();
    return Buffer.from(steps.reduce<string>(normalizeOne, value), 'utf8');
  }
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new InvalidArgumentError('blindIndex takes a string or bytes.');
}

function indexWith(keyring: Keyring, keyId: string, context: string, data: Buffer, bytes: number): string {
  const ctx = Buffer.from(context, 'utf8');
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(ctx.length, 0);
  const mac = createHmac('sha256', keyring.subkey(BLIND_INDEX_PURPOSE, keyId))
    .update(length)
    .update(ctx)
    .update(data)
    .digest();
  return mac.subarray(0, bytes).toString('base64url');
}

function checkBytes(bytes: unknown): number {
  if (bytes === undefined) return BLIND_INDEX_BYTES;
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 8 || bytes > 32) {
    throw new InvalidArgumentError('blindIndex: bytes must be an integer from 8 to 32.');
  }
  return bytes;
}

/**
 * The blind index of `value`: base64url of the first `bytes` (default 16) bytes of HMAC-SHA256 over the context
 * and the normalised value. Deterministic for a key, context and normalisation: store it in its own column and
 * query it with `=`.
 */
export function blindIndex(value: string | Uint8Array, options: BlindIndexOptions): string {
  const context = checkFieldContext(options?.context);
  const keyring = options.keyring ?? getDefaultKeyring();
  return indexWith(
    keyring,
    options.keyId ?? keyring.primaryId,
    context,
    material(value, options),
    checkBytes(options.bytes),
  );
}

/**
 * The blind index of `value` under every key of the ring, primary first: for lookups while an index key is being
 * rotated (`WHERE email_index IN (...)`), before every row's index has been recomputed.
 */
export function blindIndexes(value: string | Uint8Array, options: BlindIndexOptions): string[] {
  const context = checkFieldContext(options?.context);
  const keyring = options.keyring ?? getDefaultKeyring();
  const data = material(value, options);
  const bytes = checkBytes(options.bytes);
  return keyring.ids.map((id) => indexWith(keyring, id, context, data, bytes));
}
