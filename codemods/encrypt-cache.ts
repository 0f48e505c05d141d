/**
 * `encrypt-cache`: cache clients that store sensitive values are wrapped where they are created,
 * `secureCache(new Redis(...))`, so every write encrypts and every read decrypts with the call sites unchanged.
 * Where the client cannot be wrapped, the write gets `encryptForCache(...)` and the matching reads in the same
 * file `decryptFromCache(...)`; else a TODO. The sites `no-plaintext-cache-write` reports.
 */
import type { Rule } from 'eslint';
import { rules } from 'eslint-plugin-secure-migrate';
import { CACHE_WRITE_CALL_TEXT } from 'eslint-plugin-secure-migrate/detect';
import { refineCacheSuggestion } from './lib/cache-reads.js';
import { CACHE_CLIENT_RULE, cachePlanRule } from './lib/cache-plan-rule.js';
import type { CachePlan } from './lib/cache-plan.js';
import type { TransformDefinition } from './lib/definition.js';
import type { RuleEntry } from './lib/engine.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

export const definition: TransformDefinition = {
  name: 'encrypt-cache',
  rule: 'no-plaintext-cache-write',
  summary: 'Wrap cache clients in secureCache(...) where created (else encryptForCache/decryptFromCache)',
  mayApply: (source) => CACHE_WRITE_CALL_TEXT.test(source),
  entries: (options) => [
    {
      name: 'no-plaintext-cache-write',
      rule: rules['no-plaintext-cache-write'] as unknown as Rule.RuleModule,
      ...(options?.runtimeImport ? { options: [{ runtimeImport: options.runtimeImport }] } : {}),
      prefer: ['secureCache', 'encryptForCache'],
      refine: (context) => refineCacheSuggestion(context, options?.cachePlan),
      todoHint: 'Decide where the client is created and wrap it there in secureCache(...).',
      todoFor: (descriptor) =>
        'messageId' in descriptor && descriptor.messageId === 'secretInCacheKey'
          ? 'Encrypting values does not hide a key. Decide whether to key these entries by a hash of the secret (an HMAC) in this write and in every read of them; entries already stored under the raw key are then no longer found, so plan for them (let them expire, or move them).'
          : undefined,
    },
    ...(options?.cachePlan ? [planEntry(options.cachePlan)] : []),
  ],
};

/** The project pass's decision for the client constructions of a file (see `lib/cache-plan.ts`). */
function planEntry(plan: CachePlan): RuleEntry {
  return {
    name: CACHE_CLIENT_RULE,
    rule: cachePlanRule(plan),
    prefer: ['secureCache'],
    todoFor: (descriptor) => {
      const data = (descriptor as { data?: { todo?: unknown } }).data;
      return typeof data?.todo === 'string' ? data.todo : undefined;
    },
  };
}

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
