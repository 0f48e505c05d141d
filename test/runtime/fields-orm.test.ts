/**
 * The field adapters on real embedded databases: TypeORM (EntitySchema + transformer) and Drizzle (customType) on
 * PGlite (one instance for the file, shared by both ORMs) and on sql.js. Every test reads the raw column back with
 * plain SQL to prove that it holds ciphertext.
 */
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { customType as pgCustomType, pgTable, serial, text as pgText } from 'drizzle-orm/pg-core';
import { drizzle as drizzleSqlJs } from 'drizzle-orm/sql-js';
import {
  customType as sqliteCustomType,
  integer,
  sqliteTable,
  text as sqliteText,
} from 'drizzle-orm/sqlite-core';
import initSqlJs, { type Database as SqlJsDatabase } from 'sql.js';
import { DataSource, EntitySchema, Equal, type EntitySchemaOptions } from 'typeorm';
import { getPGliteInstance, PGliteDriver } from 'typeorm-pglite';
import { DecryptionError } from '@secure-migrate/runtime/errors';
import { createKeyring } from '@secure-migrate/runtime/keys';
import {
  blindIndex,
  decryptField,
  drizzleEncryptedType,
  encryptEntityColumns,
  encryptField,
  legacyFieldReads,
  PlaintextFieldError,
  resetLegacyFieldReads,
  sweepField,
  typeormSweepStore,
} from '@secure-migrate/runtime/fields';

const keyring = createKeyring({ keys: [{ id: 'k1', key: randomBytes(32) }] });
const SM1 = /^sm1\.k1\.[A-Za-z0-9_-]+$/;

interface Integration {
  id?: number;
  name: string;
  accessToken: string | null;
  refreshToken: string | null;
}

function integrationSchema(legacy?: 'passthrough'): EntitySchema<Integration> {
  const options: EntitySchemaOptions<Integration> = {
    name: 'Integration',
    tableName: 'integrations',
    columns: {
      id: { type: Number, primary: true, generated: true },
      name: { type: String },
      accessToken: { name: 'access_token', type: 'text', nullable: true },
      refreshToken: { name: 'refresh_token', type: 'text', nullable: true },
    },
  };
  return new EntitySchema<Integration>(
    encryptEntityColumns(
      options,
      { accessToken: {}, refreshToken: {} },
      { keyring, ...(legacy ? { legacy } : {}) },
    ),
  );
}

/** The TypeORM round trip every database must pass; `raw` reads a column with plain SQL. */
async function typeormRoundTrip(
  ds: DataSource,
  raw: (column: string, id: number) => Promise<unknown>,
): Promise<void> {
  const repo = ds.getRepository<Integration>('Integration');
  const saved = await repo.save({ name: 'slack', accessToken: 'xoxb-access', refreshToken: null });
  const access = await raw('access_token', saved.id!);
  expect(access).toMatch(SM1);
  expect(String(access)).not.toContain('xoxb-access');
  expect(decryptField(access, { context: 'integrations.access_token', keyring })).toBe('xoxb-access');
  expect(await raw('refresh_token', saved.id!)).toBeNull();
  // bound to its own column: the access token's ciphertext does not decrypt as the refresh token
  expect(() => decryptField(access, { context: 'integrations.refresh_token', keyring })).toThrow(
    DecryptionError,
  );

  expect(await repo.findOneBy({ id: saved.id! })).toMatchObject({
    name: 'slack',
    accessToken: 'xoxb-access',
    refreshToken: null,
  });
  await repo.update({ id: saved.id! }, { refreshToken: 'refresh-2' });
  expect(await raw('refresh_token', saved.id!)).toMatch(SM1);
  const viaBuilder = await repo.createQueryBuilder('i').where('i.id = :id', { id: saved.id }).getOneOrFail();
  expect(viaBuilder.refreshToken).toBe('refresh-2');
  // saving an entity that was read keeps one layer of encryption
  viaBuilder.name = 'slack-2';
  await repo.save(viaBuilder);
  expect((await repo.findOneByOrFail({ id: saved.id! })).accessToken).toBe('xoxb-access');
  // conditions on an encrypted column go through the transformer: a fresh ciphertext never matches
  expect(await repo.findOneBy({ accessToken: Equal('xoxb-access') })).toBeNull();
  expect(await repo.findOneBy({ accessToken: 'xoxb-access' })).toBeNull();
}

