/**
 * encrypt-cache on whole projects, proven by the projects' own tests against a real redis-server: an ESM
 * TypeScript service whose clients live behind a tsconfig `paths` alias (one made in a conditional, one by a
 * factory a worker calls), and a NestJS service with an ioredis client from a factory provider, a cache-manager
 * cache on a keyv Redis store and a worker process reading the same keys. Before the migration their functional
 * tests pass and the planted secrets are in Redis in plaintext; after it the same tests pass (the worker still reads
 * the values), and no value in Redis holds a planted secret.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Report } from '../../src/cli/report.js';
import { ensureBuilt } from '../cli/build.js';
import { describeWithRedis, useRedisServer } from '../helpers/redis.js';
import {
  migrateProject,
  passed,
  projectFixtures,
  read,
  runFixtureTests as runProjectTests,
} from './project-fixtures.js';

const { copyOf, cleanup, linkModulesAbove } = projectFixtures('encrypt-cache-projects');

/** Runs the fixture's own tests against a Redis database. */
const runFixtureTests = (dir: string, redisUrl: string) => runProjectTests(dir, { REDIS_URL: redisUrl });

/** Every string value of a Redis database (hash fields and list items included). */
async function storedValues(url: string): Promise<Map<string, string>> {
  const client = new Redis(url);
  try {
    const values = new Map<string, string>();
    for (const key of await client.keys('*')) {
      const type = await client.type(key);
      if (type === 'string') values.set(key, (await client.get(key)) ?? '');
      else if (type === 'hash') values.set(key, JSON.stringify(await client.hgetall(key)));
      else if (type === 'list') values.set(key, JSON.stringify(await client.lrange(key, 0, -1)));
    }
    return values;
  } finally {
    client.disconnect();
  }
}

const holdsPlanted = (values: Map<string, string>): string[] =>
  [...values].filter(([, v]) => v.includes('planted')).map(([k]) => k);

const migrate = (dir: string, extra: string[] = []): Promise<Report> =>
  migrateProject(dir, 'encrypt-cache', extra);

