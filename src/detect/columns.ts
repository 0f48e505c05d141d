/**
 * Database column declarations of the ORMs the field encryption covers (TypeORM decorators and EntitySchema,
 * Drizzle tables, Sequelize `define`/`Model.init` and sequelize-typescript, Mongoose schemas), recognised by shape and
 * by the module they come from, and which of them hold a secret in plaintext. Shared by the rule
 * `no-plaintext-sensitive-column` and the `encrypt-fields` transform, so both see the same columns with the same
 * table, column and context names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { splitWords } from '@secure-migrate/runtime/classify';
import { getCalleeName, getStaticKeyName, getStaticString, unwrapExpression } from './ast.js';
import type { SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';
import type { TextEdit } from './imports.js';
import { getImportSource, getOrigin } from './origin.js';

/** The runtime module the column adapters (`fieldTransformer`, `drizzleEncryptedType`) are imported from by default. */
export const DEFAULT_FIELDS_IMPORT = '@secure-migrate/runtime/fields';

/** The ORM a column is declared with. */
export type ColumnOrm = 'typeorm' | 'drizzle' | 'sequelize' | 'mongoose';

/** How a column is declared. */
export type ColumnDeclarationKind =
  | 'typeorm-decorator'
  | 'typeorm-entity-schema'
  | 'drizzle'
  | 'sequelize'
  | 'sequelize-decorator'
  | 'mongoose';

/** One column (or schema path) declaration. */
export interface ColumnDeclaration {
  orm: ColumnOrm;
  kind: ColumnDeclarationKind;
  /** The property name node: the class property key, or the key in the columns/attributes/schema object. */
  key: TSESTree.Node;
  /** The property name (`accessToken`); for nested Mongoose paths the dotted path (`github.accessToken`). */
  property: string;
  /** The column name in the database: the explicit `name`/`field`/builder argument, else the property name. */
  column: string;
  /** The table (TypeORM, Drizzle, Sequelize) or model (Mongoose) name. */
  table: string;
  /** `<table>.<column>`: the field encryption context (associated data) the adapter would use. */
  context: string;
  /** TypeORM/sequelize-typescript decorator: the `@Column(...)` call. */
  decorator?: TSESTree.CallExpression;
  /** The options object of the column (decorator options, EntitySchema column, attribute or path definition). */
  options?: TSESTree.ObjectExpression;
  /** Drizzle: the column builder call (`text('bot_token')`, `t.varchar('key', { length: 64 })`). */
  builder?: TSESTree.CallExpression;
  /** Drizzle: the builder's name (`text`) and the drizzle module of the table function (`drizzle-orm/pg-core`). */
  builderName?: string;
  drizzleModule?: string;
  /** Drizzle: the modifiers chained on the builder, in order (`['notNull', 'default']`). */
  modifiers?: string[];
  /** Whether an encryption transformer, an encrypted type or an encrypting getter/setter is already applied. */
  encrypted: boolean;
  /** Whether the declared type cannot hold a secret string (boolean, number, date, uuid, object id…). */
  nonText: boolean;
  /** Whether the column is a primary key, unique or indexed: the application looks rows up by its value. */
  lookup: boolean;
}

/** A column whose name says it holds a secret and that is stored as it is. */
export interface SensitiveColumn extends ColumnDeclaration {
  category: SensitiveCategory;
  /** The name says password: the fix is a password hash (argon2id, bcrypt), never encryption. */
  password: boolean;
  /**
   * Why the local "encrypt this column" edit is not offered (`undefined` when it is, for TypeORM and Drizzle):
   * no adapter for the ORM, a lookup column, a bounded or non-text Drizzle type, options not written in place…
   */
  noEdit?: string;
}

/** Options of {@link findSensitiveColumns}. */
export interface ColumnOptions {
  /** Report password columns (`passwordColumn`); default true. */
  checkPasswords?: boolean;
}

const REPORTED_CATEGORIES: ReadonlySet<SensitiveCategory> = new Set<SensitiveCategory>([
  'credential',
  'token',
  'secret',
  'session',
]);
const PASSWORD_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'pass',
]);
/**
 * Words that may come before a password word when the column holds a user's own password (`password`,
 * `userPassword`, `admin_password`). Any other word makes it a password the application uses to log in somewhere
 * else (`bridge_password`, `smtpPassword`), which it must be able to read: encrypt it rather than hash it.
 */
const USER_PASSWORD_QUALIFIERS: ReadonlySet<string> = new Set([
  'user',
  'account',
  'login',
  'admin',
  'member',
  'customer',
  'employee',
  'client',
  'current',
  'new',
  'old',
  'temp',
  'temporary',
  'initial',
  'plain',
  'raw',
  'master',
]);
/** Packages that hash passwords (or manage them for the application) and whose presence says the column holds a hash. */
const PASSWORD_HASHING_PACKAGES: readonly string[] = [
  'bcrypt',
  'bcryptjs',
  'bcrypt-nodejs',
  'argon2',
  '@node-rs/argon2',
  '@node-rs/bcrypt',
  '@phc/argon2',
  'scrypt-kdf',
  'better-auth',
  'passport-local-mongoose',
  '@adonisjs/hash',
  'lucia',
];
/** A name that says the value is already protected: an encrypted type, a sealed column, a cipher text. */
const ENCRYPTING_NAME = /encrypt|cipher|crypt|seal/i;

