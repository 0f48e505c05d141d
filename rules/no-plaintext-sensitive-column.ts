import type { TSESLint } from '@typescript-eslint/utils';
import {
  DEFAULT_FIELDS_IMPORT,
  encryptColumnEdit,
  encryptColumnImports,
  findSensitiveColumns,
  type SensitiveColumn,
} from '../src/detect/columns.js';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { ensureImportsFixes } from '../src/detect/imports.js';
import { createRule } from '../src/util/create-rule.js';
import { sensitiveNameOptionsSchema } from '../src/util/schema.js';

export type Options = [
  {
    extraSensitiveNames?: string[];
    allowedNames?: string[];
    checkPasswords?: boolean;
    runtimeImport?: string;
  },
];
export type MessageIds = 'plaintextColumn' | 'plaintextColumnNoAdapter' | 'passwordColumn' | 'encryptColumn';

const ORM_LABEL: Record<SensitiveColumn['orm'], string> = {
  typeorm: 'TypeORM',
  drizzle: 'Drizzle',
  sequelize: 'Sequelize',
  mongoose: 'Mongoose',
};

export default createRule<Options, MessageIds>({
  name: 'no-plaintext-sensitive-column',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow database columns that hold tokens, secrets or API keys in plaintext, and passwords that are not hashed',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-312',
    },
    hasSuggestions: true,
    messages: {
      plaintextColumn:
        "{{orm}} column {{name}} ({{context}}) stores a secret in plaintext: anyone with the database, a backup, a replica or a read-only SQL account can use it. Encrypt it with the runtime's field adapter (encrypt-fields migrates it and the existing rows).",
      plaintextColumnNoAdapter:
        "{{orm}} field {{name}} ({{context}}) stores a secret in plaintext: anyone with the database, a backup or a replica can use it. Encrypt it in the field's setter with encryptField(value, { context: '{{context}}' }) and decrypt it in its getter with decryptField() from @secure-migrate/runtime/fields.",
      passwordColumn:
        '{{orm}} column {{name}} ({{context}}) looks like a password kept as given: store only a hash made with argon2id or bcrypt (and name the column for it, e.g. passwordHash). Never encrypt passwords: what can be decrypted can be stolen.',
      encryptColumn:
        "Encrypt the column with the runtime's adapter (context '{{context}}', plaintext rows still read until the sweep has run).",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...sensitiveNameOptionsSchema,
          checkPasswords: {
            type: 'boolean',
            description:
              'Report columns named like a password (`password`, `passwd`, `passphrase`) with the advice to hash them.',
          },
          runtimeImport: {
            type: 'string',
            description: 'Module the suggestion imports `fieldTransformer` and `drizzleEncryptedType` from.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        extraSensitiveNames: [],
        allowedNames: [],
        checkPasswords: true,
        runtimeImport: DEFAULT_FIELDS_IMPORT,
      },
    ],
  },
  create(context, [options]) {
    const ctx = createDetectContextFromRule(context, options);
    const sourceCode = context.sourceCode;
    const runtimeImport = options.runtimeImport ?? DEFAULT_FIELDS_IMPORT;
    return {
      Program(): void {
        for (const column of findSensitiveColumns(ctx, {
          checkPasswords: options.checkPasswords !== false,
        })) {
          const data = { name: column.property, orm: ORM_LABEL[column.orm], context: column.context };
          if (column.password) {
            context.report({ node: column.key, messageId: 'passwordColumn', data });
            continue;
          }
          if (column.orm === 'sequelize' || column.orm === 'mongoose') {
            context.report({ node: column.key, messageId: 'plaintextColumnNoAdapter', data });
            continue;
          }
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          if (column.noEdit === undefined) {
            suggest.push({
              messageId: 'encryptColumn',
              data,
              fix(fixer) {
                const fixes: TSESLint.RuleFix[] = [];
                const names: Record<string, string> = {};
                for (const { source, names: wanted } of encryptColumnImports(column, runtimeImport)) {
                  const made = ensureImportsFixes(fixer, sourceCode, wanted, {
                    source,
                    filename: context.filename,
                  });
                  fixes.push(...made.fixes);
                  Object.assign(names, made.names);
                }
                const edit = encryptColumnEdit(ctx, column, {
                  fieldTransformer: names.fieldTransformer ?? 'fieldTransformer',
                  drizzleEncryptedType: names.drizzleEncryptedType ?? 'drizzleEncryptedType',
                  customType: names.customType ?? 'customType',
                });
                if (!edit) return [];
                return [...fixes, fixer.replaceTextRange(edit.range, edit.text)];
              },
            });
          }
          context.report({ node: column.key, messageId: 'plaintextColumn', data, suggest });
        }
      },
    };
  },
});
