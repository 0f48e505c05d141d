/**
 * `getSecret` and `loadSecrets`: the sources and their order, mounted files read again when they change, the
 * secrets directory, asynchronous providers, the production refusal (decided by keyEnvironment) and its
 * messages, the development fallback and the random value with its one warning, one state for every loaded copy,
 * and no value in any error.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSecureMigrateError, SecretError } from '@secure-migrate/runtime/errors';
import { sanitizeForLogging } from '@secure-migrate/runtime/log';
import {
  configureSecrets,
  DEFAULT_SECRETS_DIRECTORY,
  getSecret,
  loadSecrets,
  RANDOM_SECRET_WARNING,
  SHORT_SECRET_WARNING,
} from '@secure-migrate/runtime/secrets';
import { ensureRuntimeBuilt } from './build-runtime.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

type SharedState = Record<string, unknown>;
const shared = (): SharedState | undefined =>
  (globalThis as Record<symbol, SharedState | undefined>)[Symbol.for('secure-migrate.runtime')];

/** A value no test writes twice, so a match cannot come from another test. */
const fresh = (label: string): string => `${label}-${randomBytes(12).toString('base64url')}`;

/** The error `fn` throws (failing the test when it throws none). */
function thrown(fn: () => unknown): SecretError {
  try {
    fn();
  } catch (error) {
    return error as SecretError;
  }
  throw new Error('expected an error');
}

/** The error `promise` rejects with (failing the test when it resolves). */
async function rejected(promise: Promise<unknown>): Promise<SecretError> {
  try {
    await promise;
  } catch (error) {
    return error as SecretError;
  }
  throw new Error('expected a rejection');
}

let dir: string;
let secretsDir: string;

