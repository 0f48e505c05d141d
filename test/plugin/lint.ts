/** Builds flat configs around the plugin for tests that drive the real `ESLint` class. */
import type { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';

export const NAMESPACE = 'secure-migrate';

/** The plugin as ESLint's own types see it. */
export const eslintPlugin = plugin as unknown as ESLint.Plugin;

export function ruleIds(): string[] {
  return Object.keys(eslintPlugin.rules ?? {}).sort();
}

/** typescript-eslint's parser; with `tsconfigRootDir`, type information through `projectService`. */
export function languageOptions(tsconfigRootDir?: string): Linter.LanguageOptions {
  return {
    parser: tseslint.parser as Linter.Parser,
    parserOptions: tsconfigRootDir ? { projectService: true, tsconfigRootDir } : {},
  };
}

/** One config object turning on the given rules (default options) for TS and JS files. */
export function rulesConfig(ids: readonly string[], tsconfigRootDir?: string): Linter.Config {
  return {
    name: 'test/secure-migrate-rules',
    files: ['**/*.ts', '**/*.js'],
    languageOptions: languageOptions(tsconfigRootDir),
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { [NAMESPACE]: eslintPlugin },
    rules: Object.fromEntries(ids.map((id) => [`${NAMESPACE}/${id}`, 'error'])),
  };
}
