/**
 * encrypt-fields, one column at a time: what the rule's `encryptColumn` suggestion leaves to decide. Ciphertext is
 * longer than plaintext, so a fixed-length column is widened to the measured length of its ciphertext when that is
 * all it takes (a `varchar` whose length is a number), else left with a TODO giving the length it needs; a
 * `unique` or primary-key column is left with a TODO (two encryptions of one value differ, so the constraint would
 * silently stop holding); and every encrypted column gets a TODO to run the sweep and then remove `legacy`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { getCalleeName } from 'eslint-plugin-secure-migrate/detect';
import type { TextEdit } from './edits.js';
import type { RefineContext, Refinement } from './engine.js';
import { encryptedLength, MAX_WIDENED_LENGTH } from './fields-length.js';

type WithParent = TSESTree.Node & { parent?: TSESTree.Node };

/** SQL types of variable length, whose `length` the transform may raise. */
const VARIABLE_TYPES = new Set([
  'varchar',
  'character varying',
  'nvarchar',
  'national varchar',
  'varchar2',
  'nvarchar2',
  'string',
]);
/** Text types that hold ciphertext as they are. */
const TEXT_TYPES = new Set(['text', 'tinytext', 'mediumtext', 'longtext', 'ntext', 'clob', 'citext']);
/** Fixed-length types: padded, so ciphertext there needs a change of type, not of length. */
const FIXED_TYPES = new Set(['char', 'character', 'nchar', 'national char']);

/** `session.token`, `auth_sessions.token`, `sessions.session_token`: a session table's token, looked up by libraries. */
const SESSION_TOKEN = /(?:^|[._])sessions?\.(?:session_?)?token$/i;

/** The sweep-then-remove-legacy TODO of every encrypted column. */
export function sweepTodo(context: string): string {
  return (
    `Rows written before this change are still plaintext and read as they are (legacy: 'passthrough', counted by ` +
    `legacyFieldReads()). Run the sweep for ${context} (sweepEncryptedFields in encrypt-fields.sweep.ts, or ` +
    `sweepField), then remove legacy: 'passthrough' so that plaintext is refused again.`
  );
}

function propertyName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of object.properties) {
    if (p.type === 'Property' && !p.computed && propertyName(p.key) === name) return p;
  }
  return undefined;
}

const isTrue = (node: TSESTree.Node | undefined): boolean => node?.type === 'Literal' && node.value === true;

const stringValue = (node: TSESTree.Node | undefined): string | undefined =>
  node?.type === 'Literal' && typeof node.value === 'string' ? node.value.toLowerCase() : undefined;

const numberValue = (node: TSESTree.Node | undefined): number | undefined =>
  node?.type === 'Literal' && typeof node.value === 'number' && Number.isInteger(node.value)
    ? node.value
    : undefined;

/** What the column declaration says about its SQL type and constraints. */
interface ColumnShape {
  /** The SQL type named (lower case), when one is. */
  type?: string;
  /** The `length` node, when there is one. */
  length?: TSESTree.Node;
  /** `unique`, `primary`, `.unique()`, `.primaryKey()`. */
  constraint?: string;
  /** Drizzle: the builder's function name (`varchar`). */
  builder?: string;
}

/** TypeORM `@Column(...)`, `@PrimaryColumn(...)` on a class property. */
function decoratorShape(member: TSESTree.PropertyDefinition): ColumnShape | undefined {
  for (const decorator of member.decorators ?? []) {
    const call = decorator.expression;
    if (call.type !== 'CallExpression') continue;
    const name = getCalleeName(call.callee);
    if (!name || !/Column$/.test(name)) continue;
    const shape: ColumnShape = {};
    if (/^Primary/.test(name)) shape.constraint = 'primary key';
    for (const arg of call.arguments) {
      const type = stringValue(arg);
      if (type) shape.type = type;
      if (arg.type === 'ObjectExpression') Object.assign(shape, optionsShape(arg, shape));
    }
    return shape;
  }
  return undefined;
}

