/**
 * The published shape of @secure-migrate/runtime: every subpath in its `exports` map resolves through Node's own
 * resolution to the built files (not the test alias to the sources), exposes its area's API, and the package root
 * re-exports every public name of every subpath. The package declares no run-time dependencies.
 *
 * It is a dual package: `import` gets the ES module build, `require` the CommonJS build, each with its own
 * declarations, and both builds share one process state (one key ring, one development-key warning).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntimeBuilt } from './build-runtime.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}runtime/package.json`, 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
};
const subpaths = Object.keys(manifest.exports).filter((k) => k !== '.' && k !== './package.json');
const specifiers = [
  '@secure-migrate/runtime',
  ...subpaths.map((k) => `@secure-migrate/runtime/${k.slice(2)}`),
];

const expected: Record<string, string[]> = {
  classify: ['classifyName', 'looksLikeSecret', 'findSecrets', 'classifyKeyPrefix', 'createClassifier'],
  keys: ['createKeyring', 'loadKeyring', 'generateKey', 'deriveKeyFromPassphrase'],
  crypto: ['encryptForCache', 'decryptFromCache', 'reencrypt', 'needsRotation', 'Fernet', 'MultiFernet'],
  cache: ['secureCache'],
  log: ['sanitizeForLogging', 'createRedactor', 'pinoRedaction', 'winstonRedactFormat'],
  assign: [
    'secureAssign',
    'secureAssignAll',
    'secureSet',
    'guardAssign',
    'guardAssignAll',
    'guardAssignAllWith',
    'configureGuards',
  ],
  lock: ['createRedisLock', 'createKeyedMutex', 'compareAndSet'],
  fields: [
    'encryptField',
    'decryptField',
    'blindIndex',
    'sweepField',
    'fieldTransformer',
    'drizzleEncryptedType',
  ],
  audit: ['createAuditLog', 'verifyAuditLog', 'configureAudit'],
  secrets: ['getSecret', 'loadSecrets', 'configureSecrets'],
  errors: ['SecureMigrateError', 'DecryptionError', 'KeyError', 'SecretError', 'isSecureMigrateError'],
};

/** Runs `script` in a fresh Node process from the repository root (so the package resolves as a dependency). */
function runNode(
  inputType: 'module' | 'commonjs',
  script: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const result = spawnSync(process.execPath, [`--input-type=${inputType}`, '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

/** Imports each specifier in a fresh Node process from the repository root and lists its export names. */
function exportNames(list: string[]): Record<string, string[]> {
  const script = `const out = {};
for (const s of ${JSON.stringify(list)}) out[s] = Object.keys(await import(s)).sort();
console.log(JSON.stringify(out));`;
  return JSON.parse(runNode('module', script)) as Record<string, string[]>;
}

describe('@secure-migrate/runtime package', () => {
  it('has no run-time dependencies', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it(
    'resolves every exported subpath from the build and re-exports them all from the root',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      expect(subpaths.map((k) => k.slice(2)).sort()).toEqual(Object.keys(expected).sort());
      const names = exportNames(specifiers);
      const rootNames = new Set(names['@secure-migrate/runtime']);
      for (const [area, required] of Object.entries(expected)) {
        const own = names[`@secure-migrate/runtime/${area}`]!;
        expect(own, area).toEqual(expect.arrayContaining(required));
        expect(
          own.filter((name) => !rootNames.has(name)),
          `${area} names missing from the root`,
        ).toEqual([]);
      }
    },
  );

  it(
    'require() and import() of every subpath resolve, through Node, to the CommonJS and the ESM build with the same names',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      const cjs = JSON.parse(
        runNode(
          'commonjs',
          `const out = {};
for (const s of ${JSON.stringify(specifiers)}) {
  const m = require(s);
  out[s] = { file: require.resolve(s), names: Object.keys(m).sort(), esModule: m.__esModule === true };
}
console.log(JSON.stringify(out));`,
        ),
      ) as Record<string, { file: string; names: string[]; esModule: boolean }>;
      const esm = JSON.parse(
        runNode(
          'module',
          `const out = {};
for (const s of ${JSON.stringify(specifiers)}) {
  out[s] = { file: import.meta.resolve(s), names: Object.keys(await import(s)).sort() };
}
console.log(JSON.stringify(out));`,
        ),
      ) as Record<string, { file: string; names: string[] }>;
      for (const s of specifiers) {
        const sub = s === '@secure-migrate/runtime' ? 'index' : s.slice('@secure-migrate/runtime/'.length);
        const tail = sub === 'index' || sub === 'errors' ? `${sub}.js` : `${sub}/index.js`;
        expect(cjs[s]!.file, s).toBe(path.join(root, 'runtime/dist/cjs', tail));
        expect(fileURLToPath(esm[s]!.file), s).toBe(path.join(root, 'runtime/dist/esm', tail));
        expect(cjs[s]!.esModule, s).toBe(true);
        expect(cjs[s]!.names, s).toEqual(esm[s]!.names);
        expect(cjs[s]!.names.length, s).toBeGreaterThan(0);
      }
    },
  );

  it(
    'gives TypeScript (node16, nodenext, legacy commonjs) the CommonJS declarations for CommonJS files and the ESM ones for a .mts file, and each runs',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'runtime-consumer-'));
      try {
        mkdirSync(path.join(dir, 'node_modules/@secure-migrate'), { recursive: true });
        symlinkSync(
          path.join(root, 'runtime'),
          path.join(dir, 'node_modules/@secure-migrate/runtime'),
          'dir',
        );
        symlinkSync(path.join(root, 'node_modules/@types'), path.join(dir, 'node_modules/@types'), 'dir');
        writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
        const body = (format: string) => `
const ring: Keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const target: Record<string, unknown> = {};
guardAssign(target, 'name', '${format}');
const merged: { a: number } & { b: string } = guardAssignAll({ a: 1 }, { b: 'x' });
let error: unknown;
try {
  decryptFromCache('not a ciphertext', { keyring: ring });
} catch (e) {
  error = e;
}
const recognised: boolean = isSecureMigrateError(error, 'ERR_DECRYPT') && error instanceof SecureMigrateError;
console.log(JSON.stringify({ format: '${format}', name: target.name, merged, recognised, primary: ring.primaryId }));
`;
        writeFileSync(
          path.join(dir, 'app.cts'),
          `import { guardAssign, isSecureMigrateError, type Keyring } from '@secure-migrate/runtime';
import { guardAssignAll } from '@secure-migrate/runtime/assign';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { decryptFromCache } from '@secure-migrate/runtime/crypto';
import errors = require('@secure-migrate/runtime/errors');
const { SecureMigrateError } = errors;
${body('cjs')}`,
        );
        writeFileSync(
          path.join(dir, 'app.mts'),
          `import { guardAssign, isSecureMigrateError, type Keyring } from '@secure-migrate/runtime';
import { guardAssignAll } from '@secure-migrate/runtime/assign';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { decryptFromCache } from '@secure-migrate/runtime/crypto';
import { SecureMigrateError } from '@secure-migrate/runtime/errors';
${body('esm')}`,
        );
        // A CommonJS .ts file in a package without "type", for the legacy `module: commonjs` resolution.
        writeFileSync(path.join(dir, 'legacy.ts'), readFileSync(path.join(dir, 'app.cts'), 'utf8'));
        const configs = [
          { mode: 'node16', files: { 'app.cts': 'cjs', 'app.mts': 'esm' } },
          { mode: 'nodenext', files: { 'app.cts': 'cjs', 'app.mts': 'esm' } },
          // Old-style resolution reads no `exports`: `types` and `typesVersions` lead it to the CommonJS build.
          { mode: 'commonjs', resolution: 'node10', files: { 'legacy.ts': 'cjs' } },
        ] as const;
        for (const config of configs) {
          const { mode } = config;
          const out = path.join(dir, `out-${mode}`);
          writeFileSync(
            path.join(dir, 'tsconfig.json'),
            JSON.stringify({
              compilerOptions: {
                module: mode,
                moduleResolution: 'resolution' in config ? config.resolution : mode,
                target: 'ES2022',
                strict: true,
                esModuleInterop: true,
                types: ['node'],
                outDir: out,
                rootDir: '.',
              },
              files: Object.keys(config.files),
            }),
          );
          const tsc = spawnSync(
            process.execPath,
            [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--traceResolution'],
            { cwd: dir, encoding: 'utf8' },
          );
          const errors = tsc.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
          expect(errors, mode).toEqual([]);
          expect(tsc.status, mode).toBe(0);
          // Which declaration file each format was given.
          const resolved = (from: string, specifier: string): string | undefined => {
            const lines = tsc.stdout.split('\n');
            const start = lines.findIndex((l) =>
              l.includes(`Resolving module '${specifier}' from '${path.join(dir, from)}'`),
            );
            const done = lines
              .slice(start)
              .find((l) => l.startsWith(`======== Module name '${specifier}' was successfully resolved to`));
            return done && /resolved to '([^']+)'/.exec(done)?.[1];
          };
          for (const [file, format] of Object.entries(config.files)) {
            for (const specifier of ['@secure-migrate/runtime', '@secure-migrate/runtime/assign']) {
              const tail = specifier.endsWith('/assign') ? 'assign/index.d.ts' : 'index.d.ts';
              expect(resolved(file, specifier), `${mode} ${file} ${specifier}`).toBe(
                path.join(root, `runtime/dist/${format}`, tail),
              );
            }
            const emitted = file
              .replace(/\.cts$/, '.cjs')
              .replace(/\.mts$/, '.mjs')
              .replace(/\.ts$/, '.js');
            const run = spawnSync(process.execPath, [path.join(out, emitted)], {
              cwd: dir,
              encoding: 'utf8',
              env: { ...process.env, NODE_ENV: 'production' },
            });
            expect(run.stderr, `${mode} ${emitted}`).toBe('');
            expect(JSON.parse(run.stdout)).toEqual({
              format,
              name: format,
              merged: { a: 1, b: 'x' },
              recognised: true,
              primary: 'k1',
            });
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'keeps one process state when both builds are loaded: one key ring, one warning, errors and guards shared',
    { timeout: 240_000 },
    () => {
      ensureRuntimeBuilt();
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'development' };
      const script = `
const warnings = [];
process.on('warning', (w) => warnings.push(w.code ?? w.name));
const cjs = require('@secure-migrate/runtime');
(async () => {
  const esm = await import('@secure-migrate/runtime');
  const out = { twoCopies: cjs.SecureMigrateError !== esm.SecureMigrateError && cjs.getDefaultKeyring !== esm.getDefaultKeyring };
  const fromEsm = esm.getDefaultKeyring();
  const fromCjs = cjs.getDefaultKeyring();
  out.sameRing = fromEsm === fromCjs;
  out.ephemeral = fromCjs.ephemeral;
  out.sameDevKey = cjs.loadKeyring({ NODE_ENV: 'development' }).subkey('cache').equals(esm.loadKeyring({ NODE_ENV: 'test' }).subkey('cache'));
  out.roundTrip = esm.decryptFromCache(cjs.encryptForCache({ n: 1 }));
  let error;
  try { cjs.decryptFromCache('garbage'); } catch (e) { error = e; }
  out.errors = {
    fromCjsByEsm: esm.isSecureMigrateError(error, 'ERR_DECRYPT'),
    instanceofBase: error instanceof esm.SecureMigrateError,
    instanceofOwnKind: error instanceof esm.DecryptionError,
    instanceofOtherKind: error instanceof esm.KeyError,
  };
  for (const guard of [cjs.guardAssign, esm.guardAssign, cjs.guardAssign]) guard({}, '__proto__', 1);
  cjs.configureGuards({ strict: true });
  try { esm.guardAssign({}, 'constructor', 1); out.strictShared = false; } catch (e) { out.strictShared = cjs.isSecureMigrateError(e, 'ERR_ASSIGN_REFUSED'); }
  await new Promise((resolve) => setImmediate(resolve));
  out.warnings = warnings;
  console.log(JSON.stringify(out));
})();`;
      const out = JSON.parse(runNode('commonjs', script, env)) as Record<string, unknown>;
      expect(out).toEqual({
        twoCopies: true,
        sameRing: true,
        ephemeral: true,
        sameDevKey: true,
        roundTrip: { n: 1 },
        errors: {
          fromCjsByEsm: true,
          instanceofBase: true,
          instanceofOwnKind: true,
          instanceofOtherKind: false,
        },
        strictShared: true,
        warnings: ['SECURE_MIGRATE_EPHEMERAL_KEY', 'SECURE_MIGRATE_ASSIGN_REFUSED'],
      });
    },
  );
});
