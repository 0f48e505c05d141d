import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { sanitizeLogArgumentEdit, sanitizeLogMessageEdit } from '../src/detect/edits.js';
import { getSensitiveLogArguments } from '../src/detect/findings.js';
import { DEFAULT_RUNTIME_IMPORT, ensureImportsFixes, type TextEdit } from '../src/detect/imports.js';
import type { SensitiveFinding } from '../src/detect/sensitive.js';
import { createRule } from '../src/util/create-rule.js';
import { sensitiveNameOptionsSchema, stringArraySchema } from '../src/util/schema.js';

export type Options = [
  {
    extraSensitiveNames?: string[];
    allowedNames?: string[];
    extraLoggers?: string[];
    extraLoggerFactories?: string[];
    safeWrappers?: string[];
    pii?: boolean;
    checkTypes?: boolean;
    runtimeImport?: string;
  },
];
export type MessageIds = 'sensitiveLog' | 'wrapInSanitizeForLogging';

export default createRule<Options, MessageIds>({
  name: 'no-sensitive-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passing tokens, passwords, credentials and other sensitive values to loggers',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-532',
    },
    hasSuggestions: true,
    messages: {
      sensitiveLog:
        '{{name}} is logged: log output is read by many people and systems and kept for a long time. Pass it through sanitizeForLogging(), or log a non-secret derivative (whether it is set, its length, a hash) instead.',
      wrapInSanitizeForLogging:
        'Log it through sanitizeForLogging(), which redacts sensitive keys and secret-looking strings and leaves the rest of what is logged as it was.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...sensitiveNameOptionsSchema,
          extraLoggers: stringArraySchema(
            'Extra receiver names that are loggers (`audit` for `audit.info(...)`).',
          ),
          extraLoggerFactories: stringArraySchema(
            'Extra function or class names whose results are loggers (`makeLogger`).',
          ),
          safeWrappers: stringArraySchema(
            'Extra function names whose result is safe to log (`scrub`, `fingerprint`).',
          ),
          pii: {
            type: 'boolean',
            description: 'Also report personal data (email, phone, address, date of birth…).',
          },
          checkTypes: {
            type: 'boolean',
            description:
              'Also report request bodies, `any`/`unknown`-typed objects and untyped user records, whose content is not known.',
          },
          runtimeImport: {
            type: 'string',
            description: 'Module the suggestion imports `sanitizeForLogging` from.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        extraSensitiveNames: [],
        allowedNames: [],
        extraLoggers: [],
        extraLoggerFactories: [],
        safeWrappers: [],
        pii: false,
        checkTypes: false,
        runtimeImport: DEFAULT_RUNTIME_IMPORT,
      },
    ],
  },
  create(context, [options]) {
    const ctx = createDetectContextFromRule(context, options);
    const sourceCode = context.sourceCode;
    /** A message built from a secret masks only the secret; any other argument is wrapped. */
    const edit = (argument: TSESTree.Node, finding: SensitiveFinding, local?: string): TextEdit | null =>
      sanitizeLogMessageEdit(ctx, argument, local) ?? sanitizeLogArgumentEdit(ctx, argument, finding, local);
    return {
      CallExpression(node: TSESTree.CallExpression): void {
        for (const { argument, finding } of getSensitiveLogArguments(ctx, node)) {
          context.report({
            node: argument,
            messageId: 'sensitiveLog',
            data: { name: finding.description },
            suggest: edit(argument, finding)
              ? [
                  {
                    messageId: 'wrapInSanitizeForLogging',
                    fix(fixer): TSESLint.RuleFix[] {
                      const { fixes, names } = ensureImportsFixes(fixer, sourceCode, ['sanitizeForLogging'], {
                        source: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
                        filename: context.filename,
                      });
                      const wrap = edit(argument, finding, names.sanitizeForLogging);
                      return wrap ? [...fixes, fixer.replaceTextRange(wrap.range, wrap.text)] : [];
                    },
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