/** TypeORM column options (decorator argument or EntitySchema column object). */
function optionsShape(options: TSESTree.ObjectExpression, base: ColumnShape = {}): ColumnShape {
  const shape: ColumnShape = { ...base };
  const type = stringValue(objectProperty(options, 'type')?.value);
  if (type) shape.type = type;
  const length = objectProperty(options, 'length');
  if (length) shape.length = length.value;
  if (isTrue(objectProperty(options, 'unique')?.value)) shape.constraint = 'unique';
  if (isTrue(objectProperty(options, 'primary')?.value)) shape.constraint = 'primary key';
  return shape;
}

/** Drizzle `varchar('bot_token', { length: 64 }).notNull()`: the builder call and its chained modifiers. */
function builderShape(value: TSESTree.Node): ColumnShape | undefined {
  let current: TSESTree.Node = value;
  const shape: ColumnShape = {};
  while (current.type === 'CallExpression') {
    const callee: TSESTree.Node = current.callee;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
      if (callee.property.name === 'unique') shape.constraint = 'unique';
      if (callee.property.name === 'primaryKey') shape.constraint = 'primary key';
      current = callee.object;
      continue;
    }
    if (callee.type === 'Identifier') {
      shape.builder = callee.name;
      shape.type = callee.name.toLowerCase();
      const options = current.arguments.find((a) => a.type === 'ObjectExpression');
      const length = options && objectProperty(options, 'length');
      if (length) shape.length = length.value;
    }
    return shape;
  }
  return undefined;
}

function shapeOf(key: TSESTree.Node): ColumnShape | undefined {
  const member = (key as WithParent).parent;
  if (!member) return undefined;
  if (member.type === 'PropertyDefinition') return decoratorShape(member);
  if (member.type === 'Property') {
    if (member.value.type === 'ObjectExpression') return optionsShape(member.value);
    return builderShape(member.value);
  }
  return undefined;
}

/** Replaces `[start, end)` of the source, or the same text inside a suggestion edit that covers it. */
function replaceWithin(
  source: string,
  edits: TextEdit[],
  range: readonly [number, number],
  text: string,
): TextEdit[] {
  const covering = edits.find((e) => e.range[0] <= range[0] && e.range[1] >= range[1] && e.text !== '');
  if (!covering) return [...edits, { range, text }];
  const original = source.slice(range[0], range[1]);
  const inside = source.slice(covering.range[0], range[0]);
  // The suggestion keeps the original text before the length when it only inserts elsewhere.
  const at = covering.text.indexOf(original, Math.max(0, inside.length - 1));
  if (at < 0) return edits;
  const next = covering.text.slice(0, at) + text + covering.text.slice(at + original.length);
  return edits.map((e) => (e === covering ? { ...e, text: next } : e));
}

