/**
 * secure-migrate: the ESLint plugin (flat config). Default export: `{ meta, rules, configs }`.
 *
 * ```js
 * import secureMigrate from 'secure-migrate';
 * export default [secureMigrate.configs.recommended];
 * ```
 */
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { createConfigs, type ConfigName } from './configs.js';

const require = createRequire(import.meta.url);

/** The package's name and version, from `src/` (tests) and from `dist/src/` (published) alike. */
function readPackageMeta(): { name: string; version: string } {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(path) as { name?: unknown; version?: unknown };
      if (pkg.name === 'secure-migrate' && typeof pkg.version === 'string')
        return { name: pkg.name, version: pkg.version };
    } catch {
      // not at this depth
    }
  }
  return { name: 'secure-migrate', version: '0.0.0' };
}

const { name, version } = readPackageMeta();

/** The plugin object, without configs (they refer to it). */
const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

/** Flat configs: `recommended`, `strict`, `all`. */
export const configs: Record<ConfigName, TSESLint.FlatConfig.Config> = createConfigs(
  plugin as unknown as TSESLint.FlatConfig.Plugin,
);
plugin.configs = configs;

export { rules };
export type { RuleId } from '../rules/index.js';
export type { ConfigName } from './configs.js';
export type { SecureMigrateDocs } from './util/create-rule.js';
/** The detection API shared with the codemods (also available as `secure-migrate/detect`). */
export * as detect from './detect/index.js';

export default plugin;
