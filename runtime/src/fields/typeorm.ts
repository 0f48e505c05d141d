/**
 * TypeORM adapter: a ValueTransformer for `@Column({ transformer })` and EntitySchema columns. TypeORM is not
 * imported: a transformer is any object with `to` and `from`.
 */
import { InvalidArgumentError } from '../errors.js';
import { fieldColumn } from './column.js';
import type { FieldOptions } from './field.js';

/** The shape of TypeORM's ValueTransformer. */
export interface FieldTransformer {
  to(value: unknown): unknown;
  from(value: unknown): unknown;
}

/**
 * The transformer of one encrypted column: `@Column({ type: 'text', transformer: fieldTransformer({ context:
 * 'users.access_token' }) })`. TypeORM passes the values of find conditions (`findOneBy({ accessToken })`,
 * `Equal(...)`) through the transformer too, so equality on the column never matches (each encryption is
 * different): look rows up through a blind index column instead.
 */
export function fieldTransformer(options: FieldOptions): FieldTransformer {
  const column = fieldColumn(options);
  return { to: (value) => column.encrypt(value), from: (stored) => column.decrypt(stored) };
}

/** Per-column settings of encryptEntityColumns: FieldOptions with the context optional. */
export type EntityFieldOptions = Omit<FieldOptions, 'context'> & { context?: string };

interface EntitySchemaColumnLike {
  [option: string]: unknown;
  name?: string;
  transformer?: unknown;
}

interface EntitySchemaOptionsLike {
  name: string;
  tableName?: string;
  columns: object;
}

/**
 * A copy of EntitySchema options whose listed columns carry the field transformer, each with the context
 * `<tableName or name>.<column name or property>` unless the column's settings give one.
 * `encryptEntityColumns({ name: 'Integration', tableName: 'integrations', columns }, { accessToken: {} })`.
 * @throws InvalidArgumentError for an unknown column or one that already has a transformer.
 */
export function encryptEntityColumns<T extends EntitySchemaOptionsLike>(
  schema: T,
  columns: Record<string, EntityFieldOptions>,
  defaults: EntityFieldOptions = {},
): T {
  const table = schema.tableName ?? schema.name;
  const declared = schema.columns as Record<string, EntitySchemaColumnLike | undefined>;
  const out: Record<string, EntitySchemaColumnLike | undefined> = { ...declared };
  for (const [property, settings] of Object.entries(columns)) {
    const column = declared[property];
    if (!column) throw new InvalidArgumentError(`Entity "${schema.name}" has no column "${property}".`);
    if (column.transformer !== undefined) {
      throw new InvalidArgumentError(
        `Column "${property}" of "${schema.name}" already has a transformer; compose it by hand with fieldTransformer.`,
      );
    }
    const context = settings.context ?? defaults.context ?? `${table}.${column.name ?? property}`;
    out[property] = { ...column, transformer: fieldTransformer({ ...defaults, ...settings, context }) };
  }
  return { ...schema, columns: out };
}
