/**
 * The two-phase rollout of secureCache on real Redis, through ioredis and node-redis: `writes: 'plaintext'`
 * (phase one: reads decrypt, writes stay plaintext) beside `writes: 'encrypted'` (phase two, the default), each
 * reading what the other wrote and what was written before the migration. An unwrapped connection (`raw`) shows
 * what is stored.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { secureCache } from '@secure-migrate/runtime/cache';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { isEncrypted } from '@secure-migrate/runtime/crypto';
import type { SecureMigrateError } from '@secure-migrate/runtime/errors';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const SECRET = 'plaintext-secret-value';
const LEGACY = 'written-before-the-migration';

const codeOf = async (f: () => unknown): Promise<string | undefined> => {
  try {
    await f();
  } catch (error) {
    return (error as SecureMigrateError).code;
  }
  return undefined;
};

describe('secureCache writes option', () => {
  it('accepts the two phases and refuses anything else', () => {
    expect(() => secureCache(undefined, { keyring, writes: 'plaintext' })).not.toThrow();
    expect(() => secureCache(undefined, { keyring, writes: 'encrypted' })).not.toThrow();
    expect(() => secureCache(undefined, { keyring, writes: 'clear' as never })).toThrow(
      /`writes` must be one of/,
    );
  });

  it("refuses legacy 'reencrypt' and 'reject' in the plaintext phase, saying why", () => {
    expect(() => secureCache(undefined, { keyring, writes: 'plaintext', legacy: 'reencrypt' })).toThrow(
      /readers not yet wrapped/,
    );
    expect(() => secureCache(undefined, { keyring, writes: 'plaintext', legacy: 'reject' })).toThrow(
      /legacy` must be 'passthrough'/,
    );
  });

  it('memory store: phase one stores plaintext and reads envelopes; setSecure still encrypts', async () => {
    const one = secureCache(undefined, { keyring, writes: 'plaintext' });
    one.set('session:1', { user: 1 });
    expect(one.raw('session:1')).toEqual({ user: 1 });
    expect(one.get('session:1')).toEqual({ user: 1 });
    await one.setSecure('session:2', { user: 2 });
    expect(isEncrypted(one.raw('session:2'))).toBe(true);
    expect(one.get('session:2')).toEqual({ user: 2 });
  });
});

describeWithRedis('secureCache two-phase rollout on Redis', () => {
  let server: RedisServer;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedis();
    raw = new Redis(server.url);
  });
  afterAll(async () => {
    await raw?.quit();
    await server?.stop();
  });
  beforeEach(async () => {
    await raw.flushdb();
  });

  describe('ioredis', () => {
    let c1: Redis;
    let c2: Redis;
    let phase1: Redis;
    let phase2: Redis;
    beforeAll(() => {
      c1 = new Redis(server.url);
      c2 = new Redis(server.url);
      phase1 = secureCache(c1, { keyring, writes: 'plaintext' });
      phase2 = secureCache(c2, { keyring, writes: 'encrypted' });
    });
    afterAll(async () => {
      await c1.quit();
      await c2.quit();
    });

    it('phase one writes plaintext that phase two and unwrapped readers read', async () => {
      await phase1.set('session:a', SECRET, 'EX', 100);
      await phase1.mset({ 'session:b': SECRET, 'page:1': 'html' });
      await phase1.hset('user:1', { email: SECRET });
      await phase1.rpush('list:1', SECRET);
      expect(await raw.get('session:a')).toBe(SECRET);
      expect(await raw.ttl('session:a')).toBeGreaterThan(90);
      expect(await raw.mget('session:b', 'page:1')).toEqual([SECRET, 'html']);
      expect(await raw.hget('user:1', 'email')).toBe(SECRET);
      expect(await raw.lrange('list:1', 0, -1)).toEqual([SECRET]);
      expect(await phase2.get('session:a')).toBe(SECRET);
      expect(await phase2.mget('session:b', 'page:1')).toEqual([SECRET, 'html']);
      expect(await phase2.hgetall('user:1')).toEqual({ email: SECRET });
      expect(await phase2.lrange('list:1', 0, -1)).toEqual([SECRET]);
    });

    it('phase one reads the ciphertext phase two writes, through commands and pipelines', async () => {
      await phase2.set('session:a', SECRET);
      await phase2.hset('user:1', 'email', SECRET);
      await phase2.rpush('list:1', SECRET);
      expect(isEncrypted(await raw.get('session:a'))).toBe(true);
      expect(isEncrypted(await raw.hget('user:1', 'email'))).toBe(true);
      expect(await phase1.get('session:a')).toBe(SECRET);
      expect(await phase1.getBuffer('session:a')).toEqual(Buffer.from(SECRET));
      expect(await phase1.hget('user:1', 'email')).toBe(SECRET);
      expect(await phase1.lpop('list:1')).toBe(SECRET);
      const results = await phase1
        .pipeline()
        .get('session:a')
        .set('session:c', SECRET)
        .hgetall('user:1')
        .exec();
      expect(results).toEqual([
        [null, SECRET],
        [null, 'OK'],
        [null, { email: SECRET }],
      ]);
      expect(await raw.get('session:c')).toBe(SECRET);
    });

    it('legacy plaintext is returned as it is in both phases', async () => {
      await raw.set('session:old', LEGACY);
      await raw.hset('user:old', 'email', LEGACY);
      expect(await phase1.get('session:old')).toBe(LEGACY);
      expect(await phase2.get('session:old')).toBe(LEGACY);
      expect(await phase1.hget('user:old', 'email')).toBe(LEGACY);
      expect(await phase2.hget('user:old', 'email')).toBe(LEGACY);
      // Passthrough leaves the stored value alone.
      expect(await raw.get('session:old')).toBe(LEGACY);
    });

    it('a tampered envelope is an error in both phases, never passed through', async () => {
      await phase2.set('session:a', SECRET);
      const stored = (await raw.get('session:a'))!;
      await raw.set('session:b', stored); // bound to session:a
      expect(await codeOf(() => phase1.get('session:b'))).toBe('ERR_DECRYPT');
      expect(await codeOf(() => phase2.get('session:b'))).toBe('ERR_DECRYPT');
    });

    it('the unsafe-command policy is the same in both phases', async () => {
      expect(await codeOf(() => phase1.append('session:a', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(() => phase2.append('session:a', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await phase1.incr('ratelimit:1')).toBe(1);
    });

    it('switching a writer from phase one to phase two keeps every value readable by both', async () => {
      const before = secureCache(new Redis(server.url), { keyring, writes: 'plaintext' });
      const after = secureCache(new Redis(server.url), { keyring });
      try {
        await raw.set('session:0', LEGACY);
        await before.set('session:1', 'one');
        await after.set('session:2', 'two');
        const keys = ['session:0', 'session:1', 'session:2'];
        expect(await before.mget(keys)).toEqual([LEGACY, 'one', 'two']);
        expect(await after.mget(keys)).toEqual([LEGACY, 'one', 'two']);
        expect(await raw.mget(keys).then((v) => v.map((x) => isEncrypted(x)))).toEqual([false, false, true]);
      } finally {
        await before.quit();
        await after.quit();
      }
    });
  });

  describe('node-redis', () => {
    let c1: ReturnType<typeof createClient>;
    let c2: ReturnType<typeof createClient>;
    let phase1: typeof c1;
    let phase2: typeof c2;
    beforeAll(async () => {
      c1 = createClient({ url: server.url });
      c2 = createClient({ url: server.url });
      phase1 = secureCache(c1, { keyring, writes: 'plaintext' });
      phase2 = secureCache(c2, { keyring });
      await phase1.connect();
      await phase2.connect();
    });
    afterAll(async () => {
      await c1.quit();
      await c2.quit();
    });

    it('phase one writes plaintext that phase two reads', async () => {
      await phase1.set('session:a', SECRET, { EX: 100 });
      await phase1.hSet('user:1', { email: SECRET });
      await phase1.sendCommand(['SET', 'session:raw', SECRET]);
      expect(await raw.get('session:a')).toBe(SECRET);
      expect(await raw.ttl('session:a')).toBeGreaterThan(90);
      expect(await raw.hget('user:1', 'email')).toBe(SECRET);
      expect(await raw.get('session:raw')).toBe(SECRET);
      expect(await phase2.get('session:a')).toBe(SECRET);
      expect(await phase2.hGetAll('user:1')).toEqual({ email: SECRET });
    });

    it('phase one reads the ciphertext phase two writes, commands and multi', async () => {
      await phase2.set('session:a', SECRET);
      await phase2.hSet('user:1', 'email', SECRET);
      expect(isEncrypted(await raw.get('session:a'))).toBe(true);
      expect(await phase1.get('session:a')).toBe(SECRET);
      expect(await phase1.hGet('user:1', 'email')).toBe(SECRET);
      const replies = await phase1.multi().get('session:a').set('session:m', SECRET).hGetAll('user:1').exec();
      expect(replies).toEqual([SECRET, 'OK', { email: SECRET }]);
      expect(await raw.get('session:m')).toBe(SECRET);
    });

    it('legacy plaintext is returned as it is in both phases', async () => {
      await raw.set('session:old', LEGACY);
      expect(await phase1.get('session:old')).toBe(LEGACY);
      expect(await phase2.get('session:old')).toBe(LEGACY);
      expect(await raw.get('session:old')).toBe(LEGACY);
    });
  });
});
