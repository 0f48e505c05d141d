/**
 * no-plaintext-sensitive-column's RuleTester cases: `untyped` is what the rule reports from syntax alone
 * (test/rules/no-plaintext-sensitive-column.test.ts), `typed` what it reports with type information in the fixture
 * project (test/rules/typed.test.ts). test/rules/typed-superset.test.ts runs all of them in both modes.
 */
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageIds, Options } from '../../rules/no-plaintext-sensitive-column.js';
import type { CaseGroup, RuleCases } from '../helpers/case-groups.js';
import { fixturesDir } from '../helpers/rule-tester.js';

type Invalid = InvalidTestCase<MessageIds, Options>;
type Expected = Invalid['errors'][number];

const TYPEORM = "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n";
const FIELDS = "import { fieldTransformer } from '@secure-migrate/runtime/fields';\n";
const PG = "import { pgTable, serial, text, varchar, boolean, timestamp } from 'drizzle-orm/pg-core';\n";

/** The code with `from` (its first occurrence at or after `after`) replaced by `to`, and `imports` added. */
function edit(
  code: string,
  from: string,
  to: string,
  after = '',
  imports?: (code: string) => string,
): string {
  const start = code.indexOf(from, code.indexOf(after));
  const out = code.slice(0, start) + to + code.slice(start + from.length);
  return imports ? imports(out) : out;
}

/** Adds `import { fieldTransformer } …` after the file's last import line. */
function withFieldsImport(code: string): string {
  const lines = code.split('\n');
  const last = lines.reduce((found, line, i) => (/^import /.test(line) ? i : found), -1);
  lines.splice(last + 1, 0, FIELDS.trimEnd());
  return lines.join('\n');
}

/** Drizzle: `customType` merged into the pg-core import and the runtime import added after it. */
function withDrizzleImports(code: string): string {
  const merged = code.replace(" } from 'drizzle-orm/pg-core';", ", customType } from 'drizzle-orm/pg-core';");
  const lines = merged.split('\n');
  const last = lines.reduce((found, line, i) => (/^import /.test(line) ? i : found), -1);
  lines.splice(last + 1, 0, "import { drizzleEncryptedType } from '@secure-migrate/runtime/fields';");
  return lines.join('\n');
}

const transformer = (context: string) =>
  `transformer: fieldTransformer({ context: '${context}', legacy: 'passthrough' })`;

function plaintext(
  line: number,
  column: number,
  data: { name: string; orm: string; context: string },
  output?: string,
): Expected {
  return {
    messageId: 'plaintextColumn',
    line,
    column,
    data,
    suggestions: output === undefined ? [] : [{ messageId: 'encryptColumn', data, output }],
  };
}

