/**
 * The README's first command, `npm run demo`, is the project's main job: lint the example app, migrate a copy,
 * show the diff, re-lint, typecheck and run the app's tests, then migrate the rows its database held before (the
 * sweep, a lookup by blind index, a key rotation). This runs it as a newcomer would and checks that every step
 * ended as it should.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../cli/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo', () => {
  it(
    'lints, migrates, re-lints, typechecks and tests the example app, then migrates its data',
    { timeout: 600_000 },
    () => {
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
        'no-plaintext-sensitive-column',
      ]) {
        expect(out).toContain(`  ${rule}  `);
      }
      // The diff wraps the cache client where it is created and the mass assignment with an inferred allow list.
      expect(out).toContain('+export const cache = secureCache(new Keyv({ store, namespace: ');
      expect(out).toContain(
        "+  secureAssignAll(user.profile, req.body, { allow: ['displayName', 'bio', 'avatarUrl'] });",
      );
      // The token columns: encrypted (typed, widened), the lookup by equality through the blind index, the DDL.
      expect(out).toContain(
        "+  botToken: drizzleEncryptedType(customType<{ data: string }>, { table: 'integrations', dataType: 'varchar(449)', legacy: 'passthrough' })('bot_token').notNull(),",
      );
      expect(out).toContain(
        "+    .where(or(inArray(integrations.botTokenIndex, blindIndexes(botToken, { context: 'integrations.bot_token' })),",
      );
      expect(out).toContain('+ALTER TABLE "integrations" ADD COLUMN "bot_token_index" varchar(43);');
      // The session secret: read with getSecret, whose development fallback is the value the app had.
      expect(out).toContain(
        "+  sessionSecret: getSecret('SESSION_SECRET', { developmentFallback: 'dev-session-secret' }),",
      );
      // Re-lint: every finding was rewritten (the session secret too, with --refuse-missing-secrets).
      expect(out).toMatch(/check \. --ignore-todos\nNo findings in \d+ files\./);
      // The app's tests ran and passed, and showed ciphertext in the cache.
      expect(out).toMatch(/# pass 5\n# fail 0/); // before the migration: the functional tests
      expect(out).toMatch(/# pass 9\n# fail 0/); // after it: functional and security tests
      expect(out).toMatch(/cache app:oauth:u1 = \{"value":"sm1\./);
      expect(out).toMatch(/integrations\.bot_token = sm1\.demo\./);
      // The raw columns: plaintext before, ciphertext after the sweep, then under the new key after the rotation.
      expect(out).toMatch(/ {2}bot_token {8}xoxb-[0-9a-f]{40}\n/);
      expect(out).toMatch(
        /integrations\.bot_token: \{"scanned":1,"encrypted":1,"rotated":0,"indexed":1,"remaining":0\}[^]* {2}bot_token {8}sm1\.demo\./,
      );
      expect(out).toMatch(
        /integrations\.refresh_token: \{"scanned":1,"encrypted":0,"rotated":1,"indexed":0,"remaining":0\}[^]* {2}bot_token {8}sm1\.rotated\./,
      );
      expect(out.match(/lookup by bot token: integration 1 of u1 \(slack\)/g)).toHaveLength(2);
      const migrated = readFileSync(`${root}.secure-migrate-demo/example-app/src/cache.ts`, 'utf8');
      expect(migrated).toContain("import { secureCache } from '@secure-migrate/runtime';");
      expect(
        readFileSync(`${root}.secure-migrate-demo/example-app/src/encrypt-fields.sweep.ts`, 'utf8'),
      ).toContain('export async function sweepEncryptedFields(');
    },
  );
});
