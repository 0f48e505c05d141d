import { hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { InvalidArgumentError, KeyError } from '../errors.js';
import { Fernet, MultiFernet } from '../crypto/fernet.js';
import { decodeBase64Loose, isValidKeyId } from './base64.js';
import { KEY_BYTES, KEYGEN_COMMAND } from './generate.js';

/** One key of a key ring. */
export interface KeyInput {
  /** 1–64 characters of `A–Z a–z 0–9 _ -`; written into every envelope the key makes. */
  id: string;
  /** 32 bytes: standard or url-safe base64 text (padded or not), or a `Uint8Array`. */
  key: string | Uint8Array;
}

/** Options of {@link createKeyring}. */
export interface CreateKeyringOptions {
  /** At least one key. Ids must be unique. */
  keys: readonly KeyInput[];
  /** The id of the key that encrypts. Default: the first key. */
  primary?: string;
  /**
   * Python-style Fernet keys (url-safe base64 of 32 bytes), newest first, so `decryptFromCache` can read
   * tokens a Python service wrote with `Fernet`/`MultiFernet`.
   */
  fernetKeys?: readonly (string | Uint8Array)[];
}

/**
 * An immutable set of 256-bit keys with ids. The primary key encrypts; every key decrypts.
 * Raw keys are never exposed; helpers use per-purpose subkeys derived with HKDF.
 */
export interface Keyring {
  /** The id of the key that encrypts. */
  readonly primaryId: string;
  /** Every key id, primary first. */
  readonly ids: readonly string[];
  /** The Fernet keys as a MultiFernet (newest first), or `null` when the key ring has none. */
  readonly fernet: MultiFernet | null;
  /** True for the random per-process key `loadKeyring` makes in development when no key is configured. */
  readonly ephemeral: boolean;
  hasKey(id: string): boolean;
  /**
   * The 32-byte subkey of key `id` (default: the primary) for `purpose`, by HKDF-SHA256 with an empty salt and
   * info `'secure-migrate/' + purpose`. Derived once per (key, purpose) and cached: do not mutate the buffer.
   * Purposes in use: `'cache'` (encryptForCache), `'fields'`, `'hash'`.
   * @throws KeyError (`ERR_KEY_MISSING`) when no key has that id.
   */
  subkey(purpose: string, id?: string): Buffer;
  /** A copy whose primary is `id`. @throws KeyError (`ERR_KEY_MISSING`) when no key has that id. */
  withPrimary(id: string): Keyring;
  /** A copy with one more key, decrypt-only unless `options.primary`. @throws KeyError on a duplicate id. */
  withKey(key: KeyInput, options?: { primary?: boolean }): Keyring;
  /** A copy without key `id`. @throws KeyError when `id` is the primary or unknown. */
  withoutKey(id: string): Keyring;
}

/** Ids shorter than this are shown in messages; a base64 key is at least 43 characters, hex 64. */
const SHOWN_ID_LENGTH = 32;

/**
 * How an error message names something given as a key id. A short, well-formed id (`"k1"`) is shown. Anything
 * else could be key material (a key passed where its id goes, `withPrimary(key)` for `withPrimary(id)`), so it is
 * described only by its length and where it was given: never characters of it, never a hash of it.
 */
export function describeKeyId(id: unknown, where: string): string {
  if (typeof id === 'string' && id.length < SHOWN_ID_LENGTH && isValidKeyId(id)) return `"${id}"`;
  const what =
    typeof id === 'string'
      ? `a string of ${id.length} characters`
      : id instanceof Uint8Array
        ? `${id.length} bytes`
        : id === null
          ? 'null'
          : `a ${typeof id}`;
  const hint =
    typeof id === 'string' && id.length >= SHOWN_ID_LENGTH
      ? ': is a key written where its id goes? The format is id:key, and ids are short names'
      : '';
  return `(${what} given as ${where}, not shown in case it is key material${hint})`;
}

/**
 * Decodes and validates one key; the message names the key id (see {@link describeKeyId}) and the length found,
 * never the key. `where` says where the id was given.
 */
export function decodeKeyMaterial(id: string, key: string | Uint8Array, where: string): Buffer {
  const name = describeKeyId(id, where);
  if (typeof key === 'string') {
    const text = key.trim();
    if (text.length === 0) {
      throw new KeyError('ERR_KEY_MISSING', `Key ${name} is empty. Generate one with: ${KEYGEN_COMMAND}`);
    }
    const bytes = decodeBase64Loose(text);
    if (!bytes) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `Key ${name} is not base64 (standard or url-safe). Generate one with: ${KEYGEN_COMMAND}`,
      );
    }
    if (bytes.length !== KEY_BYTES) {
      const hint = /^[0-9a-fA-F]{64}$/.test(text)
        ? ' It looks like hex; give the 32 bytes as base64 instead.'
        : '';
      throw new KeyError(
        'ERR_KEY_INVALID',
        `Key ${name} is ${bytes.length} bytes; keys must be exactly ${KEY_BYTES} bytes (256 bits).${hint} ` +
          `Generate one with: ${KEYGEN_COMMAND}`,
      );
    }
    return bytes;
  }
  if (key instanceof Uint8Array) {
    if (key.length !== KEY_BYTES) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `Key ${name} is ${key.length} bytes; keys must be exactly ${KEY_BYTES} bytes (256 bits).`,
      );
    }
    return Buffer.from(key); // a private copy: later changes to the caller's array do not affect the ring
  }
  throw new KeyError('ERR_KEY_INVALID', `Key ${name} must be base64 text or a Uint8Array.`);
}

