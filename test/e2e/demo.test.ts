/**
 * The README's first command, `npm run demo`, is the project's main job: lint the example app, migrate a copy,
 * show the diff, re-lint, typecheck and run the app's tests. This runs it as a newcomer would and checks that
 * every step ended as it should.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../cli/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo', () => {
  it('lints, migrates, re-lints, typechecks and tests the example app', { timeout: 300_000 }, () => {
    ensureBuilt();
    const result = spawnSync('npx', ['tsx', 'scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = `${result.stdout}\n${result.stderr}`;
    expect(result.status, out).toBe(0);
    // One build (the test built dist/ just before, so the demo skips its own), and one key for the app's test
    // processes: no development-key warning from each of them.
    expect(out).toContain('dist/ is up to date');
    expect(out).not.toContain('SECURE_MIGRATE_EPHEMERAL_KEY');
    // The lint step finds every kind of mistake the example makes on purpose.
    for (const rule of [
      'no-sensitive-logging',
      'no-plaintext-cache-write',
      'no-unsafe-dynamic-assignment',
      'no-hardcoded-credentials',
    ]) {
      expect(out).toContain(`  ${rule}  `);
    }
    // The diff wraps the cache client where it is created and the mass assignment with an inferred allow list.
    expect(out).toContain('+export const cache = secureCache(new Keyv({ store, namespace: ');
    expect(out).toContain(
      "+  secureAssignAll(user.profile, req.body, { allow: ['displayName', 'bio', 'avatarUrl'] });",
    );
    // Re-lint lists only marked sites.
    expect(out).toMatch(/(\d+) findings?, \1 of them marked TODO/);
    // The app's tests ran and passed, and showed ciphertext in the cache.
    expect(out).toMatch(/# pass 7\n# fail 0/);
    expect(out).toMatch(/cache app:oauth:u1 = \{"value":"sm1\./);
    const migrated = readFileSync(`${root}.secure-migrate-demo/example-app/src/cache.ts`, 'utf8');
    expect(migrated).toContain("import { secureCache } from '@secure-migrate/runtime';");
  });
});
