/**
 * One encrypted column: what an ORM adapter calls on write and on read. SQL NULL stays NULL (nullable columns and
 * `IS NULL` keep working; that a value is absent is not hidden), a value that already is this column's ciphertext
 * is written as it is (never encrypted twice), everything else is encrypted.
 */
import { DecryptionError } from '../errors.js';
import { getDefaultKeyring } from '../keys/env.js';
import {
  checkFieldContext,
  decryptField,
  encryptField,
  isFieldCiphertext,
  openField,
  type FieldOptions,
} from './field.js';

/** An encrypted column's write and read functions. */
export interface FieldColumn {
  readonly context: string;
  /** Application value → stored value. */
  encrypt(value: unknown): unknown;
  /** Stored value → application value. */
  decrypt(stored: unknown): unknown;
}

/** Builds the write and read functions of one column from its FieldOptions. */
export function fieldColumn(options: FieldOptions): FieldColumn {
  const settings: FieldOptions = { ...options, context: checkFieldContext(options?.context) };
  // Validates the context and format now, at schema declaration, rather than on the first query.
  encryptField('', { ...settings, keyring: settings.keyring ?? getDefaultKeyring() });
  return {
    context: settings.context,
    encrypt(value) {
      if (value === null || value === undefined) return value;
      if (isFieldCiphertext(value)) {
        try {
          openField(value, settings); // a probe: a value that does not open is encrypted, not reported
          return value;
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
        }
      }
      return encryptField(value, settings);
    },
    decrypt(stored) {
      if (stored === null || stored === undefined) return stored;
      return decryptField(stored, settings);
    },
  };
}
