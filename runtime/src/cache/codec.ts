/**
 * Turns cache values into envelopes and back, applying the legacy policy, the associated-data binding and the
 * reply-type rule of Redis clients (a string reply stays a string, a Buffer reply stays a Buffer).
 */
import {
  decryptFromCache,
  encryptForCache,
  isEncrypted,
  isFernetToken,
  ENVELOPE_VERSION,
} from '../crypto/index.js';
import { LegacyCacheValueError } from './errors.js';
import type { ResolvedOptions } from './options.js';

/** A plaintext value met on read under `legacy: 'reencrypt'`, to be written back as `sealed`. */
export interface LegacyHit {
  readonly key: string;
  /** Hash field, for values read from a hash. */
  readonly field: string | undefined;
  /** The value as read. */
  readonly raw: unknown;
  /** The envelope to write back. */
  readonly sealed: string;
}

const PREFIX = `${ENVELOPE_VERSION}.`;

const asText = (raw: unknown): string | null => {
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('latin1');
  return null;
};

const toBuffer = (value: Uint8Array): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** Text Redis would hold for `value`. */
const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return toBuffer(value).toString('utf8');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
};

/** Encrypts, decrypts and classifies values for one wrapper. */
export class Codec {
  readonly options: ResolvedOptions;
  readonly #crypt: { keyring: ResolvedOptions['keyring']; context: string };
  readonly #legacyApplies: (key: string) => boolean;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#crypt = { keyring: options.keyring, context: '' };
    this.#legacyApplies = options.encryptAll ? () => true : options.isSensitive;
  }

  /** The associated data of a value: the key's context, plus the field for hash values. */
  aad(key: string, field?: string): string {
    const ctx = this.options.contextOf(key);
    return field === undefined ? ctx : `${ctx}\u0000${field}`;
  }

  #opts(context: string): { keyring: ResolvedOptions['keyring']; context: string } {
    // One option object per codec, reused: the crypto functions read it synchronously.
    const o = this.#crypt;
    o.context = context;
    return o;
  }

  /** Whether a write under `key` must be encrypted (never in the `writes: 'plaintext'` phase). */
  encrypts(key: string): boolean {
    const o = this.options;
    return o.writes === 'encrypted' && (o.encryptAll || o.isSensitive(key));
  }

  /** {@link encrypts} for a key Redis sees as `prefix + key`. */
  #encryptsAt(key: string, prefix: string): boolean {
    const o = this.options;
    return o.writes === 'encrypted' && (o.encryptAll || o.isSensitive(prefix === '' ? key : prefix + key));
  }

  /**
   * A Redis value argument → what to send. `key` binds the value; `prefix + key` is the key Redis sees (ioredis
   * `keyPrefix`), which decides whether it is sensitive. Strings and Buffers are encrypted as such; numbers, bigints and
   * booleans as the text Redis would store. Anything else, and values that already carry the envelope, pass as is.
   */
  sealArg(value: unknown, key: string, field?: string, prefix = ''): unknown {
    let plain: string | Buffer;
    if (typeof value === 'string') {
      if (isEncrypted(value)) return value;
      plain = value;
    } else if (value instanceof Uint8Array) plain = toBuffer(value);
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      plain = String(value);
    } else return value;
    if (!this.#encryptsAt(key, prefix)) return value;
    return encryptForCache(plain, this.#opts(this.aad(key, field)));
  }

  /** Any JSON-like value (keyv, cache-manager, Map) → its envelope; `undefined` and envelopes pass as is. */
  sealValue(value: unknown, key: string): unknown {
    if (value === undefined || isEncrypted(value) || !this.encrypts(key)) return value;
    return encryptForCache(value, this.#opts(this.aad(key)));
  }

  /** Encrypts `value` with its type kept, whatever the key (explicit `setSecure`). */
  sealTyped(value: unknown, key: string): string {
    return encryptForCache(value, this.#opts(this.aad(key)));
  }

  /**
   * Whether `text` is ciphertext this wrapper must decrypt: anything that starts like our envelope (so a damaged
   * or truncated envelope is an error, never a legacy value), or a Fernet token when the ring has Fernet keys.
   */
  #isCiphertext(text: string): boolean {
    return text.startsWith(PREFIX) || (this.options.keyring.fernet !== null && isFernetToken(text));
  }

  #legacy(
    raw: unknown,
    key: string,
    field: string | undefined,
    hits: LegacyHit[] | undefined,
    prefix: string,
    sealed: () => string,
  ): unknown {
    if (!this.#legacyApplies(prefix === '' ? key : prefix + key)) return raw;
    const mode = this.options.legacy;
    if (mode === 'reject') throw new LegacyCacheValueError(field === undefined ? key : `${key} ${field}`);
    if (mode === 'reencrypt' && hits) hits.push({ key, field, raw, sealed: sealed() });
    return raw;
  }

  /**
   * A Redis reply → plaintext of the reply's type. `null`, numbers and arrays pass as they are (callers map arrays).
   * @throws DecryptionError when the value carries an envelope that does not decrypt here.
   */
  openReply(raw: unknown, key: string, field?: string, hits?: LegacyHit[], prefix = ''): unknown {
    const text = asText(raw);
    if (text === null) return raw;
    if (!this.#isCiphertext(text)) {
      return this.#legacy(raw, key, field, hits, prefix, () =>
        encryptForCache(Buffer.isBuffer(raw) ? raw : text, this.#opts(this.aad(key, field))),
      );
    }
    const value: unknown = decryptFromCache(text, this.#opts(this.aad(key, field)));
    if (typeof raw === 'string') return textOf(value);
    if (value instanceof Uint8Array) return toBuffer(value);
    return Buffer.from(textOf(value), 'utf8');
  }

  /** A stored value (keyv, cache-manager, Map) → the value written, with its type. */
  openValue(raw: unknown, key: string, hits?: LegacyHit[]): unknown {
    if (typeof raw !== 'string' || !this.#isCiphertext(raw)) {
      if (raw === undefined || raw === null) return raw;
      return this.#legacy(raw, key, undefined, hits, '', () => this.sealTyped(raw, key));
    }
    return decryptFromCache(raw, this.#opts(this.aad(key)));
  }

  /** Explicit read (`getSecure`): misses pass, ciphertext decrypts with its type, plaintext is refused. */
  openStrict(raw: unknown, key: string): unknown {
    if (raw === undefined || raw === null) return raw;
    const text = asText(raw);
    if (text === null || !this.#isCiphertext(text)) throw new LegacyCacheValueError(key);
    return decryptFromCache(text, this.#opts(this.aad(key)));
  }
}
