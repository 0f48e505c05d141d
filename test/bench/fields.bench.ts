/**
 * Field encryption on PGlite: insert + select of a row with two encrypted columns against the same row in plaintext
 * (target ≥ 0.8×), and the sweep's throughput in rows per second against the same compare-and-set updates without
 * encryption (the SQL floor), on PGlite and, when one can be started, a PostgreSQL server.
 * Run: npx tsx test/bench/run.ts fields
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createKeyring } from '../../runtime/src/keys/index.js';
import { decryptField, encryptField, sqlSweepStore, sweepField } from '../../runtime/src/fields/index.js';
import { hasPostgresServer, startPostgres } from '../helpers/postgres-server.js';
import { compare, measure, type CaseResult, type Comparison } from './harness.js';

const keyring = createKeyring({ keys: [{ id: 'k1', key: randomBytes(32) }] });
const ACCESS = 'ya29.a0AfH6SMBx-access-token-of-an-integration-0123456789abcdefghijklmnopqrstuvwxyz';
const REFRESH = '1//0refresh-token-of-an-integration-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const access = { context: 'integrations.access_token', keyring };
const refresh = { context: 'integrations.refresh_token', keyring };

interface Sql {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const ROWS = 2000;

/** Runs the sweep `rounds` times over ROWS plaintext rows (reset between rounds); rows per second. */
async function sweepRate(db: Sql, client: unknown, encrypt: boolean, rounds: number): Promise<CaseResult> {
  const table = encrypt ? 'sweep_bench' : 'sweep_floor';
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, token text)`);
  await db.query(
    `INSERT INTO ${table} (id, token) SELECT g, 'plain-token-' || g FROM generate_series(1, ${ROWS}) AS g`,
  );
  const store = sqlSweepStore(client, { table, column: 'token' });
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await db.query(`UPDATE ${table} SET token = 'plain-token-' || id`);
    const start = performance.now();
    if (encrypt) {
      const result = await sweepField(store, { context: `${table}.token`, keyring, batchSize: 500 });
      if (result.encrypted !== ROWS) throw new Error(`sweep encrypted ${result.encrypted} of ${ROWS} rows`);
    } else {
      // the floor: the same batched reads and compare-and-set writes of a value as long as the ciphertext
      const filler = 'x'.repeat(
        encryptField('plain-token-1000', { context: `${table}.token`, keyring }).length - 4,
      );
      let after: unknown;
      for (;;) {
        const rows = await store.fetch(after, 500, {});
        for (const row of rows) {
          if (!(await store.update(row, `${filler}${String(row.id).padStart(4, '0')}`))) {
            throw new Error('floor update lost');
          }
          after = row.id;
        }
        if (rows.length < 500) break;
      }
    }
    rates.push((ROWS * 1000) / (performance.now() - start));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    name: encrypt
      ? 'ours: sweepField (encrypt + compare-and-set)'
      : 'same reads and compare-and-set, no crypto',
    opsPerSec: sorted[sorted.length >> 1]!,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    rounds,
    extra: { rows: ROWS },
  };
}

export default {
  title:
    'fields: two encrypted columns on PGlite, and the re-encryption sweep (ops/s = rows/s for the sweep)',
  async run(): Promise<Comparison[]> {
    const pglite = await PGlite.create();
    await pglite.exec(
      'CREATE TABLE integrations (id serial PRIMARY KEY, name text, access_token text, refresh_token text)',
    );
    const cases = {
      'ours: insert + select, 2 encrypted columns': async () => {
        const inserted = await pglite.query<{ id: number }>(
          'INSERT INTO integrations (name, access_token, refresh_token) VALUES ($1, $2, $3) RETURNING id',
          ['slack', encryptField(ACCESS, access), encryptField(REFRESH, refresh)],
        );
        const row = (
          await pglite.query<{ access_token: string; refresh_token: string }>(
            'SELECT access_token, refresh_token FROM integrations WHERE id = $1',
            [inserted.rows[0]!.id],
          )
        ).rows[0]!;
        if (
          decryptField(row.access_token, access) !== ACCESS ||
          decryptField(row.refresh_token, refresh) !== REFRESH
        ) {
          throw new Error('round trip returned different values');
        }
      },
      'same row in plaintext': async () => {
        const inserted = await pglite.query<{ id: number }>(
          'INSERT INTO integrations (name, access_token, refresh_token) VALUES ($1, $2, $3) RETURNING id',
          ['slack', ACCESS, REFRESH],
        );
        const row = (
          await pglite.query<{ access_token: string; refresh_token: string }>(
            'SELECT access_token, refresh_token FROM integrations WHERE id = $1',
            [inserted.rows[0]!.id],
          )
        ).rows[0]!;
        if (row.access_token !== ACCESS) throw new Error('round trip returned a different value');
      },
    };
    const [ours, plain] = await measure(cases, { rounds: 5, roundMs: 600, warmupMs: 300, batch: 1 });
    const comparisons = [
      compare('PGlite insert + select, 2 encrypted fields vs plaintext', ours!, plain!, '≥ 0.8×'),
    ];

    const sweep = await sweepRate(pglite, pglite, true, 3);
    const floor = await sweepRate(pglite, pglite, false, 3);
    comparisons.push(compare(`PGlite sweep of ${ROWS} plaintext rows, rows/s`, sweep, floor));
    await pglite.close();

    if (hasPostgresServer()) {
      const server = await startPostgres();
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const db: Sql = { query: (sql, params) => client.query(sql, params) };
        const pgSweep = await sweepRate(db, client, true, 3);
        const pgFloor = await sweepRate(db, client, false, 3);
        comparisons.push(compare(`PostgreSQL 15 sweep of ${ROWS} plaintext rows, rows/s`, pgSweep, pgFloor));
      } finally {
        await client.end();
        await server.stop();
      }
    } else {
      console.log('  (no PostgreSQL server binaries: the PostgreSQL sweep row is left out)');
    }
    return comparisons;
  },
};
