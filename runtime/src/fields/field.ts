/**
 * encryptField / decryptField: the `sm1` envelope under the key ring's `fields` subkey (never the `cache` one), with
 * the column's context as associated data, or Fernet tokens for columns shared with Python services.
 */
import { isUtf8 } from 'node:buffer';
import {
  ENVELOPE_VERSION,
  envelopeKeyId,
  openWithPurpose,
  reencryptWithPurpose,
  sealWithPurpose,
} from '../crypto/envelope.js';
import { isFernetToken, type MultiFernet } from '../crypto/fernet.js';
import { DecryptionError, InvalidArgumentError, KeyError } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import { getDefaultKeyring } from '../keys/env.js';
import type { Keyring } from '../keys/keyring.js';
import { PlaintextFieldError } from './errors.js';
import { countLegacyRead } from './legacy.js';

/** The HKDF purpose of the subkey that encrypts fields. */
export const FIELDS_PURPOSE = 'fields';

/** How a column stores its values: the `sm1` envelope (default) or Fernet tokens Python's `cryptography` reads. */
export type FieldFormat = 'sm1' | 'fernet';

/** What a read does with a stored value that is not ciphertext: refuse it (default) or return it and count it. */
export type FieldLegacyMode = 'reject' | 'passthrough';

/** Options of encryptField, decryptField and the helpers that share them. */
export interface FieldOptions {
  /**
   * A stable name of the column, bound as associated data: `table.column` by convention. A value only decrypts
   * under the context it was written with, so a ciphertext copied into another column does not decrypt. Ignored
   * by the `fernet` format, which has no associated data.
   */
  context: string;
  /** The key ring; default `getDefaultKeyring()`. */
  keyring?: Keyring;
  /** Format of new values; default `'sm1'`. Reads accept both formats. */
  format?: FieldFormat;
  /** Default `'reject'`: a plaintext value is an error on read. */
  legacy?: FieldLegacyMode;
}

/** Where a stored value stands against a column's options (see fieldStatus). */
export type FieldStatus = 'plaintext' | 'stale' | 'current';

const PREFIX = `${ENVELOPE_VERSION}.`;

/** @internal Validates a context: an explicit, non-empty string. */
export function checkFieldContext(context: unknown): string {
  if (typeof context !== 'string' || context.length === 0) {
    throw new InvalidArgumentError(
      'A field needs a context: a stable, non-empty string naming the column, e.g. "users.access_token".',
    );
  }
  return context;
}

function checkFormat(format: unknown): FieldFormat {
  if (format === undefined || format === 'sm1') return 'sm1';
  if (format === 'fernet') return 'fernet';
  throw new InvalidArgumentError(`Unknown field format ${JSON.stringify(format)}: use 'sm1' or 'fernet'.`);
}

function fernetOf(keyring: Keyring): MultiFernet {
  if (!keyring.fernet) {
    throw new KeyError(
      'ERR_KEY_MISSING',
      "A column with format: 'fernet' needs Fernet keys: set SECURE_MIGRATE_FERNET_KEYS (the keys the Python " +
        'service uses, newest first) or pass fernetKeys to createKeyring.',
    );
  }
  return keyring.fernet;
}

/** Whether a stored value is ciphertext of either format (a damaged envelope counts: it must fail, not pass). */
export function isFieldCiphertext(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith(PREFIX) || isFernetToken(value));
}

/**
 * Encrypts a column value. `sm1` keeps the value's type as encryptForCache does (strings, numbers, booleans, null,
 * bigint, Date, bytes, plain objects and arrays); `fernet` takes a string (UTF-8) or bytes.
 * @throws InvalidArgumentError for a missing context or a value the format cannot carry;
 *   KeyError when `fernet` is asked for and the key ring has no Fernet keys.
 */
