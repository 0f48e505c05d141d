/**
 * Fernet (https://github.com/fernet/spec), byte-exact with the spec and with Python's `cryptography`:
 * AES-128-CBC + HMAC-SHA256, version 0x80, 64-bit big-endian timestamp, padded url-safe base64 out,
 * tolerant base64 in, no TTL unless one is given, 60 s clock-skew rule when it is, TTL checked before the HMAC.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DecryptionError, InvalidArgumentError, KeyError } from '../errors.js';
import { decodeBase64Loose } from '../keys/base64.js';

const VERSION = 0x80;
const HEADER = 1 + 8 + 16; // version, timestamp, IV
const HMAC_BYTES = 32;
const MIN_TOKEN_BYTES = HEADER + 16 + HMAC_BYTES; // at least one AES block
/** Python `cryptography`'s `_MAX_CLOCK_SKEW`: a token may be this many seconds in the future when a TTL is given. */
export const FERNET_MAX_CLOCK_SKEW = 60;

/** Options of {@link Fernet.encrypt}. */
export interface FernetEncryptOptions {
  /** The 16-byte IV; random when omitted. For test vectors only: never reuse an IV. */
  iv?: Uint8Array;
  /** The token's timestamp in seconds since the epoch (Python's `encrypt_at_time`); now when omitted. */
  at?: number;
}

/** Options of {@link Fernet.decrypt}. */
export interface FernetDecryptOptions {
  /** Maximum age in seconds. Omitted (the default, like Python): tokens never expire. */
  ttl?: number;
  /** The current time in seconds (Python's `decrypt_at_time`); the clock when omitted. */
  now?: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function toBytes(data: string | Uint8Array): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array)
    return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new InvalidArgumentError('Fernet: data must be a string or a Uint8Array.');
}

function padBase64(unpadded: string): string {
  const rest = unpadded.length % 4;
  return rest === 0 ? unpadded : unpadded + (rest === 2 ? '==' : '=');
}

/** Decodes a token's base64 text; `null` when it is not a plausible Fernet token. */
function decodeToken(token: unknown): Buffer | null {
  if (typeof token !== 'string') {
    if (token instanceof Uint8Array) token = Buffer.from(token).toString('latin1');
    else return null;
  }
  const data = decodeBase64Loose((token as string).trim());
  if (!data || data.length < MIN_TOKEN_BYTES || data[0] !== VERSION) return null;
  if ((data.length - HEADER - HMAC_BYTES) % 16 !== 0) return null;
  return data;
}

function readTimestamp(data: Buffer): number | null {
  const ts = data.readBigUInt64BE(1);
  return ts > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(ts);
}

function checkTime(name: string, value: number | undefined): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw new InvalidArgumentError(`Fernet: ${name} must be a non-negative number of seconds.`);
  }
}

interface FernetKeys {
  signing: Buffer;
  encryption: Buffer;
}
/** Key halves of each Fernet instance, reachable from this module only (not via the public API). */
const fernetKeys = new WeakMap<Fernet, FernetKeys>();

/** Constant-time HMAC check of decoded token bytes. */
function verifyData(keys: FernetKeys, data: Buffer): boolean {
  const signed = data.length - HMAC_BYTES;
  const expected = createHmac('sha256', keys.signing).update(data.subarray(0, signed)).digest();
  return timingSafeEqual(expected, data.subarray(signed));
}

/** Verifies (TTL first, as the spec says, then the HMAC) and decrypts decoded token bytes. */
function decryptData(
  keys: FernetKeys,
  data: Buffer,
  ttl: number | undefined,
  now: number | undefined,
): Buffer {
  checkTime('ttl', ttl);
  checkTime('now', now);
  const ts = readTimestamp(data);
  if (ts === null) throw new DecryptionError();
  if (ttl !== undefined) {
    const current = now ?? nowSeconds();
    if (ts + ttl < current) throw new DecryptionError();
    if (current + FERNET_MAX_CLOCK_SKEW < ts) throw new DecryptionError();
  }
  if (!verifyData(keys, data)) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-128-cbc', keys.encryption, data.subarray(9, HEADER));
    const head = decipher.update(data.subarray(HEADER, data.length - HMAC_BYTES));
    const tail = decipher.final();
    return tail.length ? Buffer.concat([head, tail]) : head;
  } catch {
    throw new DecryptionError();
  }
}

const keysOf = (f: Fernet): FernetKeys => fernetKeys.get(f)!;

