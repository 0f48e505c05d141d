/**
 * Whole-project fixtures of the transforms (`__testfixtures__/<set>/<name>/`): copied into a temporary directory
 * with this repository's node_modules linked in, migrated in process, and proven by running their own tests.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import type { Report } from '../../src/cli/report.js';
import { ROOT as root, runInProcess } from '../cli/helpers.js';

export { read } from '../cli/helpers.js';

/** The outcome of a fixture's own tests. */
export interface FixtureTestRun {
  code: number;
  output: string;
}

/** Copies of the fixtures of one set (`encrypt-cache-projects`), in one temporary directory. */
export function projectFixtures(set: string): {
  /**
   * A copy of fixture `name` named `as`, with the repository's node_modules linked in (the runtime is the
   * workspace's) unless `linkModules` is false.
   */
  copyOf(name: string, as: string, options?: { linkModules?: boolean }): string;
  /** Links the repository's node_modules above the copies (found by copies made without their own link). */
  linkModulesAbove(): void;
  /** Removes every copy. */
  cleanup(): void;
} {
  const fixtures = fileURLToPath(new URL(`./__testfixtures__/${set}/`, import.meta.url));
  const work = mkdtempSync(path.join(tmpdir(), `${set}-`));
  return {
    copyOf(name, as, { linkModules = true } = {}) {
      const dir = path.join(work, as);
      cpSync(path.join(fixtures, name), dir, { recursive: true });
      if (linkModules) symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      return dir;
    },
    linkModulesAbove: () =>
      symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir'),
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** Runs a fixture's own tests (`node --import tsx --test test/functional.spec.ts`, TAP) with `env` added. */
export function runFixtureTests(
  dir: string,
  env: Record<string, string>,
  timeout = 120_000,
): Promise<FixtureTestRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=tap', 'test/functional.spec.ts'],
      { cwd: dir, env: { ...process.env, NODE_ENV: 'test', NODE_OPTIONS: '', ...env }, timeout },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** How many of the fixture's tests passed (TAP's `# pass` line). */
export const passed = (run: FixtureTestRun): number => Number(/^# pass (\d+)/m.exec(run.output)?.[1] ?? 0);

/**
 * Runs the CLI in process on `dir` with transform `transform` (`--json --force --no-package-json`), expects it to
 * succeed without an error, and returns its JSON report. `definitions`: the transforms the CLI knows (null: all).
 */
export async function migrateProject(
  dir: string,
  transform: string,
  extra: readonly string[] = [],
  definitions: readonly TransformDefinition[] | null = null,
): Promise<Report> {
  const run = await runInProcess(
    ['--json', '--force', '--no-package-json', '-t', transform, ...extra, '.'],
    dir,
    definitions,
  );
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** A file's text with its comment lines joined, so a TODO reads as one line. */
export const joined = (text: string): string => text.replace(/\n\s*\/\/ /g, ' ');