export function encryptField(value: unknown, options: FieldOptions): string {
  const context = checkFieldContext(options?.context);
  const keyring = options.keyring ?? getDefaultKeyring();
  if (checkFormat(options.format) === 'fernet') {
    if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
      throw new InvalidArgumentError(
        `A column with format: 'fernet' stores strings or bytes (Fernet carries bytes only); "${context}" was given ` +
          `${value === null ? 'null' : typeof value}.`,
      );
    }
    return fernetOf(keyring).encrypt(value);
  }
  return sealWithPurpose(value, FIELDS_PURPOSE, keyring, context);
}

/**
 * Decrypts a stored value written by encryptField under the same context (either format). A value that is not
 * ciphertext is refused with PlaintextFieldError, unless `legacy: 'passthrough'`: then it is returned as it is
 * and counted (see legacyFieldReads).
 * @throws DecryptionError on any failure to decrypt ciphertext, always with the same message.
 */
export function decryptField<T = unknown>(stored: unknown, options: FieldOptions): T {
  try {
    return openField<T>(stored, options);
  } catch (error) {
    // To the process's audit log when one is configured (configureAudit); else one lookup on this failure path.
    if (error instanceof DecryptionError)
      runtimeAudit()?.emit({ type: 'decrypt.failed', target: options.context, details: { area: 'fields' } });
    throw error;
  }
}

/** @internal decryptField without the audit event, for callers that only probe a value. */
export function openField<T = unknown>(stored: unknown, options: FieldOptions): T {
  const context = checkFieldContext(options?.context);
  if (!isFieldCiphertext(stored)) {
    if (options.legacy === 'passthrough') {
      countLegacyRead(context);
      return stored as T;
    }
    if (options.legacy !== undefined && options.legacy !== 'reject') {
      throw new InvalidArgumentError(
        `Unknown legacy mode ${JSON.stringify(options.legacy)}: use 'reject' or 'passthrough'.`,
      );
    }
    throw new PlaintextFieldError(context);
  }
  const keyring = options.keyring ?? getDefaultKeyring();
  if (stored.startsWith(PREFIX)) return openWithPurpose(stored, FIELDS_PURPOSE, keyring, context) as T;
  if (!keyring.fernet) throw new DecryptionError();
  const data = keyring.fernet.decrypt(stored);
  return (isUtf8(data) ? data.toString('utf8') : data) as T;
}

/**
 * Where a stored value stands: `plaintext` (not ciphertext), `stale` (ciphertext under a key other than the
 * primary, or in the other format than the column's), or `current`. Reads key ids only for `sm1`; a Fernet token
 * is `current` when the newest Fernet key verifies it.
 */
export function fieldStatus(stored: unknown, options: FieldOptions): FieldStatus {
  checkFieldContext(options?.context);
  if (!isFieldCiphertext(stored)) return 'plaintext';
  const keyring = options.keyring ?? getDefaultKeyring();
  const envelope = stored.startsWith(PREFIX);
  if (checkFormat(options.format) === 'fernet') {
    return !envelope && keyring.fernet?.isCurrent(stored) ? 'current' : 'stale';
  }
  return envelope && envelopeKeyId(stored) === keyring.primaryId ? 'current' : 'stale';
}

/**
 * Brings a stored value to the column's format and primary key: encrypts plaintext, re-encrypts an envelope
 * under the primary key without decoding it, rotates a Fernet token to the newest Fernet key keeping its
 * timestamp (MultiFernet.rotate), and converts between the formats.
 * @throws DecryptionError when ciphertext does not decrypt here.
 */
export function reencryptField(stored: unknown, options: FieldOptions): string {
  const context = checkFieldContext(options?.context);
  if (!isFieldCiphertext(stored)) return encryptField(stored, options);
  const keyring = options.keyring ?? getDefaultKeyring();
  const envelope = stored.startsWith(PREFIX);
  const fernet = checkFormat(options.format) === 'fernet';
  if (envelope && !fernet) return reencryptWithPurpose(stored, FIELDS_PURPOSE, keyring, context);
  if (!envelope && fernet) {
    if (!keyring.fernet) throw new DecryptionError();
    return keyring.fernet.rotate(stored);
  }
  return encryptField(decryptField(stored, { ...options, legacy: 'reject' }), options);
}
