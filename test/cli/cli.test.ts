import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gitApplyCheck, makeProject, read, removeProject, runInProcess } from './helpers.js';
import type { Report } from '../../src/cli/report.js';

const LOGGING = `import { db } from './db.js';

export function login(token: string, rawPassword: string) {
  // keep this comment
  console.log('login', token, db);
  if (db) console.info(rawPassword);
}
`;

const dirs: string[] = [];
function project(files: Record<string, string>, options?: { git?: boolean; commit?: boolean }): string {
  const dir = makeProject(files, options);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeProject));

describe('secure-migrate (in-process, test transform)', () => {
  it('rewrites sites, adds the import once, leaves TODOs, and a second run changes nothing', async () => {
    const dir = project({ 'src/login.ts': LOGGING, 'package.json': '{\n    "name": "app"\n}\n' });
    const first = await runInProcess(['--no-types'], dir);
    expect(first.code).toBe(0);
    const out = read(dir, 'src/login.ts');
    expect(out).toBe(`import { db } from './db.js';
import { sanitizeForLogging } from '@secure-migrate/runtime';

export function login(token: string, rawPassword: string) {
  // keep this comment
  console.log('login', sanitizeForLogging(token), db);
  // secure-migrate: TODO (test-logging) "rawPassword" is logged. Decide what to log.
  if (db) console.info(rawPassword);
}
`);
    expect(first.stdout).toMatch(/sites rewritten\s+1/);
    expect(first.stdout).toMatch(/TODOs left\s+1/);
    expect(first.stdout).toContain('src/login.ts:6:');
    // package.json gets the dependency with its own indentation.
    expect(read(dir, 'package.json')).toBe(
      '{\n    "name": "app",\n    "dependencies": {\n        "@secure-migrate/runtime": "^0.1.0"\n    }\n}\n',
    );
    const second = await runInProcess(['--no-types', '--force'], dir);
    expect(second.code).toBe(0);
    expect(read(dir, 'src/login.ts')).toBe(out);
    expect(second.stdout).toMatch(/changed\s+0/);
    expect(second.stdout).toMatch(/TODOs left\s+1/);
  });

  it('refuses a dirty tree under the target unless --force, ignoring changes elsewhere', async () => {
    const dir = project({ 'src/a.ts': 'console.log(token);\n', 'other/b.ts': 'export {};\n' });
    writeFileSync(path.join(dir, 'src/a.ts'), 'console.log(token);\n// edited\n');
    const refused = await runInProcess(['src'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('src/a.ts');
    expect(read(dir, 'src/a.ts')).toBe('console.log(token);\n// edited\n');

    const elsewhere = await runInProcess(['other'], dir);
    expect(elsewhere.code).toBe(0);

    // Without paths the whole repository is the target.
    const whole = await runInProcess([], dir);
    expect(whole.code).toBe(2);
    expect(whole.stderr).not.toContain('not a git repository');

    const forced = await runInProcess(['src', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toContain('sanitizeForLogging(token)');
  });

  it('warns outside a git repository and still runs', async () => {
    const dir = project({ 'a.ts': 'console.log(token);\n' }, { git: false });
    const result = await runInProcess([], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('not a git repository');
    expect(read(dir, 'a.ts')).toContain('sanitizeForLogging(token)');
  });

  it('--dry writes nothing and prints a diff that git apply accepts; exit 1 when changes are pending', async () => {
    const dir = project({ 'src/login.ts': LOGGING, 'package.json': '{ "name": "app" }\n' });
    const result = await runInProcess(['--dry'], dir);
    expect(result.code).toBe(1);
    expect(read(dir, 'src/login.ts')).toBe(LOGGING);
    expect(result.stdout).toContain('diff --git a/src/login.ts b/src/login.ts');
    expect(result.stdout).toContain('--- a/package.json');
    expect(result.stderr).toMatch(/dry run/);
    const check = gitApplyCheck(dir, result.stdout);
    expect(check.stderr).toBe('');
    expect(check.ok).toBe(true);
    // Applying the patch gives exactly what a real run writes.
    const real = project({ 'src/login.ts': LOGGING, 'package.json': '{ "name": "app" }\n' });
    await runInProcess([], real);
    const { spawnSync } = await import('node:child_process');
    spawnSync('git', ['apply', '-'], { cwd: dir, input: result.stdout });
    expect(read(dir, 'src/login.ts')).toBe(read(real, 'src/login.ts'));
    expect(read(dir, 'package.json')).toBe(read(real, 'package.json'));

    const clean = project({ 'src/none.ts': 'export const x = 1;\n' });
    expect((await runInProcess(['--dry'], clean)).code).toBe(0);
  });

  it('--json prints only the report on stdout, with per-site rule, position, action and reason', async () => {
    const dir = project({ 'src/login.ts': LOGGING, 'src/clean.ts': 'export const a = 1;\n' });
    const result = await runInProcess(['--json', '--no-package-json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'secure-migrate', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(report.command).toBe('migrate');
    expect(report.transforms).toEqual(['test-logging']);
    expect(report.totals).toEqual({
      scanned: 2,
      changed: 1,
      unchanged: 1,
      skipped: 0,
      failed: 0,
      rewritten: 1,
      todos: 1,
      ignored: 0,
      clientsWrapped: 0,
    });
    expect(report.files).toEqual([
      {
        path: 'src/login.ts',
        status: 'changed',
        sites: [
          {
            rule: 'test-logging',
            line: 5,
            column: 24,
            action: 'rewritten',
            reason: '"token" is logged.',
            message: '"token" is logged.',
            messageId: 'leak',
            // What identifies the site apart from its position: its text's hash and its enclosing function.
            context: { textHash: expect.stringMatching(/^[0-9a-f]{16}$/), scope: 'login' },
          },
          {
            rule: 'test-logging',
            line: 6,
            column: 24,
            action: 'todo',
            reason: '"rawPassword" is logged. Decide what to log.',
            message: '"rawPassword" is logged.',
            messageId: 'leak',
            context: { textHash: expect.stringMatching(/^[0-9a-f]{16}$/), scope: 'login' },
          },
        ],
      },
    ]);
    expect(report.exitCode).toBe(0);
  });

  it('honours .gitignore files at every level and never touches node_modules, dist, build, coverage or .d.ts', async () => {
    const files: Record<string, string> = {
      '.gitignore': 'generated/\n',
      'src/.gitignore': 'local-*.ts\n',
      'src/app.ts': 'console.log(token);\n',
      'src/local-dev.ts': 'console.log(token);\n',
      'generated/x.ts': 'console.log(token);\n',
      'node_modules/dep/index.ts': 'console.log(token);\n',
      'dist/out.js': 'console.log(token);\n',
      'build/out.js': 'console.log(token);\n',
      'coverage/c.js': 'console.log(token);\n',
      'types/t.d.ts': 'declare const token: string;\n',
    };
    for (const git of [true, false]) {
      const dir = project(files, { git });
      const result = await runInProcess(['--json', '--force'], dir);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.files.map((f) => f.path)).toEqual(['src/app.ts']);
      for (const [file, text] of Object.entries(files)) {
        if (file !== 'src/app.ts') expect(read(dir, file)).toBe(text);
      }
      expect(read(dir, 'src/app.ts')).toContain('sanitizeForLogging(token)');
    }
  });

  it('reports an unparsable file and continues with the others (exit 3)', async () => {
    const dir = project({ 'src/bad.ts': 'console.log(token;\n', 'src/good.ts': 'console.log(token);\n' });
    const result = await runInProcess(['--json'], dir);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    const bad = report.files.find((f) => f.path === 'src/bad.ts');
    expect(bad).toMatchObject({ status: 'failed', reason: 'unparsable', error: { line: 1 } });
    expect(read(dir, 'src/bad.ts')).toBe('console.log(token;\n');
    expect(read(dir, 'src/good.ts')).toContain('sanitizeForLogging(token)');
    expect(report.totals.failed).toBe(1);
    expect(report.totals.changed).toBe(1);
  });

  it('never writes an output that does not re-parse: the file is reported as failed and left as it was', async () => {
    const dir = project({ 'src/a.ts': 'console.log(badToken);\n', 'src/b.ts': 'console.log(token);\n' });
    const result = await runInProcess(['--json'], dir);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files.find((f) => f.path === 'src/a.ts')).toMatchObject({
      status: 'failed',
      reason: 'output does not parse',
    });
    expect(read(dir, 'src/a.ts')).toBe('console.log(badToken);\n');
    expect(read(dir, 'src/b.ts')).toContain('sanitizeForLogging(token)');
  });

  it('--verify keeps the old text of a file whose change adds type errors', async () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022' },
        include: ['src'],
      }),
      'src/broken.ts': 'export function f(brokenToken: string) {\n  console.log(brokenToken);\n}\n',
      'src/fine.ts': 'export function g(token: string) {\n  console.log(token);\n}\n',
    });
    const result = await runInProcess(['--verify', '--json', '--no-types'], dir);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    const broken = report.files.find((f) => f.path === 'src/broken.ts');
    expect(broken?.status).toBe('reverted');
    expect(broken?.error?.message).toContain('notAMethod');
    expect(read(dir, 'src/broken.ts')).toContain('console.log(brokenToken);');
    expect(read(dir, 'src/fine.ts')).toContain('sanitizeForLogging(token)');
  });

  it('uses require() in CommonJS files and import in ES modules, merging with an existing runtime import', async () => {
    const dir = project({
      'a.cjs': "'use strict';\nconst fs = require('fs');\n\nconsole.log(token, fs);\n",
      'b.mjs': "import { secureCache } from '@secure-migrate/runtime';\nconsole.log(token, secureCache);\n",
      'c.js':
        "const { secureAssign } = require('@secure-migrate/runtime');\nconsole.log(password, secureAssign);\nmodule.exports = {};\n",
    });
    expect((await runInProcess(['--no-package-json'], dir)).code).toBe(0);
    expect(read(dir, 'a.cjs')).toBe(
      "'use strict';\nconst fs = require('fs');\nconst { sanitizeForLogging } = require('@secure-migrate/runtime');\n\nconsole.log(sanitizeForLogging(token), fs);\n",
    );
    expect(read(dir, 'b.mjs')).toBe(
      "import { secureCache, sanitizeForLogging } from '@secure-migrate/runtime';\nconsole.log(sanitizeForLogging(token), secureCache);\n",
    );
    expect(read(dir, 'c.js')).toBe(
      "const { secureAssign, sanitizeForLogging } = require('@secure-migrate/runtime');\nconsole.log(sanitizeForLogging(password), secureAssign);\nmodule.exports = {};\n",
    );
  });

  it('--runtime-import changes the specifier and the dependency added', async () => {
    const dir = project({ 'package.json': '{\n  "name": "app"\n}\n', 'a.ts': 'console.log(token);\n' });
    expect((await runInProcess(['--runtime-import', '@acme/secure'], dir)).code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(
      "import { sanitizeForLogging } from '@acme/secure';\n\nconsole.log(sanitizeForLogging(token));\n",
    );
    expect(JSON.parse(read(dir, 'package.json'))).toEqual({
      name: 'app',
      dependencies: { '@acme/secure': '*' },
    });
  });

  it('skips a package.json that already has the runtime, and prints the install command when there is none', async () => {
    const pkg = '{\n\t"name": "app",\n\t"devDependencies": { "@secure-migrate/runtime": "0.1.0" }\n}\n';
    const withDep = project({ 'package.json': pkg, 'a.ts': 'console.log(token);\n' });
    const r1 = await runInProcess(['--json'], withDep);
    expect(read(withDep, 'package.json')).toBe(pkg);
    expect((JSON.parse(r1.stdout) as Report).packageJson).toEqual([
      { path: 'package.json', action: 'present' },
    ]);
    const none = project({ 'a.ts': 'console.log(token);\n' });
    const r2 = await runInProcess([], none);
    expect(r2.stdout).toContain('npm install @secure-migrate/runtime');
  });

  it('--shard splits the sorted files stably and merge-reports gives the unsharded totals', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`src/f${i}.ts`] = i % 2 ? 'console.log(token);\n' : 'export {};\n';
    const dir = project(files);
    const whole = JSON.parse((await runInProcess(['--dry', '--json'], dir)).stdout) as Report;
    const parts: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = (await runInProcess(['--dry', '--json', '--shard', `${i}/3`], dir)).stdout;
      const file = path.join(dir, `shard${i}.json`);
      writeFileSync(file, out);
      parts.push(file);
      expect((JSON.parse(out) as Report).shard).toEqual({ index: i, total: 3 });
    }
    const scanned = parts.map((p) => (JSON.parse(read(dir, path.basename(p))) as Report).totals.scanned);
    expect(scanned.reduce((a, b) => a + b, 0)).toBe(7);
    const merged = await runInProcess(['merge-reports', '--json', ...parts], dir);
    const report = JSON.parse(merged.stdout) as Report;
    expect(report.totals).toEqual(whole.totals);
    expect(report.files).toEqual(whole.files);
    expect(report.reports).toBe(3);
    expect(merged.code).toBe(whole.exitCode);
  });

  it('check prints findings eslint-style without writing, exit 1; exit 0 when clean', async () => {
    const dir = project({ 'src/login.ts': LOGGING });
    const result = await runInProcess(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/login.ts:5:24  test-logging  "token" is logged.');
    expect(result.stdout).toContain('src/login.ts:6:24  test-logging');
    expect(read(dir, 'src/login.ts')).toBe(LOGGING);
    const clean = project({ 'a.ts': 'export {};\n' });
    const ok = await runInProcess(['check'], clean);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('No findings');
  });

  it('exits 2 on usage errors', async () => {
    const dir = project({ 'a.ts': 'export {};\n' });
    for (const args of [
      ['--nope'],
      ['-t', 'no-such-transform'],
      ['--shard', '3/2'],
      ['--workers', '0'],
      ['missing-dir'],
      ['check', '--dry'],
    ]) {
      const result = await runInProcess(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/secure-migrate: /);
    }
  });

  it('the secure-migrate-ignore comment leaves a site alone', async () => {
    const dir = project({
      'a.ts':
        '// secure-migrate-ignore\nconsole.log(token);\nconsole.log(password); // secure-migrate-ignore\n',
    });
    const result = await runInProcess(['--json'], dir);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.totals.ignored).toBe(2);
    expect(read(dir, 'a.ts')).not.toContain('sanitizeForLogging');
  });

  it('never writes partial files: the target directory holds no temporary files after a run', async () => {
    const dir = project({ 'src/a.ts': 'console.log(token);\n' });
    await runInProcess([], dir);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(dir, 'src'))).toEqual(['a.ts']);
    expect(existsSync(path.join(dir, 'src/a.ts'))).toBe(true);
  });
});
