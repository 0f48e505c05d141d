import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KeyError } from '../errors.js';
import { stateSlot } from '../internal/state.js';
import { isValidKeyId } from './base64.js';
import { ALLOW_EPHEMERAL_KEY_ENV, keyEnvironment } from './environment.js';
import { KEYGEN_COMMAND } from './generate.js';
import { buildKeyring, type KeyInput, type Keyring } from './keyring.js';
import { deriveKeyFromPassphrase } from './passphrase.js';

/** Environment variables `loadKeyring` reads. */
export const KEY_ENV = {
  keys: 'SECURE_MIGRATE_KEYS',
  keysFile: 'SECURE_MIGRATE_KEYS_FILE',
  fernetKeys: 'SECURE_MIGRATE_FERNET_KEYS',
  fernetKeysFile: 'SECURE_MIGRATE_FERNET_KEYS_FILE',
  passphrase: 'SECURE_MIGRATE_PASSPHRASE',
  passphraseFile: 'SECURE_MIGRATE_PASSPHRASE_FILE',
  passphraseSalt: 'SECURE_MIGRATE_PASSPHRASE_SALT',
} as const;

/** Key id of the passphrase-derived key. */
export const PASSPHRASE_KEY_ID = 'passphrase';
/** Salt used for the passphrase when `SECURE_MIGRATE_PASSPHRASE_SALT` is not set. */
export const DEFAULT_PASSPHRASE_SALT = 'secure-migrate/passphrase/v1';
/** Key id of the development key made when nothing is configured. */
export const EPHEMERAL_KEY_ID = 'ephemeral';
/** Characters a passphrase needs in production. */
export const MIN_PRODUCTION_PASSPHRASE_LENGTH = 16;

const SETUP_HINT =
  `Set ${KEY_ENV.keys}="<id>:<key>" (or ${KEY_ENV.keysFile} to a mounted secret file) with a 32-byte key. ` +
  `Generate one with: ${KEYGEN_COMMAND}`;

/** Where a key of `SECURE_MIGRATE_KEYS` was given, for error messages. */
const envKeySource = (index: number): string => `${KEY_ENV.keys} entry #${index + 1}`;

/** Reads `NAME` or the file `NAME_FILE` names; both set is an error, since it is ambiguous. */
function readVariable(env: NodeJS.ProcessEnv, name: string, fileName: string): string | undefined {
  const direct = env[name];
  const file = env[fileName];
  const hasDirect = direct !== undefined && direct.trim() !== '';
  const hasFile = file !== undefined && file.trim() !== '';
  if (hasDirect && hasFile) {
    throw new KeyError('ERR_KEY_INVALID', `Both ${name} and ${fileName} are set; set only one of them.`);
  }
  if (hasFile) {
    try {
      return readFileSync(file.trim(), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new KeyError('ERR_KEY_MISSING', `${fileName} names a file that cannot be read (${code}).`);
    }
  }
  return hasDirect ? direct : undefined;
}

/**
 * Parses the `SECURE_MIGRATE_KEYS` format: entries `<id>:<base64 key>` separated by commas, whitespace or
 * newlines; the first entry is the primary. A single bare `<base64 key>` is accepted with the id `default`.
 */
export function parseKeysVariable(text: string, source: string = KEY_ENV.keys): KeyInput[] {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 1 && !entries[0]!.includes(':')) return [{ id: 'default', key: entries[0]! }];
  return entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (colon <= 0 || !isValidKeyId(id)) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${source} entry #${i + 1} (${entry.length} characters) is not "<id>:<base64 key>" ` +
          `(ids: 1–64 characters of A–Z a–z 0–9 _ -). ` +
          `Example: ${source}="k2:<new key>,k1:<old key>" (first = primary).`,
      );
    }
    return { id, key: entry.slice(colon + 1) };
  });
}

/**
 * Once per process, whichever copy of the package (ESM or CommonJS build) asks: the development key, whether its
 * warning was given, and the default key ring.
 */
interface KeyState {
  ephemeralKey?: Buffer;
  warned: boolean;
  defaultKeyring?: Keyring;
}

const keyState = (): KeyState => stateSlot<KeyState>('keys@1', () => ({ warned: false }));

function ephemeralKeyInput(): KeyInput {
  const state = keyState();
  const ephemeralKey = (state.ephemeralKey ??= randomBytes(32));
  if (!state.warned) {
    state.warned = true;
    process.emitWarning(
      `No encryption key is configured: using a random key for this process only. Values encrypted now ` +
        `cannot be decrypted after a restart or by other processes. ${SETUP_HINT}`,
      { code: 'SECURE_MIGRATE_EPHEMERAL_KEY' },
    );
  }
  return { id: EPHEMERAL_KEY_ID, key: ephemeralKey };
}