beforeEach(() => {
  // Secrets state and the registry of known values are process state: every test starts from none.
  const state = shared();
  if (state) {
    delete state['secrets@1'];
    delete state['log-known-secrets@1'];
    delete state['log@2'];
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'secrets-test-'));
  secretsDir = path.join(dir, 'run-secrets');
  mkdirSync(secretsDir);
  // Files are looked at on every read here; the test of the check interval sets one.
  configureSecrets({ directory: secretsDir, fileCheckInterval: 0 });
  vi.stubEnv('NODE_ENV', 'test');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('sources', () => {
  it('reads the environment variable', () => {
    const value = fresh('env');
    vi.stubEnv('API_TOKEN', value);
    expect(getSecret('API_TOKEN')).toBe(value);
  });

  it('reads the file NAME_FILE names, without its trailing line break', () => {
    const file = path.join(dir, 'token.txt');
    const value = fresh('file');
    writeFileSync(file, `${value}\n`);
    vi.stubEnv('API_TOKEN_FILE', file);
    expect(getSecret('API_TOKEN')).toBe(value);
    writeFileSync(file, `${value}\r\n`);
    expect(getSecret('API_TOKEN')).toBe(value);
  });

  it('reads the file of that name in the secrets directory, or its lower-case name', () => {
    const upper = fresh('upper');
    const lower = fresh('lower');
    writeFileSync(path.join(secretsDir, 'DB_PASSWORD'), upper);
    writeFileSync(path.join(secretsDir, 'redis_password'), lower);
    expect(getSecret('DB_PASSWORD')).toBe(upper);
    expect(getSecret('REDIS_PASSWORD')).toBe(lower);
  });

  it('takes the directory from SECURE_MIGRATE_SECRETS_DIR, then /run/secrets, unless configured', () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const other = path.join(dir, 'other');
    mkdirSync(other);
    const value = fresh('dir');
    writeFileSync(path.join(other, 'SMTP_PASSWORD'), value);
    vi.stubEnv('SECURE_MIGRATE_SECRETS_DIR', other);
    expect(getSecret('SMTP_PASSWORD')).not.toBe(value); // configured directory first
    configureSecrets({ directory: undefined });
    expect(getSecret('SMTP_PASSWORD')).toBe(value);
    vi.stubEnv('SECURE_MIGRATE_SECRETS_DIR', '');
    vi.stubEnv('NODE_ENV', 'production');
    expect(thrown(() => getSecret('SMTP_PASSWORD')).message).toContain(DEFAULT_SECRETS_DIRECTORY);
    configureSecrets({ directory: false });
    expect(thrown(() => getSecret('SMTP_PASSWORD')).message).not.toContain('secrets directory');
  });

  it('asks the sources in order: variable, NAME_FILE, secrets directory, loadSecrets', async () => {
    const values = { env: fresh('env'), file: fresh('file'), dir: fresh('dir'), loaded: fresh('loaded') };
    const file = path.join(dir, 'order.txt');
    writeFileSync(file, values.file);
    writeFileSync(path.join(secretsDir, 'ORDER_SECRET'), values.dir);
    await loadSecrets({ providers: [() => ({ ORDER_SECRET: values.loaded })] });
    vi.stubEnv('ORDER_SECRET', values.env);
    vi.stubEnv('ORDER_SECRET_FILE', file);
    expect(getSecret('ORDER_SECRET')).toBe(values.env);
    vi.stubEnv('ORDER_SECRET', '');
    expect(getSecret('ORDER_SECRET')).toBe(values.file);
    vi.stubEnv('ORDER_SECRET_FILE', '');
    expect(getSecret('ORDER_SECRET')).toBe(values.dir);
    rmSync(path.join(secretsDir, 'ORDER_SECRET'));
    expect(getSecret('ORDER_SECRET')).toBe(values.loaded);
  });

  it('reads NAME_FILE again when the file changes, also at the same size', () => {
    const file = path.join(dir, 'rotating.txt');
    const first = fresh('one');
    const second = fresh('two');
    expect(second.length).toBe(first.length);
    writeFileSync(file, first);
    vi.stubEnv('ROTATING_SECRET_FILE', file);
    expect(getSecret('ROTATING_SECRET')).toBe(first);
    expect(getSecret('ROTATING_SECRET')).toBe(first);
    writeFileSync(file, second);
    expect(getSecret('ROTATING_SECRET')).toBe(second);
    // Same size and a modification time set back to the first one's: the change time still differs.
    const third = fresh('six');
    writeFileSync(file, third);
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    expect(getSecret('ROTATING_SECRET')).toBe(third);
  });

  it('within the check interval a read looks at no file; the first read after it sees the change', async () => {
    configureSecrets({ fileCheckInterval: 150 });
    const file = path.join(dir, 'interval.txt');
    const [first, second] = [fresh('one'), fresh('two')];
    writeFileSync(file, first);
    vi.stubEnv('INTERVAL_SECRET_FILE', file);
    writeFileSync(path.join(secretsDir, 'DIR_SECRET'), first);
    expect(getSecret('INTERVAL_SECRET')).toBe(first);
    expect(getSecret('DIR_SECRET')).toBe(first);
    expect(getSecret('LATER_SECRET', { required: false })).toBeUndefined();
    writeFileSync(file, second);
    writeFileSync(path.join(secretsDir, 'DIR_SECRET'), second);
    writeFileSync(path.join(secretsDir, 'LATER_SECRET'), second);
    expect(getSecret('INTERVAL_SECRET')).toBe(first);
    expect(getSecret('DIR_SECRET')).toBe(first);
    expect(getSecret('LATER_SECRET', { required: false })).toBeUndefined(); // a missing file is remembered too
    await new Promise((r) => setTimeout(r, 200));
    expect(getSecret('INTERVAL_SECRET')).toBe(second);
    expect(getSecret('DIR_SECRET')).toBe(second);
    expect(getSecret('LATER_SECRET', { required: false })).toBe(second);
    expect(() => configureSecrets({ fileCheckInterval: -1 })).toThrow(/fileCheckInterval/);
  });

  it('follows a Kubernetes-style mount whose ..data link is swapped to a new version', () => {
    const mount = path.join(dir, 'mount');
    mkdirSync(path.join(mount, 'v1'), { recursive: true });
    mkdirSync(path.join(mount, 'v2'));
    const [one, two] = [fresh('v1'), fresh('v2')];
    writeFileSync(path.join(mount, 'v1', 'signing-key'), one);
    writeFileSync(path.join(mount, 'v2', 'signing-key'), two);
    symlinkSync('v1', path.join(mount, '..data'));
    symlinkSync('..data/signing-key', path.join(mount, 'signing-key'));
    vi.stubEnv('SIGNING_KEY_FILE', path.join(mount, 'signing-key'));
    expect(getSecret('SIGNING_KEY')).toBe(one);
    symlinkSync('v2', path.join(mount, '..data_tmp'));
    renameSync(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
    expect(getSecret('SIGNING_KEY')).toBe(two);
  });

  it('a NAME_FILE that cannot be read is an error in every environment, without the value', () => {
    const file = path.join(dir, 'missing.txt');
    vi.stubEnv('BROKEN_SECRET_FILE', file);
    const err = thrown(() => getSecret('BROKEN_SECRET', { developmentFallback: 'fallback-value-1' }));
    expect(isSecureMigrateError(err, 'ERR_SECRET_INVALID')).toBe(true);
    expect(err.secret).toBe('BROKEN_SECRET');
    expect(err.message).toContain('BROKEN_SECRET_FILE');
    expect(err.message).toContain('ENOENT');
    expect(err.message).not.toContain('fallback-value-1');
    vi.stubEnv('BROKEN_SECRET_FILE', dir);
    expect(thrown(() => getSecret('BROKEN_SECRET')).message).toContain('EISDIR');
    if (process.getuid?.() !== 0) {
      const value = fresh('unreadable');
      writeFileSync(file, value);
      chmodSync(file, 0o000);
      const denied = thrown(() => getSecret('BROKEN_SECRET'));
      expect(denied.message).toContain('EACCES');
      expect(denied.message).not.toContain(value);
    }
  });

  it('an empty variable or file counts as not set', () => {
    const value = fresh('dir');
    const file = path.join(dir, 'empty.txt');
    writeFileSync(file, '\n');
    writeFileSync(path.join(secretsDir, 'EMPTY_SECRET'), value);
    vi.stubEnv('EMPTY_SECRET', '');
    vi.stubEnv('EMPTY_SECRET_FILE', file);
    expect(getSecret('EMPTY_SECRET')).toBe(value);
  });

  it('refuses a secret value passed as the name, without repeating it', () => {
    const values = [
      `sk_live_${'51HxYzAbCdEfGhIjKlMnOpQr'}`,
      `ghp_${'Z9y8X7w6V5'.repeat(3)}abcdef`,
      randomBytes(32)
        .toString('base64url')
        .replace(/^[^A-Za-z]/, 'k'),
    ];
    for (const value of values) {
      const err = thrown(() => getSecret(value));
      expect(err.code, value).toBe('ERR_INVALID_ARGUMENT');
      expect(err.message).toContain('looks like a secret value');
      expect(err.message).not.toContain(value);
    }
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'GITHUB_TOKEN',
      'STRIPE_SECRET_KEY',
      'db-password',
      'npm_token',
    ]) {
      expect(getSecret(name, { developmentFallback: 'dev-value' }), name).toBe('dev-value');
    }
  });

  it('refuses names that are no variable names (no path out of the secrets directory)', () => {
    for (const name of ['', '../etc/passwd', 'a/b', '1ABC', 'A B']) {
      expect(() => getSecret(name), name).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    }
    expect(() => getSecret('X', { minLength: -1 })).toThrow(/minLength/);
  });
});

