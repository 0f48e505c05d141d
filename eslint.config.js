// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    name: 'secure-migrate/ignores',
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'bench-results/**',
      'test/**/__testfixtures__/**',
      'test/fixtures/**',
      'docs/example-app/**',
      // Services written to be migrated by the behaviour test; their code is what a target looks like.
      'test/behaviour/fixtures/**',
      '.secure-migrate-demo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'secure-migrate/project',
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The CLI and codemods ship in secure-migrate and reach the rules and src/detect/ through the published
    // eslint-plugin-secure-migrate package; a relative import would point at files their package does not have.
    name: 'secure-migrate/package-boundary',
    files: ['codemods/**/*.ts', 'src/cli/**/*.ts', 'src/package/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?:\.\./)+(?:src/)?(?:detect|util|rules)(?:/|$)|^(?:\.\./)+(?:src/)?(?:index|configs)\.js$`,
              message:
                "Import the plugin's API from 'eslint-plugin-secure-migrate' or 'eslint-plugin-secure-migrate/detect'.",
            },
          ],
        },
      ],
    },
  },
  {
    name: 'secure-migrate/rules',
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    name: 'secure-migrate/tests',
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.vitest } },
  },
);