const DRIZZLE_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'pgTable',
  'sqliteTable',
  'mysqlTable',
  'singlestoreTable',
  'gelTable',
]);
const DRIZZLE_TABLE_CREATORS: ReadonlySet<string> = new Set([
  'pgTableCreator',
  'sqliteTableCreator',
  'mysqlTableCreator',
  'singlestoreTableCreator',
  'gelTableCreator',
]);
const DRIZZLE_SCHEMAS: ReadonlySet<string> = new Set([
  'pgSchema',
  'mysqlSchema',
  'singlestoreSchema',
  'gelSchema',
]);
/** Drizzle builders whose values can be a secret (strings, JSON, bytes). Every other built-in is a number, date… */
const DRIZZLE_TEXT_BUILDERS: ReadonlySet<string> = new Set([
  'text',
  'varchar',
  'char',
  'json',
  'jsonb',
  'blob',
  'binary',
  'varbinary',
  'tinytext',
  'mediumtext',
  'longtext',
  'bytea',
  'citext',
]);
/** Modifiers every column builder has, so a custom (encrypted) type keeps them. */
const DRIZZLE_GENERIC_MODIFIERS: ReadonlySet<string> = new Set([
  'notNull',
  'default',
  '$default',
  '$defaultFn',
  '$onUpdate',
  '$onUpdateFn',
  '$type',
  'primaryKey',
  'unique',
  'references',
]);

/** TypeORM column types (and EntitySchema/Mongoose constructor types) that cannot hold a secret string. */
const NON_TEXT_TYPE =
  /^(?:bool(?:ean)?|bit|(?:tiny|small|medium|big)?int(?:eger)?\d*|int[248]|float\d*|double(?: precision)?|decimal|numeric|dec|real|number|money|smallmoney|date(?:time\d?|only)?|datetimeoffset|timestamp(?:tz)?|timestamp with(?:out)? time zone|time(?:tz)?|time with(?:out)? time zone|interval|year|uuid|uniqueidentifier|objectid|enum)$/i;
/** Sequelize `DataTypes.X` that cannot hold a secret string. */
const SEQUELIZE_NON_TEXT =
  /^(?:BOOLEAN|INTEGER|BIGINT|SMALLINT|TINYINT|MEDIUMINT|FLOAT|DOUBLE|DECIMAL|REAL|NUMBER|DATE|DATEONLY|TIME|NOW|UUID|UUIDV1|UUIDV4|ENUM|INET|CIDR|MACADDR|RANGE|GEOMETRY|GEOGRAPHY|VIRTUAL)$/;

const declarationsCache = new WeakMap<TSESTree.Program, ColumnDeclaration[]>();

/** Every column declaration in the file, in source order (computed once per AST). */
export function findColumnDeclarations(ctx: DetectContext): ColumnDeclaration[] {
  const cached = declarationsCache.get(ctx.ast);
  if (cached) return cached;
  const out: ColumnDeclaration[] = [];
  const imports = moduleImports(ctx.ast);
  simpleTraverse(ctx.ast, {
    enter(node) {
      switch (node.type) {
        case AST_NODE_TYPES.PropertyDefinition:
          if (imports.typeorm || imports.sequelize) collectDecoratedColumn(ctx, node, out);
          break;
        case AST_NODE_TYPES.NewExpression:
          if (imports.typeorm) collectEntitySchema(ctx, node, out);
          if (imports.mongoose) collectMongooseSchema(ctx, node, out);
          break;
        case AST_NODE_TYPES.CallExpression:
          if (imports.drizzle) collectDrizzleTable(ctx, node, out);
          collectSequelizeModel(ctx, node, out, imports.sequelize);
          if (imports.mongoose) collectMongooseSchema(ctx, node, out);
          break;
        default:
          break;
      }
    },
  });
  if (imports.mongoose) applyMongoosePlugins(ctx, out);
  applyAuthLibrarySchemas(out);
  out.sort((a, b) => a.key.range[0] - b.key.range[0]);
  declarationsCache.set(ctx.ast, out);
  return out;
}

/** The columns whose name says they hold a token, secret, key or password, stored without encryption. */
export function findSensitiveColumns(ctx: DetectContext, options: ColumnOptions = {}): SensitiveColumn[] {
  const out: SensitiveColumn[] = [];
  let hashed: ReadonlySet<string> | undefined;
  for (const column of findColumnDeclarations(ctx)) {
    if (column.encrypted || column.nonText) continue;
    const leaf = column.property.split('.').at(-1) ?? column.property;
    const byProperty = ctx.classifier.classifyName(leaf);
    const category =
      byProperty ?? (column.column !== leaf ? ctx.classifier.classifyName(column.column) : null);
    if (!category || !REPORTED_CATEGORIES.has(category)) continue;
    const named = byProperty ? leaf : column.column;
    const password = category === 'credential' && isUserPassword(splitWords(named));
    if (password) {
      if (options.checkPasswords === false) continue;
      // `user.password = await bcrypt.hash(user.password, 10)` in a hook of the same file: a hash is stored.
      hashed ??= propertiesAssignedFromHash(ctx.ast);
      if (hashed.has(leaf)) continue;
      // A project that depends on a password-hashing library stores what it makes (see the rule's docs).
      if (dependsOnPasswordHashing(ctx.physicalFilename)) continue;
    }
    const noEdit = password ? 'password' : whyNoEdit(column);
    out.push({ ...column, category, password, ...(noEdit ? { noEdit } : {}) });
  }
  return out;
}

/** The words of a user's own password column: qualifiers from {@link USER_PASSWORD_QUALIFIERS}, then a password word. */
function isUserPassword(words: readonly string[]): boolean {
  const at = words.findIndex((w) => PASSWORD_WORDS.has(w));
  return at >= 0 && words.slice(0, at).every((w) => USER_PASSWORD_QUALIFIERS.has(w));
}

const hashingByDirectory = new Map<string, boolean>();

/**
 * Whether the package.json nearest to the file lists a password-hashing package among its dependencies (read once
 * per directory). The cost, as for every rule that reads other files: ESLint's cache does not know about it.
 */