describe('loadSecrets', () => {
  it('runs asynchronous providers, caches their values for getSecret and returns the names', async () => {
    const stripe = fresh('stripe');
    const vault = fresh('vault');
    const names = await loadSecrets({
      providers: [
        async () => {
          await new Promise((r) => setTimeout(r, 20));
          return { STRIPE_API_KEY: stripe, UNUSED: undefined };
        },
        () => Promise.resolve(new Map([['VAULT_DB_PASSWORD', vault]])),
      ],
    });
    expect(names.sort()).toEqual(['STRIPE_API_KEY', 'VAULT_DB_PASSWORD']);
    expect(getSecret('STRIPE_API_KEY')).toBe(stripe);
    expect(getSecret('VAULT_DB_PASSWORD')).toBe(vault);
  });

  it('runs the providers concurrently; the earlier provider wins a name both return', async () => {
    const started: number[] = [];
    const slow = async () => {
      started.push(1);
      await new Promise((r) => setTimeout(r, 50));
      return { SHARED_SECRET: 'from-the-first-provider' };
    };
    const quick = async () => {
      started.push(2);
      return { SHARED_SECRET: 'from-the-second-provider' };
    };
    const run = loadSecrets({ providers: [slow, quick] });
    expect(started).toEqual([1, 2]);
    await run;
    expect(getSecret('SHARED_SECRET')).toBe('from-the-first-provider');
    await loadSecrets({ providers: [() => ({ SHARED_SECRET: 'replaced-by-second-call' })] });
    expect(getSecret('SHARED_SECRET')).toBe('replaced-by-second-call');
  });

  it('a failing provider or a non-string value rejects, caches nothing and names no value', async () => {
    const value = fresh('kept-out');
    const cause = new Error('access denied');
    const failed = await rejected(
      loadSecrets({
        providers: [
          () => ({ GOOD_ONE: value }),
          async function vault() {
            throw cause;
          },
        ],
      }),
    );
    expect(isSecureMigrateError(failed, 'ERR_SECRET_INVALID')).toBe(true);
    expect(failed.message).toBe('loadSecrets: provider #2 (vault) failed.');
    expect(failed.cause).toBe(cause);
    vi.stubEnv('NODE_ENV', 'production');
    expect(thrown(() => getSecret('GOOD_ONE')).code).toBe('ERR_SECRET_MISSING');

    const bad = await rejected(
      loadSecrets({
        providers: [() => ({ PORT_SECRET: 12345678 as unknown as string })],
      }),
    );
    expect(bad.code).toBe('ERR_SECRET_INVALID');
    expect(bad.secret).toBe('PORT_SECRET');
    expect(bad.message).not.toContain('12345678');
    const notObject = await rejected(
      loadSecrets({
        providers: [() => 'x' as unknown as Record<string, string>],
      }),
    );
    expect(notObject.message).toContain('returned string');
    await expect(
      loadSecrets({ providers: ['x' as unknown as () => Record<string, string>] }),
    ).rejects.toThrow(/array of functions/);
  });
});

