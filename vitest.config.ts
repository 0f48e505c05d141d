import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const runtimeSrc = fileURLToPath(new URL('./runtime/src/', import.meta.url));
const pluginSrc = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // Tests run against the runtime's sources, not its build output.
      { find: /^@secure-migrate\/runtime$/, replacement: `${runtimeSrc}index.ts` },
      { find: /^@secure-migrate\/runtime\/errors$/, replacement: `${runtimeSrc}errors.ts` },
      { find: /^@secure-migrate\/runtime\/(.*)$/, replacement: `${runtimeSrc}$1/index.ts` },
      // The codemods import the plugin by its package name; tests run them against its sources too.
      { find: /^eslint-plugin-secure-migrate$/, replacement: `${pluginSrc}index.ts` },
      { find: /^eslint-plugin-secure-migrate\/detect$/, replacement: `${pluginSrc}detect/index.ts` },
    ],
  },
  test: {
    globals: true,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__testfixtures__/**', 'docs/example-app/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
