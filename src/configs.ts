/**
 * Flat configs computed from rule metadata: `recommended` (rules whose `docs.recommended` is `'recommended'`),
 * `strict` (adds `'strict'` rules and turns on PII, request-body and unknown-type checks), `all` (every rule,
 * strict options).
 */
import type { ESLint, Linter } from 'eslint';
import { rules, type RuleId } from '../rules/index.js';

/** The plugin's namespace in configs (`secure-migrate/no-sensitive-logging`). */
export const PLUGIN_NAMESPACE = 'secure-migrate';

/** Config names. */
export type ConfigName = 'recommended' | 'strict' | 'all';

/** Rule options the strict and all configs add. */
export const STRICT_OPTIONS: Partial<Record<RuleId, Record<string, unknown>>> = {
  'no-sensitive-logging': { pii: true, checkTypes: true },
  'no-plaintext-cache-write': { pii: true, checkTypes: true },
  'no-unsafe-dynamic-assignment': { reportUnknownKeys: true },
};

/** The `rules` block of a config. */
export function getConfigRules(name: ConfigName): Linter.RulesRecord {
  const result: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules) as [RuleId, (typeof rules)[RuleId]][]) {
    const level = rule.meta.docs?.recommended;
    const included = name === 'all' || level === 'recommended' || (name === 'strict' && level === 'strict');
    if (!included) continue;
    const strictOptions = name === 'recommended' ? undefined : STRICT_OPTIONS[id];
    result[`${PLUGIN_NAMESPACE}/${id}`] = strictOptions ? ['error', strictOptions] : 'error';
  }
  return result;
}

/** Builds the three flat configs around a plugin object. */
export function createConfigs(plugin: ESLint.Plugin): Record<ConfigName, Linter.Config> {
  const make = (name: ConfigName): Linter.Config => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: getConfigRules(name),
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