function dependsOnPasswordHashing(filename: string): boolean {
  if (!filename || !isAbsolute(filename)) return false;
  const visited: string[] = [];
  let result = false;
  for (let dir = dirname(filename); ; dir = dirname(dir)) {
    const cached = hashingByDirectory.get(dir);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    visited.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
        const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) => {
          const deps = json[field];
          return deps && typeof deps === 'object' ? Object.keys(deps) : [];
        });
        result = PASSWORD_HASHING_PACKAGES.some((name) => names.includes(name));
      } catch {
        result = false;
      }
      break;
    }
    if (dirname(dir) === dir) break;
  }
  for (const dir of visited) hashingByDirectory.set(dir, result);
  return result;
}

function whyNoEdit(column: ColumnDeclaration): string | undefined {
  if (column.orm === 'sequelize' || column.orm === 'mongoose') return 'no adapter';
  if (column.lookup) return 'lookup column';
  if (column.kind === 'drizzle') {
    const builder = column.builder;
    if (!builder || !column.builderName) return 'no builder';
    if (!drizzleTextDataType(column.builderName, column.drizzleModule ?? '')) return 'type';
    if (builder.arguments.length !== 1 || getStaticString(builder.arguments[0]) === undefined) {
      // `text()` (the column name comes from the key and the `casing` setting) or a length, enum or mode.
      return 'builder arguments';
    }
    if ((column.modifiers ?? []).some((m) => !DRIZZLE_GENERIC_MODIFIERS.has(m))) return 'modifiers';
    return undefined;
  }
  if (column.kind === 'typeorm-decorator') {
    const decorator = column.decorator;
    if (!decorator) return 'no decorator';
    const args = decorator.arguments;
    if (args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return 'options';
    const objects = args.filter((a) => a.type === AST_NODE_TYPES.ObjectExpression);
    if (objects.length === 0 && args.length > 1) return 'options';
    if (objects.length === 0 && args.length === 1 && getStaticString(args[0]) === undefined) return 'options';
    return undefined;
  }
  if (column.kind === 'typeorm-entity-schema') return column.options ? undefined : 'options';
  return 'no adapter';
}

/** The SQL type the encrypted custom type must declare to keep the column's type, or undefined when it cannot. */
function drizzleTextDataType(builder: string, module: string): string | undefined {
  // Only unbounded text types: a bounded one (`varchar(64)`) would not hold the longer ciphertext.
  if (builder === 'text') return 'text';
  if (builder === 'varchar' && /pg-core$/.test(module)) return 'varchar';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Imports: which ORMs the file uses at all (a cheap gate before any shape test).

interface OrmImports {
  typeorm: boolean;
  drizzle: boolean;
  sequelize: boolean;
  mongoose: boolean;
}

function moduleImports(program: TSESTree.Program): OrmImports {
  const found: OrmImports = { typeorm: false, drizzle: false, sequelize: false, mongoose: false };
  const note = (source: string | undefined): void => {
    if (source === undefined) return;
    if (source === 'typeorm' || source.startsWith('typeorm/')) found.typeorm = true;
    else if (source === 'drizzle-orm' || source.startsWith('drizzle-orm/')) found.drizzle = true;
    else if (source === 'sequelize' || source === 'sequelize-typescript' || source === '@sequelize/core')
      found.sequelize = true;
    else if (source === 'mongoose') found.mongoose = true;
  };
  simpleTraverse(program, {
    enter(node) {
      if (node.type === AST_NODE_TYPES.ImportDeclaration) note(node.source.value);
      else if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.Identifier &&
        node.callee.name === 'require'
      ) {
        note(getStaticString(node.arguments[0]));
      } else if (
        node.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
        node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference
      ) {
        note(getStaticString(node.moduleReference.expression));
      }
    },
  });
  return found;
}

/** The module and exported name a callee comes from (`Column` → typeorm `Column`, `orm.Column` too). */
function calleeImport(
  ctx: DetectContext,
  callee: TSESTree.Node,
): { source: string; name: string } | undefined {
  const found = getImportSource(ctx, callee);
  if (!found) return undefined;
  if (found.name === 'default' || found.name === '*') {
    const name = getCalleeName(callee);
    return name === undefined ? undefined : { source: found.source, name };
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// TypeORM and sequelize-typescript: `@Column(...) accessToken: string`.

function collectDecoratedColumn(
  ctx: DetectContext,
  node: TSESTree.PropertyDefinition,
  out: ColumnDeclaration[],
): void {
  const decorators = (node as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  if (decorators.length === 0) return;
  const property = getStaticKeyName(node.key, node.computed);
  if (property === undefined) return;
  const cls = node.parent.parent;
  if (cls.type !== AST_NODE_TYPES.ClassDeclaration && cls.type !== AST_NODE_TYPES.ClassExpression) return;
  let lookup = false;
  let encryptedByDecorator = false;
  let column: { call: TSESTree.CallExpression; orm: 'typeorm' | 'sequelize' } | undefined;
  for (const decorator of decorators) {
    const expression = unwrapExpression(decorator.expression);
    const call = expression.type === AST_NODE_TYPES.CallExpression ? expression : undefined;
    const callee = call ? call.callee : expression;
    // A decorator of the project's own that encrypts the property (`@Encrypted`, `@EncryptedColumn()`).
    if (ENCRYPTING_NAME.test(getCalleeName(callee) ?? '')) encryptedByDecorator = true;
    const imported = calleeImport(ctx, callee);
    if (!imported) continue;
    const fromTypeorm = imported.source === 'typeorm';
    const fromSequelize = imported.source === 'sequelize-typescript';
    if (!fromTypeorm && !fromSequelize) continue;
    if (/^(?:PrimaryColumn|PrimaryKey|Unique|Index)$/.test(imported.name)) lookup = true;
    // A token as a TypeORM primary key (`@PrimaryColumn() token`) is a plaintext column too, always a lookup one.
    if (imported.name === 'Column' || (fromTypeorm && imported.name === 'PrimaryColumn' && call)) {
      // sequelize-typescript allows `@Column` without a call.
      column = { call: call ?? syntheticCall(expression), orm: fromTypeorm ? 'typeorm' : 'sequelize' };
    }
  }
  if (!column) return;
  const { call, orm } = column;
  const options = call.arguments.find(
    (a): a is TSESTree.ObjectExpression => a.type === AST_NODE_TYPES.ObjectExpression,
  );
  const typeArgument = call.arguments[0] && call.arguments[0] !== options ? call.arguments[0] : undefined;
  const table = orm === 'typeorm' ? typeormTableName(ctx, cls) : sequelizeClassTableName(cls);
  const columnName = getStaticString(optionValue(options, orm === 'typeorm' ? 'name' : 'field')) ?? property;
  const typeNode = optionValue(options, 'type') ?? typeArgument;
  const encrypted =
    encryptedByDecorator ||
    hasOption(options, 'transformer') ||
    hasOption(options, 'encrypt') ||
    (orm === 'sequelize' && (accessorEncrypts(ctx, options) || classAccessorEncrypts(ctx, cls, property)));
  out.push({
    orm,
    kind: orm === 'typeorm' ? 'typeorm-decorator' : 'sequelize-decorator',
    key: node.key,
    property,
    column: columnName,
    table,
    context: `${table}.${columnName}`,
    decorator: call,
    ...(options ? { options } : {}),
    encrypted,
    nonText:
      isNonTextAnnotation(node.typeAnnotation?.typeAnnotation) ||
      (typeNode !== undefined && (isNonTextTypeValue(typeNode) || isSequelizeNonText(typeNode))),
    lookup: lookup || isTrue(optionValue(options, 'primary')) || isTrue(optionValue(options, 'unique')),
  });
}

/** A bare `@Column` (sequelize-typescript) as a call without arguments, so the rest reads the same. */
function syntheticCall(callee: TSESTree.Node): TSESTree.CallExpression {
  return {
    type: AST_NODE_TYPES.CallExpression,
    callee: callee as TSESTree.Expression,
    arguments: [],
    optional: false,
    typeArguments: undefined,
    range: callee.range,
    loc: callee.loc,
    parent: callee.parent,
  } as TSESTree.CallExpression;
}

/** TypeORM's table name of an entity class: `@Entity('name')`, `@Entity({ name })`, else snake_case(ClassName). */
function typeormTableName(
  ctx: DetectContext,
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): string {
  const decorators = (cls as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  for (const decorator of decorators) {
    const expression = unwrapExpression(decorator.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
    const imported = calleeImport(ctx, expression.callee);
    if (imported?.source !== 'typeorm' || (imported.name !== 'Entity' && imported.name !== 'ViewEntity'))
      continue;
    const [first, second] = expression.arguments;
    const direct = getStaticString(first);
    if (direct !== undefined) return direct;
    const fromOptions =
      getStaticString(optionValue(objectOf(first), 'name')) ??
      getStaticString(optionValue(objectOf(second), 'name'));
    if (fromOptions !== undefined) return fromOptions;
  }
  return typeormSnakeCase(cls.id?.name ?? 'entity');
}

/** TypeORM's default naming of a table from a class name (`OAuthClient` → `o_auth_client`, `UserAPIKey` → `user_api_key`). */
export function typeormSnakeCase(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** sequelize-typescript's table: `@Table({ tableName })`, else the class name (pluralised by Sequelize at run time). */
function sequelizeClassTableName(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string {
  const decorators = (cls as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  for (const decorator of decorators) {
    const expression = unwrapExpression(decorator.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression || getCalleeName(expression.callee) !== 'Table')
      continue;
    const name = getStaticString(optionValue(objectOf(expression.arguments[0]), 'tableName'));
    if (name !== undefined) return name;
  }
  return cls.id?.name ?? 'model';
}

/** A getter or setter in the class for this property whose code encrypts or decrypts. */
function classAccessorEncrypts(
  ctx: DetectContext,
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  property: string,
): boolean {
  return cls.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.MethodDefinition &&
      (member.kind === 'get' || member.kind === 'set') &&
      getStaticKeyName(member.key, member.computed) === property &&
      ENCRYPTING_NAME.test(ctx.text.slice(member.value.range[0], member.value.range[1])),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// TypeORM EntitySchema: `new EntitySchema({ name, tableName, columns: { apiKey: { type: String } } })`.

function collectEntitySchema(
  ctx: DetectContext,
  node: TSESTree.NewExpression,
  out: ColumnDeclaration[],
): void {
  const imported = calleeImport(ctx, node.callee);
  if (imported?.source !== 'typeorm' || imported.name !== 'EntitySchema') return;
  const schema = objectOf(node.arguments[0]);
  const columns = objectOf(optionValue(schema, 'columns'));
  if (!schema || !columns) return;
  const table =
    getStaticString(optionValue(schema, 'tableName')) ??
    getStaticString(optionValue(schema, 'name')) ??
    'entity';
  for (const prop of columns.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const property = getStaticKeyName(prop.key, prop.computed);
    if (property === undefined) continue;
    const options = objectOf(prop.value);
    const columnName = getStaticString(optionValue(options, 'name')) ?? property;
    const typeNode = optionValue(options, 'type');
    out.push({
      orm: 'typeorm',
      kind: 'typeorm-entity-schema',
      key: prop.key,
      property,
      column: columnName,
      table,
      context: `${table}.${columnName}`,
      ...(options ? { options } : {}),
      // A column defined elsewhere (`token: tokenColumn`) cannot be judged here.
      encrypted: !options || hasOption(options, 'transformer') || hasOption(options, 'encrypt'),
      nonText: typeNode !== undefined && isNonTextTypeValue(typeNode),
      lookup:
        isTrue(optionValue(options, 'primary')) ||
        isTrue(optionValue(options, 'unique')) ||
        isTrue(optionValue(options, 'createDate')) ||
        isTrue(optionValue(options, 'updateDate')),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Drizzle: `pgTable('integrations', { botToken: text('bot_token').notNull() })`, the callback form, table creators
// and schemas.

function collectDrizzleTable(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  out: ColumnDeclaration[],
): void {
  const module = drizzleTableModule(ctx, node.callee);
  if (module === undefined) return;
  const table = getStaticString(node.arguments[0]);
  const columns = drizzleColumnsObject(node.arguments[1]);
  if (table === undefined || !columns) return;
  for (const prop of columns.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const property = getStaticKeyName(prop.key, prop.computed);
    if (property === undefined) continue;
    const chain = drizzleChain(prop.value);
    if (!chain) continue;
    const { builder, modifiers } = chain;
    const builderInfo = drizzleBuilder(ctx, builder, module);
    if (!builderInfo) continue;
    const columnName = getStaticString(builder.arguments[0]) ?? property;
    out.push({
      orm: 'drizzle',
      kind: 'drizzle',
      key: prop.key,
      property,
      column: columnName,
      table,
      context: `${table}.${columnName}`,
      builder,
      builderName: builderInfo.name,
      drizzleModule: module,
      modifiers,
      encrypted: builderInfo.encrypted,
      nonText: builderInfo.nonText,
      lookup: modifiers.includes('primaryKey') || modifiers.includes('unique'),
    });
  }
}

/** The drizzle module of a table function: `pgTable`, a `pgTableCreator(...)` result, `pgSchema('x').table`. */
function drizzleTableModule(ctx: DetectContext, callee: TSESTree.Node): string | undefined {
  const n = unwrapExpression(callee);
  const direct = calleeImport(ctx, n);
  if (direct && isDrizzleModule(direct.source)) {
    return DRIZZLE_TABLE_FUNCTIONS.has(direct.name) ? direct.source : undefined;
  }
  // `const createTable = pgTableCreator((name) => `app_${name}`)`
  if (n.type === AST_NODE_TYPES.Identifier) return drizzleMadeBy(ctx, n, DRIZZLE_TABLE_CREATORS);
  // `const app = pgSchema('app'); app.table('t', {...})` or `pgSchema('app').table(...)`
  if (n.type === AST_NODE_TYPES.MemberExpression && getCalleeName(n) === 'table') {
    return drizzleMadeBy(ctx, n.object, DRIZZLE_SCHEMAS);
  }
  return undefined;
}

/** The drizzle module of `node` when it is a call to one of `factories`, or a variable initialised with one. */
function drizzleMadeBy(
  ctx: DetectContext,
  node: TSESTree.Node,
  factories: ReadonlySet<string>,
): string | undefined {
  let made: TSESTree.Node | undefined = unwrapExpression(node);
  if (made.type === AST_NODE_TYPES.Identifier) {
    const init = getOrigin(ctx, made)?.init;
    made = init ? unwrapExpression(init) : undefined;
  }
  if (made?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const creator = calleeImport(ctx, made.callee);
  return creator && isDrizzleModule(creator.source) && factories.has(creator.name)
    ? creator.source
    : undefined;
}

function isDrizzleModule(source: string): boolean {
  return source.startsWith('drizzle-orm/');
}

/** The columns object: the second argument, or what the `(t) => ({ … })` callback returns. */
function drizzleColumnsObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.ObjectExpression) return n;
  if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression) {
    if (n.body.type !== AST_NODE_TYPES.BlockStatement) return objectOf(n.body);
    for (const statement of n.body.body) {
      if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument)
        return objectOf(statement.argument);
    }
  }
  return undefined;
}

/** `text('x').notNull().default('')` → the builder call `text('x')` and the modifiers `['notNull', 'default']`. */
function drizzleChain(
  value: TSESTree.Node,
): { builder: TSESTree.CallExpression; modifiers: string[] } | undefined {
  const modifiers: string[] = [];
  let current = unwrapExpression(value);
  for (let i = 0; i < 20; i++) {
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrapExpression(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapExpression(callee.object);
      const name = getCalleeName(callee);
      if (object.type === AST_NODE_TYPES.CallExpression && name !== undefined) {
        modifiers.unshift(name);
        current = object;
        continue;
      }
    }
    return { builder: current, modifiers };
  }
  return undefined;
}

interface DrizzleBuilderInfo {
  name: string;
  encrypted: boolean;
  nonText: boolean;
}

/** What makes a column: a drizzle built-in, a custom type made in this file, the runtime's encrypted type. */
function drizzleBuilder(
  ctx: DetectContext,
  builder: TSESTree.CallExpression,
  module: string,
): DrizzleBuilderInfo | undefined {
  const callee = unwrapExpression(builder.callee);
  // `drizzleEncryptedType(customType, { table })('bot_token')`
  if (callee.type === AST_NODE_TYPES.CallExpression) {
    const name = getCalleeName(callee.callee) ?? '';
    return { name, encrypted: ENCRYPTING_NAME.test(name), nonText: false };
  }
  const name = getCalleeName(callee);
  if (name === undefined) return undefined;
  if (ENCRYPTING_NAME.test(name)) return { name, encrypted: true, nonText: false };
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // The callback form `(t) => ({ key: t.text('key') })`: `t` is the table's column builders.
    const object = unwrapExpression(callee.object);
    const param = object.type === AST_NODE_TYPES.Identifier ? getOrigin(ctx, object) : undefined;
    const isBuilderParam = param !== undefined && !param.init && !param.imported;
    const imported = calleeImport(ctx, callee);
    if (!isBuilderParam && !(imported && isDrizzleModule(imported.source))) return undefined;
    return { name, encrypted: false, nonText: !DRIZZLE_TEXT_BUILDERS.has(name) };
  }
  const imported = calleeImport(ctx, callee);
  if (imported && isDrizzleModule(imported.source)) {
    return { name: imported.name, encrypted: false, nonText: !DRIZZLE_TEXT_BUILDERS.has(imported.name) };
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  // `const bytes = customType<…>({ dataType: () => 'bytea' })` in this file: a custom type of unknown content.
  const init = getOrigin(ctx, callee)?.init;
  const made = init ? unwrapExpression(init) : undefined;
  if (made?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const maker = calleeImport(ctx, made.callee);
  if (maker?.name === 'drizzleEncryptedType') return { name, encrypted: true, nonText: false };
  if (maker && maker.source === module && maker.name === 'customType') {
    const dataType = customTypeDataType(made);
    return {
      name,
      encrypted: false,
      nonText: dataType !== undefined && NON_TEXT_TYPE.test(dataType.replace(/\(.*$/, '').trim()),
    };
  }
  return undefined;
}

/** The SQL type a `customType({ dataType() { return 'bytea' } })` declares, when it is written as a literal. */
function customTypeDataType(call: TSESTree.CallExpression): string | undefined {
  const value = optionValue(objectOf(call.arguments[0]), 'dataType');
  if (!value) return undefined;
  const fn = unwrapExpression(value);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)
    return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return getStaticString(fn.body);
  const ret = fn.body.body.find(
    (s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement,
  );
  return ret?.argument ? getStaticString(ret.argument) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Sequelize: `sequelize.define('User', { apiKey: DataTypes.STRING }, { tableName })` and
// `User.init({ apiKey: { type: DataTypes.STRING } }, { sequelize, tableName })`.

function collectSequelizeModel(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  out: ColumnDeclaration[],
  imported: boolean,
): void {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
  const method = getCalleeName(callee);
  let attributes: TSESTree.ObjectExpression | undefined;
  let table: string | undefined;
  if (method === 'define') {
    const model = getStaticString(node.arguments[0]);
    attributes = objectOf(node.arguments[1]);
    if (model === undefined || !attributes) return;
    table = getStaticString(optionValue(objectOf(node.arguments[2]), 'tableName')) ?? model;
  } else if (method === 'init') {
    attributes = objectOf(node.arguments[0]);
    const options = objectOf(node.arguments[1]);
    if (!attributes || !options || !hasOption(options, 'sequelize')) return;
    const object = unwrapExpression(callee.object);
    table =
      getStaticString(optionValue(options, 'tableName')) ??
      getStaticString(optionValue(options, 'modelName')) ??
      (object.type === AST_NODE_TYPES.Identifier ? object.name : 'model');
  } else {
    return;
  }
  // Model files often receive Sequelize from their caller (`module.exports = (sequelize, DataTypes) => …`): without an
  // import, the attributes must be written with Sequelize's data types.
  if (
    !imported &&
    !attributes.properties.some((p) => p.type === AST_NODE_TYPES.Property && isSequelizeType(p.value))
  )
    return;
  for (const prop of attributes.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const property = getStaticKeyName(prop.key, prop.computed);
    if (property === undefined) continue;
    const value = unwrapExpression(prop.value);
    const options = value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
    const typeNode = options ? optionValue(options, 'type') : value;
    const columnName = getStaticString(optionValue(options, 'field')) ?? property;
    out.push({
      orm: 'sequelize',
      kind: 'sequelize',
      key: prop.key,
      property,
      column: columnName,
      table,
      context: `${table}.${columnName}`,
      ...(options ? { options } : {}),
      encrypted: accessorEncrypts(ctx, options),
      nonText: typeNode !== undefined && isSequelizeNonText(typeNode),
      lookup: isTrue(optionValue(options, 'primaryKey')) || isTrue(optionValue(options, 'unique')),
    });
  }
}

/** `DataTypes.STRING`, `Sequelize.TEXT(…)`, `{ type: DataTypes.INTEGER }`: written with Sequelize's data types. */
function isSequelizeType(node: TSESTree.Node): boolean {
  let n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.ObjectExpression) {
    const type = optionValue(n, 'type');
    if (!type) return false;
    n = unwrapExpression(type);
  }
  if (n.type === AST_NODE_TYPES.CallExpression) n = unwrapExpression(n.callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrapExpression(n.object);
  return (
    object.type === AST_NODE_TYPES.Identifier &&
    /^(?:DataTypes?|Sequelize|dataTypes?|types)$/.test(object.name) &&
    /^[A-Z]+$/.test(getCalleeName(n) ?? '')
  );
}

/** `DataTypes.BOOLEAN`, `Sequelize.INTEGER(11)`, `DataType.DATE`: a type that cannot hold a secret string. */
function isSequelizeNonText(node: TSESTree.Node): boolean {
  let n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.CallExpression) n = unwrapExpression(n.callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getCalleeName(n);
  return name !== undefined && SEQUELIZE_NON_TEXT.test(name);
}

/** The attribute's own `get`/`set` (or Mongoose's) encrypt or decrypt the value. */
function accessorEncrypts(ctx: DetectContext, options: TSESTree.ObjectExpression | undefined): boolean {
  if (!options) return false;
  for (const key of ['get', 'set']) {
    const value = optionValue(options, key);
    if (value && ENCRYPTING_NAME.test(ctx.text.slice(value.range[0], value.range[1]))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Mongoose: `new Schema({ apiKey: { type: String, select: false }, github: { accessToken: String } })`.

function collectMongooseSchema(
  ctx: DetectContext,
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  out: ColumnDeclaration[],
): void {
  const imported = calleeImport(ctx, node.callee);
  if (imported?.source !== 'mongoose' || imported.name !== 'Schema') return;
  const definition = objectOf(node.arguments[0]);
  if (!definition) return;
  const table = mongooseModelName(ctx, node);
  collectMongoosePaths(ctx, definition, '', table, out);
}

function collectMongoosePaths(
  ctx: DetectContext,
  definition: TSESTree.ObjectExpression,
  prefix: string,
  table: string,
  out: ColumnDeclaration[],
): void {
  for (const prop of definition.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const name = getStaticKeyName(prop.key, prop.computed);
    if (name === undefined) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const value = unwrapExpression(prop.value);
    const options = value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
    if (options && !hasOption(options, 'type')) {
      // A nested path (`github: { accessToken: String }`), not a path definition.
      collectMongoosePaths(ctx, options, path, table, out);
      continue;
    }
    const typeNode = options ? optionValue(options, 'type') : value;
    const nested = typeNode ? unwrapExpression(typeNode) : undefined;
    if (nested?.type === AST_NODE_TYPES.ObjectExpression) continue;
    out.push({
      orm: 'mongoose',
      kind: 'mongoose',
      key: prop.key,
      property: path,
      column: path,
      table,
      context: `${table}.${path}`,
      ...(options ? { options } : {}),
      encrypted: accessorEncrypts(ctx, options),
      nonText: typeNode !== undefined && isNonTextTypeValue(typeNode),
      lookup: isTrue(optionValue(options, 'unique')) || isTrue(optionValue(options, 'index')),
    });
  }
}

/** The model a schema is compiled into (`model('User', userSchema)`), else the schema variable's name. */
function mongooseModelName(ctx: DetectContext, node: TSESTree.Node): string {
  const parent = node.parent;
  const variable =
    parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
      ? parent.id.name
      : undefined;
  if (variable !== undefined) {
    let model: string | undefined;
    simpleTraverse(ctx.ast, {
      enter(n) {
        if (model !== undefined || n.type !== AST_NODE_TYPES.CallExpression) return;
        if (getCalleeName(n.callee) !== 'model') return;
        const schema = n.arguments[1];
        if (schema?.type === AST_NODE_TYPES.Identifier && schema.name === variable)
          model = getStaticString(n.arguments[0]);
      },
    });
    if (model !== undefined) return model;
    return variable.replace(/_?schema$/i, '') || variable;
  }
  // `model('User', new Schema({...}))`
  if (parent?.type === AST_NODE_TYPES.CallExpression && getCalleeName(parent.callee) === 'model') {
    const model = getStaticString(parent.arguments[0]);
    if (model !== undefined) return model;
  }
  return 'schema';
}

/**
 * Encryption plugins (`schema.plugin(encrypt, { encryptedFields: ['apiKey'] })`, `mongooseFieldEncryption` with
 * `fields`): the fields they name, or every path when they name none, are encrypted.
 */
function applyMongoosePlugins(ctx: DetectContext, out: ColumnDeclaration[]): void {
  const mongoose = out.filter((c) => c.orm === 'mongoose');
  if (mongoose.length === 0) return;
  simpleTraverse(ctx.ast, {
    enter(n) {
      if (n.type !== AST_NODE_TYPES.CallExpression || getCalleeName(n.callee) !== 'plugin') return;
      const plugin = n.arguments[0];
      if (!plugin) return;
      const pluginName = ctx.text.slice(plugin.range[0], plugin.range[1]);
      if (!ENCRYPTING_NAME.test(pluginName)) return;
      const options = objectOf(n.arguments[1]);
      const listed = new Set<string>();
      let lists = false;
      for (const key of ['encryptedFields', 'fields']) {
        const list = optionValue(options, key);
        if (list?.type !== AST_NODE_TYPES.ArrayExpression) continue;
        lists = true;
        for (const element of list.elements) {
          const field = element ? getStaticString(element) : undefined;
          if (field !== undefined) listed.add(field);
        }
      }
      for (const column of mongoose) {
        if (!lists || listed.has(column.property)) column.encrypted = true;
      }
    },
  });
}

/**
 * Tables whose shape is an authentication library's schema, which protects some of its columns itself. Better Auth:
 * an `account` table (`accountId`, `providerId`) keeps in `password` the library's scrypt hash; a `twoFactor` table
 * (`secret`, `backupCodes`) keeps both encrypted with the auth secret. Its OAuth tokens and session tokens are
 * stored as given and stay reported.
 */
function applyAuthLibrarySchemas(out: ColumnDeclaration[]): void {
  const tables = new Map<string, ColumnDeclaration[]>();
  for (const column of out) {
    const key = `${column.kind} ${column.table}`;
    const list = tables.get(key) ?? [];
    list.push(column);
    tables.set(key, list);
  }
  for (const columns of tables.values()) {
    const names = new Set(columns.map((c) => c.property));
    const account = names.has('accountId') && names.has('providerId');
    const twoFactor = names.has('secret') && names.has('backupCodes');
    for (const column of columns) {
      if (account && column.property === 'password') column.encrypted = true;
      if (twoFactor && (column.property === 'secret' || column.property === 'backupCodes'))
        column.encrypted = true;
    }
  }
}

/** Property names a hash is assigned to anywhere in the file (`this.password = await hash(this.password)`). */
function propertiesAssignedFromHash(program: TSESTree.Program): ReadonlySet<string> {
  const found = new Set<string>();
  simpleTraverse(program, {
    enter(node) {
      if (
        node.type !== AST_NODE_TYPES.AssignmentExpression ||
        node.left.type !== AST_NODE_TYPES.MemberExpression
      )
        return;
      const name = getCalleeName(node.left);
      if (name === undefined) return;
      let value = unwrapExpression(node.right);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
      if (
        value.type === AST_NODE_TYPES.CallExpression &&
        /hash|bcrypt|argon|scrypt|pbkdf/i.test(getCalleeName(value.callee) ?? '')
      )
        found.add(name);
    },
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Small readers.

function objectOf(node: TSESTree.Node | null | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.ObjectExpression ? n : undefined;
}

function findOption(
  object: TSESTree.ObjectExpression | undefined,
  key: string,
): TSESTree.Property | undefined {
  if (!object) return undefined;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.Property && getStaticKeyName(prop.key, prop.computed) === key)
      return prop;
  }
  return undefined;
}

function optionValue(object: TSESTree.ObjectExpression | undefined, key: string): TSESTree.Node | undefined {
  const prop = findOption(object, key);
  if (!prop) return undefined;
  // `{ transformer }` shorthand and methods (`get() {}`) are values too.
  return prop.value;
}

function hasOption(object: TSESTree.ObjectExpression | undefined, key: string): boolean {
  return findOption(object, key) !== undefined;
}

function isTrue(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === true;
}

/** `'int'`, `'timestamp'`, `Number`, `Boolean`, `Date`, `Schema.Types.ObjectId`: values that are not secret text. */
function isNonTextTypeValue(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  const literal = getStaticString(n);
  if (literal !== undefined) return NON_TEXT_TYPE.test(literal.trim());
  if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) {
    const name = getCalleeName(n);
    return name !== undefined && /^(?:Boolean|Number|Date|BigInt|ObjectId|Decimal128|UUID)$/.test(name);
  }
  return false;
}

/** A property annotated `boolean`, `number`, `bigint` or `Date` (optionally `| null`). */
function isNonTextAnnotation(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
      return true;
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Date';
    case AST_NODE_TYPES.TSUnionType: {
      const meaningful = type.types.filter(
        (t) => t.type !== AST_NODE_TYPES.TSNullKeyword && t.type !== AST_NODE_TYPES.TSUndefinedKeyword,
      );
      return meaningful.length > 0 && meaningful.every((t) => isNonTextAnnotation(t));
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The edit: encrypt one column with the runtime's adapter.

/** Local names of the functions the edit calls (from `ensureImports`). */
export interface EncryptColumnNames {
  fieldTransformer: string;
  drizzleEncryptedType: string;
  customType: string;
}

/**
 * The text edit that encrypts a column in place with `legacy: 'passthrough'` (rows written before keep reading),
 * or `undefined` when the column has no local edit ({@link SensitiveColumn.noEdit}). TypeORM: a `transformer`
 * option; Drizzle: the builder call becomes the runtime's encrypted custom type, chained modifiers kept. The
 * imports (see {@link encryptColumnImports}) are the caller's.
 */
export function encryptColumnEdit(
  ctx: DetectContext,
  column: SensitiveColumn,
  names: EncryptColumnNames,
): TextEdit | undefined {
  if (column.noEdit !== undefined) return undefined;
  const context = quote(column.context);
  const transformer = `transformer: ${names.fieldTransformer}({ context: ${context}, legacy: 'passthrough' })`;
  if (column.kind === 'typeorm-entity-schema' && column.options) {
    return addPropertyEdit(ctx.text, column.options, transformer);
  }
  if (column.kind === 'typeorm-decorator' && column.decorator) {
    const call = column.decorator;
    if (column.options) return addPropertyEdit(ctx.text, column.options, transformer);
    const last = call.arguments.at(-1);
    if (last) return { range: [last.range[1], last.range[1]], text: `, { ${transformer} }` };
    const close = call.range[1] - 1;
    return { range: [close, close], text: `{ ${transformer} }` };
  }
  if (column.kind === 'drizzle' && column.builder && column.builderName) {
    const dataType = drizzleTextDataType(column.builderName, column.drizzleModule ?? '');
    const name = column.builder.arguments[0];
    if (!dataType || !name) return undefined;
    const typeOption = dataType === 'text' ? '' : `, dataType: ${quote(dataType)}`;
    const nameText = ctx.text.slice(name.range[0], name.range[1]);
    return {
      range: column.builder.range,
      text: `${names.drizzleEncryptedType}(${names.customType}, { table: ${quote(column.table)}${typeOption}, legacy: 'passthrough' })(${nameText})`,
    };
  }
  return undefined;
}

/** The imports the edit of a column needs: module → names. */
export function encryptColumnImports(
  column: SensitiveColumn,
  runtimeImport: string = DEFAULT_FIELDS_IMPORT,
): { source: string; names: string[] }[] {
  if (column.kind === 'drizzle') {
    return [
      { source: runtimeImport, names: ['drizzleEncryptedType'] },
      { source: column.drizzleModule ?? 'drizzle-orm/pg-core', names: ['customType'] },
    ];
  }
  return [{ source: runtimeImport, names: ['fieldTransformer'] }];
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Adds `text` as the last property of an object literal, on its own line when the object spans lines. */
function addPropertyEdit(source: string, object: TSESTree.ObjectExpression, text: string): TextEdit {
  const last = object.properties.at(-1);
  if (!last) return { range: object.range, text: `{ ${text} }` };
  let end = last.range[1];
  const trailing = /^\s*,/.exec(source.slice(end, object.range[1] - 1));
  if (trailing) end += trailing[0].length;
  const multiline = source.slice(object.range[0], last.range[0]).includes('\n');
  if (!multiline) return { range: [end, end], text: trailing ? ` ${text},` : `, ${text}` };
  const lineStart = source.lastIndexOf('\n', last.range[0]) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart, last.range[0]))?.[0] ?? '';
  return { range: [end, end], text: trailing ? `\n${indent}${text},` : `,\n${indent}${text}` };
}
