/**
 * The `sm1` envelope: AES-256-GCM under the key ring's HKDF `cache` subkey, as text
 * `sm1.<keyId>.<base64url(iv 12 ‖ ciphertext ‖ tag 16)>`, with AAD = `sm1\0<keyId>\0<context>`.
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { DecryptionError, InvalidArgumentError } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import { getDefaultKeyring } from '../keys/env.js';
import type { Keyring } from '../keys/keyring.js';
import { isValidKeyId } from '../keys/base64.js';
import { decodeValue, encodeValue } from './codec.js';
import { isFernetToken } from './fernet.js';

/** Version tag and text prefix of the envelope. */
export const ENVELOPE_VERSION = 'sm1';
const PREFIX = `${ENVELOPE_VERSION}.`;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The HKDF purpose of the subkey that encrypts cache values. */
export const CACHE_PURPOSE = 'cache';
/** iv + 1 type byte + tag, in base64url characters. */
const MIN_BODY_CHARS = Math.ceil(((IV_BYTES + 1 + TAG_BYTES) * 4) / 3);
const ENVELOPE_SHAPE = new RegExp(
  `^${ENVELOPE_VERSION}\\.[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{${MIN_BODY_CHARS},}$`,
);

/** Options of encryptForCache, decryptFromCache and reencrypt. */
export interface EncryptForCacheOptions {
  /** The key ring; default `getDefaultKeyring()`. */
  keyring?: Keyring;
  /**
   * Associated data bound into the tag, e.g. the cache key: a value only decrypts with the same context.
   * Not stored in the envelope. Omitted and `''` are the same.
   */
  context?: string;
}

/** Options of needsRotation. */
export interface NeedsRotationOptions {
  keyring?: Keyring;
}

// ---- IVs: 12 random bytes per message, cut from a pooled CSPRNG buffer. A pool is never refilled (a new one is
// drawn when it runs out), so no IV is ever reused or changed while in use. ----
const IV_POOL_SIZE = IV_BYTES * 512;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_SIZE);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

// ---- AAD `sm1\0<keyId>\0<context>`: the prefix is cached per key id; the context is appended per message. ----
const aadPrefixes = new Map<string, Buffer>();
function aad(keyId: string, context: string | undefined): Buffer {
  let prefix = aadPrefixes.get(keyId);
  if (!prefix) {
    prefix = Buffer.from(`${ENVELOPE_VERSION}\u0000${keyId}\u0000`, 'latin1');
    if (aadPrefixes.size < 1024) aadPrefixes.set(keyId, prefix);
  }
  if (!context) return prefix;
  const out = Buffer.allocUnsafe(prefix.length + Buffer.byteLength(context, 'utf8'));
  prefix.copy(out, 0);
  out.write(context, prefix.length, 'utf8');
  return out;
}

function checkContext(context: unknown): string | undefined {
  if (context === undefined || context === '') return undefined;
  if (typeof context !== 'string')
    throw new InvalidArgumentError('The context must be a string (e.g. the cache key).');
  return context;
}

const B64URL_VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  .split('')
  .forEach((c, i) => (B64URL_VALUE[c.charCodeAt(0)] = i));

/** Decodes canonical unpadded base64url only: every text maps to one byte string, so no bit flip goes unseen. */
function decodeCanonicalBase64url(text: string, start: number): Buffer | null {
  const n = text.length - start;
  const rest = n % 4;
  if (rest === 1) return null;
  if (rest) {
    const last = B64URL_VALUE[text.charCodeAt(text.length - 1)] ?? -1;
    if (last < 0 || (last & (rest === 2 ? 0x0f : 0x03)) !== 0) return null;
  }
  return Buffer.from(rest || start ? text.slice(start) : text, 'base64url');
}

interface ParsedEnvelope {
  keyId: string;
  body: Buffer;
}