describe('production (as keyEnvironment decides)', () => {
  const cases: [string, string | undefined, string][] = [
    ['unset', undefined, 'NODE_ENV is not set'],
    ['production', 'production', 'NODE_ENV=production'],
    ['staging', 'staging', 'NODE_ENV=staging'],
  ];
  for (const [label, nodeEnv, description] of cases) {
    it(`NODE_ENV ${label}: a missing secret throws at the first read, naming it and how to set it`, () => {
      vi.stubEnv('NODE_ENV', nodeEnv);
      const err = thrown(() => getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' }));
      expect(err).toBeInstanceOf(SecretError);
      expect(err.code).toBe('ERR_SECRET_MISSING');
      expect(err.secret).toBe('SESSION_SECRET');
      expect(err.message).toBe(
        `Secret SESSION_SECRET is not set, and this is production (${description}; only development and test ` +
          'are not), where no development value is used. Set the environment variable SESSION_SECRET, or ' +
          'SESSION_SECRET_FILE to the path of a file that holds it (a mounted Docker or Kubernetes secret), or ' +
          `put it in the file SESSION_SECRET of the secrets directory ${secretsDir} (SECURE_MIGRATE_SECRETS_DIR ` +
          'or configureSecrets({ directory }) changes it), or return it from a loadSecrets provider.',
      );
      expect(err.message).not.toContain('keyboard cat');
    });
  }

  it('a set secret is returned; required: false gives undefined instead of the fallback', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const value = fresh('prod');
    vi.stubEnv('SESSION_SECRET', value);
    expect(getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' })).toBe(value);
    expect(
      getSecret('OPTIONAL_SECRET', { required: false, developmentFallback: 'dev-only' }),
    ).toBeUndefined();
  });

  it('a value shorter than minLength throws, with its length and source but not the value', () => {
    vi.stubEnv('NODE_ENV', 'Production');
    vi.stubEnv('JWT_SECRET', 'short-but-real-value');
    const err = thrown(() => getSecret('JWT_SECRET', { minLength: 32 }));
    expect(err.code).toBe('ERR_SECRET_INVALID');
    expect(err.message).toContain(
      'Secret JWT_SECRET (from the environment variable JWT_SECRET) is 20 characters',
    );
    expect(err.message).toContain('at least 32 in production (NODE_ENV=Production)');
    expect(err.message).not.toContain('short-but-real-value');
    expect(getSecret('JWT_SECRET', { minLength: 20 })).toBe('short-but-real-value');
    // characters, not UTF-16 units
    vi.stubEnv('JWT_SECRET', '🔑'.repeat(10));
    expect(() => getSecret('JWT_SECRET', { minLength: 11 })).toThrow(/is 10 characters/);
  });
});

describe('no value in any error or warning', () => {
  it('names the secret, its source and length, never the value', async () => {
    const value = fresh('never-shown');
    const messages: string[] = [];
    const collect = (fn: () => unknown) => {
      const err = thrown(fn);
      messages.push(err.message, String(err.stack), JSON.stringify(err));
    };
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation((message) => {
      messages.push(String(message));
    });
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('SHORT_SECRET', value);
    collect(() => getSecret('SHORT_SECRET', { minLength: 200 }));
    collect(() => getSecret('MISSING_SECRET', { developmentFallback: value }));
    const file = path.join(dir, 'secret.txt');
    writeFileSync(file, value);
    vi.stubEnv('UNREADABLE_SECRET_FILE', `${file}.missing`);
    collect(() => getSecret('UNREADABLE_SECRET', { developmentFallback: value }));
    collect(() => getSecret('BAD_OPTION', { developmentFallback: value, minLength: 1.5 }));
    const failed = await rejected(
      loadSecrets({ providers: [() => ({ A_SECRET: value, B: 12345678 as never })] }),
    );
    messages.push(failed.message, String(failed.stack));
    vi.stubEnv('NODE_ENV', 'development');
    expect(getSecret('SHORT_SECRET', { minLength: 200 })).toBe(value);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(messages).toHaveLength(15); // 4 errors × 3 forms, the provider error × 2, one warning
    for (const message of messages) expect(message).not.toContain(value);
  });
});

describe('development and test', () => {
  it('uses the developmentFallback when nothing is set, without a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    vi.stubEnv('NODE_ENV', 'development');
    expect(getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' })).toBe('keyboard cat');
    expect(getSecret('OPTIONAL_SECRET', { required: false })).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('accepts a short value with one warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    vi.stubEnv('JWT_SECRET', 'short-dev-value');
    expect(getSecret('JWT_SECRET', { minLength: 32 })).toBe('short-dev-value');
    expect(getSecret('JWT_SECRET', { minLength: 32 })).toBe('short-dev-value');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toEqual({ code: SHORT_SECRET_WARNING });
    expect(String(warn.mock.calls[0]![0])).not.toContain('short-dev-value');
  });

  it('makes a random value once per process with one warning, shared by a second copy of the module', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const a = getSecret('JWT_SECRET');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(getSecret('JWT_SECRET')).toBe(a);
    expect(getSecret('OTHER_SECRET', { minLength: 100 })).toHaveLength(100);
    expect(getSecret('OTHER_SECRET')).not.toBe(a);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![1]).toEqual({ code: RANDOM_SECRET_WARNING });
    expect(String(warn.mock.calls[0]![0])).toContain('Secret JWT_SECRET is not set: using a random value');
    expect(String(warn.mock.calls[0]![0])).not.toContain(a);

    // A separately evaluated copy (as when the ESM and the CommonJS build are both loaded) shares the state.
    vi.resetModules();
    const other = await import('@secure-migrate/runtime/secrets');
    expect(other.getSecret).not.toBe(getSecret);
    expect(other.getSecret('JWT_SECRET')).toBe(a);
    expect(warn).toHaveBeenCalledTimes(2);
    other.configureSecrets({ directory: false });
    vi.stubEnv('NODE_ENV', 'production');
    expect(thrown(() => getSecret('JWT_SECRET')).message).not.toContain('secrets directory');
  });

  it('registers every value it returns with the redactor', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const env = fresh('env');
    vi.stubEnv('API_TOKEN', env);
    const file = fresh('dir');
    writeFileSync(path.join(secretsDir, 'FILE_TOKEN'), file);
    const loaded = fresh('loaded');
    await loadSecrets({ providers: [() => ({ LOADED_TOKEN: loaded })] });
    const values = [
      getSecret('API_TOKEN'),
      getSecret('FILE_TOKEN'),
      getSecret('LOADED_TOKEN'),
      getSecret('RANDOM_TOKEN'),
      getSecret('FALLBACK_TOKEN', { developmentFallback: 'keyboard cat' }),
    ];
    for (const value of values) {
      expect(sanitizeForLogging(`using ${value} now`)).toBe('using [REDACTED] now');
    }
  });
});

