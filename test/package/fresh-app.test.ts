/**
 * The packages as a user installs them: `npm pack` the three packages, install the tarballs into a new `npm init -y`
 * app (CommonJS by default) with `npm install --offline`, from the npm cache `npm ci` filled, then use them as the
 * README says: its install lines name what the app installs, its `eslint.config.mjs` snippets are written as they
 * stand and must report the planted problems, a `defineConfig` config and a CommonJS TypeScript file importing the
 * runtime typecheck, and the installed bin runs. Nothing is resolved from this repository's workspace.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../cli/build.js';
import { appLockfile, closure, type LockEntry, type Lockfile, type Tarball } from './offline-lock.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const rootLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;

const PACKAGES = ['secure-migrate', 'eslint-plugin-secure-migrate', '@secure-migrate/runtime'] as const;
type PackageName = (typeof PACKAGES)[number];
/** What only the migration needs; linting must not install it. */
const MIGRATION_ONLY = ['jscodeshift', 'ts-morph', '@ts-morph/common', 'recast', '@babel/core', 'diff'];

/** The README's fenced blocks of one language, in order. */
function fencedBlocks(language: string): string[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter((m) => m[1] === language)
    .map((m) => m[2]!);
}

/** The README's ESLint config snippets: the `js` blocks that start `// eslint.config.mjs`. */
const configSnippets = fencedBlocks('js').filter((block) => block.startsWith('// eslint.config.mjs\n'));

/** What the README's `npm install` lines install: package name → whether it is a dev dependency. */
function readmeInstalls(): Map<string, boolean> {
  const installs = new Map<string, boolean>();
  for (const line of fencedBlocks('sh').flatMap((block) => block.split('\n'))) {
    const words = line.split('#')[0]!.trim().split(/\s+/);
    if (words[0] !== 'npm' || words[1] !== 'install') continue;
    const dev = words.includes('--save-dev') || words.includes('-D');
    for (const word of words.slice(2).filter((w) => !w.startsWith('-'))) {
      installs.set(word, (installs.get(word) ?? true) && dev);
    }
  }
  return installs;
}

/** The version this repository's lockfile installs for a top-level package. */
function lockedVersion(name: string): string {
  const entry = rootLock.packages[`node_modules/${name}`];
  if (!entry?.version || entry.link)
    throw new Error(`${name} is not a registry package in package-lock.json`);
  return entry.name && entry.name !== name ? `npm:${entry.name}@${entry.version}` : entry.version;
}

/**
 * The environment of a user's shell: none of the npm_* variables `npm test` sets for its scripts (they would point
 * npm at this repository), but the npm cache they name, if any.
 */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || /^npm_config_cache$/i.test(key)) env[key] = value;
  }
  return { ...env, NODE_OPTIONS: '', ...extra };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: userEnv(env), maxBuffer: 64 * 1024 * 1024 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Planted problems: one per rule, and one that only type information finds. */
const APP_FILES: Record<string, string> = {
  // The app has ioredis in production; here its declaration is enough.
  'src/ioredis.d.ts': `declare module 'ioredis' {
  export class Redis {
    constructor(url?: string);
    set(key: string, value: string): Promise<'OK'>;
  }
}
`,
  'src/account.ts': `import { Redis } from 'ioredis';

interface Account {
  email: string;
  password: string;
}

export const databaseUrl = 'postgres://app:s3cr3t@db.internal:5432/app';
const redis = new Redis(process.env.REDIS_URL);

export async function signIn(
  lookup: (id: string) => Account,
  accessToken: string,
  sessionId: string,
  profile: Record<string, unknown>,
  req: { body: { field: string; value: unknown } },
): Promise<void> {
  console.log('signing in with', accessToken);
  await redis.set(\`session:\${sessionId}\`, accessToken);
  profile[req.body.field] = req.body.value;
  const entry = lookup(sessionId);
  console.log('account', entry);
}
`,
  'src/legacy.cjs': `'use strict';

function audit(password) {
  console.info('password reset', password);
}

module.exports = { audit };
`,
  // A CommonJS TypeScript file (the package has "type": "commonjs") using the runtime.
  'src/vault.ts': `import { createKeyring, decryptFromCache, encryptForCache, generateKey, sanitizeForLogging } from '@secure-migrate/runtime';
import { guardAssign } from '@secure-migrate/runtime/assign';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const token = encryptForCache({ userId: 42 }, { keyring, context: 'session:1' });
const back = decryptFromCache(token, { keyring, context: 'session:1' }) as { userId: number };
// @ts-expect-error the runtime's declarations give it a type, not any
const notAny: number = token;
const target: Record<string, unknown> = {};
guardAssign(target, '__proto__', { polluted: true });
console.log(
  JSON.stringify({
    format: typeof module === 'object' ? 'commonjs' : 'esm',
    prefix: token.slice(0, 4),
    back,
    guarded: Object.getPrototypeOf(target) === Object.prototype,
    redacted: sanitizeForLogging({ password: String(back.userId), user: 'ada' }),
  }),
);
`,
  // The configs against ESLint's own config types, ESLint 10 and ESLint 9, and the old import path.
  'types/configs.mts': `import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import { defineConfig as defineConfig9 } from 'eslint-v9/config';
import type { Linter as Linter9 } from 'eslint-v9';
import secureMigrate from 'eslint-plugin-secure-migrate';
import legacy from 'secure-migrate';

export const v10: Linter.Config[] = [secureMigrate.configs.recommended, secureMigrate.configs.strict, legacy.configs.all];
export const v9: Linter9.Config[] = [secureMigrate.configs.recommended, legacy.configs.strict];
export const defined = defineConfig([{ files: ['**/*.ts'], extends: [secureMigrate.configs.all] }, legacy.configs.recommended]);
export const defined9 = defineConfig9([secureMigrate.configs.recommended, { extends: [legacy.configs.strict] }]);
// @ts-expect-error a config is an object, not any
export const notAny: number = secureMigrate.configs.recommended;
`,
};

