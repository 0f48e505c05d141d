/**
 * sweepField on real databases: sql.js, PGlite and a PostgreSQL server started by the test (one per file). It
 * encrypts plaintext, moves old keys and Fernet tokens to the primary key, never overwrites a concurrent writer
 * (compare-and-set on the old value or on a version column), and resumes after a child process is killed with
 * SIGKILL in the middle of a batch. On the PostgreSQL server, the TypeORM and Drizzle adapters are checked too.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { customType, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { DataSource, EntitySchema } from 'typeorm';
import pg from 'pg';
import initSqlJs from 'sql.js';
import { Fernet } from '@secure-migrate/runtime/crypto';
import { createKeyring } from '@secure-migrate/runtime/keys';
import {
  decryptField,
  drizzleEncryptedType,
  encryptEntityColumns,
  encryptField,
  fieldStatus,
  fileCheckpoint,
  sqlSweepStore,
  sweepField,
  typeormSweepStore,
  type SweepStore,
} from '@secure-migrate/runtime/fields';
import { hasPostgresServer, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

const key1 = randomBytes(32).toString('base64url');
const key2 = randomBytes(32).toString('base64url');
const fernetKey = Fernet.generateKey();
const oldRing = createKeyring({ keys: [{ id: 'k1', key: key1 }] });
const ring = createKeyring({
  keys: [
    { id: 'k2', key: key2 },
    { id: 'k1', key: key1 },
  ],
  fernetKeys: [fernetKey],
});
const fernet = new Fernet(fernetKey);

/** What the scenarios need of a database: rows out of plain SQL, `$n` placeholders rewritten for SQLite. */
interface TestDb {
  name: string;
  client: unknown;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

const N = 240;
/** Row i's plaintext (null for some), and how it is stored before the sweep. */
function seedValue(table: string, i: number): { plain: string | null; stored: string | null } {
  const context = `${table}.token`;
  switch (i % 4) {
    case 0:
      return { plain: `plain-${i}`, stored: `plain-${i}` };
    case 1:
      return { plain: `old-${i}`, stored: encryptField(`old-${i}`, { context, keyring: oldRing }) };
    case 2:
      return { plain: `cur-${i}`, stored: encryptField(`cur-${i}`, { context, keyring: ring }) };
    default:
      return i % 8 === 3
        ? { plain: null, stored: null }
        : { plain: `py-${i}`, stored: fernet.encrypt(`py-${i}`) };
  }
}

async function seed(
  db: TestDb,
  table: string,
  count = N,
  value = seedValue,
): Promise<Map<number, string | null>> {
  await db.query(
    `CREATE TABLE ${table} (id integer PRIMARY KEY, token text, version integer NOT NULL DEFAULT 1, note text)`,
  );
  const expected = new Map<number, string | null>();
  for (let start = 1; start <= count; start += 100) {
    const ids = Array.from({ length: Math.min(100, count - start + 1) }, (_, k) => start + k);
    const params: unknown[] = [];
    const tuples = ids.map((i) => {
      const { plain, stored } = value(table, i);
      expected.set(i, plain);
      params.push(i, stored);
      return `($${params.length - 1}, $${params.length})`;
    });
    await db.query(`INSERT INTO ${table} (id, token) VALUES ${tuples.join(', ')}`, params);
  }
  return expected;
}

async function rowsOf(db: TestDb, table: string): Promise<Map<number, { token: unknown; version: number }>> {
  const rows = await db.query(`SELECT id, token, version FROM ${table} ORDER BY id`);
  return new Map(rows.map((r) => [Number(r.id), { token: r.token, version: Number(r.version) }]));
}

/** Every row holds the expected plaintext, encrypted under the primary key in the column's context. */
async function expectAllCurrent(
  db: TestDb,
  table: string,
  expected: Map<number, string | null>,
): Promise<void> {
  const rows = await rowsOf(db, table);
  expect(rows.size).toBe(expected.size);
  const context = `${table}.token`;
  for (const [id, plain] of expected) {
    const { token } = rows.get(id)!;
    if (plain === null) {
      expect(token, `row ${id}`).toBeNull();
      continue;
    }
    expect(fieldStatus(token, { context, keyring: ring }), `row ${id}`).toBe('current');
    expect(decryptField(token, { context, keyring: ring }), `row ${id}`).toBe(plain);
  }
}

/** A store whose update lets `before(row)` write the same row through another path first, like a concurrent writer. */
function withWriter(store: SweepStore, before: (id: number) => Promise<void>): SweepStore {
  return {
    fetch: (after, limit, hint) => store.fetch(after, limit, hint),
    async update(row, next) {
      await before(Number(row.id));
      return store.update(row, next);
    },
  };
}

function sweepScenarios(getDb: () => TestDb): void {
  it('encrypts plaintext, rotates old keys and Fernet tokens, and never overwrites a concurrent writer', async () => {
    const db = getDb();
    const table = 'sweep_value_cas';
    const expected = await seed(db, table);
    const context = `${table}.token`;
    const appValue = encryptField('written-by-the-app', { context, keyring: ring });
    const store = withWriter(sqlSweepStore(db.client, { table, column: 'token' }), async (id) => {
      if (id === 4) await db.query(`UPDATE ${table} SET token = $1 WHERE id = $2`, [appValue, id]);
      if (id === 5)
        await db.query(`UPDATE ${table} SET token = $1 WHERE id = $2`, ['plain-from-old-app', id]);
    });
    const progress: number[] = [];
    const first = await sweepField(store, {
      context,
      keyring: ring,
      batchSize: 32,
      onProgress: (p) => void progress.push(p.scanned),
    });
    // 60 plaintext, 60 under k1, 30 Fernet; 60 current and 30 NULL rows are left out by the store
    expect(first).toMatchObject({
      scanned: 150,
      encrypted: 59,
      rotated: 89,
      conflicts: 2,
      failed: 0,
      remaining: 2,
    });
    expect(first.completed).toBe(true);
    expect(progress).toEqual([32, 64, 96, 128, 150]);
    const rows = await rowsOf(db, table);
    expect(rows.get(4)!.token).toBe(appValue);
    expect(rows.get(5)!.token).toBe('plain-from-old-app');

    const second = await sweepField(sqlSweepStore(db.client, { table, column: 'token' }), {
      context,
      keyring: ring,
    });
    expect(second).toMatchObject({ scanned: 1, encrypted: 1, rotated: 0, conflicts: 0, remaining: 0 });
    expected.set(4, 'written-by-the-app').set(5, 'plain-from-old-app');
    await expectAllCurrent(db, table, expected);
    const third = await sweepField(sqlSweepStore(db.client, { table, column: 'token' }), {
      context,
      keyring: ring,
    });
    expect(third).toMatchObject({ scanned: 0, encrypted: 0, rotated: 0, remaining: 0 });
  });

  it('compares and sets on a version column, which it increments, and reports values it cannot decrypt', async () => {
    const db = getDb();
    const table = 'sweep_version_cas';
    const expected = await seed(db, table, 40);
    const context = `${table}.token`;
    const foreign = encryptField('unknown key', {
      context,
      keyring: createKeyring({ keys: [{ id: 'k9', key: randomBytes(32) }] }),
    });
    await db.query(`UPDATE ${table} SET token = $1 WHERE id = 9`, [foreign]);
    const store = withWriter(
      sqlSweepStore(db.client, { table, column: 'token', version: 'version' }),
      async (id) => {
        // another column changes and the version moves on; the value stays the same
        if (id === 8) await db.query(`UPDATE ${table} SET note = 'x', version = version + 1 WHERE id = 8`);
      },
    );
    const result = await sweepField(store, { context, keyring: ring, batchSize: 7 });
    expect(result).toMatchObject({ conflicts: 1, failed: 1, failedIds: [9], remaining: 2 });
    const rows = await rowsOf(db, table);
    expect(rows.get(8)).toEqual({ token: 'plain-8', version: 2 });
    expect(rows.get(9)!.token).toBe(foreign);
    expect(rows.get(4)!.version).toBe(2); // swept: version incremented
    expect(rows.get(2)!.version).toBe(1); // already current: untouched
    await sweepField(sqlSweepStore(db.client, { table, column: 'token', version: 'version' }), {
      context,
      keyring: ring,
    });
    expected.delete(9);
    await db.query(`DELETE FROM ${table} WHERE id = 9`);
    await expectAllCurrent(db, table, expected);
  });

  it("converts a column to format: 'fernet' for Python readers", async () => {
    const db = getDb();
    const table = 'sweep_to_fernet';
    const expected = await seed(db, table, 24);
    const context = `${table}.token`;
    const result = await sweepField(sqlSweepStore(db.client, { table, column: 'token' }), {
      context,
      keyring: ring,
      format: 'fernet',
    });
    expect(result).toMatchObject({ encrypted: 6, rotated: 12, conflicts: 0, remaining: 0 });
    for (const [id, { token }] of await rowsOf(db, table)) {
      const plain = expected.get(id);
      if (plain === null) continue;
      expect(fernet.decrypt(token as string).toString()).toBe(plain);
    }
  });
}

describe('sweepField on sql.js', () => {
  let db: TestDb;
  beforeAll(async () => {
    const SQL = await initSqlJs();
    const sqlite = new SQL.Database();
    db = {
      name: 'sql.js',
      client: sqlite,
      query: (sql, params = []) => {
        const statement = sqlite.prepare(sql.replace(/\$\d+/g, '?'));
        statement.bind(params as never[]);
        const rows: Record<string, unknown>[] = [];
        while (statement.step()) rows.push(statement.getAsObject());
        statement.free();
        return Promise.resolve(rows);
      },
    };
  });
  sweepScenarios(() => db);
});

const childScript = fileURLToPath(new URL('./fields-sweep-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Seeds 200 plaintext rows, lets a child process sweep them and kill itself with SIGKILL after 75 writes (in the
 * second batch of 50), then resumes from the checkpoint here.
 */
async function crashAndResume(
  db: TestDb,
  child: { kind: 'postgres' | 'pglite'; target: string },
  release: () => Promise<void>,
  reopen: () => Promise<TestDb>,
): Promise<void> {
  const table = 'sweep_crash';
  const expected = await seed(db, table, 200, (_, i) => ({ plain: `plain-${i}`, stored: `plain-${i}` }));
  const dir = mkdtempSync(path.join(tmpdir(), 'sm-sweep-'));
  const checkpointPath = path.join(dir, 'checkpoint.json');
  await release();
  const crashed = spawnSync(process.execPath, ['--import', 'tsx', childScript], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      SWEEP_CHILD: JSON.stringify({
        ...child,
        table,
        key: key1,
        checkpoint: checkpointPath,
        batchSize: 50,
        crashAfter: 75,
      }),
    },
  });
  expect(crashed.stderr).not.toMatch(/Error/);
  expect(crashed.signal).toBe('SIGKILL');
  expect(crashed.stdout).not.toContain('finished');
  expect(JSON.parse(readFileSync(checkpointPath, 'utf8'))).toEqual({ cursor: 50 });