/**
 * Builds the key ring from the environment:
 * - `SECURE_MIGRATE_KEYS` or `SECURE_MIGRATE_KEYS_FILE`: `<id>:<base64 key>` entries, first = primary;
 * - `SECURE_MIGRATE_PASSPHRASE` or `_FILE` (+ optional `SECURE_MIGRATE_PASSPHRASE_SALT`): a PBKDF2-derived key
 *   with id `passphrase`, primary only when no other key is set;
 * - `SECURE_MIGRATE_FERNET_KEYS` or `_FILE`: Python Fernet keys, newest first.
 *
 * With no key at all: a random per-process key (id `ephemeral`) and one process warning when `keyEnvironment`
 * allows it (`NODE_ENV` development or test, or `SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY=1`), otherwise a KeyError
 * `ERR_KEY_MISSING` that names both fixes. In production a passphrase needs at least 16 characters. A malformed
 * key is an error in every environment.
 */
export function loadKeyring(env: NodeJS.ProcessEnv = process.env): Keyring {
  const environment = keyEnvironment(env);
  const keysText = readVariable(env, KEY_ENV.keys, KEY_ENV.keysFile);
  const keys = keysText === undefined ? [] : parseKeysVariable(keysText);
  if (keysText !== undefined && keys.length === 0) {
    throw new KeyError('ERR_KEY_MISSING', `${KEY_ENV.keys} is set but holds no key. ${SETUP_HINT}`);
  }
  const passphrase = readVariable(env, KEY_ENV.passphrase, KEY_ENV.passphraseFile)?.replace(/\r?\n$/, '');
  if (passphrase === '') {
    throw new KeyError('ERR_KEY_MISSING', `${KEY_ENV.passphrase} is set but empty.`);
  }
  if (passphrase !== undefined && environment.production) {
    const length = [...passphrase].length;
    if (length < MIN_PRODUCTION_PASSPHRASE_LENGTH) {
      throw new KeyError(
        'ERR_KEY_INVALID',
        `${KEY_ENV.passphrase} is ${length} characters; in production a passphrase needs at least ` +
          `${MIN_PRODUCTION_PASSPHRASE_LENGTH}, because anyone who reads one encrypted value can test guesses ` +
          `offline, and PBKDF2 slows each guess but cannot save a short passphrase from a search ` +
          `(${environment.description}). Use a longer passphrase, or a random key: ${SETUP_HINT}`,
      );
    }
  }
  if (passphrase !== undefined) {
    const salt = env[KEY_ENV.passphraseSalt] || DEFAULT_PASSPHRASE_SALT;
    keys.push({ id: PASSPHRASE_KEY_ID, key: deriveKeyFromPassphrase(passphrase, salt) });
  }
  const fernetText = readVariable(env, KEY_ENV.fernetKeys, KEY_ENV.fernetKeysFile);
  const fernetKeys = fernetText?.split(/[\s,]+/).filter(Boolean);
  if (keys.length === 0) {
    if (!environment.ephemeralKeyAllowed) {
      throw new KeyError(
        'ERR_KEY_MISSING',
        `No encryption key is configured, and this is production (${environment.description}; only ` +
          `development and test are not). Either configure a key: ${SETUP_HINT} ` +
          `Or, outside production, set NODE_ENV=development or NODE_ENV=test, or ${ALLOW_EPHEMERAL_KEY_ENV}=1, ` +
          `to use a random key for this process only.`,
      );
    }
    return buildKeyring({ keys: [ephemeralKeyInput()], ...(fernetKeys ? { fernetKeys } : {}) }, true);
  }
  return buildKeyring({ keys, ...(fernetKeys ? { fernetKeys } : {}) }, false, envKeySource);
}

/**
 * The process-wide key ring: `loadKeyring()` on first use, then cached. Every `{ keyring }` option defaults to it.
 * One per process, shared by the ESM and the CommonJS build of the package.
 */
export function getDefaultKeyring(): Keyring {
  const state = keyState();
  return (state.defaultKeyring ??= loadKeyring());
}

/** Replaces the process-wide key ring; `undefined` makes the next `getDefaultKeyring()` load it again. */
export function setDefaultKeyring(keyring: Keyring | undefined): void {
  const state = keyState();
  if (keyring === undefined) delete state.defaultKeyring;
  else state.defaultKeyring = keyring;
}