/** Whether an id is itself the text of a 32-byte key (base64 of either alphabet, or hex). */
function isKeyText(id: string): boolean {
  if (id.length === 64 && /^[0-9a-fA-F]+$/.test(id)) return true;
  return id.length >= 43 && id.length <= 44 && decodeBase64Loose(id)?.length === KEY_BYTES;
}

function checkId(id: unknown, where: string): asserts id is string {
  if (!isValidKeyId(id)) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `Invalid key id ${describeKeyId(id, where)}: use 1–64 characters of A–Z a–z 0–9 _ -.`,
    );
  }
  // Ids are written into every envelope: one that is a key would put the key into every stored value.
  if (isKeyText(id)) {
    throw new KeyError(
      'ERR_KEY_INVALID',
      `Invalid key id ${describeKeyId(id, where)}: it has the form of a 32-byte key, and ids are written into ` +
        `every encrypted value. Use a short name such as "k1".`,
    );
  }
}

function noSuchKey(id: unknown, where: string): KeyError {
  return new KeyError('ERR_KEY_MISSING', `No key with id ${describeKeyId(id, where)} in the key ring.`);
}

interface KeyringState {
  keys: ReadonlyMap<string, Buffer>;
  primaryId: string;
  fernet: MultiFernet | null;
  ephemeral: boolean;
  /** purpose → key id → subkey. Shared by copies: an id always names the same key bytes, so its subkeys stay valid. */
  subkeys: Map<string, Map<string, Buffer>>;
}

class KeyringImpl implements Keyring {
  readonly #state: KeyringState;
  readonly primaryId: string;
  readonly ids: readonly string[];
  readonly fernet: MultiFernet | null;
  readonly ephemeral: boolean;

  constructor(state: KeyringState) {
    this.#state = state;
    this.primaryId = state.primaryId;
    this.ids = Object.freeze([
      state.primaryId,
      ...[...state.keys.keys()].filter((k) => k !== state.primaryId),
    ]);
    this.fernet = state.fernet;
    this.ephemeral = state.ephemeral;
  }

  hasKey(id: string): boolean {
    return this.#state.keys.has(id);
  }

