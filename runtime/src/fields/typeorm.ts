/**
 * TypeORM adapter: a ValueTransformer for `@Column({ transformer })` and EntitySchema columns. TypeORM is not
 * imported: a transformer is any object with `to` and `from`.
 */
import { InvalidArgumentError } from '../errors.js';
import { fieldColumn } from './column.js';
import type { FieldOptions } from './field.js';
import { buildSqlSweepStore } from './sql-store.js';
import type { SweepRow, SweepStore } from './sweep.js';

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

interface ColumnMetadataLike {
  propertyName: string;
  databaseName: string;
}

/** The parts of a TypeORM Repository the sweep uses. */
interface RepositoryLike {
  metadata: {
    tableName: string;
    schema?: string;
    primaryColumns: readonly ColumnMetadataLike[];
    findColumnWithPropertyName(name: string): ColumnMetadataLike | undefined;
  };
  manager: {
    connection: {
      driver: { escape(name: string): string; options: { type: string } };
      createQueryRunner(): {
        query(
          sql: string,
          params: unknown[],
          structured: true,
        ): Promise<{ records: unknown[]; affected?: number }>;
        release(): Promise<void>;
      };
    };
  };
}

/** Options of typeormSweepStore: entity property names, not column names. */
export interface TypeormSweepStoreOptions {
  /** The encrypted property. */
  column: string;
  /** A version property (`@VersionColumn`): compare-and-set on it, and increment it. */
  version?: string;
}

const POSITIONAL_DIALECTS = new Set(['postgres', 'cockroachdb', 'aurora-postgres']);

/**
 * A SweepStore over a TypeORM repository (`dataSource.getRepository(Entity)`): raw SQL through the data source's
 * own driver, so the transformer is not applied and the sweep sees what is stored. The entity must have a single
 * primary column.
 * @throws InvalidArgumentError when it is not a repository, or a property is unknown.
 */
export function typeormSweepStore(repository: unknown, options: TypeormSweepStoreOptions): SweepStore {
  const repo = repository as RepositoryLike;
  if (typeof repo?.metadata?.findColumnWithPropertyName !== 'function' || !repo.manager?.connection) {
    throw new InvalidArgumentError(
      'typeormSweepStore: pass a TypeORM Repository (dataSource.getRepository(Entity)).',
    );
  }
  const { metadata } = repo;
  const connection = repo.manager.connection;
  const columnOf = (property: string): string => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column)
      throw new InvalidArgumentError(`typeormSweepStore: the entity has no property "${property}".`);
    return column.databaseName;
  };
  if (metadata.primaryColumns.length !== 1) {
    throw new InvalidArgumentError('typeormSweepStore: the entity needs exactly one primary column.');
  }
  const positional = POSITIONAL_DIALECTS.has(connection.driver.options.type);
  return buildSqlSweepStore(
    async (sql, params) => {
      const runner = connection.createQueryRunner();
      try {
        const result = await runner.query(sql, params, true);
        return { rows: result.records as SweepRow[], changed: result.affected ?? 0 };
      } finally {
        await runner.release();
      }
    },
    {
      table: metadata.schema ? `${metadata.schema}.${metadata.tableName}` : metadata.tableName,
      column: columnOf(options.column),
      id: metadata.primaryColumns[0]!.databaseName,
      ...(options.version === undefined ? {} : { version: columnOf(options.version) }),
      placeholder: positional ? (n) => `$${n}` : () => '?',
      quote: (name) => connection.driver.escape(name),
    },
  );
}