/** Plaintext rows written before the migration, swept through the repository, then read through the transformer. */
async function typeormSweep(
  ds: DataSource,
  rawInsert: (name: string, token: string) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < 30; i++) await rawInsert(`legacy-${i}`, `plain-${i}`);
  const repo = ds.getRepository<Integration>('Integration');
  await expect(repo.find()).rejects.toThrow(PlaintextFieldError);
  const result = await sweepField(typeormSweepStore(repo, { column: 'accessToken' }), {
    context: 'integrations.access_token',
    keyring,
    batchSize: 8,
  });
  expect(result).toMatchObject({ encrypted: 30, rotated: 0, conflicts: 0, remaining: 0, completed: true });
  const rows = await repo.find({ order: { id: 'ASC' } });
  const legacy = rows.filter((r) => r.name.startsWith('legacy-'));
  expect(legacy.map((r) => r.accessToken)).toEqual(Array.from({ length: 30 }, (_, i) => `plain-${i}`));
  expect(() => typeormSweepStore(repo, { column: 'nope' })).toThrow(/no property "nope"/);
}

describe('TypeORM on sql.js', () => {
  let SQL: Awaited<ReturnType<typeof initSqlJs>>;
  beforeAll(async () => {
    SQL = await initSqlJs();
  });

  it('encrypts on write, decrypts on read, and the raw column is ciphertext', async () => {
    const ds = new DataSource({ type: 'sqljs', entities: [integrationSchema()], synchronize: true });
    await ds.initialize();
    try {
      await typeormRoundTrip(ds, async (column, id) => {
        const rows = (await ds.query(`SELECT ${column} AS v FROM integrations WHERE id = ?`, [id])) as {
          v: unknown;
        }[];
        return rows[0]!.v;
      });
      await typeormSweep(ds, (name, token) =>
        ds.query('INSERT INTO integrations (name, access_token) VALUES (?, ?)', [name, token]),
      );
    } finally {
      await ds.destroy();
    }
  });

  it("refuses plaintext rows on read, and passes them through (counted) under legacy: 'passthrough'", async () => {
    const db: SqlJsDatabase = new SQL.Database();
    const strict = new DataSource({
      type: 'sqljs',
      driver: SQL,
      database: db.export(),
      entities: [integrationSchema()],
      synchronize: true,
    });
    await strict.initialize();
    await strict.query(`INSERT INTO integrations (name, access_token) VALUES ('legacy', 'plain-token')`);
    const repo = strict.getRepository<Integration>('Integration');
    await expect(repo.findOneBy({ name: 'legacy' })).rejects.toThrow(PlaintextFieldError);
    const exported = strict.sqljsManager.exportDatabase();
    await strict.destroy();

    resetLegacyFieldReads();
    const lenient = new DataSource({
      type: 'sqljs',
      database: exported,
      entities: [integrationSchema('passthrough')],
    });
    await lenient.initialize();
    try {
      const row = await lenient.getRepository<Integration>('Integration').findOneByOrFail({ name: 'legacy' });
      expect(row.accessToken).toBe('plain-token');
      expect(legacyFieldReads()).toEqual({ 'integrations.access_token': 1 });
    } finally {
      await lenient.destroy();
      resetLegacyFieldReads();
    }
  });
});

describe('Drizzle on sql.js', () => {
  it('encrypts through customType, looks up through a blind index column, and the raw column is ciphertext', async () => {
    const SQL = await initSqlJs();
    const sqlite = new SQL.Database();
    sqlite.run(
      'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, email_index TEXT, api_key TEXT, profile TEXT)',
    );
    const encrypted = drizzleEncryptedType(sqliteCustomType<{ data: unknown }>, { table: 'users', keyring });
    const users = sqliteTable('users', {
      id: integer('id').primaryKey(),
      email: encrypted('email').$type<string>(),
      emailIndex: sqliteText('email_index'),
      apiKey: encrypted('api_key').$type<string | null>(),
      profile: encrypted('profile').$type<{ plan: string; seats: number }>(),
    });
    const db = drizzleSqlJs(sqlite);
    const index = (email: string): string =>
      blindIndex(email, { context: 'users.email', keyring, normalize: 'email' });
    db.insert(users)
      .values([
        {
          id: 1,
          email: 'Ada@Example.com',
          emailIndex: index('Ada@Example.com'),
          apiKey: 'key-1',
          profile: { plan: 'pro', seats: 3 },
        },
        {
          id: 2,
          email: 'bob@example.com',
          emailIndex: index('bob@example.com'),
          apiKey: null,
          profile: { plan: 'free', seats: 1 },
        },
      ])
      .run();

    const raw = sqlite.exec('SELECT email, api_key, profile FROM users WHERE id = 1')[0]!.values[0]!;
    for (const value of raw) expect(value).toMatch(SM1);
    expect(sqlite.exec('SELECT api_key FROM users WHERE id = 2')[0]!.values[0]![0]).toBeNull();

    const found = db
      .select()
      .from(users)
      .where(eq(users.emailIndex, index('  ada@example.COM')))
      .all();
    expect(found).toEqual([
      {
        id: 1,
        email: 'Ada@Example.com',
        emailIndex: index('ada@example.com'),
        apiKey: 'key-1',
        profile: { plan: 'pro', seats: 3 },
      },
    ]);
    // where() on the encrypted column itself goes through toDriver: a fresh ciphertext never matches
    expect(db.select().from(users).where(eq(users.email, 'bob@example.com')).all()).toEqual([]);

    db.update(users).set({ apiKey: 'key-2' }).where(eq(users.id, 2)).run();
    expect(sqlite.exec('SELECT api_key FROM users WHERE id = 2')[0]!.values[0]![0]).toMatch(SM1);
    expect(db.select({ apiKey: users.apiKey }).from(users).where(eq(users.id, 2)).get()).toEqual({
      apiKey: 'key-2',
    });
    sqlite.run(`UPDATE users SET api_key = 'pasted-plaintext' WHERE id = 2`);
    expect(() => db.select().from(users).all()).toThrow(PlaintextFieldError);
    sqlite.close();
  });
});

