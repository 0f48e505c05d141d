/**
 * encrypt-fields for the whole project, after each file's columns are encrypted: what one column's declaration
 * cannot decide alone.
 *
 * - A blind index, only for a column the code looks up by equality (TypeORM `findOneBy({ token })`,
 *   `findOne({ where: { token } })`, Drizzle `eq(table.token, value)`): the index column is added beside it
 *   (`<column>_index`, indexed), the lookups query it (`In(blindIndexes(value, { context }))` /
 *   `inArray(table.tokenIndex, blindIndexes(…))`, every key of the ring so that a key rotation does not lose rows
 *   whose index the sweep has not recomputed yet), and the writes set it (a TypeORM `@BeforeInsert`/`@BeforeUpdate`
 *   hook on the entity; Drizzle `insert(…).values({ … })` and `update(…).set({ … })` literals). A Drizzle lookup
 *   also matches rows the sweep has not reached (no index yet, plaintext equal to the value), so that rows written
 *   before keep being found.
 * - The DDL: a migration in the project's drizzle-kit folder (`meta/_journal.json`) or TypeORM migrations folder,
 *   else a TODO with the exact statements.
 * - The data migration: `encrypt-fields.sweep.ts` beside the first changed schema, which runs `sweepField` for
 *   every changed column and brings their blind indexes up to date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ensureImports } from 'eslint-plugin-secure-migrate/detect';
import { applyEdits, editsOverlap, type TextEdit } from './edits.js';
import { DEFAULT_RUNTIME_SPECIFIER } from './imports.js';
import { parseSource } from './parser.js';
import { TODO_MARKER } from './todo.js';

/** The rule whose TODO comments the project pass writes. */
const RULE = 'no-plaintext-sensitive-column';
/** Length of a blind index column: base64url of up to 32 HMAC bytes. */
export const INDEX_COLUMN_LENGTH = 43;
/** The data migration's file name. */
export const SWEEP_FILE = 'encrypt-fields.sweep.ts';

type Node = TSESTree.Node;
type WithParent = Node & { parent?: Node };

/** A column this run encrypted. */
export interface EncryptedColumn {
  orm: 'typeorm' | 'drizzle';
  file: string;
  /** Entity class (TypeORM) or table variable (Drizzle). */
  owner: string;
  property: string;
  table: string;
  column: string;
  context: string;
  nullable: boolean;
  /** Drizzle: the module the table function comes from (`drizzle-orm/pg-core`). */
  dialectModule?: string;
  /** Widened to this SQL type by the column pass (`varchar(449)`). */
  widenedTo?: string;
}

/** One file of the project: its text before the run and after the per-file pass. */
export interface ProjectFile {
  path: string;
  before: string;
  after: string;
}

/** What the project pass did, for the report and the tests. */
export interface FieldsProjectResult {
  /** New text of files it changed (absolute path → text), new files included. */
  files: Map<string, string>;
  /** Files it created. */
  created: string[];
  columns: EncryptedColumn[];
  /** Columns that got a blind index. */
  indexed: string[];
  /** Equality lookups rewritten to query the index, and writes that now set it. */
  lookups: number;
  writes: number;
  /** Where the DDL went: a migration file, or TODO comments. */
  ddl?: { file: string } | { todo: true };
  sweep?: string;
  todos: number;
}

// ─── small AST helpers ─────────────────────────────────────────────────────────────────────────────────────────

function parse(file: string, text: string): TSESTree.Program | undefined {
  try {
    return parseSource(text, file);
  } catch {
    return undefined;
  }
}

/** Visits every node, parents first; sets `parent` on the way (typescript-estree's `parse` leaves it unset). */
function walk(node: Node, visit: (node: Node, parent: Node | undefined) => void, parent?: Node): void {
  if (parent && !(node as WithParent).parent) (node as { parent?: Node }).parent = parent;
  visit(node, parent);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || !value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof (item as Node).type === 'string') walk(item as Node, visit, node);
      }
    } else if (typeof (value as Node).type === 'string') {
      walk(value as Node, visit, node);
    }
  }
}

const nameOf = (node: Node | undefined): string | undefined =>
  node?.type === 'Identifier'
    ? node.name
    : node?.type === 'Literal' && typeof node.value === 'string'
      ? node.value
      : undefined;

