/**
 * RuleTester wired to vitest, in two flavours: without type information (the default parser, no project) and
 * with it (a project service over test/rules/fixtures, whose tsconfig resolves real package types).
 */
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

/**
 * A case's first type query on heavy package types (node-redis' client type) takes seconds, and far longer on a
 * machine busy with other suites: a typed case gets two minutes rather than the default thirty seconds.
 */
export const CASE_TIMEOUT_MS = 120_000;

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (text, callback) => it(text, callback, CASE_TIMEOUT_MS);
RuleTester.itOnly = (text, callback) => it.only(text, callback, CASE_TIMEOUT_MS);

/** The fixture project the typed tester lints in. */
export const fixturesDir = fileURLToPath(new URL('../rules/fixtures/', import.meta.url));

/** A tester without type information: rules fall back to syntax. */
export function createUntypedRuleTester(): RuleTester {
  return new RuleTester();
}

/** A tester with type information from the fixture project (`file.ts`, real `node_modules` types). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    defaultFilenames: { ts: `${fixturesDir}file.ts`, tsx: `${fixturesDir}react.tsx` },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
