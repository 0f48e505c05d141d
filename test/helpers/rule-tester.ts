/**
 * RuleTester wired to vitest, in two flavours: without type information (the default parser, no project) and
 * with it (a project service over test/rules/fixtures, whose tsconfig resolves real package types).
 */
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

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
