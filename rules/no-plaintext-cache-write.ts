import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findCacheClientCreation } from '../src/detect/caches.js';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { encryptCacheValueEdit, wrapInCall } from '../src/detect/edits.js';
import { getCacheWriteFindings } from '../src/detect/findings.js';
import { DEFAULT_RUNTIME_IMPORT, ensureImportsFixes } from '../src/detect/imports.js';
import { createRule } from '../src/util/create-rule.js';
import { sensitiveNameOptionsSchema, stringArraySchema } from '../src/util/schema.js';

export type Options = [
  {
    extraSensitiveNames?: string[];
    allowedNames?: string[];
    extraCacheClients?: string[];
    extraCacheFactories?: string[];
    sensitiveKeyPrefixes?: string[];
    safeWrappers?: string[];
    pii?: boolean;
    checkTypes?: boolean;
    runtimeImport?: string;
  },
];
export type MessageIds =
  'plaintextCacheWrite' | 'secretInCacheKey' | 'wrapClientInSecureCache' | 'wrapValueInEncryptForCache';

export default createRule<Options, MessageIds>({
  name: 'no-plaintext-cache-write',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow writing tokens, sessions, secrets and other sensitive values to a cache in plaintext',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-312',
    },
    hasSuggestions: true,
    messages: {
      plaintextCacheWrite:
        '{{name}} is written to the cache in plaintext: anyone who can read the cache (redis-cli, a snapshot, a replica) can read it. Wrap the client in secureCache() or the value in encryptForCache().',
      secretInCacheKey:
        '{{name}} is part of a cache key: keys are stored and listed in plaintext (SCAN, KEYS, a snapshot), even through secureCache(). Key the entry by a hash of it (an HMAC or SHA-256) in the write and in every read.',
      wrapClientInSecureCache:
        'Wrap the client where it is created in secureCache(...): writes are encrypted and reads decrypted, every call site stays as it is.',
      wrapValueInEncryptForCache:
        'Wrap the value in encryptForCache(...); reads of this key must then use decryptFromCache().',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...sensitiveNameOptionsSchema,
          extraCacheClients: stringArraySchema(
            'Extra receiver names that are cache clients (`store` for `store.set(...)`).',
          ),
          extraCacheFactories: stringArraySchema(
            'Extra function or class names whose results are cache clients (`createStore`).',
          ),
          sensitiveKeyPrefixes: stringArraySchema(
            'Extra cache-key prefixes whose values are sensitive (`mfa:`), besides `session:`, `token:` and `oauth:`.',
          ),
          safeWrappers: stringArraySchema('Extra function names whose result is safe to store (`sealBox`).'),
          pii: {
            type: 'boolean',
            description: 'Also report personal data (email, phone, address, date of birth…).',
          },
          checkTypes: {
            type: 'boolean',
            description:
              'Also report whole user records known only by their name, request bodies and `any`/`unknown`-typed objects, whose content is not known.',
          },
          runtimeImport: {
            type: 'string',
            description: 'Module the suggestions import `secureCache` and `encryptForCache` from.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        extraSensitiveNames: [],
        allowedNames: [],
        extraCacheClients: [],
        extraCacheFactories: [],
        sensitiveKeyPrefixes: [],
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
    const source = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
    return {
      CallExpression(node: TSESTree.CallExpression): void {
        for (const found of getCacheWriteFindings(ctx, node)) {
          if (found.reason === 'key' && found.keyNode) {
            // Encrypting the value does not help, and a hashed key must be used by the reads too: no suggestion.
            context.report({
              node: found.keyNode,
              messageId: 'secretInCacheKey',
              data: { name: found.name },
            });
            continue;
          }
          const value = found.entry.value;
          const creation = found.write.client.creation ?? findCacheClientCreation(ctx, found.write.receiver);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          if (creation) {
            suggest.push({
              messageId: 'wrapClientInSecureCache',
              fix(fixer) {
                const { fixes, names } = ensureImportsFixes(fixer, sourceCode, ['secureCache'], {
                  source,
                  filename: context.filename,
                });
                const edit = wrapInCall(creation, sourceCode.text, names.secureCache ?? 'secureCache');
                return [...fixes, fixer.replaceTextRange(edit.range, edit.text)];
              },
            });
          }
          suggest.push({
            messageId: 'wrapValueInEncryptForCache',
            fix(fixer) {
              const { fixes, names } = ensureImportsFixes(fixer, sourceCode, ['encryptForCache'], {
                source,
                filename: context.filename,
              });
              const edit = encryptCacheValueEdit(ctx, found.entry, names.encryptForCache);
              return [...fixes, fixer.replaceTextRange(edit.range, edit.text)];
            },
          });
          context.report({
            node: value,
            messageId: 'plaintextCacheWrite',
            data: { name: found.name },
            suggest,
          });
        }
      },
    };
  },
});
