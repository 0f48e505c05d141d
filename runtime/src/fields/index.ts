/**
 * @secure-migrate/runtime/fields: encryption at rest for database columns. encryptField/decryptField (the `sm1`
 * envelope under its own HKDF purpose with the column's context as associated data, or Fernet for columns shared
 * with Python), fail-closed reads, a keyed blind index for equality lookups, the resumable re-encryption sweep, and
 * adapters for TypeORM and Drizzle that import neither.
 */
export {
  decryptField,
  encryptField,
  fieldStatus,
  isFieldCiphertext,
  reencryptField,
  FIELDS_PURPOSE,
  type FieldFormat,
  type FieldLegacyMode,
  type FieldOptions,
  type FieldStatus,
} from './field.js';
export { PlaintextFieldError } from './errors.js';
export { legacyFieldReads, resetLegacyFieldReads } from './legacy.js';
export {
  blindIndex,
  blindIndexes,
  BLIND_INDEX_BYTES,
  BLIND_INDEX_PURPOSE,
  type BlindIndexNormalizer,
  type BlindIndexOptions,
} from './blind-index.js';
export { fieldColumn, type FieldColumn } from './column.js';
export {
  encryptEntityColumns,
  fieldTransformer,
  typeormSweepStore,
  type EntityFieldOptions,
  type FieldTransformer,
  type TypeormSweepStoreOptions,
} from './typeorm.js';
export {
  drizzleEncryptedType,
  type DrizzleCustomTypeParams,
  type DrizzleEncryptedOptions,
} from './drizzle.js';
export {
  sweepField,
  type SweepCheckpoint,
  type SweepOptions,
  type SweepProgress,
  type SweepResult,
  type SweepRow,
  type SweepStore,
} from './sweep.js';
export { fileCheckpoint, sqlSweepStore, type SqlSweepStoreOptions } from './sql-store.js';
