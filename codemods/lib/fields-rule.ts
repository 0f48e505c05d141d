/**
 * The rule encrypt-fields drives: `no-plaintext-sensitive-column`, with two additions for the migration.
 * - A Drizzle column of bounded length (`varchar('bot_token', { length: 64 })`, `char(…)`) has no local edit in
 *   the rule (the encrypted type must be wider); here it gets one, which the column pass (`fields-column.ts`)
 *   widens to the measured length of the ciphertext, or turns into a TODO.
 * - A report with no edit says why (`data.noEdit`: a lookup column, a type that holds no text…), so that its TODO
 *   can say what to decide.
 */
import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  createDetectContextFromRule,
  ensureImportsFixes,
  findSensitiveColumns,
  type SensitiveColumn,
} from 'eslint-plugin-secure-migrate/detect';
import { encryptedLength } from './fields-length.js';

/** Drizzle builders of bounded text whose length the migration can widen. */
const BOUNDED = new Set(['varchar', 'char']);

function boundedLength(column: SensitiveColumn): number | undefined {
  const builder = column.builder;
  if (column.kind !== 'drizzle' || !builder || !BOUNDED.has(column.builderName ?? '')) return undefined;
  const [name, options] = builder.arguments;
  if (builder.arguments.length !== 2 || name?.type !== 'Literal' || typeof name.value !== 'string')
    return undefined;
  if (options?.type !== 'ObjectExpression' || options.properties.length !== 1) return undefined;
  const length = options.properties[0]!;
  if (
    length.type !== 'Property' ||
    length.computed ||
    length.key.type !== 'Identifier' ||
    length.key.name !== 'length' ||
    length.value.type !== 'Literal' ||
    typeof length.value.value !== 'number'
  )
    return undefined;
  return length.value.value;
}

/** Wraps the rule: same meta, reports augmented as the file comment says. */
export function fieldsRule(base: Rule.RuleModule, runtimeImport: string): Rule.RuleModule {
  return {
    meta: base.meta!,
    create(context) {
      let columns: SensitiveColumn[] | undefined;
      const columnAt = (node: unknown): SensitiveColumn | undefined => {
        columns ??= findSensitiveColumns(
          createDetectContextFromRule(
            context as unknown as Parameters<typeof createDetectContextFromRule>[0],
            (context.options[0] ?? {}) as Parameters<typeof createDetectContextFromRule>[1],
          ),
        );
        return columns.find((c) => c.key === node);
      };
      const report = (descriptor: Rule.ReportDescriptor): void => {
        const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
        if (messageId !== 'plaintextColumn' || descriptor.suggest?.length || !('node' in descriptor)) {
          context.report(descriptor);
          return;
        }
        const column = columnAt(descriptor.node);
        const length = column && boundedLength(column);
        if (!column || length === undefined || column.noEdit !== 'builder arguments') {
          const unnamed = column?.noEdit === 'builder arguments' && column.builder?.arguments.length === 0;
          const data = {
            ...(descriptor.data ?? {}),
            noEdit: unnamed ? 'unnamed builder' : (column?.noEdit ?? ''),
          };
          context.report({ ...descriptor, data } as Rule.ReportDescriptor);
          return;
        }
        const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
        const builder = column.builder!;
        const dataType = `varchar(${encryptedLength(length)})`;
        const suggestion: Rule.SuggestionReportDescriptor = {
          messageId: 'encryptColumn',
          ...(descriptor.data ? { data: descriptor.data } : {}),
          fix(fixer) {
            const names: Record<string, string> = {};
            const fixes: Rule.Fix[] = [];
            for (const [source, wanted] of [
              [runtimeImport, ['drizzleEncryptedType']],
              [column.drizzleModule ?? 'drizzle-orm/pg-core', ['customType']],
            ] as const) {
              const made = ensureImportsFixes(
                fixer as unknown as TSESLint.RuleFixer,
                sourceCode,
                [...wanted],
                { source, filename: context.filename },
              );
              fixes.push(...(made.fixes as unknown as Rule.Fix[]));
              Object.assign(names, made.names);
            }
            const name = sourceCode.getText(builder.arguments[0] as TSESTree.Node);
            const table = `'${column.table.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
            fixes.push(
              fixer.replaceTextRange(
                builder.range,
                `${names.drizzleEncryptedType ?? 'drizzleEncryptedType'}(${names.customType ?? 'customType'}, { table: ${table}, dataType: '${dataType}', legacy: 'passthrough' })(${name})`,
              ),
            );
            return fixes;
          },
        };
        context.report({ ...descriptor, suggest: [suggestion] });
      };
      const proxy = Object.create(context, { report: { value: report } }) as Rule.RuleContext;
      return base.create(proxy);
    },
  };
}
