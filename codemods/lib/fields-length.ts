/**
 * How long a column must be to hold the ciphertext of what it holds now. Measured, not estimated: the runtime
 * encrypts a value of the column's length, made of characters of four UTF-8 bytes each (the most a character of a
 * `varchar(n)` can take), under a key id of the longest length the key ring accepts.
 */
import { randomBytes } from 'node:crypto';
import { createKeyring } from '@secure-migrate/runtime/keys';
import { encryptField } from '@secure-migrate/runtime/fields';

/** The longest key id `SECURE_MIGRATE_KEYS` accepts (1–64 characters). */
const LONGEST_KEY_ID = 'k'.repeat(64);
/** One character of four UTF-8 bytes (a surrogate pair in JavaScript). */
const WIDEST_CHARACTER = '\u{1F511}';

let keyring: ReturnType<typeof createKeyring> | undefined;
const measured = new Map<number, number>();

/**
 * The length (in characters, all ASCII) of the `sm1` ciphertext of any string of at most `characters`
 * characters: what a `varchar(characters)` column needs once encrypted.
 */
export function encryptedLength(characters: number): number {
  if (!Number.isInteger(characters) || characters < 0) throw new RangeError('A length is a whole number.');
  const known = measured.get(characters);
  if (known !== undefined) return known;
  keyring ??= createKeyring({
    keys: [{ id: LONGEST_KEY_ID, key: randomBytes(32) }],
    primary: LONGEST_KEY_ID,
  });
  const length = encryptField(WIDEST_CHARACTER.repeat(characters), {
    context: 'measure.length',
    keyring,
  }).length;
  measured.set(characters, length);
  return length;
}

/**
 * The longest `varchar(n)` the transform writes: MySQL's limit for utf8mb4 columns (65,535 bytes a row, four
 * bytes a character). A column that would need more gets a TODO to make it `text`.
 */
export const MAX_WIDENED_LENGTH = 16_383;
