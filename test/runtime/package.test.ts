/**
 * The published shape of @secure-migrate/runtime: every subpath in its `exports` map resolves through Node's own
 * resolution to the built files (not the test alias to the sources), exposes its area's API, and the package root
 * re-exports every public name of every subpath. The package declares no run-time dependencies.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../cli/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}runtime/package.json`, 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
};

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
  errors: ['SecureMigrateError', 'DecryptionError', 'KeyError', 'isSecureMigrateError'],
};

/** Imports each specifier in a fresh Node process from the repository root and lists its export names. */
function exportNames(specifiers: string[]): Record<string, string[]> {
  const script = `const out = {};
for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)).sort();
console.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Record<string, string[]>;
}

describe('@secure-migrate/runtime package', () => {
  it('has no run-time dependencies', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it(
    'resolves every exported subpath from the build and re-exports them all from the root',
    { timeout: 240_000 },
    () => {
      ensureBuilt();
      const subpaths = Object.keys(manifest.exports).filter((k) => k !== '.' && k !== './package.json');
      expect(subpaths.map((k) => k.slice(2)).sort()).toEqual(Object.keys(expected).sort());
      const specifiers = [
        '@secure-migrate/runtime',
        ...subpaths.map((k) => `@secure-migrate/runtime/${k.slice(2)}`),
      ];
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
});
