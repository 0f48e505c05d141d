/**
 * encrypt-fields: the per-column rewrite (transformer / encrypted type, widening, TODOs) through the engine, the
 * measured ciphertext length, and the project pass (blind index column, lookups and writes rewritten, DDL, the data
 * migration) on small projects written to a temporary directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { customType, pgTable, serial } from 'drizzle-orm/pg-core';
import { createKeyring } from '@secure-migrate/runtime/keys';
import { drizzleEncryptedType, encryptField } from '@secure-migrate/runtime/fields';
import { definition } from '../../codemods/encrypt-fields.js';
import { runRules } from '../../codemods/lib/engine.js';
import { encryptedLength } from '../../codemods/lib/fields-length.js';
import { runFieldsProject, type ProjectFile } from '../../codemods/lib/fields-project.js';

const transform = (source: string, filePath = '/project/src/entity.ts') =>
  runRules({ filePath, source, rules: definition.entries() });

const TYPEORM = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_clients')
export class ApiClient {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  apiToken!: string;

  @Column({ type: 'text', nullable: true })
  webhookSecret!: string | null;

  @Column({ type: 'char', length: 40 })
  signingKey!: string;

  @Column({ type: 'varchar', unique: true })
  clientSecret!: string;

  @Column({ type: 'uuid' })
  refreshToken!: string;
}
`;

const DRIZZLE = `import { pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';

export const bots = pgTable('bots', {
  id: serial('id').primaryKey(),
  botToken: varchar('bot_token', { length: 64 }).notNull(),
  refreshToken: text('refresh_token'),
});
`;

describe('encrypt-fields: the ciphertext length', () => {
  it('is the length of real ciphertext of the widest characters under the longest key id', () => {
    const id = 'k'.repeat(64);
    const keyring = createKeyring({ keys: [{ id, key: randomBytes(32) }], primary: id });
    for (const n of [0, 1, 40, 64, 255]) {
      const widest = encryptField('\u{1F511}'.repeat(n), { context: 'a.b', keyring }).length;
      const ascii = encryptField('x'.repeat(n), { context: 'a.b', keyring }).length;
      expect(encryptedLength(n)).toBe(widest);
      expect(ascii).toBeLessThanOrEqual(encryptedLength(n));
    }
    expect(encryptedLength(64)).toBe(449);
    expect(encryptedLength(255)).toBe(1468);
  });
});

describe('encrypt-fields: columns', () => {
  it('TypeORM: transformer with legacy passthrough, widened varchar, TODOs where encryption alone would break', () => {
    const { output, sites } = transform(TYPEORM);
    expect(output).toContain("import { fieldTransformer } from '@secure-migrate/runtime';");
    expect(output).toContain(
      "@Column({ type: 'varchar', length: 449, transformer: fieldTransformer({ context: 'api_clients.apiToken', legacy: 'passthrough' }) })",
    );
    expect(output).toContain(
      "@Column({ type: 'text', nullable: true, transformer: fieldTransformer({ context: 'api_clients.webhookSecret', legacy: 'passthrough' }) })",
    );
    const comments = output.replace(/\n\s*\/\/ /g, ' ');
    expect(comments).toContain('Widened from 64 to 449 characters');
    // Each encrypted column: run the sweep, then remove legacy.
    expect(comments.match(/Run the sweep for api_clients\.\w+/g)).toEqual([
      'Run the sweep for api_clients.apiToken',
      'Run the sweep for api_clients.webhookSecret',
    ]);
    // char(40): padded, a new type is needed; unique: the constraint would stop holding.
    expect(output).toContain("@Column({ type: 'char', length: 40 })\n  signingKey!: string;");
    expect(comments).toContain('a char(40) column cannot hold it. Change the column to varchar(321)');
    expect(output).toContain("@Column({ type: 'varchar', unique: true })\n  clientSecret!: string;");
    expect(comments).toContain('The application looks rows up by this value');
    // A uuid column holds no secret string: not reported.
    expect(output).toContain("  @Column({ type: 'uuid' })\n  refreshToken!: string;");
    expect(sites.map((s) => `${s.line} ${s.action}`)).toEqual([
      '9 rewritten',
      '12 rewritten',
      '15 todo',
      '18 todo',
    ]);
    // A second run changes nothing.
    expect(transform(output).output).toBe(output);
  });

  it('Drizzle: encrypted type typed as string, a bounded varchar widened to the length of its ciphertext', () => {
    const { output } = transform(DRIZZLE, '/project/src/schema.ts');
    expect(output).toContain(
      "import { pgTable, serial, text, varchar, customType } from 'drizzle-orm/pg-core';",
    );
    expect(output).toContain("import { drizzleEncryptedType } from '@secure-migrate/runtime';");
    expect(output).toContain(
      "botToken: drizzleEncryptedType(customType<{ data: string }>, { table: 'bots', dataType: 'varchar(449)', legacy: 'passthrough' })('bot_token').notNull(),",
    );
    expect(output).toContain(
      "refreshToken: drizzleEncryptedType(customType<{ data: string }>, { table: 'bots', legacy: 'passthrough' })('refresh_token'),",
    );
    expect(transform(output, '/project/src/schema.ts').output).toBe(output);
  });

  it("a session table's token is left with a TODO: auth libraries look sessions up by it", () => {
    const source =
      "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const session = pgTable('session', {\n  id: text('id').primaryKey(),\n  token: text('token').notNull(),\n});\n";
    const { output, sites } = transform(source, '/project/src/auth-schema.ts');
    expect(sites.map((s) => s.action)).toEqual(['todo']);
    expect(output.replace(/\n\s*\/\/ /g, ' ')).toContain(
      'An auth library (Better Auth, Lucia, Auth.js adapters) looks sessions up',
    );
    expect(output).toContain("  token: text('token').notNull(),");
  });

  it('Drizzle: a builder without a column name is left with a TODO that says why', () => {
    const source = DRIZZLE.replace("text('refresh_token')", 'text()');
    const { output, sites } = transform(source, '/project/src/schema.ts');
    expect(sites.map((s) => s.action)).toEqual(['rewritten', 'todo']);
    expect(output.replace(/\n\s*\/\/ /g, ' ')).toContain("The column's name comes from its key");
    expect(output).toContain('  refreshToken: text(),');
  });
});

describe('encrypt-fields: the rewritten Drizzle column keeps its type', () => {
  it('customType<{ data: string }> gives a string column (checked by tsc), and it encrypts', () => {
    const table = pgTable('t', {
      id: serial('id').primaryKey(),
      a: drizzleEncryptedType(customType<{ data: string }>, { table: 't', legacy: 'passthrough' })(
        'a',
      ).notNull(),
      b: drizzleEncryptedType(customType<{ data: string }>, { table: 't', dataType: 'varchar(449)' })('b'),
    });
    const row: typeof table.$inferSelect = { id: 1, a: 'x', b: null };
    const a: string = row.a;
    const b: string | null = row.b;
    expect([a, b]).toEqual(['x', null]);
    expect(table.b.getSQLType()).toBe('varchar(449)');
    const stored = table.a.mapToDriverValue('xoxb-1');
    expect(String(stored)).toMatch(/^sm1\./);
    expect(table.a.mapFromDriverValue(stored)).toBe('xoxb-1');
  });
});

describe('encrypt-fields: the project pass', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'encrypt-fields-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function project(files: Record<string, string>): ProjectFile[] {
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    return Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return { path: file, before: text, after: file.endsWith('.ts') ? transform(text, file).output : text };
    });
  }

  it('Drizzle: index column, lookups and writes by the blind index, a drizzle-kit migration and the sweep', () => {
    const files = project({
      'src/schema.ts': DRIZZLE,
      'src/bots.ts': `import { eq } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { bots } from './schema.js';

export async function addBot(db: PgDatabase<never>, botToken: string, refreshToken: string | null) {
  await db.insert(bots).values({ botToken, refreshToken });
}

export async function botByToken(db: PgDatabase<never>, token: string) {
  return db.select().from(bots).where(eq(bots.botToken, token));
}

export async function addBotRow(db: PgDatabase<never>, row: typeof bots.$inferInsert) {
  await db.insert(bots).values(row);
}

export async function botById(db: PgDatabase<never>, id: number) {
  return db.select().from(bots).where(eq(bots.id, id));
}
`,
      'drizzle/0000_init.sql': 'CREATE TABLE "bots" ("id" serial PRIMARY KEY);\n',
      'drizzle/meta/_journal.json': JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }],
      }),
    }).filter((f) => f.path.endsWith('.ts'));
    const result = runFieldsProject({ files });
    const out = (name: string) => result.files.get(path.join(dir, name)) ?? '';
    expect(result.indexed).toEqual(['bots.bot_token']);
    expect(result.lookups).toBe(1);
    expect(result.writes).toBe(2);
    expect(out('src/schema.ts')).toContain(
      ".notNull(),\n  botTokenIndex: varchar('bot_token_index', { length: 43 }),\n",
    );
    expect(out('src/schema.ts')).toContain(
      "}, (table) => [index('bots_bot_token_index_idx').on(table.botTokenIndex)]);",
    );
    expect(out('src/schema.ts')).toContain('import { pgTable, serial, text, varchar, customType, index }');
    const bots = out('src/bots.ts');
    expect(bots).toContain(
      "values({ botToken, botTokenIndex: blindIndex(botToken, { context: 'bots.bot_token' }), refreshToken })",
    );
    expect(bots).toContain(
      "where(or(inArray(bots.botTokenIndex, blindIndexes(token, { context: 'bots.bot_token' })), and(isNull(bots.botTokenIndex), sql`${bots.botToken} = ${token}`)))",
    );
    expect(bots).toContain(
      "values({ ...row, botTokenIndex: row.botToken == null ? null : blindIndex(row.botToken, { context: 'bots.bot_token' }) })",
    );
    // Lookups of other columns stay as they are.
    expect(bots).toContain('where(eq(bots.id, id))');
    expect(bots).toContain("import { eq, or, and, inArray, isNull, sql } from 'drizzle-orm';");
    expect(bots).toContain("import { blindIndexes, blindIndex } from '@secure-migrate/runtime';");
    expect(out('drizzle/0001_secure_migrate_encrypt_fields.sql')).toBe(
      'ALTER TABLE "bots" ADD COLUMN "bot_token_index" varchar(43);\n--> statement-breakpoint\n' +
        'CREATE INDEX "bots_bot_token_index_idx" ON "bots" ("bot_token_index");\n--> statement-breakpoint\n' +
        'ALTER TABLE "bots" ALTER COLUMN "bot_token" TYPE varchar(449);\n',
    );
    expect(JSON.parse(out('drizzle/meta/_journal.json')).entries[1]).toEqual({
      idx: 1,
      version: '7',
      when: 2,
      tag: '0001_secure_migrate_encrypt_fields',
      breakpoints: true,
    });
    const sweep = out('src/encrypt-fields.sweep.ts');
    expect(sweep).toContain(
      "'bots.bot_token': await sweepColumn(client, { table: 'bots', column: 'bot_token', context: 'bots.bot_token', index: 'bot_token_index' }),",
    );
    expect(sweep).toContain(
      "'bots.refresh_token': await sweepColumn(client, { table: 'bots', column: 'refresh_token', context: 'bots.refresh_token' }),",
    );
  });

  it('TypeORM: index column with its save hook, findOneBy by the index, a migration beside the others', () => {
    const files = project({
      'src/api-client.ts': TYPEORM,
      'src/clients.ts': `import type { Repository } from 'typeorm';
import { ApiClient } from './api-client.js';

export class Clients {
  constructor(private readonly repo: Repository<ApiClient>) {}

  byToken(apiToken: string) {
    return this.repo.findOneBy({ apiToken });
  }

  byName(name: string) {
    return this.repo.findOne({ where: { name } });
  }
}
`,
      'src/migrations/1700000000000-Init.ts': `import type { MigrationInterface, QueryRunner } from 'typeorm';
export class Init1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE api_clients (id serial PRIMARY KEY)');
  }
  async down(): Promise<void> {}
}
`,
    });
    const result = runFieldsProject({ files });
    const out = (name: string) => result.files.get(path.join(dir, name)) ?? '';
    expect(result.indexed).toEqual(['api_clients.apiToken']);
    expect(out('src/clients.ts')).toContain(
      "return this.repo.findOneBy({ apiTokenIndex: In(blindIndexes(apiToken, { context: 'api_clients.apiToken' })) });",
    );
    expect(out('src/clients.ts')).toContain('return this.repo.findOne({ where: { name } });');
    expect(out('src/clients.ts')).toContain("import { In } from 'typeorm';");
    const entity = out('src/api-client.ts');
    expect(entity).toContain("@Index('api_clients_apiTokenIndex_idx')");
    expect(entity).toContain(
      "@Column({ name: 'apiTokenIndex', type: 'varchar', length: 43, nullable: true })\n  apiTokenIndex?: string | null;",
    );
    expect(entity).toContain(
      "this.apiTokenIndex = this.apiToken === null ? null : blindIndex(this.apiToken, { context: 'api_clients.apiToken' });",
    );
    expect(entity).toMatch(
      /import \{ Column, Entity, PrimaryGeneratedColumn, Index, BeforeInsert, BeforeUpdate \} from 'typeorm';/,
    );
    const migration = [...result.files.keys()].find((f) => f.endsWith('-SecureMigrateEncryptFields.ts'))!;
    expect(path.basename(migration)).toBe('1700000000001-SecureMigrateEncryptFields.ts');
    expect(result.files.get(migration)).toContain(
      'await queryRunner.query("ALTER TABLE \\"api_clients\\" ADD COLUMN \\"apiTokenIndex\\" varchar(43)");',
    );
    expect(out('src/encrypt-fields.sweep.ts')).toContain(
      "'api_clients.apiToken': await sweepColumn(dataSource.getRepository(ApiClient), { context: 'api_clients.apiToken', column: 'apiToken', index: 'apiTokenIndex' }),",
    );
  });

  it('without a migrations folder, the DDL is a TODO at the column', () => {
    const files = project({
      'src/schema.ts': DRIZZLE,
      'src/bots.ts': `import { eq } from 'drizzle-orm';
import { bots } from './schema.js';
export const find = (db: any, token: string) => db.select().from(bots).where(eq(bots.botToken, token));
`,
    });
    const result = runFieldsProject({ files });
    expect(result.ddl).toEqual({ todo: true });
    expect(result.files.get(path.join(dir, 'src/schema.ts'))).toContain(
      'The schema migration for this column: ALTER TABLE "bots" ADD COLUMN "bot_token_index" varchar(43); CREATE INDEX',
    );
  });

  it('changes nothing when no column was encrypted in this run', () => {
    const text = "import { eq } from 'drizzle-orm';\n";
    expect(
      runFieldsProject({ files: [{ path: path.join(dir, 'a.ts'), before: text, after: text }] }).files.size,
    ).toBe(0);
  });
});