function prop(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of object.properties) {
    if (p.type === 'Property' && !p.computed && nameOf(p.key) === name) return p;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** A Drizzle column of an SQLite table. */
const isSqlite = (column: EncryptedColumn): boolean => /sqlite-core$/.test(column.dialectModule ?? '');

/** Upper camel of a snake or camel name: `bot_token` → `BotToken`. */
const pascal = (name: string): string =>
  name
    .split(/[_\W]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function todoLine(indent: string, text: string): string {
  return `${indent}// ${TODO_MARKER} (${RULE}) ${text}\n`;
}

/** The import edits that make `names` available from `source`, localised names returned. */
function importEdits(
  program: TSESTree.Program,
  text: string,
  file: string,
  names: string[],
  source: string,
): TextEdit[] {
  return ensureImports(program, text, names, { source, filename: file }).edits;
}

// ─── the columns this run encrypted ────────────────────────────────────────────────────────────────────────────

const FIELD_TRANSFORMER = /fieldTransformer\(\s*\{[^}]*context:\s*(['"`])([^'"`]+)\1/;
const DRIZZLE_TYPE =
  /drizzleEncryptedType(?:_\d+)?\(\s*customType(?:_\d+)?(?:<[^>]*>)?\s*,\s*\{[^}]*table:\s*(['"`])([^'"`]+)\1[^}]*\}\s*\)\s*\(\s*(['"`])([^'"`]+)\3/;
const WIDENED = /dataType:\s*'(varchar\(\d+\))'|length:\s*(\d+)/;

/** The columns whose encryption is new in `after` (not already in `before`). */
export function encryptedColumns(file: ProjectFile): EncryptedColumn[] {
  if (file.after === file.before) return [];
  const program = parse(file.path, file.after);
  if (!program) return [];
  const out: EncryptedColumn[] = [];
  walk(program, (node, parent) => {
    if (node.type === 'PropertyDefinition' && node.decorators?.length) {
      const texts = node.decorators.map((d) => file.after.slice(d.range[0], d.range[1]));
      const match = texts.map((t) => FIELD_TRANSFORMER.exec(t)).find(Boolean);
      const property = nameOf(node.key);
      if (!match || !property || file.before.includes(match[0])) return;
      const context = match[2]!;
      const dot = context.lastIndexOf('.');
      const cls = classOf(node as WithParent, parent);
      const typeText = node.typeAnnotation ? file.after.slice(...node.typeAnnotation.range) : '';
      const length = texts.map((t) => /length:\s*(\d+)/.exec(t)).find(Boolean);
      out.push({
        orm: 'typeorm',
        file: file.path,
        owner: cls ?? '',
        property,
        table: context.slice(0, dot),
        column: context.slice(dot + 1),
        context,
        nullable:
          Boolean(node.optional) ||
          /\bnull\b/.test(typeText) ||
          texts.some((t) => /nullable:\s*true/.test(t)),
        ...(length ? { widenedTo: `varchar(${length[1]})` } : {}),
      });
    }
    if (node.type === 'Property' && parent?.type === 'ObjectExpression') {
      const value = file.after.slice(node.value.range[0], node.value.range[1]);
      const match = DRIZZLE_TYPE.exec(value);
      const property = nameOf(node.key);
      if (!match || !property) return;
      const call = (parent as WithParent).parent;
      if (call?.type !== 'CallExpression' || call.arguments[1] !== parent) return;
      const owner = declaredName(call as WithParent);
      const table = match[2]!;
      const column = match[4]!;
      // New in this run: the same key of the same table was not built by the encrypted type before.
      if (new RegExp(`drizzleEncryptedType\\([^)]*\\)\\s*\\(\\s*['"\`]${column}['"\`]`).test(file.before))
        return;
      const widened = WIDENED.exec(value);
      out.push({
        orm: 'drizzle',
        file: file.path,
        owner: owner ?? '',
        property,
        table,
        column,
        context: `${table}.${column}`,
        nullable: !/\.notNull\(\)/.test(value) && !/\.primaryKey\(\)/.test(value),
        dialectModule: dialectModuleOf(program),
        ...(widened?.[1] ? { widenedTo: widened[1] } : {}),
      });
    }
  });
  return out.filter((c) => c.owner);
}

function classOf(node: WithParent, parent: Node | undefined): string | undefined {
  const cls = parent?.type === 'ClassBody' ? (parent as WithParent).parent : undefined;
  if (cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') && cls.id)
    return cls.id.name;
  void node;
  return undefined;
}

/** `export const integrations = pgTable(…)`: `integrations`. */
function declaredName(call: WithParent): string | undefined {
  const declarator = call.parent;
  return declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier'
    ? declarator.id.name
    : undefined;
}

function dialectModuleOf(program: TSESTree.Program): string {
  for (const statement of program.body) {
    if (
      statement.type === 'ImportDeclaration' &&
      /^drizzle-orm\/\w+-core$/.test(String(statement.source.value))
    )
      return String(statement.source.value);
  }
  return 'drizzle-orm/pg-core';
}

// ─── lookups by equality ───────────────────────────────────────────────────────────────────────────────────────

/** Local names a file binds to an export of another project file: local name → [resolved file, exported name]. */
function importedBindings(program: TSESTree.Program, file: string): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const spec = String(statement.source.value);
    if (!spec.startsWith('.')) continue;
    const target = resolveModule(path.dirname(file), spec);
    if (!target) continue;
    for (const s of statement.specifiers) {
      if (s.type === 'ImportSpecifier') out.set(s.local.name, [target, nameOf(s.imported)!]);
    }
  }
  return out;
}

function resolveModule(dir: string, spec: string): string | undefined {
  const base = path.resolve(dir, spec);
  const stem = base.replace(/\.[cm]?js$/, '');
  for (const candidate of [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.js`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.js'),
  ]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        if (readdirSync(candidate).length >= 0) continue; // a directory
      } catch {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Whether `name` in `file` refers to `column.owner` declared in `column.file`. */
function refersTo(
  name: string,
  file: string,
  imports: Map<string, [string, string]>,
  column: EncryptedColumn,
): boolean {
  if (path.resolve(file) === path.resolve(column.file)) return name === column.owner;
  const bound = imports.get(name);
  return Boolean(bound && path.resolve(bound[0]) === path.resolve(column.file) && bound[1] === column.owner);
}

const TYPEORM_LOOKUPS = new Set([
  'findOneBy',
  'findBy',
  'findOneByOrFail',
  'existsBy',
  'countBy',
  'exist',
  'exists',
]);
const TYPEORM_WHERE_LOOKUPS = new Set([
  'findOne',
  'find',
  'findOneOrFail',
  'findAndCount',
  'count',
  'exists',
  'exist',
]);

/** The entity a TypeORM repository expression is for, when the file says (`Repository<E>`, `getRepository(E)`, `@InjectRepository(E)`). */
function repositoryEntity(receiver: Node, program: TSESTree.Program, text: string): string | undefined {
  const direct = entityOfRepositoryCall(receiver);
  if (direct) return direct;
  const name =
    receiver.type === 'Identifier'
      ? receiver.name
      : receiver.type === 'MemberExpression' && receiver.object.type === 'ThisExpression'
        ? nameOf(receiver.property)
        : undefined;
  if (!name) return undefined;
  let found: string | undefined;
  walk(program, (node) => {
    if (found) return;
    let id: Node | undefined;
    let annotation: Node | undefined;
    let init: Node | undefined | null;
    let decorators: TSESTree.Decorator[] = [];
    if (node.type === 'PropertyDefinition') {
      id = node.key;
      annotation = node.typeAnnotation?.typeAnnotation;
      init = node.value;
      decorators = node.decorators ?? [];
    } else if (node.type === 'TSParameterProperty' && node.parameter.type === 'Identifier') {
      id = node.parameter;
      annotation = node.parameter.typeAnnotation?.typeAnnotation;
      decorators = node.decorators ?? [];
    } else if (node.type === 'VariableDeclarator') {
      id = node.id;
      annotation = node.id.type === 'Identifier' ? node.id.typeAnnotation?.typeAnnotation : undefined;
      init = node.init;
    }
    if (nameOf(id) !== name) return;
    const typed = annotation ? /^Repository<\s*(\w+)\s*>$/.exec(text.slice(...annotation.range)) : null;
    if (typed) found = typed[1];
    else if (init) found = entityOfRepositoryCall(init);
    for (const d of decorators) {
      const m = /^@InjectRepository\(\s*(\w+)\s*\)$/.exec(text.slice(...d.range));
      if (m) found = m[1];
    }
  });
  return found;
}

function entityOfRepositoryCall(node: Node): string | undefined {
  let current = node;
  if (current.type === 'AwaitExpression') current = current.argument;
  if (current.type !== 'CallExpression') return undefined;
  const callee = current.callee;
  const method = callee.type === 'MemberExpression' ? nameOf(callee.property) : nameOf(callee);
  if (method !== 'getRepository') return undefined;
  return nameOf(current.arguments[0]);
}

interface Rewrite {
  file: string;
  edits: TextEdit[];
  imports: { names: string[]; source: string }[];
}

// ─── the pass ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Options of {@link runFieldsProject}. */
export interface FieldsProjectOptions {
  files: readonly ProjectFile[];
  /** The runtime module the helpers come from. */
  runtimeImport?: string;
  /**
   * Directory of the project, where drizzle.config.* and drizzle/ are looked for; default the nearest directory
   * holding a package.json above the first changed schema.
   */
  root?: string;
}

/** The project pass (see the file comment). */
export function runFieldsProject(options: FieldsProjectOptions): FieldsProjectResult {
  const runtime = options.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER;
  const texts = new Map(options.files.map((f) => [path.resolve(f.path), f.after]));
  const columns = options.files.flatMap(encryptedColumns);
  const result: FieldsProjectResult = {
    files: new Map(),
    created: [],
    columns,
    indexed: [],
    lookups: 0,
    writes: 0,
    todos: 0,
  };
  if (columns.length === 0) return result;

  const rewrites = new Map<string, Rewrite>();
  const rewriteOf = (file: string): Rewrite => {
    const key = path.resolve(file);
    let r = rewrites.get(key);
    if (!r) rewrites.set(key, (r = { file: key, edits: [], imports: [] }));
    return r;
  };
  const addEdit = (file: string, edit: TextEdit): boolean => {
    const r = rewriteOf(file);
    if (r.edits.some((e) => editsOverlap(e, edit))) return false;
    r.edits.push(edit);
    return true;
  };
  const addImport = (file: string, names: string[], source: string): void => {
    rewriteOf(file).imports.push({ names, source });
  };

  const indexed = new Set<EncryptedColumn>();
  const indexProperty = (c: EncryptedColumn): string => `${c.property}Index`;
  // `bot_token` → `bot_token_index`; a camelCase column name (TypeORM's default naming) → `apiTokenIndex`.
  const indexColumn = (c: EncryptedColumn): string =>
    /[A-Z]/.test(c.column) && !c.column.includes('_') ? `${c.column}Index` : `${c.column}_index`;
  const ctxArg = (c: EncryptedColumn): string => `{ context: '${c.context}' }`;

  // Lookups by equality, across every file of the project.
  for (const [file, text] of texts) {
    const program = parse(file, text);
    if (!program) continue;
    const imports = importedBindings(program, file);
    walk(program, (node) => {
      if (node.type !== 'CallExpression') return;
      const callee = node.callee;
      // Drizzle: eq(table.prop, value) / eq(value, table.prop).
      if (callee.type === 'Identifier' && callee.name === 'eq' && node.arguments.length === 2) {
        for (const [i, arg] of node.arguments.entries()) {
          if (arg.type !== 'MemberExpression' || arg.object.type !== 'Identifier') continue;
          const column = columns.find(
            (c) =>
              c.orm === 'drizzle' &&
              c.property === nameOf(arg.property) &&
              refersTo((arg.object as TSESTree.Identifier).name, file, imports, c),
          );
          if (!column) continue;
          const value = node.arguments[1 - i]!;
          const table = text.slice(...arg.object.range);
          const valueText = text.slice(...value.range);
          if (!/^[\w$.]+$/.test(valueText)) {
            if (
              addTodoAbove(
                text,
                node,
                file,
                addEdit,
                `Look this up by the blind index: or(inArray(${table}.${indexProperty(column)}, blindIndexes(<value>, ${ctxArg(column)})), and(isNull(${table}.${indexProperty(column)}), sql\`\${${table}.${column.property}} = \${<value>}\`)) with the value in a variable first.`,
              )
            )
              result.todos++;
            indexed.add(column);
            return;
          }
          const replacement =
            `or(inArray(${table}.${indexProperty(column)}, blindIndexes(${valueText}, ${ctxArg(column)})), ` +
            `and(isNull(${table}.${indexProperty(column)}), sql\`\${${table}.${column.property}} = \${${valueText}}\`))`;
          if (addEdit(file, { range: node.range, text: replacement })) {
            addImport(file, ['or', 'and', 'inArray', 'isNull', 'sql'], 'drizzle-orm');
            addImport(file, ['blindIndexes'], runtime);
            indexed.add(column);
            result.lookups++;
          }
          return;
        }
      }
      // TypeORM: repo.findOneBy({ prop }), repo.findOne({ where: { prop } }).
      if (callee.type === 'MemberExpression') {
        const method = nameOf(callee.property);
        if (!method) return;
        let where: Node | undefined;
        let entity: string | undefined;
        if (TYPEORM_LOOKUPS.has(method)) where = node.arguments[node.arguments.length - 1];
        else if (TYPEORM_WHERE_LOOKUPS.has(method)) {
          const options = node.arguments[node.arguments.length - 1];
          if (options?.type === 'ObjectExpression') where = prop(options, 'where')?.value;
        }
        if (!where || where.type !== 'ObjectExpression') return;
        // manager.findOneBy(Entity, { … }) names the entity; a repository says it where it is declared.
        if (node.arguments.length === 2) entity = nameOf(node.arguments[0]);
        else entity = repositoryEntity(callee.object, program, text);
        if (!entity) return;
        for (const p of where.properties) {
          if (p.type !== 'Property' || p.computed) continue;
          const column = columns.find(
            (c) => c.orm === 'typeorm' && c.property === nameOf(p.key) && refersTo(entity!, file, imports, c),
          );
          if (!column) continue;
          const valueText = text.slice(...p.value.range);
          const replacement = `${indexProperty(column)}: In(blindIndexes(${valueText}, ${ctxArg(column)}))`;
          if (addEdit(file, { range: p.range, text: replacement })) {
            addImport(file, ['In'], 'typeorm');
            addImport(file, ['blindIndexes'], runtime);
            indexed.add(column);
            result.lookups++;
          }
        }
      }
    });
  }

  // Drizzle writes of an indexed column set its index too.
  for (const [file, text] of texts) {
    if (![...indexed].some((c) => c.orm === 'drizzle')) break;
    const program = parse(file, text);
    if (!program) continue;
    const imports = importedBindings(program, file);
    walk(program, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      const method = nameOf(node.callee.property);
      if (method !== 'values' && method !== 'set') return;
      const target = node.callee.object;
      if (target.type !== 'CallExpression' || target.callee.type !== 'MemberExpression') return;
      const verb = nameOf(target.callee.property);
      if ((method === 'values' && verb !== 'insert') || (method === 'set' && verb !== 'update')) return;
      const tableArg = target.arguments[0];
      if (tableArg?.type !== 'Identifier') return;
      const tableColumns = [...indexed].filter(
        (c) => c.orm === 'drizzle' && refersTo(tableArg.name, file, imports, c),
      );
      if (tableColumns.length === 0) return;
      const rows = node.arguments[0];
      const objects =
        rows?.type === 'ObjectExpression'
          ? [rows]
          : rows?.type === 'ArrayExpression' && rows.elements.every((e) => e?.type === 'ObjectExpression')
            ? (rows.elements as TSESTree.ObjectExpression[])
            : undefined;
      for (const column of tableColumns) {
        if (!objects && rows?.type === 'Identifier') {
          // values(row) / set(changes): the same object with the index beside the value.
          const value = `${rows.name}.${column.property}`;
          const index = `${value} == null ? null : blindIndex(${value}, ${ctxArg(column)})`;
          const spread =
            method === 'set'
              ? `{ ...${rows.name}, ...(${value} === undefined ? {} : { ${indexProperty(column)}: ${index} }) }`
              : `{ ...${rows.name}, ${indexProperty(column)}: ${index} }`;
          if (addEdit(file, { range: rows.range, text: spread })) {
            addImport(file, ['blindIndex'], runtime);
            result.writes++;
          }
          continue;
        }
        if (!objects) {
          if (
            addTodoAbove(
              text,
              node,
              file,
              addEdit,
              `This write must also set ${indexProperty(column)}: blindIndex(<${column.property}>, ${ctxArg(column)}) so that lookups by ${column.property} find the row.`,
            )
          )
            result.todos++;
          continue;
        }
        for (const object of objects) {
          const p = prop(object, column.property);
          if (!p) continue;
          const valueText = text.slice(...p.value.range);
          const simple = /^[\w$.]+$/.test(valueText);
          if (!simple) {
            if (
              addTodoAbove(
                text,
                node,
                file,
                addEdit,
                `This write must also set ${indexProperty(column)}: blindIndex(<${column.property}>, ${ctxArg(column)}); put the value in a variable and set both.`,
              )
            )
              result.todos++;
            continue;
          }
          const index = column.nullable
            ? `${valueText} == null ? null : blindIndex(${valueText}, ${ctxArg(column)})`
            : `blindIndex(${valueText}, ${ctxArg(column)})`;
          if (
            addEdit(file, { range: [p.range[1], p.range[1]], text: `, ${indexProperty(column)}: ${index}` })
          ) {
            addImport(file, ['blindIndex'], runtime);
            result.writes++;
          }
        }
      }
    });
  }

  // The index columns in the schema.
  const ddl: string[] = [];
  const down: string[] = [];
  for (const column of indexed) {
    const text = texts.get(path.resolve(column.file))!;
    const program = parse(column.file, text);
    if (!program) continue;
    result.indexed.push(column.context);
    const indexName = `${column.table}_${indexColumn(column)}_idx`;
    ddl.push(
      `ALTER TABLE "${column.table}" ADD COLUMN "${indexColumn(column)}" ${isSqlite(column) ? 'text' : `varchar(${INDEX_COLUMN_LENGTH})`}`,
    );
    ddl.push(`CREATE INDEX "${indexName}" ON "${column.table}" ("${indexColumn(column)}")`);
    down.push(
      `DROP INDEX "${indexName}"`,
      `ALTER TABLE "${column.table}" DROP COLUMN "${indexColumn(column)}"`,
    );
    if (column.orm === 'drizzle') addDrizzleIndexColumn(column, program, text, indexName);
    else addTypeormIndexColumn(column, program, text, indexName);
  }
  for (const column of columns) {
    // SQLite neither enforces nor alters a varchar length.
    if (column.widenedTo && !isSqlite(column))
      ddl.push(`ALTER TABLE "${column.table}" ALTER COLUMN "${column.column}" TYPE ${column.widenedTo}`);
  }

  function addDrizzleIndexColumn(
    column: EncryptedColumn,
    program: TSESTree.Program,
    text: string,
    indexName: string,
  ): void {
    let done = false;
    walk(program, (node, parent) => {
      if (done || node.type !== 'Property' || parent?.type !== 'ObjectExpression') return;
      if (nameOf(node.key) !== column.property) return;
      const call = (parent as WithParent).parent;
      if (call?.type !== 'CallExpression' || declaredName(call as WithParent) !== column.owner) return;
      done = true;
      const indent = indentAt(text, node.range[0]);
      const end = text[node.range[1]] === ',' ? node.range[1] + 1 : node.range[1];
      const dialect = column.dialectModule ?? 'drizzle-orm/pg-core';
      // SQLite has no varchar: a text column.
      const builder = /sqlite-core$/.test(dialect) ? 'text' : 'varchar';
      const args = builder === 'text' ? '' : `, { length: ${INDEX_COLUMN_LENGTH} }`;
      addEdit(column.file, {
        range: [end, end],
        text: `${text[node.range[1]] === ',' ? '' : ','}\n${indent}${indexProperty(column)}: ${builder}('${indexColumn(column)}'${args}),`,
      });
      if (call.arguments.length === 2) {
        addEdit(column.file, {
          range: [parent.range[1], parent.range[1]],
          text: `, (table) => [index('${indexName}').on(table.${indexProperty(column)})]`,
        });
        addImport(column.file, [builder, 'index'], dialect);
      } else {
        addImport(column.file, [builder], dialect);
        if (
          addTodoAbove(
            text,
            node,
            column.file,
            addEdit,
            `Add index('${indexName}').on(table.${indexProperty(column)}) to the table's indexes.`,
          )
        )
          result.todos++;
      }
    });
  }

  function addTypeormIndexColumn(
    column: EncryptedColumn,
    program: TSESTree.Program,
    text: string,
    indexName: string,
  ): void {
    walk(program, (node, parent) => {
      if (node.type !== 'PropertyDefinition' || nameOf(node.key) !== column.property) return;
      if (classOf(node as WithParent, parent) !== column.owner) return;
      const indent = indentAt(text, node.range[0]);
      const value = `this.${column.property}`;
      const member =
        `\n\n${indent}@Index('${indexName}')\n` +
        `${indent}@Column({ name: '${indexColumn(column)}', type: 'varchar', length: ${INDEX_COLUMN_LENGTH}, nullable: true })\n` +
        `${indent}${indexProperty(column)}?: string | null;\n\n` +
        `${indent}/** Keeps the blind index of ${column.property} in step on save() (insert() and update() run no listeners). */\n` +
        `${indent}@BeforeInsert()\n${indent}@BeforeUpdate()\n` +
        `${indent}protected secureMigrate${pascal(column.property)}Index(): void {\n` +
        `${indent}  if (${value} !== undefined)\n` +
        `${indent}    this.${indexProperty(column)} = ${value} === null ? null : blindIndex(${value}, ${ctxArg(column)});\n` +
        `${indent}}`;
      const end = text[node.range[1]] === ';' ? node.range[1] + 1 : node.range[1];
      addEdit(column.file, { range: [end, end], text: member });
      addImport(column.file, ['Index', 'Column', 'BeforeInsert', 'BeforeUpdate'], 'typeorm');
      addImport(column.file, ['blindIndex'], runtime);
    });
  }

  // The DDL: a drizzle-kit or TypeORM migration, else a TODO at each index column.
  if (ddl.length) {
    const orm = columns[0]!.orm;
    const root = options.root ?? packageRoot(columns[0]!.file);
    const migration =
      orm === 'drizzle'
        ? drizzleMigration(root, ddl, result)
        : typeormMigration(root, texts, ddl, down, result);
    if (migration) {
      result.ddl = { file: migration };
    } else {
      result.ddl = { todo: true };
      for (const column of columns) {
        const text = texts.get(path.resolve(column.file))!;
        const program = parse(column.file, text);
        const statements = ddl.filter(
          (s) =>
            s.includes(`"${column.table}"`) &&
            (s.includes(`"${indexColumn(column)}"`) || s.includes(`"${column.column}" TYPE`)),
        );
        if (!program || statements.length === 0) continue;
        walk(program, (node) => {
          if (
            (node.type === 'PropertyDefinition' || node.type === 'Property') &&
            nameOf(node.key) === column.property
          ) {
            if (
              addTodoAbove(
                text,
                node,
                column.file,
                addEdit,
                `The schema migration for this column: ${statements.join('; ')};`,
              )
            )
              result.todos++;
          }
        });
      }
    }
  }

  // The data migration.
  const first = columns[0]!;
  const sweepPath = path.join(path.dirname(path.resolve(first.file)), SWEEP_FILE);
  if (!existsSync(sweepPath) && /\.tsx?$/.test(first.file)) {
    const body =
      first.orm === 'drizzle'
        ? drizzleSweep(
            columns.filter((c) => c.orm === 'drizzle'),
            indexed,
            runtime,
          )
        : typeormSweep(
            columns.filter((c) => c.orm === 'typeorm'),
            indexed,
            runtime,
            sweepPath,
          );
    result.files.set(sweepPath, body);
    result.created.push(sweepPath);
    result.sweep = sweepPath;
  }

  // Apply the edits and the imports, file by file.
  for (const r of rewrites.values()) {
    const text = texts.get(r.file)!;
    let out = applyEdits(text, r.edits);
    for (const { names, source } of r.imports) {
      const program = parse(r.file, out);
      if (!program) break;
      const edits = importEdits(program, out, r.file, [...new Set(names)], source);
      out = applyEdits(out, edits);
    }
    if (out !== text) result.files.set(r.file, out);
  }
  return result;

  function drizzleMigration(
    root: string,
    statements: string[],
    res: FieldsProjectResult,
  ): string | undefined {
    const folder = drizzleFolder(root);
    if (!folder) return undefined;
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
    };
    const last = journal.entries[journal.entries.length - 1];
    const idx = last ? last.idx + 1 : 0;
    const tag = `${String(idx).padStart(4, '0')}_secure_migrate_encrypt_fields`;
    const file = path.join(folder, `${tag}.sql`);
    const sql = statements.map((s) => `${s};`).join('\n--> statement-breakpoint\n') + '\n';
    journal.entries.push({
      idx,
      version: last?.version ?? '7',
      when: (last?.when ?? 0) + 1,
      tag,
      breakpoints: true,
    });
    res.files.set(file, sql);
    res.created.push(file);
    res.files.set(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
    return file;
  }

  function typeormMigration(
    root: string,
    all: Map<string, string>,
    up: string[],
    downStatements: string[],
    res: FieldsProjectResult,
  ): string | undefined {
    // The folder holding most of the project's migrations; the new one sorts after them.
    const migrations = [...all.entries()].filter(([, t]) => /implements\s+MigrationInterface\b/.test(t));
    if (migrations.length === 0) return undefined;
    const perFolder = new Map<string, number>();
    for (const [f] of migrations) perFolder.set(path.dirname(f), (perFolder.get(path.dirname(f)) ?? 0) + 1);
    const folder = [...perFolder].sort((a, b) => b[1] - a[1])[0]![0];
    const stamp =
      Math.max(
        Date.parse('2000-01-01'),
        ...migrations
          .filter(([f]) => path.dirname(f) === folder)
          .map(([f]) => Number(/^(\d{10,})/.exec(path.basename(f))?.[1] ?? 0)),
      ) + 1;
    const file = path.join(folder, `${stamp}-SecureMigrateEncryptFields.ts`);
    const lines = (list: string[]) =>
      list.map((s) => `    await queryRunner.query(${JSON.stringify(s)});`).join('\n');
    void root;
    res.files.set(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `/** secure-migrate encrypt-fields: blind index columns (PostgreSQL syntax; adapt for another database). */\n` +
        `export class SecureMigrateEncryptFields${stamp} implements MigrationInterface {\n` +
        `  name = 'SecureMigrateEncryptFields${stamp}';\n\n` +
        `  public async up(queryRunner: QueryRunner): Promise<void> {\n${lines(up)}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${lines(downStatements)}\n  }\n}\n`,
    );
    res.created.push(file);
    return file;
  }
}

