/**
 * `encrypt-fields`: database columns that hold tokens, secrets or keys in plaintext get the runtime's field
 * encryption with an explicit context and `legacy: 'passthrough'` (rows written before keep reading): TypeORM
 * columns a `transformer: fieldTransformer(...)`, Drizzle columns a `drizzleEncryptedType(customType, ...)` type.
 * Fixed-length columns are widened to the measured length of their ciphertext when that is all it takes, else
 * left with a TODO giving the length; each column gets a TODO to run the sweep and then remove `legacy`. The CLI's
 * project pass (`lib/fields-project.ts`) adds a blind index where the code looks the column up by equality, with
 * its DDL, and writes the data migration that runs the sweep. The sites `no-plaintext-sensitive-column` reports.
 */
import type { Rule } from 'eslint';
import { rules } from 'eslint-plugin-secure-migrate';
import type { TransformDefinition } from './lib/definition.js';
import { refineFieldSuggestion } from './lib/fields-column.js';
import { fieldsRule } from './lib/fields-rule.js';
import { DEFAULT_RUNTIME_SPECIFIER } from './lib/imports.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

/** A column declaration of TypeORM, Drizzle, Sequelize or Mongoose, as text. */
export const COLUMN_DECLARATION_TEXT =
  /Column\s*\(|EntitySchema|(?:pg|sqlite|mysql|singlestore)Table|\.define\s*\(|\.init\s*\(|Schema\s*\(/;

/** What to decide for a column the rule has no local edit for, by the rule's reason. */
const NO_EDIT: Record<string, string> = {
  'lookup column':
    'The application looks rows up by this value (primary key, unique or index): two encryptions of one value differ, so the constraint and the lookups would stop working. Keep them on a blind index column (blindIndex(value, { context })) under the same constraint, encrypt this one, and query the index.',
  type: 'Its type holds no text (or a bounded length the transform cannot widen here): make it text (schema migration), then encrypt it with drizzleEncryptedType.',
  'builder arguments':
    'The builder takes more than the column name (mode, enum, a length given by an expression): build it with drizzleEncryptedType(customType, { table, dataType }) by hand.',
  'unnamed builder':
    "The column's name comes from its key (and drizzle's casing setting), which an encrypted type does not read: build it as drizzleEncryptedType(customType, { table })('<the column name in the database>'), then run the sweep.",
  modifiers:
    'Its modifiers (a default, a generated value…) do not carry over to an encrypted type as they are: encrypt it by hand with drizzleEncryptedType.',
  options:
    'Its options are not written in place (a variable or a spread): add transformer: fieldTransformer({ context, legacy: "passthrough" }) where they are made.',
};

export const definition: TransformDefinition = {
  name: 'encrypt-fields',
  rule: 'no-plaintext-sensitive-column',
  summary: 'Encrypt token/secret/key columns (TypeORM fieldTransformer, Drizzle drizzleEncryptedType)',
  mayApply: (source) => COLUMN_DECLARATION_TEXT.test(source),
  entries: (options) => [
    {
      name: 'no-plaintext-sensitive-column',
      rule: fieldsRule(
        (rules as Record<string, unknown>)['no-plaintext-sensitive-column'] as Rule.RuleModule,
        options?.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER,
      ),
      // The suggestions import from the module the engine imports from: it makes one import per file.
      options: [{ runtimeImport: options?.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER }],
      prefer: ['fieldTransformer', 'drizzleEncryptedType'],
      refine: refineFieldSuggestion,
      todoFor: (descriptor) => {
        const id = 'messageId' in descriptor ? descriptor.messageId : undefined;
        const noEdit = (descriptor.data as { noEdit?: string } | undefined)?.noEdit;
        const why = noEdit ? NO_EDIT[noEdit] : undefined;
        if (id === 'plaintextColumn' && why) return why;
        if (id === 'passwordColumn')
          return 'Store a hash of the password (argon2id or bcrypt) instead, and compare against it; never encrypt it.';
        if (id === 'plaintextColumnNoAdapter')
          return "Encrypt it in the model's setter and decrypt it in its getter with encryptField/decryptField (see docs/runtime/fields.md), then run sweepField over the rows written before.";
        return undefined;
      },
      todoHint:
        'Decide how to encrypt this column (fieldTransformer for TypeORM, drizzleEncryptedType for Drizzle).',
    },
  ],
};

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
