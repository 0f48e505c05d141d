/**
 * secureCache on real Redis (a throwaway redis-server), through ioredis and node-redis. An unwrapped second
 * connection (`raw`) checks what is actually stored.
 */
import { Redis } from 'ioredis';
import { createClient, RESP_TYPES } from 'redis';
import { secureCache, unwrapSecureCache } from '@secure-migrate/runtime/cache';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { Fernet, isEncrypted } from '@secure-migrate/runtime/crypto';
import type { SecureMigrateError } from '@secure-migrate/runtime/errors';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const SECRET = 'plaintext-secret-value';
const json = JSON.stringify({ user: 42, token: SECRET });

const codeOf = async (p: Promise<unknown> | (() => unknown)): Promise<string | undefined> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    return (error as SecureMigrateError).code;
  }
  return undefined;
};

let server: RedisServer;
let raw: Redis;

/** Every value stored anywhere in the database is an envelope; none contains the secret. */
async function expectAllEncrypted(except: readonly string[] = []): Promise<number> {
  let checked = 0;
  for (const key of await raw.keys('*')) {
    if (except.includes(key)) continue;
    const type = await raw.type(key);
    const values =
      type === 'string'
        ? [await raw.get(key)]
        : type === 'hash'
          ? await raw.hvals(key)
          : type === 'list'
            ? await raw.lrange(key, 0, -1)
            : [];
    for (const v of values) {
      expect(isEncrypted(v), `${type} ${key}`).toBe(true);
      expect(v).not.toContain(SECRET);
      checked++;
    }
  }
  return checked;
}

