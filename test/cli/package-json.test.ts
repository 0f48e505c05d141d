import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeProject, read, removeProject, runInProcess } from './helpers.js';
import type { Report } from '../../src/cli/report.js';
import {
  detectPackageManager,
  engineWarning,
  importsModule,
  installCommandFor,
  minimumVersion,
} from '../../src/cli/package-json.js';
import { runtimeEnginesNode } from '../../src/cli/version.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeProject));

describe('package.json and the install command', () => {
  it('adds the runtime only to packages whose files now import it, not to those that only got TODOs', async () => {
    const pkgA = '{\n  "name": "a"\n}\n';
    const pkgB = '{\n  "name": "b"\n}\n';
    const dir = project({
      'package.json': '{ "name": "root", "private": true, "packageManager": "pnpm@9.12.0" }\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'packages/a/package.json': pkgA,
      'packages/a/src/login.ts': 'export const f = (token: string) => console.log(token);\n',
      'packages/b/package.json': pkgB,
      'packages/b/src/login.ts': 'export const g = (rawPassword: string) => console.log(rawPassword);\n',
    });
    const result = await runInProcess(['--json'], dir);
    const report = JSON.parse(result.stdout) as Report;
    expect(read(dir, 'packages/b/src/login.ts')).toContain('secure-migrate: TODO');
    expect(read(dir, 'packages/b/package.json')).toBe(pkgB);
    expect(JSON.parse(read(dir, 'packages/a/package.json'))).toEqual({
      name: 'a',
      dependencies: { '@secure-migrate/runtime': '^0.1.0' },
    });
    expect(report.packageJson).toEqual([{ path: 'packages/a/package.json', action: 'added' }]);
    // Never runs a package manager: it says what to run, for the one the workspace uses.
    expect(report.installCommand).toBe('pnpm install');
    const human = await runInProcess(
      ['--force', '--dry'],
      project({
        'yarn.lock': '',
        'package.json': '{ "name": "y" }\n',
        'a.ts': 'console.log(token);\n',
      }),
    );
    expect(human.stderr).toContain('Install the runtime (not done for you): yarn install');
  });

  it('detects the package manager: packageManager wins, then the lock file; npm by default', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-pm-'));
    dirs.push(dir);
    const at = (sub: string, files: Record<string, string>): string => {
      const root = path.join(dir, sub);
      mkdirSync(path.join(root, 'pkg'), { recursive: true });
      for (const [f, t] of Object.entries(files)) writeFileSync(path.join(root, f), t);
      return path.join(root, 'pkg');
    };
    expect(detectPackageManager(at('npm', { 'package-lock.json': '{}' })).manager).toBe('npm');
    expect(detectPackageManager(at('pnpm', { 'pnpm-lock.yaml': '' })).manager).toBe('pnpm');
    expect(detectPackageManager(at('yarn', { 'yarn.lock': '' })).manager).toBe('yarn');
    expect(detectPackageManager(at('bun', { 'bun.lockb': '' })).manager).toBe('bun');
    expect(detectPackageManager(at('bun2', { 'bun.lock': '' })).manager).toBe('bun');
    const field = at('field', {
      'package.json': '{ "packageManager": "yarn@4.5.0" }',
      'package-lock.json': '{}',
    });
    expect(detectPackageManager(field)).toEqual({ manager: 'yarn', root: path.join(dir, 'field') });
    expect(installCommandFor('npm', 'x')).toBe('npm install x');
    expect(installCommandFor('pnpm', 'x')).toBe('pnpm add x');
    expect(installCommandFor('bun')).toBe('bun install');
  });

  it("warns when the target's engines.node allows a Node the runtime does not support", async () => {
    const needs = runtimeEnginesNode();
    expect(needs).toMatch(/^>=\d+/);
    const old = project({
      'package.json': '{ "name": "old", "engines": { "node": ">=14" } }\n',
      'a.ts': 'console.log(token);\n',
    });
    const report = JSON.parse((await runInProcess(['--json'], old)).stdout) as Report;
    expect(report.warnings).toEqual([
      `package.json declares engines.node ">=14", which allows Node 14.0.0, but @secure-migrate/runtime needs Node ${needs}.`,
    ]);
    const current = project({
      'package.json': '{ "name": "new", "engines": { "node": ">=22" } }\n',
      'a.ts': 'console.log(token);\n',
    });
    expect((JSON.parse((await runInProcess(['--json'], current)).stdout) as Report).warnings).toBeUndefined();
  });

  it('reads semver ranges for their lowest version', () => {
    expect(minimumVersion('>=18.14')).toEqual([18, 14, 0]);
    expect(minimumVersion('^20.1.0')).toEqual([20, 1, 0]);
    expect(minimumVersion('~18.17')).toEqual([18, 17, 0]);
    expect(minimumVersion('18.x')).toEqual([18, 0, 0]);
    expect(minimumVersion('>=16 <21')).toEqual([16, 0, 0]);
    expect(minimumVersion('^18 || ^16.20')).toEqual([16, 20, 0]);
    expect(minimumVersion('14.0.0 - 20.0.0')).toEqual([14, 0, 0]);
    expect(minimumVersion('*')).toEqual([0, 0, 0]);
    expect(minimumVersion('<22')).toEqual([0, 0, 0]);
    expect(minimumVersion('latest')).toBeUndefined();
    expect(engineWarning('p', '>=20', 'r', '>=18.14')).toBeUndefined();
    expect(engineWarning('p', '>=18.14.0', 'r', '>=18.14')).toBeUndefined();
    expect(engineWarning('p', '^18.0.0', 'r', '>=18.14')).toContain('allows Node 18.0.0');
  });

  it('importsModule sees import, require and subpaths, not other packages', () => {
    const spec = '@secure-migrate/runtime';
    expect(importsModule("import { a } from '@secure-migrate/runtime';", spec)).toBe(true);
    expect(importsModule('const { a } = require("@secure-migrate/runtime/log");', spec)).toBe(true);
    expect(importsModule("import { a } from '@secure-migrate/runtime-extra';", spec)).toBe(false);
    expect(importsModule('// secure-migrate: TODO use @secure-migrate/runtime', spec)).toBe(false);
  });
});
