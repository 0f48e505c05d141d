/**
 * `sanitize-logging`: sensitive arguments of log calls become `sanitizeForLogging(<argument>)` (a value judged by
 * its name: `sanitizeForLogging(token, { name: 'token' })`; in a template or concatenation only the secret part is
 * wrapped), the sites `no-sensitive-logging` reports. jscodeshift: `jscodeshift -t dist/codemods/sanitize-logging.js --no-babel src`.
 */
import type { Rule } from 'eslint';
import { rules } from 'eslint-plugin-secure-migrate';
import { LOG_METHODS } from 'eslint-plugin-secure-migrate/detect';
import type { TransformDefinition } from './lib/definition.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

/** A call of a log method (`.info(`…), or of a function named like a logger (`log(`, `debug(`). */
const LOG_CALL = new RegExp(`\\.(?:${[...LOG_METHODS].join('|')})\\s*\\(|\\b(?:log|logger|debug|dbg)\\s*\\(`);

export const definition: TransformDefinition = {
  name: 'sanitize-logging',
  rule: 'no-sensitive-logging',
  summary: 'Wrap sensitive log arguments in sanitizeForLogging(...)',
  mayApply: (source) => LOG_CALL.test(source),
  entries: (options) => [
    {
      name: 'no-sensitive-logging',
      rule: rules['no-sensitive-logging'] as unknown as Rule.RuleModule,
      ...(options?.runtimeImport ? { options: [{ runtimeImport: options.runtimeImport }] } : {}),
      prefer: ['sanitizeForLogging'],
      todoHint:
        'Decide whether to pass the value through sanitizeForLogging(value, { name }) (it then logs [REDACTED]) or drop it from the message.',
    },
  ],
};

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