describeWithRedis('encrypt-cache on whole projects (real redis-server)', () => {
  const redis = useRedisServer();
  const db = (n: number): string => `${redis.url}/${n}`;

  beforeAll(() => ensureBuilt(), 300_000);
  afterAll(cleanup);

  it('alias-service: the clients behind a paths alias, a conditional and a factory are wrapped together', async () => {
    const before = copyOf('alias-service', 'alias-before');
    const dir = copyOf('alias-service', 'alias-after');
    // The unmigrated copy's tests run while the other copy is migrated.
    const [plain, report] = await Promise.all([runFixtureTests(before, db(1)), migrate(dir)]);
    expect(plain.output).toContain('# fail 0');
    expect(passed(plain)).toBe(4);
    // The check below can fail: before the migration the sessions are in Redis in plaintext.
    expect(holdsPlanted(await storedValues(db(1)))).toContain('session:s1');

    const options = "{ encryptAll: false, sensitiveKeys: ['session:'] }";
    expect(read(dir, 'src/infra/redis.ts')).toBe(`import { Redis } from 'ioredis';
import { secureCache } from '@secure-migrate/runtime';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Sentinel-managed in production, one server everywhere else.
export const redis = process.env.REDIS_SENTINEL_HOST
  ? secureCache(new Redis({ sentinels: [{ host: process.env.REDIS_SENTINEL_HOST, port: 26379 }], name: 'primary' }), ${options})
  : secureCache(new Redis(url), ${options});
`);
    // The worker's own client (node-redis, made by a factory) reads the same keys: wrapped too.
    expect(read(dir, 'src/infra/worker-client.ts')).toContain(
      `return secureCache(createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }), ${options});`,
    );
    // The call sites stay as they are.
    for (const file of ['src/sessions.ts', 'src/worker.ts']) expect(read(dir, file)).toBe(read(before, file));
    expect(report.cache?.prefixes).toEqual(['session:']);
    expect(report.cache?.clients.map((c) => `${c.path}:${c.line} ${c.action}`)).toEqual([
      'src/infra/redis.ts:7 wrapped',
      'src/infra/redis.ts:8 wrapped',
      'src/infra/worker-client.ts:5 wrapped',
    ]);
    expect(report.cache?.readers.map((r) => `${r.path}:${r.line} ${r.method}`)).toEqual([
      'src/sessions.ts:15 get',
      'src/worker.ts:8 get',
    ]);
    expect(report.cache?.rollout.length).toBeGreaterThan(1);

    // A second run changes nothing.
    expect((await migrate(dir, ['--dry'])).totals.changed).toBe(0);

    const migrated = await runFixtureTests(dir, db(2));
    expect(migrated.output).toContain('# fail 0');
    expect(passed(migrated)).toBe(4);
    const values = await storedValues(db(2));
    expect(values.has('session:s1')).toBe(true);
    expect(holdsPlanted(values)).toEqual([]);
    // Counters on other keys of the same client are left as they are (only the session keys are encrypted).
    expect([...values].filter(([k]) => k.startsWith('views:')).every(([, v]) => /^\d+$/.test(v))).toBe(true);
  }, 300_000);

  it('alias-service with --rollout: the first phase decrypts on read and still writes plaintext', async () => {
    const dir = copyOf('alias-service', 'alias-rollout');
    const report = await migrate(dir, ['--rollout']);
    expect(read(dir, 'src/infra/redis.ts')).toContain(
      "secureCache(new Redis(url), { encryptAll: false, sensitiveKeys: ['session:'], writes: 'plaintext' })",
    );
    expect(report.cache?.rollout[0]).toMatch(/writes: 'plaintext'/);
    const run = await runFixtureTests(dir, db(3));
    expect(run.output).toContain('# fail 0');
    expect(passed(run)).toBe(4);
    // Phase one writes plaintext, so readers not yet deployed keep working.
    expect(holdsPlanted(await storedValues(db(3)))).toContain('session:s1');
  }, 300_000);

  it('monorepo: the client of a workspace package, imported by name from two other packages, is wrapped with the keys Redis sees', async () => {
    // A checkout as it is before `npm install`: no package links yet (the resolution reads the workspace itself).
    // The packages' dependencies are found above the copies.
    linkModulesAbove();
    const copy = (as: string): string => copyOf('monorepo', as, { linkModules: false });
    /** The links `npm install` makes for the workspace packages. */
    const install = (dir: string): void => {
      mkdirSync(path.join(dir, 'node_modules/@acme'), { recursive: true });
      for (const name of ['cache', 'api', 'worker'])
        symlinkSync(path.join(dir, 'packages', name), path.join(dir, 'node_modules/@acme', name), 'dir');
    };
    const before = copy('mono-before');
    const dir = copy('mono-after');
    install(before);
    const [plain, report] = await Promise.all([runFixtureTests(before, db(6)), migrate(dir)]);
    expect(plain.output).toContain('# fail 0');
    expect(passed(plain)).toBe(3);
    // ioredis puts the keyPrefix before every key: Redis holds acme:session:…, in plaintext before the migration.
    expect(holdsPlanted(await storedValues(db(6)))).toContain('acme:session:m1');

    expect(read(dir, 'packages/cache/src/redis.ts')).toContain(
      "export const redis = secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: 'acme:' }), { encryptAll: false, sensitiveKeys: ['acme:session:'] });",
    );
    for (const file of [
      'packages/api/src/sessions.ts',
      'packages/worker/src/owners.ts',
      'packages/cache/src/index.ts',
    ])
      expect(read(dir, file)).toBe(read(before, file));
    expect(report.cache?.prefixes).toEqual(['acme:session:']);
    expect(report.cache?.clients.map((c) => `${c.path}:${c.line} ${c.action}`)).toEqual([
      'packages/cache/src/redis.ts:4 wrapped',
    ]);
    expect(report.cache?.readers.map((r) => `${r.path}:${r.line} ${r.method} ${r.prefix}`)).toEqual([
      'packages/api/src/sessions.ts:13 get acme:session:',
      'packages/worker/src/owners.ts:5 get acme:session:',
    ]);
    expect((await migrate(dir, ['--dry'])).totals.changed).toBe(0);

    install(dir);
    const migrated = await runFixtureTests(dir, db(7));
    expect(migrated.output).toContain('# fail 0');
    expect(passed(migrated)).toBe(3);
    const values = await storedValues(db(7));
    expect(values.has('acme:session:m1')).toBe(true);
    expect(holdsPlanted(values)).toEqual([]);
    // The counter on the same client is left as it is (only the session keys are encrypted).
    expect([...values].filter(([k]) => k.startsWith('acme:views:')).every(([, v]) => /^\d+$/.test(v))).toBe(
      true,
    );
  }, 300_000);

  it('nest-service: the provider, the worker and the CacheModule store are wrapped; the tests still pass', async () => {
    const before = copyOf('nest-service', 'nest-before');
    const dir = copyOf('nest-service', 'nest-after');
    const [plain, report] = await Promise.all([runFixtureTests(before, db(4)), migrate(dir)]);
    expect(plain.output).toContain('# fail 0');
    expect(passed(plain)).toBe(3);
    expect(holdsPlanted(await storedValues(db(4))).length).toBeGreaterThan(1);

    expect(read(dir, 'src/redis.module.ts')).toContain(
      "useFactory: () => secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')),",
    );
    expect(read(dir, 'src/worker.ts')).toContain(
      "const redis = secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));",
    );
    expect(read(dir, 'src/app.module.ts')).toContain(
      "stores: [secureCache(createKeyv(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))],",
    );
    expect(read(dir, 'src/tokens.service.ts')).toBe(read(before, 'src/tokens.service.ts'));
    expect(report.cache?.prefixes).toEqual(['apikey:', 'refresh:']);
    expect(report.cache?.blocked).toEqual([]);
    expect((await migrate(dir, ['--dry'])).totals.changed).toBe(0);

    const migrated = await runFixtureTests(dir, db(5));
    expect(migrated.output).toContain('# fail 0');
    expect(passed(migrated)).toBe(3);
    const values = await storedValues(db(5));
    expect(values.has('refresh:u-1')).toBe(true);
    expect(holdsPlanted(values)).toEqual([]);
  }, 300_000);
});
