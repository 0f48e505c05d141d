import { symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeProject, read, removeProject, ROOT, runInProcess } from './helpers.js';
import type { Report } from '../../src/cli/report.js';
import { isCommentOnlyChange } from '../../src/cli/verify.js';

const dirs: string[] = [];
function project(files: Record<string, string>, options: { typescript?: boolean } = {}): string {
  const dir = makeProject(files, { commit: false });
  dirs.push(dir);
  if (options.typescript) {
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules/typescript'), path.join(dir, 'node_modules/typescript'), 'dir');
  }
  return dir;
}
afterAll(() => dirs.forEach(removeProject));

const STRICT = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'ES2022',
    moduleResolution: 'bundler',
  },
  include: ['src'],
});

describe('--verify', () => {
  it('names the file and each added diagnostic (code, line, message), and says which TypeScript checked', async () => {
    const dir = project(
      {
        'tsconfig.json': STRICT,
        'src/broken.ts': 'export function f(brokenToken: string) {\n  console.log(brokenToken);\n}\n',
        'src/fine.ts': 'export function g(token: string) {\n  console.log(token);\n}\n',
      },
      { typescript: true },
    );
    const result = await runInProcess(['--verify', '--json', '--no-types', '--force', 'src'], dir);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    const broken = report.files.find((f) => f.path === 'src/broken.ts')!;
    expect(broken.status).toBe('reverted');
    expect(broken.diagnostics).toEqual([
      { code: 2339, line: 2, column: 27, message: "Property 'notAMethod' does not exist on type 'string'." },
    ]);
    expect(broken.error?.message).toBe(
      "TS2339 (line 2, col 27): Property 'notAMethod' does not exist on type 'string'.",
    );
    expect(read(dir, 'src/broken.ts')).toContain('console.log(brokenToken);');
    expect(read(dir, 'src/fine.ts')).toContain('sanitizeForLogging(token)');
    expect(report.verify).toMatchObject({
      source: 'project',
      typescript: expect.stringMatching(/^\d+\.\d+/),
    });

    const human = await runInProcess(['--verify', '--no-types', '--force', 'src'], dir);
    expect(human.stdout).toContain(
      "src/broken.ts:2:27  the change adds type errors (--verify): TS2339 (line 2, col 27): Property 'notAMethod'",
    );
    expect(human.stdout).toContain("--verify used the project's TypeScript");
  });

  it('falls back to the TypeScript bundled with ts-morph only when the project has none, and says so', async () => {
    const dir = project({
      'tsconfig.json': STRICT,
      'src/a.ts': 'export const f = (token: string) => console.log(token);\n',
    });
    const result = await runInProcess(['--verify', '--no-types', '--force'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--verify used the TypeScript \S+ bundled with ts-morph/);
  });

  it('ignores project-level diagnostics and errors already there, and never reverts a comment-only change', async () => {
    const dir = project(
      {
        // rootDir excludes a file of the program: TS6059 for the project, not for the files.
        'tsconfig.json': JSON.stringify({
          compilerOptions: { strict: true, noEmit: true, rootDir: 'src', target: 'ES2022' },
          include: ['src', 'other'],
        }),
        'other/x.ts': 'export const x = 1;\n',
        'src/todo-only.ts': 'export function f(rawPassword: string) {\n  console.log(rawPassword);\n}\n',
        'src/old-error.ts':
          'export function g(token: string) {\n  const n: number = "not a number";\n  console.log(token, n);\n}\n',
      },
      { typescript: true },
    );
    const result = await runInProcess(['--verify', '--json', '--no-types', '--force', 'src'], dir);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['src/old-error.ts', 'changed'],
      ['src/todo-only.ts', 'changed'],
    ]);
    expect(result.code).toBe(0);
    expect(read(dir, 'src/todo-only.ts')).toContain('// secure-migrate: TODO (test-logging)');
    expect(read(dir, 'src/old-error.ts')).toContain('sanitizeForLogging(token)');
  });

  it('checks a .cjs file under module node16 without crashing', async () => {
    const dir = project(
      {
        'package.json': '{ "name": "app", "type": "commonjs" }\n',
        'tsconfig.json': JSON.stringify({
          compilerOptions: { module: 'node16', allowJs: true, checkJs: true, strict: true, noEmit: true },
          include: ['src'],
        }),
        'src/a.cjs':
          "'use strict';\nfunction f(token) {\n  console.log(token);\n}\nmodule.exports = { f };\n",
        'src/b.cts': 'export function g(brokenToken: string) {\n  console.log(brokenToken);\n}\n',
      },
      { typescript: true },
    );
    const result = await runInProcess(
      ['--verify', '--json', '--no-types', '--no-package-json', '--force'],
      dir,
    );
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files.find((f) => f.path === 'src/a.cjs')?.status).toBe('changed');
    expect(report.files.find((f) => f.path === 'src/b.cts')?.status).toBe('reverted');
    expect(report.verify?.unchecked).toEqual([]);
    expect(read(dir, 'src/a.cjs')).toContain("require('@secure-migrate/runtime')");
  });

  it('isCommentOnlyChange: whole comment lines only', () => {
    expect(isCommentOnlyChange('a();\n', '  // TODO x\n  // more\na();\n')).toBe(true);
    expect(isCommentOnlyChange('a();\n', 'b();\na();\n')).toBe(false);
    expect(isCommentOnlyChange('a();\n', 'a(); // trailing\n')).toBe(false);
  });
});
