/**
 * Sweep stores over SQL clients, recognised by shape (nothing imported): node-postgres `Client`/`Pool` and PGlite
 * (`query(text, params)` with `$n` placeholders) and sql.js `Database` (`prepare`/`run`, `?` placeholders).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors.js';
import type { SweepCheckpoint, SweepRow, SweepStore } from './sweep.js';

/** node-postgres (`rowCount`) and PGlite (`affectedRows`) alike. */
interface AsyncSqlClient {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount?: number | null; affectedRows?: number }>;
}

interface SqlJsStatement {
  bind(params: unknown[]): unknown;
  step(): boolean;
  getAsObject(): Record<string, unknown>;
  free(): unknown;
}

/** sql.js `Database`. */
interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  run(sql: string, params?: unknown[]): unknown;
  getRowsModified(): number;
}

/** Which rows and columns a SQL sweep store works on. */
export interface SqlSweepStoreOptions {
  /** The table, optionally schema-qualified (`app.users`). */
  table: string;
  /** The column that holds the encrypted values. */
  column: string;
  /** A unique, ordered key; default `id`. */
  id?: string;
  /**
   * A version column: the compare-and-set is on it (and the sweep increments it) instead of on the old value.
   * Use it when the application's writes bump the version.
   */
  version?: string;
}

function quote(name: string): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidArgumentError('sqlSweepStore: table and column names must be non-empty strings.');
  }
  return `"${name.replace(/"/g, '""')}"`;
}

const isSqlJs = (client: unknown): client is SqlJsDatabase =>
  typeof client === 'object' &&
  client !== null &&
  typeof (client as SqlJsDatabase).prepare === 'function' &&
  typeof (client as SqlJsDatabase).getRowsModified === 'function';

const isAsyncSql = (client: unknown): client is AsyncSqlClient =>
  typeof client === 'object' && client !== null && typeof (client as AsyncSqlClient).query === 'function';

/**
 * A SweepStore over a SQL table, for node-postgres, PGlite or sql.js. Ids are compared with `>`: any unique,
 * ordered column works. Rows whose value is NULL are left out.
 * @throws InvalidArgumentError when the client has none of the shapes above.
 */
export function sqlSweepStore(client: unknown, options: SqlSweepStoreOptions): SweepStore {
  if (isSqlJs(client)) {
    return buildSqlSweepStore(
      (sql, params) => {
        if (/^\s*SELECT/i.test(sql)) {
          const statement = client.prepare(sql);
          try {
            statement.bind(params);
            const rows: SweepRow[] = [];
            while (statement.step()) rows.push(statement.getAsObject() as unknown as SweepRow);
            return Promise.resolve({ rows, changed: 0 });
          } finally {
            statement.free();
          }
        }
        client.run(sql, params);
        return Promise.resolve({ rows: [], changed: client.getRowsModified() });
      },
      { ...options, placeholder: () => '?' },
    );
  }
  if (isAsyncSql(client)) {
    return buildSqlSweepStore(
      async (sql, params) => {
        const result = await client.query(sql, params);
        return { rows: result.rows as SweepRow[], changed: result.rowCount ?? result.affectedRows ?? 0 };
      },
      { ...options, placeholder: (n) => `$${n}` },
    );
  }
  throw new InvalidArgumentError(
    'sqlSweepStore: the client must be a node-postgres Client or Pool, a PGlite instance or a sql.js Database.',
  );
}

/** @internal Runs one statement: the rows of a SELECT, the count of rows an UPDATE changed. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<{ rows: SweepRow[]; changed: number }>;

/** @internal A SQL sweep store over any runner, with the dialect's placeholders and identifier quoting. */
export function buildSqlSweepStore(
  run: SqlRunner,
  options: SqlSweepStoreOptions & {
    placeholder: (n: number) => string;
    quote?: (name: string) => string;
  },
): SweepStore {
  const p = options.placeholder;
  const q = options.quote ?? quote;
  const t = options.table.split('.').map(q).join('.');
  const c = q(options.column);
  const id = q(options.id ?? 'id');
  const v = options.version === undefined ? undefined : q(options.version);
  const select = `SELECT ${id} AS ${q('id')}, ${c} AS ${q('value')}${v ? `, ${v} AS ${q('version')}` : ''} FROM ${t}`;
  return {
    async fetch(after, limit, hint) {
      const where = [`${c} IS NOT NULL`];
      const params: unknown[] = [];
      if (after !== undefined && after !== null) {
        params.push(after);
        where.push(`${id} > ${p(params.length)}`);
      }
      if (hint.skipPrefix) {
        params.push(hint.skipPrefix);
        where.push(`substr(${c}, 1, ${hint.skipPrefix.length}) <> ${p(params.length)}`);
      }
      params.push(limit);
      const sql = `${select} WHERE ${where.join(' AND ')} ORDER BY ${id} LIMIT ${p(params.length)}`;
      return (await run(sql, params)).rows;
    },
    async update(row, next) {
      const sql = v
        ? `UPDATE ${t} SET ${c} = ${p(1)}, ${v} = ${v} + 1 WHERE ${id} = ${p(2)} AND ${v} = ${p(3)}`
        : `UPDATE ${t} SET ${c} = ${p(1)} WHERE ${id} = ${p(2)} AND ${c} = ${p(3)}`;
      const { changed } = await run(sql, [next, row.id, v ? row.version : row.value]);
      return changed === 1;
    },
  };
}

/**
 * A checkpoint kept in a JSON file, written atomically (temporary file, then rename). Ids must survive JSON
 * (numbers, strings).
 */
export function fileCheckpoint(path: string): SweepCheckpoint {
  return {
    load() {
      try {
        return (JSON.parse(readFileSync(path, 'utf8')) as { cursor?: unknown }).cursor;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    save(cursor) {
      if (cursor === undefined) {
        rmSync(path, { force: true });
        return;
      }
      writeFileSync(`${path}.tmp`, JSON.stringify({ cursor }));
      renameSync(`${path}.tmp`, path);
    },
  };
}
