/**
 * hardcoded-credentials --refuse-missing-secrets, proven by running programs: small apps that sign a payload with a
 * session secret read at the top level (CommonJS and ES module, `||` and `??`) run with node before and after the
 * migration, in development, in production with the variable set, and in production without it.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import transform from '../../codemods/hardcoded-credentials.js';
import { ensureBuilt } from '../cli/build.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const FALLBACK = 'keyboard cat';
const FROM_ENV = 'set-in-production-0123456789';
/** The message getSecret refuses with (docs/runtime/secrets.md). */
const REFUSAL = 'Secret SESSION_SECRET is not set, and this is production';

const sign = (secret: string) => createHmac('sha256', secret).update('payload').digest('hex');

const APPS: Record<string, string> = {
  'or.cjs': `'use strict';
const { createHmac } = require('node:crypto');

const sessionSecret = process.env.SESSION_SECRET || '${FALLBACK}';

console.log(createHmac('sha256', sessionSecret).update('payload').digest('hex'));
`,
  'nullish.cjs': `'use strict';
const { createHmac } = require('node:crypto');

const sessionSecret = process.env.SESSION_SECRET ?? '${FALLBACK}';

console.log(createHmac('sha256', sessionSecret).update('payload').digest('hex'));
`,
  'or.mjs': `import { createHmac } from 'node:crypto';

export const config = { sessionSecret: process.env['SESSION_SECRET'] || '${FALLBACK}' };

console.log(createHmac('sha256', config.sessionSecret).update('payload').digest('hex'));
`,
  'nullish.mjs': `import { createHmac } from 'node:crypto';

export const config = { sessionSecret: process.env.SESSION_SECRET ?? '${FALLBACK}' };

console.log(createHmac('sha256', config.sessionSecret).update('payload').digest('hex'));
`,
};

let dir: string;
let emptySecretsDir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-secrets-apps-'));
  emptySecretsDir = path.join(dir, 'no-secrets');
  mkdirSync(emptySecretsDir);
  mkdirSync(path.join(dir, 'node_modules', '@secure-migrate'), { recursive: true });
  symlinkSync(
    path.join(ROOT, 'runtime'),
    path.join(dir, 'node_modules', '@secure-migrate', 'runtime'),
    'dir',
  );
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "apps", "private": true }\n');
  for (const [file, text] of Object.entries(APPS)) writeFileSync(path.join(dir, file), text);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an app with only the variables given (NODE_ENV and SESSION_SECRET unset unless given). */
function run(file: string, env: Record<string, string>): Promise<Run> {
  const {
    NODE_ENV: _nodeEnv,
    SESSION_SECRET: _secret,
    SESSION_SECRET_FILE: _file,
    NODE_OPTIONS: _options,
    NODE_V8_COVERAGE: _coverage,
    ...inherited
  } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file],
      {
        cwd: dir,
        timeout: 30_000,
        env: { ...inherited, SECURE_MIGRATE_SECRETS_DIR: emptySecretsDir, ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: stdout.trim(), stderr });
      },
    );
  });
}

/** Runs an app once per environment, at the same time. */
const runAll = (file: string, envs: Record<string, string>[]) =>
  Promise.all(envs.map((env) => run(file, env)));

const development = { NODE_ENV: 'development' };
const productionWith = { NODE_ENV: 'production', SESSION_SECRET: FROM_ENV };
const production = { NODE_ENV: 'production' };

function migrate(file: string): string {
  const source = readFileSync(path.join(dir, file), 'utf8');
  const output =
    transform({ path: path.join(dir, file), source }, {}, { refuseMissingSecrets: true }) ?? source;
  writeFileSync(path.join(dir, file), output);
  return output;
}

describe.each(['or.cjs', 'or.mjs'])('%s: process.env.SESSION_SECRET || fallback', (file) => {
  it('runs with the fallback in production before the migration, and refuses to start after it', async () => {
    // Before: development and production both run; production without the variable signs with the published value.
    const before = await runAll(file, [development, productionWith, production]);
    expect(before.map((r) => [r.code, r.stdout])).toEqual([
      [0, sign(FALLBACK)],
      [0, sign(FROM_ENV)],
      [0, sign(FALLBACK)],
    ]);

    const output = migrate(file);
    expect(output).toContain(`getSecret('SESSION_SECRET', { developmentFallback: '${FALLBACK}' })`);
    expect(output).toContain(
      file.endsWith('.cjs')
        ? "const { getSecret } = require('@secure-migrate/runtime');"
        : "import { getSecret } from '@secure-migrate/runtime';",
    );

    const [dev, devEmpty, prodWith, prodWithout, noNodeEnv] = await runAll(file, [
      development,
      { NODE_ENV: 'test', SESSION_SECRET: '' },
      productionWith,
      production,
      {},
    ]);
    // Development and tests as before (an empty variable is missing for || and getSecret alike).
    expect([dev!.code, dev!.stdout]).toEqual([0, sign(FALLBACK)]);
    expect([devEmpty!.code, devEmpty!.stdout]).toEqual([0, sign(FALLBACK)]);
    // Production with the variable set: as before.
    expect([prodWith!.code, prodWith!.stdout]).toEqual([0, sign(FROM_ENV)]);
    // Production without it (NODE_ENV=production, or unset): refuses to start with the documented message.
    for (const refused of [prodWithout!, noNodeEnv!]) {
      expect(refused.code).not.toBe(0);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain(REFUSAL);
      expect(refused.stderr).toContain('Set the environment variable SESSION_SECRET');
      expect(refused.stderr).not.toContain(FALLBACK);
    }
  });
});

describe.each(['nullish.cjs', 'nullish.mjs'])('%s: process.env.SESSION_SECRET ?? fallback', (file) => {
  it('is left with a TODO and behaves as before, an empty variable included', async () => {
    const envs = [development, productionWith, production, { ...development, SESSION_SECRET: '' }];
    const before = await runAll(file, envs);
    expect(before.map((r) => [r.code, r.stdout])).toEqual([
      [0, sign(FALLBACK)],
      [0, sign(FROM_ENV)],
      [0, sign(FALLBACK)],
      // ?? keeps the empty string: the reason the migration does not rewrite it.
      [0, sign('')],
    ]);
    const output = migrate(file);
    expect(output).toContain(
      `${file.endsWith('.cjs') ? 'sessionSecret =' : 'sessionSecret:'} process.env.SESSION_SECRET ?? '${FALLBACK}'`,
    );
    expect(output).not.toContain('@secure-migrate/runtime');
    expect(output).toContain('secure-migrate: TODO (no-hardcoded-credentials)');
    const after = await runAll(file, envs);
    expect(after.map((r) => [r.code, r.stdout])).toEqual(before.map((r) => [r.code, r.stdout]));
  });
});
