import type { TSESTree } from '@typescript-eslint/utils';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { getHardcodedCredential } from '../src/detect/credentials.js';
import { describeSecretKind } from '../src/detect/secret-kinds.js';
import { createRule } from '../src/util/create-rule.js';
import { sensitiveNameOptionsSchema, stringArraySchema } from '../src/util/schema.js';

export type Options = [
  {
    extraSensitiveNames?: string[];
    allowedNames?: string[];
    allowedValues?: string[];
    checkTestFiles?: boolean;
  },
];
export type MessageIds = 'secretValue' | 'sensitiveName' | 'envFallback' | 'generatedFallback';

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passwords, API keys, tokens and other secrets written in source code',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-798',
    },
    messages: {
      secretValue:
        'This string looks like {{kind}}: a secret in source code is readable by everyone with the repository or its history. Load it from process.env, a secret manager or a mounted file, and rotate it.',
      sensitiveName:
        '{{name}} is set to a hard-coded value: a secret in source code is readable by everyone with the repository or its history. Load it from process.env, a secret manager or a mounted file.',
      envFallback:
        'process.env.{{name}} falls back to a hard-coded value: when the variable is missing, the app runs with a secret everyone can read. Fail at start-up instead, or read it from a secret manager.',
      generatedFallback:
        'The development fallback of {{name}} looks like a generated secret: it is readable by everyone with the repository or its history. Rotate it wherever it was used, and keep a placeholder here.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...sensitiveNameOptionsSchema,
          allowedValues: stringArraySchema(
            'Literal values that are never reported (placeholders, published test keys).',
          ),
          checkTestFiles: {
            type: 'boolean',
            description:
              'Also report literals bound to sensitive names in test files (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`); values that match a secret pattern are always reported.',
          },
        },
      },
    ],
    defaultOptions: [{ extraSensitiveNames: [], allowedNames: [], allowedValues: [], checkTestFiles: false }],
  },
  create(context, [options]) {
    const ctx = createDetectContextFromRule(context, options);
    const credentialOptions = {
      allowedValues: options.allowedValues ?? [],
      checkTestFiles: options.checkTestFiles === true,
      extraSensitiveNames: options.extraSensitiveNames ?? [],
      allowedNames: options.allowedNames ?? [],
    };
    const check = (node: TSESTree.Literal | TSESTree.TemplateLiteral): void => {
      const found = getHardcodedCredential(ctx, node, credentialOptions);
      if (!found) return;
      if (found.kind === 'pattern') {
        context.report({
          node,
          messageId: 'secretValue',
          data: { kind: describeSecretKind(found.secretKind ?? 'secret', true) },
        });
      } else if (found.kind === 'developmentFallback') {
        context.report({ node, messageId: 'generatedFallback', data: { name: found.name ?? 'getSecret()' } });
      } else if (found.kind === 'envFallback') {
        context.report({ node, messageId: 'envFallback', data: { name: found.name ?? '' } });
      } else {
        context.report({ node, messageId: 'sensitiveName', data: { name: found.name ?? 'this value' } });
      }
    };
    return {
      Literal(node): void {
        if (typeof node.value === 'string') check(node);
      },
      TemplateLiteral(node): void {
        if (node.expressions.length === 0) check(node);
      },
    };
  },
});