function parseEnvelope(token: unknown): ParsedEnvelope | null {
  if (typeof token !== 'string' || !ENVELOPE_SHAPE.test(token)) return null;
  const dot = token.indexOf('.', PREFIX.length);
  const body = decodeCanonicalBase64url(token, dot + 1);
  if (!body || body.length < IV_BYTES + 1 + TAG_BYTES) return null;
  return { keyId: token.slice(PREFIX.length, dot), body };
}

/** `type byte ‖ body` in one buffer, so the cipher is called once. */
function plaintextOf(type: number, body: string | Uint8Array): Buffer {
  const length = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  const out = Buffer.allocUnsafe(1 + length);
  out[0] = type;
  if (typeof body === 'string') out.write(body, 1, 'utf8');
  else out.set(body, 1);
  return out;
}

function sealBytes(
  type: number,
  body: string | Uint8Array,
  keyring: Keyring,
  context: string | undefined,
  purpose: string = CACHE_PURPOSE,
): string {
  const keyId = keyring.primaryId;
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keyring.subkey(purpose, keyId), iv, {
    authTagLength: TAG_BYTES,
  }) as CipherGCM;
  cipher.setAAD(aad(keyId, context));
  const ciphertext = cipher.update(plaintextOf(type, body));
  cipher.final();
  const out = Buffer.allocUnsafe(IV_BYTES + ciphertext.length + TAG_BYTES);
  iv.copy(out, 0);
  ciphertext.copy(out, IV_BYTES);
  cipher.getAuthTag().copy(out, IV_BYTES + ciphertext.length);
  return `${PREFIX}${keyId}.${out.toString('base64url')}`;
}

/** Verifies and decrypts an envelope; returns the plaintext (type byte first) or null on any failure. */
function openEnvelope(
  parsed: ParsedEnvelope,
  keyring: Keyring,
  context: string | undefined,
  purpose: string = CACHE_PURPOSE,
): Buffer | null {
  const { keyId, body } = parsed;
  if (!keyring.hasKey(keyId)) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyring.subkey(purpose, keyId),
      body.subarray(0, IV_BYTES),
      {
        authTagLength: TAG_BYTES,
      },
    ) as DecipherGCM;
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plaintext = decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES));
    decipher.final(); // throws when the tag does not verify
    return plaintext;
  } catch {
    return null;
  }
}

/**
 * Encrypts a value for a cache or any text store: AES-256-GCM under the primary key's `cache` subkey.
 * The value keeps its type through decryptFromCache (see the type table in the docs).
 * @throws InvalidArgumentError for values that cannot be encoded (functions, symbols, class instances, cycles)
 *   or a non-string context.
 */
export function encryptForCache(value: unknown, options: EncryptForCacheOptions = {}): string {
  const context = checkContext(options.context);
  const { type, body } = encodeValue(value);
  return sealBytes(type, body, options.keyring ?? getDefaultKeyring(), context);
}

/**
 * Decrypts a value made by encryptForCache with the same context, using the key its id names (no trial
 * decryption). Also accepts a Fernet token when the key ring holds a Fernet key that verifies it (no TTL);
 * its data comes back as a string when it is valid UTF-8, else as a Buffer. The context does not apply to Fernet.
 * @throws DecryptionError on any failure, always with the same message.
 */
export function decryptFromCache<T = unknown>(token: string, options: EncryptForCacheOptions = {}): T {
  try {
    return openCacheToken<T>(token, options);
  } catch (error) {
    // To the process's audit log when one is configured (configureAudit); else one lookup on this failure path.
    if (error instanceof DecryptionError)
      runtimeAudit()?.emit({ type: 'decrypt.failed', target: options.context, details: { area: 'cache' } });
    throw error;
  }
}

/** decryptFromCache without the audit event. */
function openCacheToken<T>(token: string, options: EncryptForCacheOptions): T {
  const context = checkContext(options.context);
  const keyring = options.keyring ?? getDefaultKeyring();
  const parsed = parseEnvelope(token);
  if (parsed) {
    const plaintext = openEnvelope(parsed, keyring, context);
    if (plaintext) {
      try {
        return decodeValue(plaintext) as T;
      } catch {
        // fall through to the one error
      }
    }
  } else if (keyring.fernet && isFernetToken(token)) {
    const data = keyring.fernet.decrypt(token);
    return (isUtf8(data) ? data.toString('utf8') : data) as T;
  }
  throw new DecryptionError();
}