describe('the built package in Node', () => {
  /** Runs an ES module script from the repository root (the package resolves through its exports map). */
  function node(script: string, env: NodeJS.ProcessEnv) {
    const clean = { ...process.env };
    for (const key of ['NODE_ENV', 'VITEST', 'JWT_SECRET', 'SECURE_MIGRATE_SECRETS_DIR']) delete clean[key];
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...clean, ...env },
    });
  }

  it(
    'the ESM and the CommonJS build share one random value, one warning and one registry of values',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      const result = node(
        `import { createRequire } from 'node:module';
import * as esm from '@secure-migrate/runtime/secrets';
const require = createRequire(import.meta.url);
const cjs = require('@secure-migrate/runtime/secrets');
const log = require('@secure-migrate/runtime/log');
esm.configureSecrets({ directory: false });
const a = esm.getSecret('JWT_SECRET');
const b = cjs.getSecret('JWT_SECRET');
console.log(JSON.stringify({ same: a === b, differentCopies: esm.getSecret !== cjs.getSecret,
  masked: log.sanitizeForLogging('signing with ' + a) }));`,
        { NODE_ENV: 'development' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        same: true,
        differentCopies: true,
        masked: 'signing with [REDACTED]',
      });
      expect(result.stderr.match(/SECURE_MIGRATE_RANDOM_SECRET/g)).toHaveLength(1);
    },
  );

  it(
    'top-level CommonJS code refuses to start in production without the secret',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      const script = `const { getSecret, configureSecrets } = require('@secure-migrate/runtime/secrets');
configureSecrets({ directory: false });
const secret = getSecret('JWT_SECRET', { developmentFallback: 'keyboard cat' });
console.log(secret.length);`;
      const run = (env: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, ['-e', script], {
          cwd: root,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, ...env },
        });
      const refused = run({});
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        'Secret JWT_SECRET is not set, and this is production (NODE_ENV is not set',
      );
      expect(refused.stderr).toContain("code: 'ERR_SECRET_MISSING'");
      expect(refused.stderr).not.toContain('keyboard cat');
      expect(run({ JWT_SECRET: 'x'.repeat(40) }).stdout.trim()).toBe('40');
      expect(run({ NODE_ENV: 'test' }).stdout.trim()).toBe('12');
    },
  );
});