  const after = await reopen();
  const rows = await rowsOf(after, table);
  const sealed = [...rows.values()].filter((r) => String(r.token).startsWith('sm1.k1.')).length;
  expect(sealed).toBe(75);

  const resumed = await sweepField(sqlSweepStore(after.client, { table, column: 'token' }), {
    context: `${table}.token`,
    keyring: oldRing,
    batchSize: 50,
    checkpoint: fileCheckpoint(checkpointPath),
  });
  // rows 51–75 were done before the crash: the store leaves them out, nothing is encrypted twice
  expect(resumed).toMatchObject({
    scanned: 125,
    encrypted: 125,
    conflicts: 0,
    remaining: 0,
    completed: true,
  });
  expect(existsSync(checkpointPath)).toBe(false);
  const context = `${table}.token`;
  for (const [id, { token }] of await rowsOf(after, table)) {
    expect(decryptField(token, { context, keyring: oldRing })).toBe(expected.get(id));
  }
  rmSync(dir, { recursive: true, force: true });
}

describe('sweepField on PGlite', () => {
  let dir: string;
  let pglite: PGlite;
  const wrap = (client: PGlite): TestDb => ({
    name: 'PGlite',
    client,
    query: async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows,
  });
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sm-pglite-'));
    pglite = await PGlite.create(path.join(dir, 'data'));
  });
  afterAll(async () => {
    await pglite?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  sweepScenarios(() => wrap(pglite));

  // a child process with its own TypeScript loader (and, for PGlite, its own database start-up): slow on a busy machine
  it(
    'resumes after the sweeping process is killed in the middle of a batch',
    { timeout: 120_000 },
    async () => {
      // one process at a time on a PGlite data directory: closed for the child, opened again after its crash
      await crashAndResume(
        wrap(pglite),
        { kind: 'pglite', target: path.join(dir, 'data') },
        () => pglite.close(),
        async () => wrap((pglite = await PGlite.create(path.join(dir, 'data')))),
      );
    },
  );
});