describe('PGlite: TypeORM and Drizzle on one instance', () => {
  let ds: DataSource;
  let pg: PGlite;
  beforeAll(async () => {
    ds = new DataSource({
      type: 'postgres',
      driver: new PGliteDriver().driver,
      entities: [integrationSchema()],
      synchronize: true,
    });
    await ds.initialize();
    // the instance typeorm-pglite made (typed from its CommonJS build)
    pg = (await getPGliteInstance()) as unknown as PGlite;
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('TypeORM: encrypts on write, decrypts on read, and the raw column is ciphertext', async () => {
    await typeormRoundTrip(ds, async (column, id) => {
      const result = await pg.query<{ v: unknown }>(`SELECT ${column} AS v FROM integrations WHERE id = $1`, [
        id,
      ]);
      return result.rows[0]!.v;
    });
  });

  it('TypeORM: the sweep encrypts rows written before the migration, through the repository', async () => {
    await typeormSweep(ds, (name, token) =>
      pg.query('INSERT INTO integrations (name, access_token) VALUES ($1, $2)', [name, token]),
    );
  });

  it('Drizzle: pg-core customType round trip, per-column contexts, a renamed column keeps its context', async () => {
    await pg.exec(
      'CREATE TABLE webhooks (id serial PRIMARY KEY, url text NOT NULL, signing_secret text, old_name_secret text)',
    );
    const encrypted = drizzleEncryptedType(pgCustomType, { table: 'webhooks', keyring });
    const webhooks = pgTable('webhooks', {
      id: serial('id').primaryKey(),
      url: pgText('url').notNull(),
      signingSecret: encrypted('signing_secret').$type<string>(),
      // renamed from "legacy_secret": the old context is kept so existing values still decrypt
      renamed: encrypted('old_name_secret', { context: 'webhooks.legacy_secret' }).$type<string>(),
    });
    const db = drizzlePglite(pg);
    const legacyValue = encryptField('kept', { context: 'webhooks.legacy_secret', keyring });
    await pg.query('INSERT INTO webhooks (url, old_name_secret) VALUES ($1, $2)', [
      'https://a.example',
      legacyValue,
    ]);
    const [inserted] = await db
      .insert(webhooks)
      .values({ url: 'https://b.example', signingSecret: 'whsec_1', renamed: 'fresh' })
      .returning();
    expect(inserted).toMatchObject({ signingSecret: 'whsec_1', renamed: 'fresh' });
    const raw = await pg.query<{ signing_secret: string; old_name_secret: string }>(
      'SELECT signing_secret, old_name_secret FROM webhooks ORDER BY id',
    );
    expect(raw.rows[1]!.signing_secret).toMatch(SM1);
    expect(decryptField(raw.rows[1]!.signing_secret, { context: 'webhooks.signing_secret', keyring })).toBe(
      'whsec_1',
    );
    const rows = await db.select().from(webhooks).orderBy(webhooks.id);
    expect(rows.map((r) => [r.signingSecret, r.renamed])).toEqual([
      [null, 'kept'],
      ['whsec_1', 'fresh'],
    ]);
    await db.update(webhooks).set({ signingSecret: 'whsec_2' }).where(eq(webhooks.id, inserted!.id));
    const after = await pg.query<{ signing_secret: string }>(
      'SELECT signing_secret FROM webhooks WHERE id = $1',
      [inserted!.id],
    );
    expect(after.rows[0]!.signing_secret).toMatch(SM1);
    expect(after.rows[0]!.signing_secret).not.toBe(raw.rows[1]!.signing_secret);
    expect((await db.select().from(webhooks).where(eq(webhooks.id, inserted!.id)))[0]!.signingSecret).toBe(
      'whsec_2',
    );
  });
});
