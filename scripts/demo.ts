/**
 * `npm run demo`: the whole loop on a copy of docs/example-app.
 *   its tests pass → an integration is stored (plaintext columns shown) → lint it (findings listed) → migrate it
 *   (diff shown) → re-lint (clean but for TODOs) → typecheck → run its tests, which show that cache values and
 *   token columns are now ciphertext, logs carry no secrets, and mass assignment is refused → the data migration
 *   encrypts the rows written before (raw columns shown) → a lookup by blind index → a key rotation sweep.
 * Exits non-zero if any step does not end as it should.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, markBuilt, withBuildLock } from '../test/cli/build.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = join(root, '.secure-migrate-demo', 'example-app');
// The app's database (PGlite) outlives each step here, outside the app's git repository.
const databaseDir = join(root, '.secure-migrate-demo', 'example-app.pgdata');
const bin = join(root, 'bin', 'secure-migrate.js');
const tty = Boolean(process.stdout.isTTY);
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);

function step(title: string): void {
  console.log(`\n${bold(`━━ ${title}`)}`);
}

function run(cmd: string, args: string[], options: SpawnSyncOptions & { expect?: number[] } = {}): number {
  const shown = [
    cmd === process.execPath ? 'node' : cmd,
    ...args.map((a) => (a.startsWith(root) ? relative(root, a) || '.' : a)),
  ];
  console.log(`$ ${shown.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  const status = result.status ?? 1;
  const expected = options.expect ?? [0];
  if (!expected.includes(status)) {
    console.error(`\n✗ "${shown.join(' ')}" exited with ${status} (expected ${expected.join(' or ')})`);
    process.exit(1);
  }
  return status;
}

const git = (...args: string[]) =>
  run('git', ['-c', 'user.name=secure-migrate demo', '-c', 'user.email=demo@example.invalid', ...args], {
    cwd: demoDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

// One build: skipped when dist/ is newer than every source (`npm ci` builds on `prepare`, the demo test builds
// first), and taken under the lock the tests' builds take, so two builds never write dist/ at once.
step('Build the plugin, the codemods and the runtime');
let built = 0;
withBuildLock(() => {
  if (isFresh()) {
    console.log('dist/ is up to date');
    return;
  }
  console.log('$ npm run build');
  built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root }).status ?? 1;
  if (built === 0) markBuilt();
});
if (built !== 0) {
  console.error(`\n✗ "npm run build" exited with ${built}`);
  process.exit(1);
}

step('Copy docs/example-app to .secure-migrate-demo/example-app (a git repository of its own)');
rmSync(join(root, '.secure-migrate-demo'), { recursive: true, force: true });
cpSync(join(root, 'docs', 'example-app'), demoDir, { recursive: true });
git('init', '-q');
git('add', '-A');
git('commit', '-q', '-m', 'example app before secure-migrate');
console.log('done');

// Each test file runs in a process of its own; without a key each would make its own random key and print the
// development-key warning. One key for the run, given the way production gives it, keeps the output to the point.
const demoKey = `demo:${randomBytes(32).toString('base64url')}`;
const testEnv: NodeJS.ProcessEnv = { ...process.env, SECURE_MIGRATE_KEYS: demoKey };
delete testEnv.SECURE_MIGRATE_KEYS_FILE;
const dbEnv: NodeJS.ProcessEnv = { ...testEnv, DATABASE_DIR: databaseDir };
const integrationsDb = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/integrations-db.ts', ...args], {
    cwd: demoDir,
    env: dbEnv,
  });
const botToken = `xoxb-${randomBytes(20).toString('hex')}`;

step('0. Before: the app’s own tests pass, and an integration is stored with its tokens in plaintext');
run(process.execPath, ['--import', 'tsx', '--test', 'test/app.test.ts'], { cwd: demoDir, env: testEnv });
integrationsDb('seed', botToken);

step('1. Lint: what the secure-migrate rules find');
run(process.execPath, [bin, 'check', '.'], { cwd: demoDir, expect: [1] });

// By default a dynamic write becomes a prototype guard and the declared fields of its target are left as a TODO;
// here the reviewer has decided that the declared fields of Profile are exactly what a client may set, and that a
// production process without SESSION_SECRET must refuse to start instead of signing with the committed fallback.
step(
  '2. Migrate: npx secure-migrate --allow-lists-from-types --refuse-missing-secrets rewrites the findings',
);
run(process.execPath, [bin, '.', '--allow-lists-from-types', '--refuse-missing-secrets'], { cwd: demoDir });

step('3. The diff a reviewer reads');
// The files the migration wrote (the data migration, a schema migration) are in the diff too.
run('git', ['add', '--intent-to-add', '.'], { cwd: demoDir });
run('git', ['--no-pager', 'diff', '--stat'], { cwd: demoDir });
run('git', ['--no-pager', 'diff', ...(tty ? ['--color=always'] : [])], { cwd: demoDir });

step('4. Re-lint: clean but for the sites left with a TODO');
run(process.execPath, [bin, 'check', '.', '--ignore-todos'], { cwd: demoDir });

step('5. Typecheck the migrated app');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], {
  cwd: demoDir,
});

step('6. Run the app’s tests against the embedded in-memory cache and an in-memory database');
console.log('SECURE_MIGRATE_KEYS: a random key made for this run (production loads its key from a secret)');
run(process.execPath, ['--import', 'tsx', '--test', 'test/app.test.ts', 'test/security.test.ts'], {
  cwd: demoDir,
  env: testEnv,
});

step('7. The data migration encrypts the rows written before and fills in their blind index; lookups use it');
integrationsDb('sweep', botToken);

// A new primary key first in SECURE_MIGRATE_KEYS, the old one kept to read what it wrote: the same sweep moves
// every value to the new key and recomputes the blind indexes under it.
step('8. Key rotation: a new primary key, and the same sweep re-encrypts the column under it');
dbEnv.SECURE_MIGRATE_KEYS = `rotated:${randomBytes(32).toString('base64url')},${demoKey}`;
console.log('SECURE_MIGRATE_KEYS: rotated (new primary), demo (the key the rows were written with)');
integrationsDb('sweep', botToken);

console.log(
  `\n${bold('✓ The example app was linted, migrated, re-linted, typechecked, tested and its data migrated.')}`,
);
console.log(
  `  The migrated copy is in ${relative(process.cwd(), demoDir) || '.'}${existsSync(demoDir) ? '' : ' (missing?)'}.`,
);
