/**
 * eslint-plugin-secure-migrate: the ESLint plugin (flat config). Default export: `{ meta, rules, configs }`. The
 * `secure-migrate` package re-exports it, so `import secureMigrate from 'secure-migrate'` is the same object.
 *
 * ```js
 * import secureMigrate from 'eslint-plugin-secure-migrate';
 * export default defineConfig([{ files: ['**\/*.ts'], extends: [secureMigrate.configs.recommended] }]);
 * ```
 */
import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import { rules } from '../rules/index.js';
import { createConfigs, type ConfigName } from './configs.js';

const require = createRequire(import.meta.url);

const PACKAGE_NAME = 'eslint-plugin-secure-migrate';

/** The package's name and version: published, from `dist/src/` (`../../package.json`); in tests, from `src/`. */
function readPackageMeta(): { name: string; version: string } {
  for (const path of ['../../package.json', '../plugin/package.json']) {
    try {
      const pkg = require(path) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string')
        return { name: pkg.name, version: pkg.version };
    } catch {
      // not at this depth
    }
  }
  return { name: PACKAGE_NAME, version: '0.0.0' };
}

/** The plugin as ESLint's own types describe it, so its configs fit `defineConfig([...])` and `Linter.Config[]`. */
export interface SecureMigratePlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: Record<ConfigName, Linter.Config>;
}

/** The plugin object; its configs refer to it. */
const plugin: SecureMigratePlugin = {
  meta: readPackageMeta(),
  rules: rules as unknown as SecureMigratePlugin['rules'],
  configs: {} as Record<ConfigName, Linter.Config>,
};

/** Flat configs: `recommended`, `strict`, `all`. */
export const configs: Record<ConfigName, Linter.Config> = createConfigs(plugin);
plugin.configs = configs;

export { rules };
export type { RuleId } from '../rules/index.js';
export type { ConfigName } from './configs.js';
export type { SecureMigrateDocs } from './util/create-rule.js';
/** The detection API shared with the codemods (also available as `eslint-plugin-secure-migrate/detect`). */
export * as detect from './detect/index.js';

export default plugin;