/** The nearest directory holding a package.json above a file (the file's own directory when there is none). */
function packageRoot(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** The drizzle-kit output folder of the project: `out` of drizzle.config.*, else `drizzle/`, with a journal. */
function drizzleFolder(root: string): string | undefined {
  for (const name of [
    'drizzle.config.ts',
    'drizzle.config.js',
    'drizzle.config.mjs',
    'drizzle.config.json',
  ]) {
    const config = path.join(root, name);
    if (!existsSync(config)) continue;
    const out = /["']?out["']?\s*:\s*["'`]([^"'`]+)["'`]/.exec(readFileSync(config, 'utf8'))?.[1];
    if (out && existsSync(path.join(root, out, 'meta', '_journal.json'))) return path.join(root, out);
  }
  const folder = path.join(root, 'drizzle');
  return existsSync(path.join(folder, 'meta', '_journal.json')) ? folder : undefined;
}

function addTodoAbove(
  text: string,
  node: Node,
  file: string,
  add: (file: string, edit: TextEdit) => boolean,
  message: string,
): boolean {
  let anchor = node as WithParent;
  while (
    anchor.parent &&
    !['Program', 'BlockStatement', 'ClassBody', 'ObjectExpression'].includes(anchor.parent.type)
  )
    anchor = anchor.parent as WithParent;
  const start = lineStart(text, anchor.range[0]);
  if (
    text.slice(Math.max(0, start - 400), start).includes(`${TODO_MARKER} (${RULE}) ${message.slice(0, 40)}`)
  )
    return false;
  return add(file, { range: [start, start], text: todoLine(indentAt(text, anchor.range[0]), message) });
}

function sweepEntries(columns: EncryptedColumn[], indexed: Set<EncryptedColumn>, property: boolean): string {
  return columns
    .map((c) => {
      const index = indexed.has(c)
        ? property
          ? `, index: '${c.property}Index'`
          : `, index: '${c.column}_index'`
        : '';
      return property
        ? `    '${c.context}': await sweepColumn(dataSource.getRepository(${c.owner}), { context: '${c.context}', column: '${c.property}'${index} }),`
        : `    '${c.context}': await sweepColumn(client, { table: '${c.table}', column: '${c.column}', context: '${c.context}'${index} }),`;
    })
    .join('\n');
}

const SWEEP_HEADER =
  `// secure-migrate: the data migration of the columns encrypt-fields encrypted. Run it once the new code is\n` +
  `// deployed (and again after adding a key to SECURE_MIGRATE_KEYS): it encrypts the rows written before, moves\n` +
  `// ciphertext to the primary key and brings the blind indexes up to date. It is resumable and safe to run while\n` +
  `// the application serves. When every column reports remaining: 0 and legacyFieldReads() stays empty, remove\n` +
  `// legacy: 'passthrough' from the columns.\n`;

function drizzleSweep(columns: EncryptedColumn[], indexed: Set<EncryptedColumn>, runtime: string): string {
  return `${SWEEP_HEADER}import {
  blindIndex,
  decryptField,
  sqlSweepStore,
  sweepField,
  type SweepResult,
} from '${runtime}';

/** A node-postgres Client or Pool, or PGlite: the client drizzle was given. */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface ColumnSweep {
  table: string;
  column: string;
  context: string;
  /** The blind index column, when lookups use one. */
  index?: string;
  id?: string;
}

const quote = (name: string): string => \`"\${name.replace(/"/g, '""')}"\`;

/** Encrypts the rows of one column written before, then recomputes its blind index where it is out of date. */
async function sweepColumn(client: SqlClient, sweep: ColumnSweep): Promise<SweepResult & { indexed: number }> {
  const id = sweep.id ?? 'id';
  const result = await sweepField(sqlSweepStore(client, { table: sweep.table, column: sweep.column, id }), {
    context: sweep.context,
  });
  let indexed = 0;
  if (sweep.index) {
    const [t, c, i, k] = [sweep.table, sweep.column, sweep.index, id].map(quote);
    for (let after: unknown = null; ; ) {
      const { rows } = (await client.query(
        \`SELECT \${k} AS id, \${c} AS value, \${i} AS index FROM \${t} WHERE \${c} IS NOT NULL\` +
          (after === null ? '' : \` AND \${k} > $1\`) +
          \` ORDER BY \${k} LIMIT 500\`,
        after === null ? [] : [after],
      )) as { rows: { id: unknown; value: string; index: string | null }[] };
      for (const row of rows) {
        const value = decryptField<string>(row.value, { context: sweep.context, legacy: 'passthrough' });
        const next = blindIndex(value, { context: sweep.context });
        if (next === row.index) continue;
        // Compare-and-set on the stored value: a row the application rewrote meanwhile has its index already.
        await client.query(\`UPDATE \${t} SET \${i} = $1 WHERE \${k} = $2 AND \${c} = $3\`, [next, row.id, row.value]);
        indexed++;
      }
      if (rows.length < 500) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  return { ...result, indexed };
}

/** Runs the sweep of every column encrypt-fields changed; returns the counts per column. */
export async function sweepEncryptedFields(
  client: SqlClient,
): Promise<Record<string, SweepResult & { indexed: number }>> {
  return {
${sweepEntries(columns, indexed, false)}
  };
}
`;
}

function typeormSweep(
  columns: EncryptedColumn[],
  indexed: Set<EncryptedColumn>,
  runtime: string,
  sweepPath: string,
): string {
  const imports = new Map<string, string[]>();
  for (const c of columns) {
    let spec = path
      .relative(path.dirname(sweepPath), c.file)
      .replace(/\\/g, '/')
      .replace(/\.tsx?$/, '.js');
    if (!spec.startsWith('.')) spec = `./${spec}`;
    imports.set(spec, [...new Set([...(imports.get(spec) ?? []), c.owner])]);
  }
  const entityImports = [...imports]
    .map(([spec, names]) => `import { ${names.join(', ')} } from '${spec}';`)
    .join('\n');
  return `${SWEEP_HEADER}import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import { blindIndex, sweepField, typeormSweepStore, type SweepResult } from '${runtime}';
${entityImports}

interface ColumnSweep {
  context: string;
  /** The encrypted property. */
  column: string;
  /** The blind index property, when lookups use one. */
  index?: string;
}

/** Encrypts the rows of one column written before, then recomputes its blind index where it is out of date. */
async function sweepColumn(
  repository: Repository<ObjectLiteral>,
  sweep: ColumnSweep,
): Promise<SweepResult & { indexed: number }> {
  const result = await sweepField(typeormSweepStore(repository, { column: sweep.column }), {
    context: sweep.context,
  });
  let indexed = 0;
  if (sweep.index) {
    const id = repository.metadata.primaryColumns[0]!.propertyName;
    // Read through the entity: the transformer decrypts (and passes rows the sweep has not reached through).
    for (let skip = 0; ; skip += 500) {
      const rows = await repository.find({ order: { [id]: 'ASC' }, skip, take: 500 });
      for (const row of rows) {
        const value = row[sweep.column] as string | null | undefined;
        const next = value == null ? null : blindIndex(value, { context: sweep.context });
        if (next === (row[sweep.index] ?? null)) continue;
        // Compare-and-set on the index read: a row the application rewrote meanwhile has its index already.
        const changed = await repository
          .createQueryBuilder()
          .update()
          .set({ [sweep.index]: next })
          .where({ [id]: row[id] })
          .andWhere(\`\${repository.metadata.findColumnWithPropertyName(sweep.index)!.databaseName} \${row[sweep.index] == null ? 'IS NULL' : '= :old'}\`, { old: row[sweep.index] })
          .execute();
        indexed += changed.affected ?? 0;
      }
      if (rows.length < 500) break;
    }
  }
  return { ...result, indexed };
}

/** Runs the sweep of every column encrypt-fields changed; returns the counts per column. */
export async function sweepEncryptedFields(
  dataSource: DataSource,
): Promise<Record<string, SweepResult & { indexed: number }>> {
  return {
${sweepEntries(columns, indexed, true)}
  };
}
`;
}