describeWithRedis('secureCache on Redis', () => {
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
    let client: Redis;
    let cache: ReturnType<typeof secureCache<Redis>>;
    beforeAll(() => {
      client = new Redis(server.url);
      cache = secureCache(client, { keyring });
    });
    afterAll(async () => {
      await client.quit();
    });

    it('is the same client: instanceof, events, unknown methods, duplicate', async () => {
      expect(cache instanceof Redis).toBe(true);
      expect(cache.on('error', () => undefined)).toBe(cache);
      expect(unwrapSecureCache(cache)).toBe(client);
      expect(await cache.ping()).toBe('PONG');
      const dup = cache.duplicate();
      try {
        await dup.set('dup', SECRET);
        expect(isEncrypted(await raw.get('dup'))).toBe(true);
        expect(await dup.get('dup')).toBe(SECRET);
      } finally {
        await dup.quit();
      }
    });

    it('strings: set/get and every SET option, TTLs checked on the raw client', async () => {
      expect(await cache.set('s', json)).toBe('OK');
      expect(JSON.parse((await cache.get('s'))!)).toEqual({ user: 42, token: SECRET });
      await cache.set('ex', SECRET, 'EX', 100);
      expect(await raw.ttl('ex')).toBeGreaterThan(90);
      await cache.set('px', SECRET, 'PX', 50_000);
      expect(await raw.pttl('px')).toBeGreaterThan(40_000);
      await cache.set('exat', SECRET, 'EXAT', Math.floor(Date.now() / 1000) + 200);
      expect(await raw.ttl('exat')).toBeGreaterThan(150);
      await cache.set('pxat', SECRET, 'PXAT', Date.now() + 300_000);
      expect(await raw.ttl('pxat')).toBeGreaterThan(250);
      expect(await cache.set('ex', 'other', 'NX')).toBeNull();
      expect(await cache.get('ex')).toBe(SECRET);
      expect(await cache.set('nope', 'v', 'XX')).toBeNull();
      expect(await raw.exists('nope')).toBe(0);
      await cache.set('ex', 'kept', 'KEEPTTL');
      expect(await raw.ttl('ex')).toBeGreaterThan(90);
      expect(await cache.get('ex')).toBe('kept');
      expect(await cache.set('ex', SECRET, 'GET')).toBe('kept');
      expect(await cache.set('ex', 'x', 'EX', 10, 'GET')).toBe(SECRET);
      expect(await cache.set('fresh', 'x', 'GET')).toBeNull();
      expect(await expectAllEncrypted()).toBe(6);
    });

    it('strings: setex, psetex, setnx, getset, getdel, getex, mset/mget, msetnx', async () => {
      await cache.setex('a', 100, SECRET);
      expect(await raw.ttl('a')).toBeGreaterThan(90);
      await cache.psetex('b', 100_000, SECRET);
      expect(await raw.pttl('b')).toBeGreaterThan(90_000);
      expect(await cache.setnx('c', SECRET)).toBe(1);
      expect(await cache.setnx('c', 'other')).toBe(0);
      expect(await cache.getset('c', 'second')).toBe(SECRET);
      expect(await cache.get('c')).toBe('second');
      expect(await cache.getex('a', 'EX', 500)).toBe(SECRET);
      expect(await raw.ttl('a')).toBeGreaterThan(400);
      await cache.mset({ m1: SECRET, m2: 'two' });
      await cache.mset('m3', 'three', 'm4', SECRET);
      await cache.mset(new Map([['m5', 'five']]));
      expect(await cache.mget('m1', 'm2', 'missing', 'm3')).toEqual([SECRET, 'two', null, 'three']);
      expect(await cache.mget(['m4', 'm5'])).toEqual([SECRET, 'five']);
      expect(await cache.msetnx('n1', SECRET, 'n2', 'x')).toBe(1);
      expect(await cache.msetnx({ n1: 'y', n3: 'z' })).toBe(0);
      expect(await cache.mget('n1', 'n2', 'n3')).toEqual([SECRET, 'x', null]);
      await expectAllEncrypted();
      expect(await cache.getdel('m1')).toBe(SECRET);
      expect(await raw.exists('m1')).toBe(0);
    });

    it('numbers and Buffers: get returns text, getBuffer returns bytes', async () => {
      await cache.set('n', 42);
      expect(await cache.get('n')).toBe('42');
      const bytes = Buffer.from([0, 255, 1, 128, 7]);
      await cache.set('bin', bytes);
      expect(isEncrypted(await raw.get('bin'))).toBe(true);
      expect(await cache.getBuffer('bin')).toEqual(bytes);
      await cache.set('txt', 'héllo');
      expect(await cache.getBuffer('txt')).toEqual(Buffer.from('héllo'));
      expect(await cache.get('txt')).toBe('héllo');
      await cache.hset('hb', 'f', bytes);
      expect(await cache.hgetBuffer('hb', 'f')).toEqual(bytes);
      await cache.rpush('lb', bytes);
      expect(await cache.lrangeBuffer('lb', 0, -1)).toEqual([bytes]);
    });

    it('hashes: hset forms, hmset, hsetnx, hget, hmget, hgetall, hvals', async () => {
      expect(await cache.hset('h', 'f1', SECRET)).toBe(1);
      await cache.hset('h', 'f2', 'two', 'f3', 'three');
      await cache.hset('h', { f4: 'four', f5: SECRET });
      await cache.hset('h', new Map([['f6', 'six']]));
      await cache.hmset('h', { f7: 'seven' });
      await cache.hmset('h', 'f8', 'eight');
      expect(await cache.hsetnx('h', 'f1', 'no')).toBe(0);
      expect(await cache.hsetnx('h', 'f9', 'nine')).toBe(1);
      expect(await cache.hget('h', 'f1')).toBe(SECRET);
      expect(await cache.hmget('h', 'f2', 'missing', 'f5')).toEqual(['two', null, SECRET]);
      // ioredis flattens array arguments at run time, though its types do not say so.
      const loose = cache as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      expect(await loose.hmget!('h', ['f3', 'f4'])).toEqual(['three', 'four']);
      const all = {
        f1: SECRET,
        f2: 'two',
        f3: 'three',
        f4: 'four',
        f5: SECRET,
        f6: 'six',
        f7: 'seven',
        f8: 'eight',
        f9: 'nine',
      };
      expect(await cache.hgetall('h')).toEqual(all);
      const order = await raw.hkeys('h');
      expect(await cache.hvals('h')).toEqual(order.map((f) => all[f as keyof typeof all]));
      expect((await cache.hvals('h')).sort()).toEqual(Object.values(all).sort());
      expect(await cache.hkeys('h')).toHaveLength(9);
      expect(await expectAllEncrypted()).toBe(9);
    });

    it('lists: push forms, lset, lrange, lindex, lpop/rpop with count', async () => {
      expect(await cache.rpush('l', 'a', SECRET)).toBe(2);
      await (cache as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>).rpush!('l', [
        'c',
        'd',
      ]);
      await cache.lpush('l', 'z');
      expect(await cache.lpushx('l', 'y')).toBe(6);
      expect(await cache.rpushx('l', 'e')).toBe(7);
      expect(await cache.rpushx('none', 'e')).toBe(0);
      await cache.lset('l', 1, 'Z');
      expect(await cache.lrange('l', 0, -1)).toEqual(['y', 'Z', 'a', SECRET, 'c', 'd', 'e']);
      expect(await cache.lindex('l', 3)).toBe(SECRET);
      expect(await expectAllEncrypted()).toBe(7);
      expect(await cache.lpop('l')).toBe('y');
      expect(await cache.rpop('l')).toBe('e');
      expect(await cache.lpop('l', 2)).toEqual(['Z', 'a']);
      expect(await cache.rpop('l', 2)).toEqual(['d', 'c']);
      expect(await cache.blpop('l', 1)).toEqual(['l', SECRET]);
      expect(await cache.lpop('l')).toBeNull();
    });

    it('keys stay usable: del, expire, ttl, scan, exists', async () => {
      await cache.set('user:1', SECRET);
      await cache.set('user:2', SECRET);
      expect(await cache.expire('user:1', 100)).toBe(1);
      expect(await cache.ttl('user:1')).toBeGreaterThan(90);
      const [, keys] = await cache.scan(0, 'MATCH', 'user:*');
      expect(keys.sort()).toEqual(['user:1', 'user:2']);
      expect(await cache.del('user:2')).toBe(1);
      expect(await cache.exists('user:1', 'user:2')).toBe(1);
    });

    it('pipeline and multi: values sealed, replies decrypted in order with other commands mixed in', async () => {
      const results = await cache
        .pipeline()
        .set('p1', SECRET, 'EX', 100)
        .incr('counter')
        .hset('ph', { f: SECRET })
        .get('p1')
        .ttl('p1')
        .hgetall('ph')
        .rpush('pl', 'a', SECRET)
        .lrange('pl', 0, -1)
        .hvals('ph')
        .get('missing')
        .exec();
      expect(results).toEqual([
        [null, 'OK'],
        [null, 1],
        [null, 1],
        [null, SECRET],
        [null, 100],
        [null, { f: SECRET }],
        [null, 2],
        [null, ['a', SECRET]],
        [null, [SECRET]],
        [null, null],
      ]);
      expect(await expectAllEncrypted(['counter'])).toBe(4);

      const tx = await cache.multi().set('t1', SECRET).get('t1').del('p1').mget('t1', 'p1').exec();
      expect(tx).toEqual([
        [null, 'OK'],
        [null, SECRET],
        [null, 1],
        [null, [SECRET, null]],
      ]);
      const batch = await cache
        .pipeline([
          ['set', 'b1', SECRET],
          ['get', 'b1'],
        ])
        .exec();
      expect(batch).toEqual([
        [null, 'OK'],
        [null, SECRET],
      ]);
      expect(isEncrypted(await raw.get('b1'))).toBe(true);
    });

    it('pipeline: a reply that fails to decrypt is an error in its slot', async () => {
      await cache.set('x', SECRET);
      await raw.set('y', (await raw.get('x'))!);
      const results = await cache.pipeline().get('x').get('y').exec();
      expect(results![0]).toEqual([null, SECRET]);
      expect((results![1]![0] as SecureMigrateError).code).toBe('ERR_DECRYPT');
    });

    it('raw commands: call() seals and opens like the methods', async () => {
      expect(await cache.call('SET', 'c1', SECRET, 'EX', '100')).toBe('OK');
      expect(isEncrypted(await raw.get('c1'))).toBe(true);
      expect(await raw.ttl('c1')).toBeGreaterThan(90);
      expect(await cache.call('GET', 'c1')).toBe(SECRET);
      await cache.call('HSET', 'ch', 'f', SECRET);
      expect(await cache.call('HGETALL', 'ch')).toEqual(['f', SECRET]);
      expect(await cache.call('HVALS', 'ch')).toEqual([SECRET]);
      expect(await codeOf(cache.call('INCR', 'session:1'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
    });

    it('callback style works', async () => {
      await cache.set('cb', SECRET);
      const value = await new Promise((resolve, reject) =>
        cache.get('cb', (err, v) => (err ? reject(err) : resolve(v))),
      );
      expect(value).toBe(SECRET);
    });

    it('a value copied under another key (or field) does not decrypt', async () => {
      await cache.set('key1', SECRET);
      await raw.set('key2', (await raw.get('key1'))!);
      expect(await codeOf(cache.get('key2'))).toBe('ERR_DECRYPT');
      await cache.hset('h', 'f1', SECRET);
      await raw.hset('h', 'f2', (await raw.hget('h', 'f1'))!);
      expect(await codeOf(cache.hget('h', 'f2'))).toBe('ERR_DECRYPT');
      await raw.hset('h2', 'f1', (await raw.hget('h', 'f1'))!);
      expect(await codeOf(cache.hget('h2', 'f1'))).toBe('ERR_DECRYPT');
      await cache.rpush('l1', SECRET);
      await raw.rpush('l2', (await raw.lindex('l1', 0))!);
      expect(await codeOf(cache.lrange('l2', 0, -1))).toBe('ERR_DECRYPT');
    });

    it('a tampered envelope is always an error, also in passthrough mode', async () => {
      await cache.set('t', SECRET);
      const token = (await raw.get('t'))!;
      await raw.set('t', token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2));
      expect(await codeOf(cache.get('t'))).toBe('ERR_DECRYPT');
      const other = secureCache(new Redis(server.url), {
        keyring: createKeyring({ keys: [{ id: 'k1', key: generateKey() }] }),
      });
      try {
        await cache.set('w', SECRET);
        expect(await codeOf(other.get('w'))).toBe('ERR_DECRYPT');
      } finally {
        await other.quit();
      }
    });

    it('legacy: passthrough, reencrypt (TTL kept, strings and hash fields), reject', async () => {
      await raw.set('old', json, 'EX', 500);
      await raw.hset('oldh', 'f', 'plain-field');
      expect(await cache.get('old')).toBe(json);
      expect(await raw.get('old')).toBe(json);

      const strict = secureCache(client, { keyring, legacy: 'reject' });
      expect(await codeOf(strict.get('old'))).toBe('ERR_CACHE_LEGACY_VALUE');
      expect(await codeOf(strict.hgetall('oldh'))).toBe('ERR_CACHE_LEGACY_VALUE');

      const re = secureCache(client, { keyring, legacy: 'reencrypt' });
      expect(await re.get('old')).toBe(json);
      expect(isEncrypted(await raw.get('old'))).toBe(true);
      expect(await raw.ttl('old')).toBeGreaterThan(450);
      expect(await re.get('old')).toBe(json);
      expect(await strict.get('old')).toBe(json);
      expect(await re.hget('oldh', 'f')).toBe('plain-field');
      expect(isEncrypted(await raw.hget('oldh', 'f'))).toBe(true);
      expect(await re.hgetall('oldh')).toEqual({ f: 'plain-field' });

      await raw.set('old2', 'in-pipeline');
      expect(await re.pipeline().get('old2').exec()).toEqual([[null, 'in-pipeline']]);
      expect(isEncrypted(await raw.get('old2'))).toBe(true);
    });

    it('works with an ioredis keyPrefix, reencrypt included', async () => {
      const prefixed = new Redis(server.url, { keyPrefix: 'app:' });
      try {
        const re = secureCache(prefixed, { keyring, legacy: 'reencrypt' });
        await re.set('k', SECRET, 'EX', 100);
        expect(isEncrypted(await raw.get('app:k'))).toBe(true);
        expect(await re.get('k')).toBe(SECRET);
        await raw.set('app:old', 'legacy', 'EX', 100);
        expect(await re.get('old')).toBe('legacy');
        expect(isEncrypted(await raw.get('app:old'))).toBe(true);
        expect(await raw.ttl('app:old')).toBeGreaterThan(90);
        expect(await re.get('old')).toBe('legacy');
      } finally {
        await prefixed.quit();
      }
    });

    it('unsafe commands: refused on sensitive keys, untouched elsewhere', async () => {
      expect(await cache.incr('ratelimit:ip')).toBe(1);
      expect(await cache.incrby('ratelimit:ip', 4)).toBe(5);
      expect(await cache.sadd('tags', 'a')).toBe(1);
      expect(await cache.append('log', 'x')).toBe(1);

      const error = await cache
        .incr('session:abc')
        .catch((e: unknown) => e as Error & { command: string; key: string });
      expect(error).toMatchObject({ code: 'ERR_CACHE_UNSAFE_COMMAND', command: 'incr', key: 'session:abc' });
      expect((error as Error).message).toContain('INCR');
      expect((error as Error).message).toContain('session:abc');
      expect(await raw.exists('session:abc')).toBe(0);
      expect(await codeOf(cache.sadd('token:set', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(cache.append('oauth:state', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(cache.eval('return 1', 1, 'session:1'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await cache.eval('return 1', 1, 'plain:1')).toBe(1);
      expect(await codeOf(cache.rename('session:1', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(() => cache.pipeline().incr('session:1')).toThrow(/INCR/);

      const custom = secureCache(client, {
        keyring,
        sensitiveKeys: ['billing:', /^card-\d+$/],
        classifyKeys: false,
      });
      expect(await codeOf(custom.incr('billing:1'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(custom.hincrby('card-7', 'n', 1))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await custom.incr('session:counter')).toBe(1);
      const fn = secureCache(client, { keyring, sensitiveKeys: (k) => k.endsWith(':secret') });
      expect(await codeOf(fn.incr('a:secret'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(fn.incr('session:x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
    });

    it('reads Fernet tokens a Python service wrote when the key ring holds the Fernet key', async () => {
      const fernetKey = Buffer.alloc(32, 7).toString('base64url');
      const token = new Fernet(fernetKey).encrypt('from-python');
      await raw.set('py', token);
      await raw.hset('pyh', 'f', token);
      const withFernet = secureCache(client, {
        keyring: createKeyring({ keys: [{ id: 'k1', key: generateKey() }], fernetKeys: [fernetKey] }),
      });
      expect(await withFernet.get('py')).toBe('from-python');
      expect(await withFernet.hget('pyh', 'f')).toBe('from-python');
      // Without the Fernet key the token is an ordinary legacy value.
      expect(await cache.get('py')).toBe(token);
    });

    it('setSecure/getSecure keep types, TTL, and refuse plaintext', async () => {
      await cache.setSecure('typed', { n: 1, when: new Date(0) }, { ttl: 60_000 });
      expect(isEncrypted(await raw.get('typed'))).toBe(true);
      expect(await raw.pttl('typed')).toBeGreaterThan(50_000);
      expect(await cache.getSecure('typed')).toEqual({ n: 1, when: new Date(0) });
      expect(JSON.parse((await cache.get('typed'))!)).toEqual({ n: 1, when: new Date(0).toISOString() });
      await raw.set('plain', 'x');
      expect(await codeOf(cache.getSecure('plain'))).toBe('ERR_CACHE_LEGACY_VALUE');
      expect(await cache.getSecure('missing')).toBeNull();
    });

    it('encryptAll: false encrypts only sensitive keys', async () => {
      const partial = secureCache(client, { keyring, encryptAll: false });
      await partial.set('public', 'hello');
      await partial.set('session:1', SECRET);
      expect(await raw.get('public')).toBe('hello');
      expect(isEncrypted(await raw.get('session:1'))).toBe(true);
      expect(await partial.get('session:1')).toBe(SECRET);
      expect(await partial.get('public')).toBe('hello');
    });
  });

  describe('node-redis', () => {
    let client: ReturnType<typeof createClient>;
    let cache: ReturnType<typeof secureCache<ReturnType<typeof createClient>>>;
    beforeAll(async () => {
      client = createClient({ url: server.url });
      cache = secureCache(client, { keyring });
      expect(await cache.connect()).toBe(cache);
    });
    afterAll(async () => {
      await client.quit();
    });

    it('strings: set with options objects, setEx, pSetEx, setNX, getSet, getDel, getEx, mSet/mGet, mSetNX', async () => {
      expect(await cache.set('s', json, { EX: 100 })).toBe('OK');
      expect(await raw.ttl('s')).toBeGreaterThan(90);
      expect(await cache.get('s')).toBe(json);
      expect(await cache.set('s', 'x', { NX: true })).toBeNull();
      expect(await cache.set('s2', SECRET, { expiration: { type: 'PX', value: 50_000 } })).toBe('OK');
      expect(await raw.pttl('s2')).toBeGreaterThan(40_000);
      expect(await cache.set('s2', 'new', { KEEPTTL: true, GET: true })).toBe(SECRET);
      expect(await raw.pttl('s2')).toBeGreaterThan(40_000);
      await cache.setEx('a', 100, SECRET);
      expect(await raw.ttl('a')).toBeGreaterThan(90);
      await cache.pSetEx('b', 100_000, SECRET);
      expect(await raw.pttl('b')).toBeGreaterThan(90_000);
      expect(await cache.setNX('c', SECRET)).toBe(1);
      expect(await cache.getSet('c', 'second')).toBe(SECRET);
      expect(await cache.getEx('a', { type: 'EX', value: 500 })).toBe(SECRET);
      expect(await raw.ttl('a')).toBeGreaterThan(400);
      await cache.mSet({ m1: SECRET, m2: 'two' });
      await cache.mSet([
        ['m3', 'three'],
        ['m4', SECRET],
      ]);
      expect(await cache.mGet(['m1', 'm2', 'm3', 'm4', 'missing'])).toEqual([
        SECRET,
        'two',
        'three',
        SECRET,
        null,
      ]);
      expect(await cache.mSetNX({ n1: SECRET })).toBe(1);
      expect(await cache.SET('up', SECRET)).toBe('OK');
      expect(await cache.GET('up')).toBe(SECRET);
      expect(await expectAllEncrypted()).toBe(11);
      expect(await cache.getDel('m1')).toBe(SECRET);
      expect(await raw.exists('m1')).toBe(0);
    });

    it('hashes: hSet forms, hSetNX, hGet, hmGet, hGetAll, hVals, HGETALL', async () => {
      await cache.hSet('h', 'f1', SECRET);
      await cache.hSet('h', { f2: 'two', f3: SECRET });
      await cache.hSet('h', new Map([['f4', 'four']]));
      await cache.hSet('h', [
        ['f5', 'five'],
        ['f6', 'six'],
      ]);
      expect(await cache.hSetNX('h', 'f1', 'no')).toBe(0);
      expect(await cache.hGet('h', 'f1')).toBe(SECRET);
      expect(await cache.hmGet('h', ['f2', 'nope', 'f3'])).toEqual(['two', null, SECRET]);
      const all = { f1: SECRET, f2: 'two', f3: SECRET, f4: 'four', f5: 'five', f6: 'six' };
      expect({ ...(await cache.hGetAll('h')) }).toEqual(all);
      expect({ ...(await cache.HGETALL('h')) }).toEqual(all);
      expect((await cache.hVals('h')).sort()).toEqual(Object.values(all).sort());
      expect(await expectAllEncrypted()).toBe(6);
    });

    it('lists: lPush/rPush forms, lPushX/rPushX, lSet, lRange, lIndex, lPop, rPop, lPopCount', async () => {
      await cache.rPush('l', ['a', SECRET]);
      await cache.lPush('l', 'z');
      await cache.lPushX('l', 'y');
      await cache.rPushX('l', 'e');
      await cache.lSet('l', 1, 'Z');
      expect(await cache.lRange('l', 0, -1)).toEqual(['y', 'Z', 'a', SECRET, 'e']);
      expect(await cache.lIndex('l', 3)).toBe(SECRET);
      expect(await expectAllEncrypted()).toBe(5);
      expect(await cache.lPop('l')).toBe('y');
      expect(await cache.rPop('l')).toBe('e');
      expect(await cache.lPopCount('l', 2)).toEqual(['Z', 'a']);
      expect(await cache.rPopCount('l', 1)).toEqual([SECRET]);
    });

    it('multi and execAsPipeline decrypt replies in order', async () => {
      const results = await cache
        .multi()
        .set('t1', SECRET, { EX: 100 })
        .incr('counter')
        .get('t1')
        .hSet('th', 'f', SECRET)
        .hGetAll('th')
        .ttl('t1')
        .exec();
      expect(results.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? { ...r } : r))).toEqual([
        'OK',
        1,
        SECRET,
        1,
        { f: SECRET },
        100,
      ]);
      const piped = await cache.multi().get('t1').lRange('none', 0, -1).execAsPipeline();
      expect(piped).toEqual([SECRET, []]);
      expect(await expectAllEncrypted(['counter'])).toBe(2);
    });

    it('sendCommand seals and opens', async () => {
      expect(await cache.sendCommand(['SET', 'sc', SECRET])).toBe('OK');
      expect(isEncrypted(await raw.get('sc'))).toBe(true);
      expect(await cache.sendCommand(['GET', 'sc'])).toBe(SECRET);
    });

    it('Buffer replies (type mapping) come back as Buffers', async () => {
      const bytes = Buffer.from([0, 1, 2, 250]);
      await cache.set('bin', bytes);
      const binary = cache.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      expect(await binary.get('bin')).toEqual(bytes);
      expect(isEncrypted(await raw.get('bin'))).toBe(true);
    });

    it('copy under another key fails; legacy and unsafe rules apply', async () => {
      await cache.set('k1', SECRET);
      await raw.set('k2', (await raw.get('k1'))!);
      expect(await codeOf(cache.get('k2'))).toBe('ERR_DECRYPT');
      await raw.set('old', 'legacy', 'EX', 500);
      expect(await cache.get('old')).toBe('legacy');
      const re = secureCache(client, { keyring, legacy: 'reencrypt' });
      expect(await re.get('old')).toBe('legacy');
      expect(isEncrypted(await raw.get('old'))).toBe(true);
      expect(await raw.ttl('old')).toBeGreaterThan(450);
      expect(await codeOf(secureCache(client, { keyring, legacy: 'reject' }).get('k1'))).toBeUndefined();
      await raw.set('old2', 'legacy');
      expect(await codeOf(secureCache(client, { keyring, legacy: 'reject' }).get('old2'))).toBe(
        'ERR_CACHE_LEGACY_VALUE',
      );
      expect(await cache.incr('ratelimit:1')).toBe(1);
      expect(await codeOf(cache.incrBy('session:1', 2))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(await codeOf(cache.sAdd('token:s', 'x'))).toBe('ERR_CACHE_UNSAFE_COMMAND');
      expect(() => cache.multi().incr('session:2')).toThrow(/session:2/);
    });

    it('duplicate() is wrapped too', async () => {
      const dup = cache.duplicate();
      await dup.connect();
      try {
        await dup.set('d', SECRET);
        expect(isEncrypted(await raw.get('d'))).toBe(true);
        expect(await dup.get('d')).toBe(SECRET);
      } finally {
        await dup.quit();
      }
    });

    it('setSecure/getSecure', async () => {
      await cache.setSecure('typed', [1, 'two', { three: 3n }], { ttl: 60_000 });
      expect(await raw.pttl('typed')).toBeGreaterThan(50_000);
      expect(await cache.getSecure('typed')).toEqual([1, 'two', { three: 3n }]);
    });
  });
});