const typeormDecorators: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-sensitive-column: TypeORM decorators',
  valid: [
    // Names that describe a secret rather than hold it (the shared classifier decides).
    `${TYPEORM}@Entity()\nexport class Token {\n  @Column() tokenHash: string;\n  @Column() apiKeyEncrypted: string;\n  @Column() tokenDigest: string;\n  @Column() tokenId: string;\n  @Column() tokenExpiresAt: Date;\n  @Column() tokenType: string;\n}`,
    // A transformer is already applied (ours or another library's).
    `${TYPEORM}${FIELDS}@Entity('integrations')\nexport class Integration {\n  @Column({ type: 'text', transformer: fieldTransformer({ context: 'integrations.bot_token' }) }) botToken: string;\n}`,
    `${TYPEORM}@Entity()\nexport class Account {\n  @Column({ transformer: new EncryptionTransformer(opts) }) accessToken: string;\n}`,
    // Types that cannot hold a secret string.
    `${TYPEORM}@Entity()\nexport class Account {\n  @Column() accessTokenRevoked: boolean;\n  @Column('int') refreshTokenVersion: number;\n  @Column({ type: 'timestamp' }) tokenRefreshedAt: Date;\n  @Column() secretRotated: boolean;\n}`,
    // Not an ORM column: a plain class, another library's decorator, a relation.
    'export class Settings {\n  accessToken: string;\n  @Input() apiKey: string;\n}',
    "import { Column } from './ui/table';\nexport class Grid {\n  @Column() accessToken: string;\n}",
    `${TYPEORM}import { ManyToOne } from 'typeorm';\n@Entity()\nexport class Session {\n  @ManyToOne(() => ApiKey) apiKey: ApiKey;\n}`,
    // Passwords can be left to another rule.
    {
      code: `${TYPEORM}@Entity()\nexport class User {\n  @Column() password: string;\n}`,
      options: [{ checkPasswords: false }],
    },
    {
      code: `${TYPEORM}@Entity()\nexport class Bot {\n  @Column() botToken: string;\n}`,
      options: [{ allowedNames: ['botToken'] }],
    },
    // A decorator of the project's own that encrypts the property.
    `${TYPEORM}import { Encrypted } from './decorators';\n@Entity()\nexport class Integration {\n  @Column('bytea') @Encrypted() refreshToken: string;\n}`,
    // The password is hashed before it is stored, in this file or by a hashing library the package depends on.
    `${TYPEORM}import { BeforeInsert } from 'typeorm';\nimport * as bcrypt from 'bcrypt';\n@Entity()\nexport class User {\n  @Column() password: string;\n  @BeforeInsert() async hash() { this.password = await bcrypt.hash(this.password, 12); }\n}`,
    {
      code: `${TYPEORM}@Entity()\nexport class User {\n  @Column() password: string;\n}`,
      filename: `${fixturesDir}hashes-passwords/user.entity.ts`,
    },
  ],
  invalid: [
    (() => {
      const code = `${TYPEORM}@Entity('integrations')\nexport class Integration {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() botToken: string;\n}`;
      return {
        code,
        errors: [
          plaintext(
            5,
            13,
            { name: 'botToken', orm: 'TypeORM', context: 'integrations.botToken' },
            edit(
              code,
              '@Column()',
              `@Column({ ${transformer('integrations.botToken')} })`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // No table name: TypeORM's default naming (snake_case of the class name); the explicit column name wins.
    (() => {
      const code = `${TYPEORM}@Entity()\nexport class OAuthConnection {\n  @Column({ name: 'refresh_token', nullable: true })\n  refreshToken: string;\n}`;
      return {
        code,
        errors: [
          plaintext(
            5,
            3,
            { name: 'refreshToken', orm: 'TypeORM', context: 'o_auth_connection.refresh_token' },
            edit(
              code,
              'nullable: true',
              `nullable: true, ${transformer('o_auth_connection.refresh_token')}`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // A type argument gets an options object; a multi-line options object gets the option on its own line.
    (() => {
      const code = `${TYPEORM}@Entity({ name: 'api_clients' })\nexport class ApiClient {\n  @Column('varchar') clientSecret: string;\n  @Column({\n    type: 'text',\n    select: false,\n  })\n  webhookSecret: string;\n}`;
      return {
        code,
        errors: [
          plaintext(
            4,
            22,
            { name: 'clientSecret', orm: 'TypeORM', context: 'api_clients.clientSecret' },
            edit(
              code,
              "@Column('varchar')",
              `@Column('varchar', { ${transformer('api_clients.clientSecret')} })`,
              '',
              withFieldsImport,
            ),
          ),
          plaintext(
            9,
            3,
            { name: 'webhookSecret', orm: 'TypeORM', context: 'api_clients.webhookSecret' },
            edit(
              code,
              'select: false,',
              `select: false,\n    ${transformer('api_clients.webhookSecret')},`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // The runtime import is merged into an existing one; a configured module is used.
    (() => {
      const code = `${TYPEORM}import { blindIndex } from '@acme/secure-runtime';\n@Entity()\nexport class Key {\n  @Column() apiKey: string;\n}`;
      return {
        code,
        options: [{ runtimeImport: '@acme/secure-runtime' }],
        errors: [
          plaintext(
            5,
            13,
            { name: 'apiKey', orm: 'TypeORM', context: 'key.apiKey' },
            edit(
              edit(code, '@Column()', `@Column({ ${transformer('key.apiKey')} })`),
              '{ blindIndex }',
              '{ blindIndex, fieldTransformer }',
            ),
          ),
        ],
      };
    })(),
    // A lookup column (unique, indexed, primary): reported, but encrypting it would break the lookups.
    {
      code: `${TYPEORM}import { Index } from 'typeorm';\n@Entity()\nexport class Invite {\n  @Column({ unique: true }) inviteToken: string;\n  @Index() @Column() resetToken: string;\n}`,
      errors: [
        plaintext(5, 29, { name: 'inviteToken', orm: 'TypeORM', context: 'invite.inviteToken' }),
        plaintext(6, 22, { name: 'resetToken', orm: 'TypeORM', context: 'invite.resetToken' }),
      ],
    },
    // A token as the primary key: always a lookup column.
    {
      code: `${TYPEORM}import { PrimaryColumn } from 'typeorm';\n@Entity('sessions')\nexport class Session {\n  @PrimaryColumn('varchar') sessionToken: string;\n  @PrimaryColumn() id: string;\n}`,
      errors: [plaintext(5, 29, { name: 'sessionToken', orm: 'TypeORM', context: 'sessions.sessionToken' })],
    },
    // Passwords: hash them, never encrypt them; no suggestion.
    {
      code: `${TYPEORM}@Entity('users')\nexport class User {\n  @Column() password: string;\n  @Column() passwordHash: string;\n}`,
      errors: [
        {
          messageId: 'passwordColumn',
          line: 4,
          column: 13,
          data: { name: 'password', orm: 'TypeORM', context: 'users.password' },
          suggestions: [],
        },
      ],
    },
    // A password the application logs in with elsewhere must be readable: encrypt it (even where bcrypt is used).
    (() => {
      const code = `${TYPEORM}@Entity('mailboxes')\nexport class Mailbox {\n  @Column() smtpPassword: string;\n}`;
      return {
        code,
        filename: `${fixturesDir}hashes-passwords/mailbox.entity.ts`,
        errors: [
          plaintext(
            4,
            13,
            { name: 'smtpPassword', orm: 'TypeORM', context: 'mailboxes.smtpPassword' },
            edit(
              code,
              '@Column()',
              `@Column({ ${transformer('mailboxes.smtpPassword')} })`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // Namespace import, CommonJS-free JavaScript without type annotations.
    (() => {
      const code =
        "import * as orm from 'typeorm';\n@orm.Entity('bots')\nexport class Bot {\n  @orm.Column() secret;\n}";
      return {
        code,
        errors: [
          plaintext(
            4,
            17,
            { name: 'secret', orm: 'TypeORM', context: 'bots.secret' },
            edit(
              code,
              '@orm.Column()',
              `@orm.Column({ ${transformer('bots.secret')} })`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // Extra names from the options.
    {
      code: `${TYPEORM}@Entity()\nexport class Device {\n  @Column('text', { length: 64 }) pairingCode: string;\n}`,
      options: [{ extraSensitiveNames: ['pairingCode'] }],
      errors: [
        plaintext(
          4,
          35,
          { name: 'pairingCode', orm: 'TypeORM', context: 'device.pairingCode' },
          withFieldsImport(
            `${TYPEORM}@Entity()\nexport class Device {\n  @Column('text', { length: 64, ${transformer('device.pairingCode')} }) pairingCode: string;\n}`,
          ),
        ),
      ],
    },
  ],
};

const entitySchemas: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-sensitive-column: TypeORM EntitySchema',
  valid: [
    `import { EntitySchema } from 'typeorm';\n${FIELDS}export const Integration = new EntitySchema({\n  name: 'Integration',\n  columns: {\n    id: { type: Number, primary: true, generated: true },\n    botToken: { type: 'text', transformer: fieldTransformer({ context: 'Integration.botToken' }) },\n    tokenExpiresAt: { type: 'timestamp' },\n  },\n});`,
    // Not TypeORM's EntitySchema.
    "export const s = new EntitySchema({ name: 'x', columns: { apiKey: { type: String } } });",
  ],
  invalid: [
    (() => {
      const code = `import { EntitySchema } from 'typeorm';\nexport const Integration = new EntitySchema({\n  name: 'Integration',\n  tableName: 'integrations',\n  columns: {\n    id: { type: Number, primary: true, generated: true },\n    refreshToken: { type: String, name: 'refresh_token', nullable: true },\n  },\n});`;
      return {
        code,
        errors: [
          plaintext(
            7,
            5,
            { name: 'refreshToken', orm: 'TypeORM', context: 'integrations.refresh_token' },
            edit(
              code,
              'nullable: true',
              `nullable: true, ${transformer('integrations.refresh_token')}`,
              '',
              withFieldsImport,
            ),
          ),
        ],
      };
    })(),
    // CommonJS: the import is a require in the file's style; the table is the schema's name without tableName.
    (() => {
      const code =
        "const { EntitySchema } = require('typeorm');\nmodule.exports = new EntitySchema({\n  name: 'bot',\n  columns: { apiKey: { type: 'varchar' } },\n});";
      return {
        code,
        filename: 'bot.cjs',
        errors: [
          plaintext(
            4,
            14,
            { name: 'apiKey', orm: 'TypeORM', context: 'bot.apiKey' },
            "const { EntitySchema } = require('typeorm');\nconst { fieldTransformer } = require('@secure-migrate/runtime/fields');\nmodule.exports = new EntitySchema({\n  name: 'bot',\n  columns: { apiKey: { type: 'varchar', " +
              transformer('bot.apiKey') +
              ' } },\n});',
          ),
        ],
      };
    })(),
  ],
};

const drizzle: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-sensitive-column: Drizzle',
  valid: [
    // The runtime's encrypted type, directly or through a builder made once.
    `${PG}import { drizzleEncryptedType } from '@secure-migrate/runtime/fields';\nimport { customType } from 'drizzle-orm/pg-core';\nconst encrypted = drizzleEncryptedType(customType, { table: 'integrations' });\nexport const integrations = pgTable('integrations', {\n  botToken: encrypted('bot_token').notNull(),\n  refreshToken: drizzleEncryptedType(customType, { table: 'integrations' })('refresh_token'),\n});`,
    // A custom type whose name says it encrypts.
    `${PG}import { encryptedText } from './types';\nexport const accounts = pgTable('accounts', { accessToken: encryptedText('access_token') });`,
    // Names that are not secrets, and types that cannot hold one.
    `${PG}export const accounts = pgTable('accounts', {\n  id: serial('id').primaryKey(),\n  tokenType: text('token_type'),\n  accessTokenExpiresAt: timestamp('access_token_expires_at'),\n  secretRotated: boolean('secret_rotated'),\n});`,
    // Better Auth's own columns: the account password is its scrypt hash, the two-factor secret and backup codes are
    // encrypted by the library.
    `${PG}export const account = pgTable('account', {\n  accountId: text('account_id').notNull(),\n  providerId: text('provider_id').notNull(),\n  password: text('password'),\n});\nexport const twoFactor = pgTable('two_factor', {\n  secret: text('secret').notNull(),\n  backupCodes: text('backup_codes').notNull(),\n});`,
    // Not a drizzle table.
    "export const t = pgTable('accounts', { accessToken: text('access_token') });",
    `${PG}const columns = { apiKey: text('api_key') };`,
  ],
  invalid: [
    (() => {
      const code = `${PG}export const integrations = pgTable('integrations', {\n  id: serial('id').primaryKey(),\n  botToken: text('bot_token').notNull(),\n});`;
      return {
        code,
        errors: [
          plaintext(
            4,
            3,
            { name: 'botToken', orm: 'Drizzle', context: 'integrations.bot_token' },
            edit(
              code,
              "text('bot_token')",
              "drizzleEncryptedType(customType, { table: 'integrations', legacy: 'passthrough' })('bot_token')",
              '',
              withDrizzleImports,
            ),
          ),
        ],
      };
    })(),
    // The callback form; a pg varchar without length keeps its SQL type.
    (() => {
      const code = `${PG}export const accounts = pgTable('accounts', (t) => ({\n  refresh_token: t.varchar('refresh_token'),\n}));`;
      return {
        code,
        errors: [
          plaintext(
            3,
            3,
            { name: 'refresh_token', orm: 'Drizzle', context: 'accounts.refresh_token' },
            edit(
              code,
              "t.varchar('refresh_token')",
              "drizzleEncryptedType(customType, { table: 'accounts', dataType: 'varchar', legacy: 'passthrough' })('refresh_token')",
              '',
              withDrizzleImports,
            ),
          ),
        ],
      };
    })(),
    // No suggestion: a bounded type (ciphertext is longer), no column name (drizzle's casing decides it), a
    // modifier only the built-in type has, a lookup column.
    {
      code: `${PG}export const keys = pgTable('keys', {\n  apiKey: varchar('api_key', { length: 64 }),\n  clientSecret: text(),\n  secret: text('secret').array(),\n  sessionToken: text('session_token').primaryKey(),\n});`,
      errors: [
        plaintext(3, 3, { name: 'apiKey', orm: 'Drizzle', context: 'keys.api_key' }),
        plaintext(4, 3, { name: 'clientSecret', orm: 'Drizzle', context: 'keys.clientSecret' }),
        plaintext(5, 3, { name: 'secret', orm: 'Drizzle', context: 'keys.secret' }),
        plaintext(6, 3, { name: 'sessionToken', orm: 'Drizzle', context: 'keys.session_token' }),
      ],
    },
    // A table creator and SQLite; a custom type defined here that does not encrypt (no suggestion: its SQL type).
    {
      code: "import { sqliteTableCreator, text, customType } from 'drizzle-orm/sqlite-core';\nconst createTable = sqliteTableCreator((name) => `app_${name}`);\nconst bytes = customType<{ data: Buffer }>({ dataType: () => 'blob' });\nexport const bots = createTable('bots', {\n  webhookSecret: bytes('webhook_secret'),\n  password: text('password'),\n});",
      errors: [
        plaintext(5, 3, { name: 'webhookSecret', orm: 'Drizzle', context: 'bots.webhook_secret' }),
        {
          messageId: 'passwordColumn',
          line: 6,
          column: 3,
          data: { name: 'password', orm: 'Drizzle', context: 'bots.password' },
          suggestions: [],
        },
      ],
    },
    // MySQL text keeps its type; a pg schema's table.
    (() => {
      const code =
        "import { mysqlTable, text } from 'drizzle-orm/mysql-core';\nexport const t = mysqlTable('tokens', { token: text('token') });";
      return {
        code,
        errors: [
          plaintext(
            2,
            41,
            { name: 'token', orm: 'Drizzle', context: 'tokens.token' },
            "import { mysqlTable, text, customType } from 'drizzle-orm/mysql-core';\nimport { drizzleEncryptedType } from '@secure-migrate/runtime/fields';\nexport const t = mysqlTable('tokens', { token: drizzleEncryptedType(customType, { table: 'tokens', legacy: 'passthrough' })('token') });",
          ),
        ],
      };
    })(),
    {
      code: "import { pgSchema, varchar } from 'drizzle-orm/pg-core';\nconst app = pgSchema('app');\nexport const keys = app.table('keys', { privateKey: varchar('private_key', { length: 4096 }) });",
      errors: [plaintext(3, 41, { name: 'privateKey', orm: 'Drizzle', context: 'keys.private_key' })],
    },
  ],
};

const noAdapter = (line: number, column: number, name: string, orm: string, context: string): Expected => ({
  messageId: 'plaintextColumnNoAdapter',
  line,
  column,
  data: { name, orm, context },
  suggestions: [],
});

const sequelizeAndMongoose: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-sensitive-column: Sequelize and Mongoose',
  valid: [
    // Getter/setter hooks that encrypt.
    "import { DataTypes } from 'sequelize';\nsequelize.define('Account', {\n  accessToken: {\n    type: DataTypes.TEXT,\n    get() { return decryptField(this.getDataValue('accessToken'), opts); },\n    set(v) { this.setDataValue('accessToken', encryptField(v, opts)); },\n  },\n});",
    "import { Schema } from 'mongoose';\nconst s = new Schema({ apiKey: { type: String, get: decryptKey, set: encryptKey } });",
    // An encryption plugin that names the field, or encrypts every field.
    "import mongoose from 'mongoose';\nimport encrypt from 'mongoose-encryption';\nconst userSchema = new mongoose.Schema({ apiKey: String, name: String });\nuserSchema.plugin(encrypt, { secret, encryptedFields: ['apiKey'] });",
    // Types that cannot hold a secret; not sequelize.
    "import { DataTypes } from 'sequelize';\nsequelize.define('Token', { tokenUsed: DataTypes.BOOLEAN, secretVersion: { type: DataTypes.INTEGER } });",
    "import { Schema } from 'mongoose';\nconst s = new Schema({ tokenRevoked: Boolean, apiKeyUsedAt: Date, secretOwner: { type: Schema.Types.ObjectId } });",
    "const db = new Dexie('x');\ndb.define('Account', { accessToken: String });",
    // A virtual attribute is not stored; a hook of the model file hashes the password.
    "import { DataTypes } from 'sequelize';\nsequelize.define('Client', { secret: { type: DataTypes.VIRTUAL }, password: DataTypes.STRING }, {\n  hooks: { async beforeCreate(client) { client.password = await argon2.hash(client.password); } },\n});",
    // Without an import, only attributes written with Sequelize's data types make a model.
    "module.exports = (db) => db.define('Thing', { token: { kind: 'string' } });",
  ],
  invalid: [
    {
      code: "import { Sequelize, DataTypes } from 'sequelize';\nconst sequelize = new Sequelize(url);\nexport const Integration = sequelize.define('Integration', {\n  botToken: DataTypes.STRING,\n  refreshToken: { type: DataTypes.TEXT, field: 'refresh_token' },\n}, { tableName: 'integrations' });",
      errors: [
        noAdapter(4, 3, 'botToken', 'Sequelize', 'integrations.botToken'),
        noAdapter(5, 3, 'refreshToken', 'Sequelize', 'integrations.refresh_token'),
      ],
    },
    // A model file that receives Sequelize from its caller.
    {
      code: "module.exports = (sequelize, DataTypes) => {\n  const Invite = sequelize.define('invites', { token: DataTypes.STRING, teamPassword: DataTypes.STRING });\n  return Invite;\n};",
      errors: [
        noAdapter(2, 48, 'token', 'Sequelize', 'invites.token'),
        noAdapter(2, 73, 'teamPassword', 'Sequelize', 'invites.teamPassword'),
      ],
    },
    {
      code: "const { Model, DataTypes } = require('sequelize');\nclass ApiKey extends Model {}\nApiKey.init({ key: DataTypes.STRING, secret: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'api_key' });",
      errors: [
        noAdapter(3, 38, 'secret', 'Sequelize', 'api_key.secret'),
        {
          messageId: 'passwordColumn',
          line: 3,
          column: 64,
          data: { name: 'password', orm: 'Sequelize', context: 'api_key.password' },
          suggestions: [],
        },
      ],
    },
    {
      code: "import { Column, Model, Table, DataType } from 'sequelize-typescript';\n@Table({ tableName: 'bots' })\nexport class Bot extends Model {\n  @Column(DataType.TEXT) declare botToken: string;\n  @Column declare webhookSecret: string;\n}",
      errors: [
        noAdapter(4, 34, 'botToken', 'Sequelize', 'bots.botToken'),
        noAdapter(5, 19, 'webhookSecret', 'Sequelize', 'bots.webhookSecret'),
      ],
    },
    {
      code: "import mongoose, { Schema } from 'mongoose';\nconst userSchema = new Schema({\n  apiKey: { type: String, select: false },\n  github: { accessToken: String, login: String },\n});\nexport const User = mongoose.model('User', userSchema);",
      errors: [
        noAdapter(3, 3, 'apiKey', 'Mongoose', 'User.apiKey'),
        noAdapter(4, 13, 'github.accessToken', 'Mongoose', 'User.github.accessToken'),
      ],
    },
  ],
};

export const cases: RuleCases<MessageIds, Options> = {
  untyped: [typeormDecorators, entitySchemas, drizzle, sequelizeAndMongoose],
  typed: [],
};