/** Findings as `file:line rule`, sorted. */
function findings(eslintJson: string, dir: string): string[] {
  const results = JSON.parse(eslintJson) as {
    filePath: string;
    messages: { ruleId: string | null; line: number; message: string; fatal?: boolean }[];
  }[];
  return results
    .flatMap((r) =>
      r.messages.map(
        (m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`,
      ),
    )
    .sort();
}

const UNTYPED_FINDINGS = [
  'src/account.ts:8 secure-migrate/no-hardcoded-credentials',
  'src/account.ts:18 secure-migrate/no-sensitive-logging',
  'src/account.ts:19 secure-migrate/no-plaintext-cache-write',
  'src/account.ts:20 secure-migrate/no-unsafe-dynamic-assignment',
  'src/legacy.cjs:4 secure-migrate/no-sensitive-logging',
].sort();
/** With type information: `entry` is an Account, whose type has a password. Only TypeScript files are linted. */
const TYPED_FINDINGS = [
  'src/account.ts:8 secure-migrate/no-hardcoded-credentials',
  'src/account.ts:18 secure-migrate/no-sensitive-logging',
  'src/account.ts:19 secure-migrate/no-plaintext-cache-write',
  'src/account.ts:20 secure-migrate/no-unsafe-dynamic-assignment',
  'src/account.ts:22 secure-migrate/no-sensitive-logging',
].sort();

/** Each step's seconds, printed at the end: the whole test's budget is two minutes on CI. */
const timings: [string, number][] = [];
function timed<T>(step: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    timings.push([step, (performance.now() - started) / 1000]);
  }
}

describe('the packed packages in a new app', () => {
  let work: string;
  let app: string;
  const tarballs = new Map<PackageName, Tarball & { size: number; unpackedSize: number; files: string[] }>();

  beforeAll(() => {
    timed('build (nothing to do when dist/ is current)', ensureBuilt);
    for (const output of [
      'plugin/dist/src/index.js',
      'runtime/dist/esm/index.js',
      'runtime/dist/cjs/index.js',
    ]) {
      if (!existsSync(path.join(ROOT, output))) throw new Error(`npm run build did not produce ${output}`);
    }
    work = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-fresh-app-'));
    const packs = path.join(work, 'packs');
    mkdirSync(packs);
    // The build is done; --ignore-scripts keeps npm pack from building again.
    const packArgs = ['pack', '--json', '--ignore-scripts', '--workspaces', '--include-workspace-root'];
    const packed = JSON.parse(
      timed('npm pack', () => ok(run('npm', [...packArgs, '--pack-destination', packs], ROOT), 'npm pack')),
    ) as {
      name: PackageName;
      filename: string;
      size: number;
      unpackedSize: number;
      files: { path: string }[];
    }[];
    app = path.join(work, 'app');
    mkdirSync(app);
    for (const pack of packed) {
      const tgz = path.join(packs, pack.filename);
      const manifest = JSON.parse(
        ok(run('tar', ['-xzOf', tgz, 'package/package.json'], work), 'tar'),
      ) as Tarball['manifest'];
      tarballs.set(pack.name, {
        manifest,
        file: `../packs/${pack.filename}`,
        absolutePath: tgz,
        size: pack.size,
        unpackedSize: pack.unpackedSize,
        files: pack.files.map((f) => f.path),
      });
    }

    // A new project, as `npm init -y` makes it, then what the README's install lines add.
    ok(run('npm', ['init', '-y'], app), 'npm init -y');
    const manifest = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      type?: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    if (manifest.type !== undefined && manifest.type !== 'commonjs') {
      throw new Error(`npm init -y made a "type": "${manifest.type}" package`);
    }
    manifest.dependencies = {};
    manifest.devDependencies = {
      // Beyond the README: Node's types for the TypeScript files, ESLint 9 for its config types.
      '@types/node': lockedVersion('@types/node'),
      'eslint-v9': lockedVersion('eslint-v9'),
    };
    for (const [name, dev] of readmeInstalls()) {
      const tarball = tarballs.get(name as PackageName);
      (dev ? manifest.devDependencies : manifest.dependencies)[name] = tarball
        ? `file:${tarball.file}`
        : lockedVersion(name);
    }
    writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const lock = appLockfile(rootLock, manifest, [...tarballs.values()]);
    writeFileSync(path.join(app, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    timed('npm install --offline', () =>
      ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund'], app), 'npm install --offline'),
    );

    for (const [file, text] of Object.entries(APP_FILES)) {
      mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      writeFileSync(path.join(app, file), text);
    }
    configSnippets.forEach((snippet, index) =>
      writeFileSync(path.join(app, `types/snippet-${index + 1}.mjs`), snippet),
    );
    // One TypeScript program: the app's CommonJS sources, and the README snippets (checkJs) with configs.mts.
    // types/ is included so that the typed snippet's project service knows every TypeScript file it lints.
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          types: ['node'],
          // Declarations are not checked one by one (that alone takes most of a minute); the @ts-expect-error
          // lines below fail if ours resolve to any.
          skipLibCheck: true,
          allowJs: true,
          checkJs: true,
          outDir: 'out',
        },
        include: ['src', 'types'],
        exclude: ['src/legacy.cjs'],
      }),
    );
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    console.log(`fresh app: ${timings.map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
  });

  it('packs each package with its LICENSE and README, no source maps, and only its own part', () => {
    expect([...tarballs.keys()].sort()).toEqual([...PACKAGES].sort());
    for (const [name, tarball] of tarballs) {
      expect(tarball.files, name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(
        tarball.files.filter((f) => /\.map$|\.tsbuildinfo$/.test(f)),
        name,
      ).toEqual([]);
      expect(tarball.manifest.keywords, name).toEqual(expect.arrayContaining(['security']));
      const links = tarball.manifest as {
        repository?: { url?: string };
        homepage?: string;
        bugs?: { url?: string };
      };
      expect(links.repository?.url, name).toMatch(
        /^git\+https:\/\/github\.com\/secure-migrate\/secure-migrate\.git$/,
      );
      expect(links.homepage, name).toMatch(/^https:\/\/github\.com\/secure-migrate\/secure-migrate/);
      expect(links.bugs?.url, name).toMatch(/\/issues$/);
      // @typescript-eslint/* as ranges that dedupe with the user's copy, never exact pins.
      for (const [dep, range] of Object.entries(tarball.manifest.dependencies ?? {})) {
        if (dep.startsWith('@typescript-eslint/')) expect(range, `${name} → ${dep}`).toMatch(/^\^/);
      }
    }
    const plugin = tarballs.get('eslint-plugin-secure-migrate')!;
    expect(plugin.manifest.keywords).toEqual(
      expect.arrayContaining(['eslint', 'eslintplugin', 'eslint-plugin']),
    );
    expect(plugin.files.filter((f) => /codemods|\/cli\//.test(f))).toEqual([]);
    const cli = tarballs.get('secure-migrate')!;
    expect(cli.manifest.keywords).toEqual(expect.arrayContaining(['codemod']));
    expect(cli.manifest.dependencies?.['eslint-plugin-secure-migrate']).toMatch(/^\^/);
    // The CLI package carries no second copy of the rules: it imports them from the plugin.
    expect(cli.files.filter((f) => /^dist\/(rules|src\/detect)\//.test(f))).toEqual([]);
    const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
    console.log(
      `packed: ${[...tarballs]
        .map(([name, t]) => `${name} ${kB(t.size)} (${kB(t.unpackedSize)} unpacked, ${t.files.length} files)`)
        .join('; ')}`,
    );
  });

  it('installs the tarballs, not the workspace, and linting alone carries no migration tools', () => {
    for (const name of PACKAGES) {
      const dir = path.join(app, 'node_modules', name);
      expect(lstatSync(dir).isSymbolicLink(), name).toBe(false);
      const installed = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(installed.version).toBe(tarballs.get(name)!.manifest.version);
    }
    const { packages } = JSON.parse(
      readFileSync(path.join(app, 'node_modules/.package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, LockEntry>;
    };
    const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const forLint = [...closure(packages, [{ from: '', name: 'eslint-plugin-secure-migrate' }])];
    expect(forLint.map(nameOf).filter((n) => MIGRATION_ONLY.includes(n))).toEqual([]);
    const forCli = [...closure(packages, [{ from: '', name: 'secure-migrate' }])];
    expect(forCli.map(nameOf)).toEqual(expect.arrayContaining(['jscodeshift', 'ts-morph']));
    // What the plugin adds beyond ESLint, TypeScript and typescript-eslint, which a lint setup has anyway.
    const base = closure(
      packages,
      ['eslint', 'typescript', 'typescript-eslint'].map((name) => ({ from: '', name })),
    );
    const extra = forLint.filter((key) => !base.has(key));
    const kB = (keys: string[]) =>
      ok(run('du', ['-sk', '-c', ...keys.map((k) => path.join(app, k))], app), 'du')
        .trim()
        .split('\n')
        .pop()!
        .split('\t')[0];
    console.log(
      `eslint-plugin-secure-migrate: ${forLint.length} packages, ${kB(forLint)} kB installed; beyond eslint, ` +
        `typescript and typescript-eslint: ${extra.map(nameOf).join(', ')} (${kB(extra)} kB). ` +
        `secure-migrate: ${forCli.length} packages, ${kB(forCli)} kB`,
    );
  });

  it('has one README snippet without type information and one with', () => {
    expect(configSnippets.length).toBe(2);
    expect(configSnippets.filter((s) => s.includes('projectService')).length).toBe(1);
  });

  it.each(configSnippets.map((snippet, index) => [index + 1, snippet] as const))(
    'README eslint.config.mjs snippet %i, written as it stands, reports the planted problems',
    (index, snippet) => {
      writeFileSync(path.join(app, 'eslint.config.mjs'), snippet);
      const eslint = timed(`eslint (snippet ${index})`, () =>
        run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', '.'], app),
      );
      expect(eslint.stderr).toBe('');
      expect(eslint.status).toBe(1);
      const typed = snippet.includes('projectService');
      expect(findings(eslint.stdout, app)).toEqual(typed ? TYPED_FINDINGS : UNTYPED_FINDINGS);
    },
    180_000,
  );

  it('typechecks the README snippets, the configs in defineConfig and Linter.Config[] of ESLint 10 and 9, and a CommonJS file importing the runtime', () => {
    const tsc = timed('tsc', () =>
      run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], app),
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 180_000);

  it('runs the CommonJS build of that file against the installed runtime', () => {
    expect(readFileSync(path.join(app, 'out/src/vault.js'), 'utf8')).toContain(
      'require("@secure-migrate/runtime")',
    );
    const vault = run(process.execPath, ['out/src/vault.js'], app, { NODE_ENV: 'production' });
    expect(JSON.parse(ok(vault, 'node out/src/vault.js'))).toEqual({
      format: 'commonjs',
      prefix: 'sm1.',
      back: { userId: 42 },
      guarded: true,
      redacted: { password: '[REDACTED]', user: 'ada' },
    });
  });

  it('runs the installed bin: --version, check and a dry migration', () => {
    const bin = path.join(app, 'node_modules/.bin/secure-migrate');
    const version = run(bin, ['--version'], app);
    expect(version.stdout.trim()).toBe(tarballs.get('secure-migrate')!.manifest.version);
    const check = timed('secure-migrate check', () => run(bin, ['check', 'src'], app));
    expect(check.status, check.stderr).toBe(1);
    const rules = ['no-sensitive-logging', 'no-plaintext-cache-write', 'no-unsafe-dynamic-assignment'];
    for (const rule of [...rules, 'no-hardcoded-credentials']) expect(check.stdout).toContain(rule);
    const dry = timed('secure-migrate --dry', () => run(bin, ['src', '--dry'], app));
    expect(dry.status, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('+const redis = secureCache(new Redis(process.env.REDIS_URL));');
    expect(dry.stdout).toContain('+  guardAssign(profile, req.body.field, req.body.value);');
    expect(dry.stdout).toMatch(/^\+ {2}console\.log\('signing in with', sanitizeForLogging\(accessToken\b/m);
  }, 180_000);
});
