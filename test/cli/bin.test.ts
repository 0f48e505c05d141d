import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FLAGS } from '../../src/cli/options.js';
import type { Report } from '../../src/cli/report.js';
import { ensureBuilt } from './build.js';
import { gitApplyCheck, makeProject, read, removeProject, runBin } from './helpers.js';

const APP = {
  'package.json': '{\n  "name": "app",\n  "version": "1.0.0"\n}\n',
  'src/cache.ts': `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export async function saveSession(id: string, accessToken: string) {
  await redis.set(\`session:\${id}\`, accessToken);
}
`,
  'src/login.cjs': `'use strict';
const pino = require('pino');

const logger = pino();

function login(password) {
  logger.info('login attempt', password);
}

module.exports = { login };
`,
  'src/profile.mjs': `export function update(req, profiles) {
  profiles[req.params.id][req.body.field] = req.body.value;
}
`,
  'src/broken.ts': 'export const = ;\n',
};

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  dirs.push(dir);
  return dir;
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => dirs.forEach(removeProject));

describe('the real bin (node bin/secure-migrate.js)', () => {
  it('--help lists every flag and --version prints the package version', () => {
    const help = runBin(['--help'], process.cwd());
    expect(help.code).toBe(0);
    for (const flag of FLAGS) expect(help.stdout).toContain(flag.long);
    const version = runBin(['--version'], process.cwd());
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  }, 180_000);

  it('migrates a repository: dry diff applies, JSON report, import styles, package.json, idempotent re-run', () => {
    const dir = project(APP);
    const dry = runBin(['--dry'], dir);
    expect(dry.code).toBe(3); // pending changes, and one unparsable file: failures win
    expect(gitApplyCheck(dir, dry.stdout)).toEqual({ ok: true, stderr: '' });
    expect(read(dir, 'src/cache.ts')).toBe(APP['src/cache.ts']);

    const run = runBin(['--json'], dir);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.tool.name).toBe('secure-migrate');
    expect(report.totals).toMatchObject({ scanned: 4, changed: 3, failed: 1, rewritten: 2, todos: 1 });
    expect(report.files.find((f) => f.path === 'src/broken.ts')).toMatchObject({
      status: 'failed',
      reason: 'unparsable',
    });
    const todo = report.files.find((f) => f.path === 'src/profile.mjs')!.sites[0]!;
    expect(todo).toMatchObject({ rule: 'no-unsafe-dynamic-assignment', line: 2, column: 3, action: 'todo' });

    expect(read(dir, 'src/cache.ts')).toContain("import { secureCache } from '@secure-migrate/runtime';");
    expect(read(dir, 'src/cache.ts')).toContain('export const redis = secureCache(new Redis(');
    expect(read(dir, 'src/login.cjs')).toContain(
      "const { sanitizeForLogging } = require('@secure-migrate/runtime');",
    );
    expect(read(dir, 'src/login.cjs')).toContain(
      "logger.info('login attempt', sanitizeForLogging(password, { name: 'password' }));",
    );
    expect(read(dir, 'src/profile.mjs')).toContain('// secure-migrate: TODO (no-unsafe-dynamic-assignment)');
    expect(JSON.parse(read(dir, 'package.json')).dependencies).toEqual({
      '@secure-migrate/runtime': '^0.1.0',
    });

    // What --dry printed is exactly what the run wrote.
    const fresh = project(APP);
    spawnSync('git', ['apply', '-'], { cwd: fresh, input: dry.stdout });
    for (const file of ['src/cache.ts', 'src/login.cjs', 'src/profile.mjs', 'package.json']) {
      expect(read(fresh, file)).toBe(read(dir, file));
    }

    const again = runBin(['--force', '--json'], dir);
    const second = JSON.parse(again.stdout) as Report;
    expect(second.totals.changed).toBe(0);
    expect(second.totals.todos).toBe(1);
  }, 180_000);

  it('uses worker threads for larger runs with the same result as in-band', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 68; i++) {
      files[`src/m${String(i).padStart(2, '0')}.ts`] =
        i % 4 === 0
          ? `export function f${i}(token: string) {\n  console.log(token);\n}\n`
          : `export const v${i} = ${i};\n`;
    }
    const a = project(files);
    const b = project(files);
    const parallel = JSON.parse(runBin(['--json', '--workers', '2', '--no-types'], a).stdout) as Report;
    const inBand = JSON.parse(runBin(['--json', '--workers', '1', '--no-types'], b).stdout) as Report;
    expect(parallel.totals).toEqual(inBand.totals);
    expect(parallel.totals.changed).toBe(17);
    expect(read(a, 'src/m40.ts')).toBe(read(b, 'src/m40.ts'));
    expect(read(a, 'src/m40.ts')).toContain("sanitizeForLogging(token, { name: 'token' })");
  }, 180_000);

  it('check exits 1 with eslint-style lines; merge-reports merges shard reports', () => {
    const dir = project(APP);
    const check = runBin(['check', 'src/cache.ts'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^src\/cache\.ts:6:\d+ {2}no-plaintext-cache-write {2}.*in plaintext/m);
    const shards = [1, 2].map((i) => {
      const out = runBin(['--dry', '--json', '--shard', `${i}/2`], dir).stdout;
      const file = path.join(dir, `shard-${i}.json`);
      writeFileSync(file, out);
      return file;
    });
    const merged = runBin(['merge-reports', '--json', ...shards], dir);
    expect((JSON.parse(merged.stdout) as Report).totals.scanned).toBe(4);
  }, 180_000);
});
