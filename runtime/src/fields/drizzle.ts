/**
 * Drizzle adapter: encrypted column types made with the application's own `customType` (from
 * `drizzle-orm/pg-core`, `drizzle-orm/sqlite-core` or `drizzle-orm/mysql-core`), passed in so that nothing of
 * Drizzle is imported here.
 */
import type { FieldOptions } from './field.js';
import { fieldColumn } from './column.js';

/**
 * What this adapter hands to drizzle's `customType`. `TData` is the column's value type in the application:
 * pass `customType<{ data: string }>` to have string columns typed as strings.
 */
export interface DrizzleCustomTypeParams<TData = unknown> {
  dataType: () => string;
  toDriver: (value: TData) => unknown;
  fromDriver: (value: unknown) => TData;
}

/** Options of drizzleEncryptedType: the table the columns belong to, and defaults for each column. */
export type DrizzleEncryptedOptions = Omit<FieldOptions, 'context'> & {
  /** The table name: a column's context is `<table>.<column name>` unless it gives its own. */
  table: string;
  /** The SQL type of the column; default `text`. */
  dataType?: string;
};

/**
 * A column builder for one table's encrypted columns:
 * `const encrypted = drizzleEncryptedType(customType, { table: 'users' })`, then
 * `pgTable('users', { accessToken: encrypted('access_token') })`. Pass `{ context }` as the second argument to
 * keep an old context after a rename. `where(eq(column, value))` never matches: query a blind index column.
 */
export function drizzleEncryptedType<TBuilder>(
  customType: (params: DrizzleCustomTypeParams) => (name: string) => TBuilder,
  options: DrizzleEncryptedOptions,
): (name: string, column?: Partial<Omit<FieldOptions, 'keyring'>>) => TBuilder;
/** The same with the value type given: `drizzleEncryptedType(customType<{ data: string }>, { table })`. */
export function drizzleEncryptedType<TBuilder, TData>(
  customType: (params: DrizzleCustomTypeParams<TData>) => (name: string) => TBuilder,
  options: DrizzleEncryptedOptions,
): (name: string, column?: Partial<Omit<FieldOptions, 'keyring'>>) => TBuilder;
export function drizzleEncryptedType<TBuilder, TData>(
  customType: (params: DrizzleCustomTypeParams<TData>) => (name: string) => TBuilder,
  options: DrizzleEncryptedOptions,
): (name: string, column?: Partial<Omit<FieldOptions, 'keyring'>>) => TBuilder {
  const { table, dataType = 'text', ...defaults } = options;
  return (name, column = {}) => {
    const codec = fieldColumn({ ...defaults, ...column, context: column.context ?? `${table}.${name}` });
    const make = customType({
      dataType: () => dataType,
      toDriver: (value) => codec.encrypt(value),
      fromDriver: (stored) => codec.decrypt(stored) as TData,
    });
    return make(name);
  };
}