/** One Fernet key: encrypts and decrypts Fernet tokens. */
export class Fernet {
  /**
   * @param key the 32-byte Fernet key: url-safe base64 text as Python's `Fernet.generate_key()` prints it
   *   (standard alphabet and missing padding are accepted too), or the 32 raw bytes as a `Uint8Array`.
   * @throws KeyError (`ERR_KEY_INVALID`) when the key is not 32 bytes.
   */
  constructor(key: string | Uint8Array) {
    let raw: Buffer | null;
    if (typeof key === 'string') raw = decodeBase64Loose(key.trim());
    else if (key instanceof Uint8Array) raw = Buffer.from(key);
    else raw = null;
    if (!raw || raw.length !== 32) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        raw
          ? `Fernet key is ${raw.length} bytes; Fernet keys must be exactly 32 bytes (url-safe base64, 44 characters).`
          : 'Fernet key must be 32 bytes given as url-safe base64 text (44 characters) or a Uint8Array.',
      );
    }
    fernetKeys.set(this, { signing: raw.subarray(0, 16), encryption: raw.subarray(16, 32) });
  }

  /** A fresh random Fernet key, padded url-safe base64 like Python's `Fernet.generate_key()`. */
  static generateKey(): string {
    return padBase64(randomBytes(32).toString('base64url'));
  }

  /** Encrypts `data` (UTF-8 for strings, raw bytes otherwise) into a padded url-safe base64 token. */
  encrypt(data: string | Uint8Array, options: FernetEncryptOptions = {}): string {
    const at = options.at ?? nowSeconds();
    checkTime('at', at);
    const iv = options.iv ?? randomBytes(16);
    if (!(iv instanceof Uint8Array) || iv.length !== 16) {
      throw new InvalidArgumentError('Fernet: the iv must be 16 bytes.');
    }
    const plaintext = toBytes(data);
    const keys = keysOf(this);
    const cipher = createCipheriv('aes-128-cbc', keys.encryption, iv);
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const body = Buffer.allocUnsafe(HEADER + head.length + tail.length + HMAC_BYTES);
    body[0] = VERSION;
    body.writeBigUInt64BE(BigInt(Math.floor(at)), 1);
    body.set(iv, 9);
    head.copy(body, HEADER);
    tail.copy(body, HEADER + head.length);
    const signed = body.length - HMAC_BYTES;
    createHmac('sha256', keys.signing).update(body.subarray(0, signed)).digest().copy(body, signed);
    return padBase64(body.toString('base64url'));
  }

  /**
   * Decrypts a token and returns the plaintext bytes.
   * @throws DecryptionError on any failure (bad base64, version, length, TTL, clock skew, HMAC, padding).
   */
  decrypt(token: string, options: FernetDecryptOptions = {}): Buffer {
    const data = decodeToken(token);
    if (!data) throw new DecryptionError();
    return decryptData(keysOf(this), data, options.ttl, options.now);
  }

  /**
   * The token's timestamp in seconds, after verifying its signature (like Python's `extract_timestamp`).
   * @throws DecryptionError when the token is malformed or not signed by this key.
   */
  extractTimestamp(token: string): number {
    const data = decodeToken(token);
    const ts = data && readTimestamp(data);
    if (!data || ts === null || !verifyData(keysOf(this), data)) throw new DecryptionError();
    return ts;
  }
}

/**
 * Several Fernet keys, newest first (Python's `MultiFernet`): encrypts with the first, decrypts with any,
 * and `rotate()` re-encrypts a token under the first key keeping its original timestamp.
 */
export class MultiFernet {
  readonly #fernets: readonly Fernet[];

  /** @throws InvalidArgumentError when the list is empty or holds something other than `Fernet` instances. */
  constructor(fernets: readonly Fernet[]) {
    if (!Array.isArray(fernets) || fernets.length === 0) {
      throw new InvalidArgumentError('MultiFernet requires at least one Fernet instance.');
    }
    if (!fernets.every((f) => f instanceof Fernet)) {
      throw new InvalidArgumentError('MultiFernet accepts Fernet instances only.');
    }
    this.#fernets = [...fernets];
  }

  /** The Fernet instances, newest (the one that encrypts) first. */
  get fernets(): readonly Fernet[] {
    return this.#fernets;
  }

  /** Encrypts with the first key. */
  encrypt(data: string | Uint8Array, options?: FernetEncryptOptions): string {
    return this.#fernets[0]!.encrypt(data, options);
  }

  /** Decrypts with the first key that verifies the token. @throws DecryptionError when none does. */
  decrypt(token: string, options: FernetDecryptOptions = {}): Buffer {
    const data = decodeToken(token);
    if (!data) throw new DecryptionError();
    for (const f of this.#fernets) {
      try {
        return decryptData(keysOf(f), data, options.ttl, options.now);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
      }
    }
    throw new DecryptionError();
  }

  /** The timestamp of a token signed by any of the keys. @throws DecryptionError when none verifies it. */
  extractTimestamp(token: string): number {
    for (const f of this.#fernets) {
      try {
        return f.extractTimestamp(token);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
      }
    }
    throw new DecryptionError();
  }

  /**
   * Re-encrypts a token made with any of the keys under the first key, keeping the token's original timestamp
   * and using a fresh IV (Python semantics: no TTL applies while rotating).
   * @throws DecryptionError when no key decrypts the token.
   */
  rotate(token: string): string {
    const data = decodeToken(token);
    const ts = data && readTimestamp(data);
    if (!data || ts === null) throw new DecryptionError();
    const plaintext = this.decrypt(token);
    return this.#fernets[0]!.encrypt(plaintext, { at: ts });
  }

  /** True when the first key verifies the token, i.e. `rotate()` would only refresh its IV. */
  isCurrent(token: string): boolean {
    const data = decodeToken(token);
    return data !== null && verifyData(keysOf(this.#fernets[0]!), data);
  }
}

/** Shape check for a Fernet token: version byte 0x80 (`gAAAAA…`), url-safe base64, at least 73 bytes. */
export function isFernetToken(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length >= 98 && value.startsWith('gAAAAA') && FERNET_SHAPE.test(value)
  );
}

const FERNET_SHAPE = /^[A-Za-z0-9_-]+={0,2}$/;