function describeWithPostgres(name: string, body: () => void): void {
  if (hasPostgresServer()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a PostgreSQL server, which CI must install', () => {
        throw new Error(
          'PostgreSQL server binaries are not installed; .ci/run installs postgresql with apt-get',
        );
      });
    });
    return;
  }
  console.warn(
    `\n*** SKIPPED "${name}": no PostgreSQL server binaries (apt-get install -y postgresql) ***\n`,
  );
  describe.skip(name, body);
}

describeWithPostgres('sweepField on a PostgreSQL server', () => {
  let server: PostgresServer;
  let client: pg.Client;
  let db: TestDb;
  beforeAll(async () => {
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    db = {
      name: 'PostgreSQL',
      client,
      query: async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows,
    };
  });
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });
  sweepScenarios(() => db);

  it('the TypeORM and Drizzle adapters store ciphertext on the server, and the TypeORM sweep works there', async () => {
    interface Account {
      id?: number;
      login: string;
      apiKey: string | null;
    }
    const ds = new DataSource({
      type: 'postgres',
      url: server.url,
      synchronize: true,
      entities: [
        new EntitySchema<Account>(
          encryptEntityColumns(
            {
              name: 'Account',
              tableName: 'accounts',
              columns: {
                id: { type: Number, primary: true, generated: true },
                login: { type: String },
                apiKey: { name: 'api_key', type: 'text', nullable: true },
              },
            },
            { apiKey: {} },
            { keyring: ring },
          ) as never,
        ),
      ],
    });
    await ds.initialize();
    try {
      const repo = ds.getRepository<Account>('Account');
      const saved = await repo.save({ login: 'ada', apiKey: 'key-of-ada' });
      const raw = await db.query('SELECT api_key FROM accounts WHERE id = $1', [saved.id]);
      expect(raw[0]!.api_key).toMatch(/^sm1\.k2\./);
      expect((await repo.findOneByOrFail({ id: saved.id! })).apiKey).toBe('key-of-ada');
      await db.query(`INSERT INTO accounts (login, api_key) VALUES ('old', 'plain-key'), ('none', NULL)`);
      const swept = await sweepField(typeormSweepStore(repo, { column: 'apiKey' }), {
        context: 'accounts.api_key',
        keyring: ring,
      });
      expect(swept).toMatchObject({ encrypted: 1, remaining: 0 });
      expect((await repo.findOneByOrFail({ login: 'old' })).apiKey).toBe('plain-key');
    } finally {
      await ds.destroy();
    }

    await db.query('CREATE TABLE bots (id serial PRIMARY KEY, name text, bot_token text)');
    const encrypted = drizzleEncryptedType(customType, { table: 'bots', keyring: ring });
    const bots = pgTable('bots', {
      id: serial('id').primaryKey(),
      name: text('name'),
      botToken: encrypted('bot_token').$type<string>(),
    });
    const orm = drizzle(client);
    const [bot] = await orm.insert(bots).values({ name: 'b', botToken: 'bot-token-1' }).returning();
    const stored = await db.query('SELECT bot_token FROM bots WHERE id = $1', [bot!.id]);
    expect(decryptField(stored[0]!.bot_token, { context: 'bots.bot_token', keyring: ring })).toBe(
      'bot-token-1',
    );
    expect((await orm.select().from(bots).where(eq(bots.id, bot!.id)))[0]!.botToken).toBe('bot-token-1');
  });

  it(
    'runs beside a writer on another connection and keeps every value that writer wrote',
    { timeout: 60_000 },
    async () => {
      const table = 'sweep_live';
      const expected = await seed(db, table, 600, (_, i) => ({ plain: `plain-${i}`, stored: `plain-${i}` }));
      const context = `${table}.token`;
      const writer = new pg.Client({ connectionString: server.url });
      await writer.connect();
      let running = true;
      let writes = 0;
      const writing = (async () => {
        for (let i = 0; running; i++) {
          const id = 1 + ((i * 7919) % 600);
          const value = `app-${i}`;
          // half of the writes come from an application already using the adapter, half from one that is not
          const stored = i % 2 ? encryptField(value, { context, keyring: ring }) : value;
          await writer.query(`UPDATE ${table} SET token = $1 WHERE id = $2`, [stored, id]);
          expected.set(id, value);
          writes++;
        }
      })();
      const store = sqlSweepStore(client, { table, column: 'token' });
      let result = await sweepField(store, { context, keyring: ring, batchSize: 25 });
      running = false;
      await writing;
      await writer.end();
      expect(writes).toBeGreaterThan(0);
      while (result.remaining > 0) result = await sweepField(store, { context, keyring: ring });
      await expectAllCurrent(db, table, expected);
    },
  );

  // a child process with its own TypeScript loader (and, for PGlite, its own database start-up): slow on a busy machine
  it(
    'resumes after the sweeping process is killed in the middle of a batch',
    { timeout: 120_000 },
    async () => {
      await crashAndResume(
        db,
        { kind: 'postgres', target: server.url },
        async () => undefined,
        async () => db,
      );
    },
  );
});