  subkey(purpose: string, id: string = this.primaryId): Buffer {
    const key = this.#state.keys.get(id);
    if (!key) throw noSuchKey(id, 'the id of Keyring.subkey(purpose, id)');
    let byId = this.#state.subkeys.get(purpose);
    const cached = byId?.get(id);
    if (cached) return cached;
    if (typeof purpose !== 'string' || purpose.length === 0) {
      throw new InvalidArgumentError('Keyring.subkey: purpose must be a non-empty string.');
    }
    if (!byId) this.#state.subkeys.set(purpose, (byId = new Map()));
    const sub = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `secure-migrate/${purpose}`, KEY_BYTES));
    byId.set(id, sub);
    return sub;
  }

  withPrimary(id: string): Keyring {
    if (!this.hasKey(id)) throw noSuchKey(id, 'the id of Keyring.withPrimary(id)');
    return new KeyringImpl({ ...this.#state, primaryId: id });
  }

  withKey(input: KeyInput, options: { primary?: boolean } = {}): Keyring {
    const where = 'the id of Keyring.withKey(key)';
    checkId(input?.id, where);
    if (this.hasKey(input.id))
      throw new KeyError('ERR_KEY_INVALID', `Duplicate key id ${describeKeyId(input.id, where)}.`);
    const keys = new Map(this.#state.keys);
    keys.set(input.id, decodeKeyMaterial(input.id, input.key, where));
    return new KeyringImpl({
      ...this.#state,
      keys,
      primaryId: options.primary ? input.id : this.primaryId,
      ephemeral: false,
    });
  }

  withoutKey(id: string): Keyring {
    const where = 'the id of Keyring.withoutKey(id)';
    if (!this.hasKey(id)) throw noSuchKey(id, where);
    if (id === this.primaryId) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `Key ${describeKeyId(id, where)} is the primary; make another key primary first.`,
      );
    }
    const keys = new Map(this.#state.keys);
    keys.delete(id);
    return new KeyringImpl({ ...this.#state, keys });
  }

  /** Key rings serialize to their ids only. */
  toJSON(): { primaryId: string; ids: readonly string[]; fernetKeys: number } {
    return { primaryId: this.primaryId, ids: this.ids, fernetKeys: this.fernet?.fernets.length ?? 0 };
  }

  [inspect.custom](): string {
    return `Keyring { primaryId: '${this.primaryId}', ids: [${this.ids.map((i) => `'${i}'`).join(', ')}] }`;
  }
}

/**
 * @internal Builds a key ring; `ephemeral` is set by `loadKeyring` only. `source(i)` says where key `i` was given,
 * for error messages.
 */
export function buildKeyring(
  options: CreateKeyringOptions,
  ephemeral: boolean,
  source: (index: number) => string = (i) => `keys[${i}].id`,
): Keyring {
  if (!options || !Array.isArray(options.keys) || options.keys.length === 0) {
    throw new KeyError(
      'ERR_KEY_MISSING',
      `A key ring needs at least one key. Generate one with: ${KEYGEN_COMMAND}`,
    );
  }
  const keys = new Map<string, Buffer>();
  options.keys.forEach((input, i) => {
    const where = source(i);
    checkId(input?.id, where);
    if (keys.has(input.id))
      throw new KeyError('ERR_KEY_INVALID', `Duplicate key id ${describeKeyId(input.id, where)}.`);
    keys.set(input.id, decodeKeyMaterial(input.id, input.key, where));
  });
  const primaryId = options.primary ?? options.keys[0]!.id;
  if (!keys.has(primaryId)) {
    throw new KeyError(
      'ERR_KEY_MISSING',
      `The primary key ${describeKeyId(primaryId, 'primary')} is not one of the keys.`,
    );
  }
  let fernet: MultiFernet | null = null;
  if (options.fernetKeys !== undefined) {
    if (!Array.isArray(options.fernetKeys)) {
      throw new KeyError('ERR_KEY_INVALID', 'fernetKeys must be an array of Fernet keys, newest first.');
    }
    const fernets = options.fernetKeys.map((k, i) => {
      try {
        return new Fernet(k);
      } catch (error) {
        throw new KeyError('ERR_KEY_INVALID', `Fernet key #${i + 1}: ${(error as Error).message}`);
      }
    });
    if (fernets.length) fernet = new MultiFernet(fernets);
  }
  return new KeyringImpl({ keys, primaryId, fernet, ephemeral, subkeys: new Map() });
}

/**
 * Builds a key ring from keys given in code.
 * @throws KeyError `ERR_KEY_MISSING` (no keys, unknown primary) or `ERR_KEY_INVALID` (bad id, duplicate id,
 *   not base64, not 32 bytes).
 */
export function createKeyring(options: CreateKeyringOptions): Keyring {
  return buildKeyring(options, false);
}