/** Cheap shape check: is `value` an `sm1` envelope (prefix, key id, base64url body of plausible length)? */
export function isEncrypted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(PREFIX) && ENVELOPE_SHAPE.test(value);
}

/**
 * Re-encrypts a token under the key ring's primary key with the same context, without decoding the value.
 * A Fernet token is rotated to the newest Fernet key instead (MultiFernet.rotate: stays a Fernet token, keeps
 * its timestamp), so Python readers can still read it.
 * @throws DecryptionError when the token does not decrypt.
 */
export function reencrypt(token: string, options: EncryptForCacheOptions = {}): string {
  const context = checkContext(options.context);
  const keyring = options.keyring ?? getDefaultKeyring();
  const parsed = parseEnvelope(token);
  if (parsed) {
    const plaintext = openEnvelope(parsed, keyring, context);
    if (plaintext) return sealBytes(plaintext[0]!, plaintext.subarray(1), keyring, context);
  } else if (keyring.fernet && isFernetToken(token)) {
    return keyring.fernet.rotate(token);
  }
  throw new DecryptionError();
}

/**
 * Whether `reencrypt` would move the token to another key: for an envelope, its key id is not the primary
 * (read from the text, nothing decrypted); for a Fernet token, the newest Fernet key does not verify it.
 * @throws DecryptionError when the value is neither an envelope nor (with Fernet keys) a Fernet token.
 */
export function needsRotation(token: string, options: NeedsRotationOptions = {}): boolean {
  const keyring = options.keyring ?? getDefaultKeyring();
  const parsed = parseEnvelope(token);
  if (parsed) return parsed.keyId !== keyring.primaryId;
  if (keyring.fernet && isFernetToken(token)) return !keyring.fernet.isCurrent(token);
  throw new DecryptionError();
}

/** The key id an envelope names, or `null` when the value is not an envelope. Nothing is decrypted. */
export function envelopeKeyId(token: unknown): string | null {
  const parsed = parseEnvelope(token);
  return parsed && isValidKeyId(parsed.keyId) ? parsed.keyId : null;
}

/**
 * @internal The envelope under another HKDF purpose than `cache` (field encryption uses `fields`), so a key made
 * for one use never opens the other's values. Same format, types and errors as encryptForCache.
 */
export function sealWithPurpose(
  value: unknown,
  purpose: string,
  keyring: Keyring,
  context: string | undefined,
): string {
  const { type, body } = encodeValue(value);
  return sealBytes(type, body, keyring, checkContext(context), purpose);
}

/** @internal Opens an `sm1` envelope made by sealWithPurpose. @throws DecryptionError on any failure. */
export function openWithPurpose(
  token: string,
  purpose: string,
  keyring: Keyring,
  context: string | undefined,
): unknown {
  const parsed = parseEnvelope(token);
  const plaintext = parsed && openEnvelope(parsed, keyring, checkContext(context), purpose);
  if (plaintext) {
    try {
      return decodeValue(plaintext);
    } catch {
      // fall through to the one error
    }
  }
  throw new DecryptionError();
}

/** @internal reencrypt for an envelope made by sealWithPurpose; the value is not decoded. */
export function reencryptWithPurpose(
  token: string,
  purpose: string,
  keyring: Keyring,
  context: string | undefined,
): string {
  const ctx = checkContext(context);
  const parsed = parseEnvelope(token);
  const plaintext = parsed && openEnvelope(parsed, keyring, ctx, purpose);
  if (!plaintext) throw new DecryptionError();
  return sealBytes(plaintext[0]!, plaintext.subarray(1), keyring, ctx, purpose);
}