/** The Drizzle suggestion's `drizzleEncryptedType(customType, { … })`: give the custom type the column's SQL type. */
function withDataType(edits: TextEdit[], dataType: string): TextEdit[] | undefined {
  const pattern = /drizzleEncryptedType(?:_\d+)?\(\s*customType(?:_\d+)?\s*,\s*\{/;
  const edit = edits.find((e) => pattern.test(e.text));
  if (!edit) return undefined;
  const text = /dataType:\s*'[^']*'/.test(edit.text)
    ? edit.text.replace(/dataType:\s*'[^']*'/, `dataType: '${dataType}'`)
    : edit.text.replace(pattern, (m) => `${m} dataType: '${dataType}',`);
  return edits.map((e) => (e === edit ? { ...e, text } : e));
}

/** Import edits already taken in a pass over a file (keyed by its AST): each column's suggestion carries them. */
const importsTaken = new WeakMap<object, Set<string>>();

/** Drops the import edits an earlier column of the same pass already made (they would be applied twice). */
function withoutRepeatedImports(context: RefineContext): TextEdit[] {
  let taken = importsTaken.get(context.ast);
  if (!taken) importsTaken.set(context.ast, (taken = new Set()));
  const imports = context.ast.body.filter((s) => s.type === 'ImportDeclaration');
  const seen = taken;
  return context.edits.filter((edit) => {
    const isImport =
      /^\s*import\b/.test(edit.text) ||
      imports.some((s) => edit.range[0] >= s.range[0] && edit.range[1] <= s.range[1]);
    if (!isImport) return true;
    const key = `${edit.range[0]}:${edit.range[1]}:${edit.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** encrypt-fields' refinement of the rule's suggestion (see the file comment). */
export function refineFieldSuggestion(context: RefineContext): Refinement {
  const data = (context.descriptor as { data?: Record<string, unknown> } | undefined)?.data ?? {};
  const columnContext = typeof data.context === 'string' ? data.context : 'this column';
  const key = context.node;
  const shape = key ? shapeOf(key) : undefined;
  const todo = [sweepTodo(columnContext)];
  if (SESSION_TOKEN.test(columnContext)) {
    return {
      todo:
        'An auth library (Better Auth, Lucia, Auth.js adapters) looks sessions up by this token with its own ' +
        'queries, which the transform cannot point at a blind index: encrypted, no session would be found. ' +
        "Store a hash of the token if the library supports one, or leave this column to the library's own options.",
    };
  }
  let edits = withoutRepeatedImports(context);
  if (shape?.constraint) {
    return {
      todo:
        `A ${shape.constraint} column cannot simply be encrypted: two encryptions of one value differ, so the ` +
        `constraint would stop holding. Keep uniqueness on a blind index column (blindIndex(value, { context: ` +
        `'${columnContext}' }) under a unique index) and encrypt this one, or key the rows by something else.`,
    };
  }
  if (
    shape?.type !== undefined &&
    !TEXT_TYPES.has(shape.type) &&
    !VARIABLE_TYPES.has(shape.type) &&
    !FIXED_TYPES.has(shape.type)
  ) {
    return {
      todo:
        `The column is ${shape.type}; ciphertext is text. Change it to text (entity and schema migration), then ` +
        `encrypt it.`,
    };
  }
  const fixed = shape?.type !== undefined && FIXED_TYPES.has(shape.type);
  const length = numberValue(shape?.length);
  if (shape?.length && length === undefined) {
    return {
      todo: `The column's length is not a number here; ciphertext of n characters needs up to encryptedLength(n) characters (${encryptedLength(255)} for 255). Widen the column, then encrypt it.`,
    };
  }
  if (length !== undefined || fixed) {
    const needed = encryptedLength(length ?? 1);
    const sqlType = `varchar(${needed})`;
    if (fixed || needed > MAX_WIDENED_LENGTH) {
      return {
        todo:
          `Ciphertext of ${length ?? 1} characters takes up to ${needed}: a ${shape!.type}(${length ?? 1}) ` +
          `column cannot hold it. Change the column to ${needed > MAX_WIDENED_LENGTH ? 'text' : sqlType} (entity ` +
          `and schema migration), then encrypt it.`,
      };
    }
    if (shape!.builder !== undefined) {
      // Drizzle: the custom type replaces the builder, so it carries the widened SQL type.
      const widened = withDataType(edits, sqlType);
      if (!widened) return { todo: `Ciphertext needs a ${sqlType} column: widen it, then encrypt it.` };
      edits = widened;
    } else if (shape!.length) {
      edits = replaceWithin(context.source, edits, shape!.length.range, String(needed));
    }
    todo.push(
      `Widened from ${length} to ${needed} characters (the ciphertext of ${length} characters): the schema ` +
        `migration must widen the column too (ALTER COLUMN … TYPE ${sqlType}).`,
    );
  }
  if (context.typescript) edits = withStringData(edits);
  return { edits, todo: todo.join(' ') };
}

/**
 * TypeScript: `customType<{ data: string }>`, so the encrypted column is typed as the string it was (a bare
 * `customType` gives `unknown`). The suggestions encrypt text columns only.
 */
function withStringData(edits: TextEdit[]): TextEdit[] {
  const pattern = /(drizzleEncryptedType(?:_\d+)?\(\s*)(customType(?:_\d+)?)(\s*,)/g;
  return edits.map((e) => ({ ...e, text: e.text.replace(pattern, '$1$2<{ data: string }>$3') }));
}
