/**
 * `hardcoded-credentials`: marks the sites `no-hardcoded-credentials` reports with a `// secure-migrate: TODO`
 * comment. A secret written in source code has no mechanical fix: where to load it from (an environment
 * variable, a secret manager, a mounted file) and how to rotate the leaked value are decisions, so the migration
 * puts each one in front of the reviewer instead of rewriting it.
 * jscodeshift: `jscodeshift -t dist/codemods/hardcoded-credentials.js --no-babel src`.
 */
import type { Rule } from 'eslint';
import { rules } from 'eslint-plugin-secure-migrate';
import { mayHoldCredential } from './lib/credential-filter.js';
import type { TransformDefinition } from './lib/definition.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

const STRING_LITERAL = /['"`]/;

export const definition: TransformDefinition = {
  name: 'hardcoded-credentials',
  rule: 'no-hardcoded-credentials',
  summary: 'Mark secrets written in source code with a TODO (no rewrite: load them from the environment)',
  mayApply: (source) => STRING_LITERAL.test(source),
  mayApplyToTree: mayHoldCredential,
  entries: () => [
    {
      name: 'no-hardcoded-credentials',
      rule: rules['no-hardcoded-credentials'] as unknown as Rule.RuleModule,
      todoHint:
        'Load it from the environment or a secret manager (fail at start-up when it is missing), and rotate the value that was committed.',
      todoFor: todoForReport,
    },
  ],
};

/** What to decide for one report: a fallback is removed, a known-format key is revoked, a chosen value is moved. */
export function todoForReport(descriptor: Rule.ReportDescriptor): string | undefined {
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  if (messageId === 'envFallback') {
    return 'Remove the fallback so that the app fails at start-up when the variable is missing (or read it from a secret manager), and rotate the value if it ever ran outside development.';
  }
  if (messageId === 'secretValue') {
    return 'Load it from the environment or a secret manager (fail at start-up when it is missing), and revoke this key with its issuer: it stays in the history.';
  }
  return undefined;
}

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
