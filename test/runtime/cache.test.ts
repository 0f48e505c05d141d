/**
 * secureCache on the clients that need no Redis: the built-in memory store, Map, keyv, cache-manager v5 and v6,
 * plus option validation, shape detection and the ioredis Cluster shape.
 */
import { Cluster } from 'ioredis';
import Keyv from 'keyv';
import { createCache } from 'cache-manager';
import { caching } from 'cache-manager-v5';
import {
  CacheClientError,
  createMemoryStore,
  detectCacheClientKind,
  isSecureCache,
  secureCache,
  unwrapSecureCache,
} from '@secure-migrate/runtime/cache';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { encryptForCache, isEncrypted } from '@secure-migrate/runtime/crypto';
import { DecryptionError, type SecureMigrateError } from '@secure-migrate/runtime/errors';
import * as root from '@secure-migrate/runtime';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const session = {
  userId: 42,
  token: 'eyJhbGciOi.secret.value',
  roles: ['admin'],
  at: new Date(1_700_000_000_000),
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as SecureMigrateError).code;
  }
  return undefined;
};
const codeOfAsync = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (error: unknown) => (error as SecureMigrateError).code,
  );

describe('secureCache() with the built-in memory store', () => {
  it('wraps a new memory store when called without a client, storing ciphertext', () => {
    const cache = secureCache(undefined, { keyring });
    expect(detectCacheClientKind(unwrapSecureCache(cache))).toBe('memory');
    cache.set('session:1', session);
    expect(cache.get('session:1')).toEqual(session);
    const raw = cache.raw('session:1');
    expect(isEncrypted(raw)).toBe(true);
    expect(String(raw)).not.toContain('eyJhbGciOi');
  });

  it('the no-argument form works with the process key ring', () => {
    const cache = secureCache();
    cache.set('a', 'b');
    expect(cache.get('a')).toBe('b');
    expect(isEncrypted(cache.raw('a'))).toBe(true);
  });

  it('keeps types: strings stay strings (JSON.parse still works), objects stay objects', () => {
    const cache = secureCache(createMemoryStore(), { keyring });
    cache.set('json', JSON.stringify(session));
    const text = cache.get('json');
    expect(typeof text).toBe('string');
    expect(JSON.parse(text as string)).toEqual(JSON.parse(JSON.stringify(session)));
    cache.set('n', 7).set('buf', Buffer.from([1, 2, 3]));
    expect(cache.get('n')).toBe(7);
    expect(cache.get('buf')).toEqual(Buffer.from([1, 2, 3]));
    expect(cache.has('n')).toBe(true);
    expect(cache.delete('n')).toBe(true);
    expect(cache.get('n')).toBeUndefined();
  });

  it('expires entries after their TTL (injected clock)', () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    const cache = secureCache(store, { keyring });
    cache.set('short', 'x', 50);
    cache.set('forever', 'y');
    expect(store.ttl('short')).toBe(50);
    expect(store.ttl('forever')).toBe(-1);
    now += 49;
    expect(cache.get('short')).toBe('x');
    now += 1;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.has('short')).toBe(false);
    expect(store.ttl('short')).toBe(-2);
    expect(cache.get('forever')).toBe('y');
    expect(store.keys()).toEqual(['forever']);
  });

  it('applies a default TTL and validates TTLs', () => {
    let now = 0;
    const store = createMemoryStore({ ttl: 10, now: () => now });
    store.set('a', 1);
    now = 10;
    expect(store.get('a')).toBeUndefined();
    expect(codeOf(() => store.set('b', 1, -1))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => createMemoryStore({ ttl: Number.NaN }))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('binds each value to its key: a value copied under another key does not decrypt', () => {
    const store = createMemoryStore();
    const cache = secureCache(store, { keyring });
    cache.set('token:a', 'secret-a');
    store.set('token:b', store.raw('token:a'));
    expect(() => cache.get('token:b')).toThrow(DecryptionError);
  });

  it('never double-encrypts a value that already carries the envelope', () => {
    const store = createMemoryStore();
    const cache = secureCache(store, { keyring });
    const token = encryptForCache('v', { keyring, context: 'k' });
    cache.set('k', token);
    expect(store.raw('k')).toBe(token);
    expect(cache.get('k')).toBe('v');
  });

  it('a tampered envelope is an error, never passed through', () => {
    const store = createMemoryStore();
    const cache = secureCache(store, { keyring });
    cache.set('k', 'value');
    const token = store.raw('k') as string;
    const flipped = token.slice(0, -2) + (token.endsWith('A') ? 'B' : 'A') + token.slice(-1);
    store.set('k', flipped);
    expect(codeOf(() => cache.get('k'))).toBe('ERR_DECRYPT');
    store.set('k', token.slice(0, 12));
    expect(codeOf(() => cache.get('k'))).toBe('ERR_DECRYPT');
    expect(codeOf(() => secureCache(store, { keyring, legacy: 'reencrypt' }).get('k'))).toBe('ERR_DECRYPT');
  });

  it('legacy values: passthrough, reencrypt (TTL kept), reject', () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    store.set('old', { plain: true }, 1_000);
    expect(secureCache(store, { keyring }).get('old')).toEqual({ plain: true });
    expect(store.raw('old')).toEqual({ plain: true });

    expect(codeOf(() => secureCache(store, { keyring, legacy: 'reject' }).get('old'))).toBe(
      'ERR_CACHE_LEGACY_VALUE',
    );

    now = 400;
    const re = secureCache(store, { keyring, legacy: 'reencrypt' });
    expect(re.get('old')).toEqual({ plain: true });
    expect(isEncrypted(store.raw('old'))).toBe(true);
    expect(store.ttl('old')).toBe(600);
    expect(re.get('old')).toEqual({ plain: true });
    now = 1_000;
    expect(re.get('old')).toBeUndefined();
  });

  it('setSecure/getSecure: typed values, TTL, strict read', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    const cache = secureCache(store, { keyring, encryptAll: false });
    await cache.setSecure('profile', session, { ttl: 100 });
    expect(isEncrypted(store.raw('profile'))).toBe(true);
    await expect(cache.getSecure('profile')).resolves.toEqual(session);
    store.set('plain', 'x');
    expect(await codeOfAsync(cache.getSecure('plain'))).toBe('ERR_CACHE_LEGACY_VALUE');
    await expect(cache.getSecure('missing')).resolves.toBeUndefined();
    now = 100;
    await expect(cache.getSecure('profile')).resolves.toBeUndefined();
  });

  it('encryptAll: false encrypts only sensitive keys', () => {
    const store = createMemoryStore();
    const cache = secureCache(store, { keyring, encryptAll: false, sensitiveKeys: ['secret:'] });
    cache.set('public:1', 'hello');
    cache.set('secret:1', 'hidden');
    expect(store.raw('public:1')).toBe('hello');
    expect(isEncrypted(store.raw('secret:1'))).toBe(true);
    expect(cache.get('public:1')).toBe('hello');
    expect(cache.get('secret:1')).toBe('hidden');
  });

  it('a namespace context separates two caches over one store', () => {
    const store = createMemoryStore();
    const a = secureCache(store, { keyring, context: 'tenant-a' });
    const b = secureCache(store, { keyring, context: 'tenant-b' });
    a.set('k', 'v');
    expect(a.get('k')).toBe('v');
    expect(() => b.get('k')).toThrow(DecryptionError);
    const fn = secureCache(store, { keyring, context: (key) => `tenant-a:${key}` });
    expect(fn.get('k')).toBe('v');
  });
});

describe('secureCache(Map)', () => {
  it('round-trips, chains, iterates decrypted, and keeps Map identity', () => {
    const map = new Map<string, unknown>();
    const cache = secureCache(map, { keyring });
    expect(cache instanceof Map).toBe(true);
    expect(cache.set('a', { x: 1 }).set('b', 'two')).toBe(cache);
    expect(isEncrypted(map.get('a'))).toBe(true);
    expect(isEncrypted(map.get('b'))).toBe(true);
    expect(cache.get('a')).toEqual({ x: 1 });
    expect(cache.size).toBe(2);
    expect([...cache]).toEqual([
      ['a', { x: 1 }],
      ['b', 'two'],
    ]);
    expect([...cache.values()]).toEqual([{ x: 1 }, 'two']);
    const seen: unknown[] = [];
    cache.forEach((v, k) => seen.push([k, v]));
    expect(seen).toEqual([...cache.entries()]);
    expect(cache.delete('a')).toBe(true);
    expect(cache.has('a')).toBe(false);
  });

  it('re-encrypts legacy values in place', () => {
    const map = new Map<string, unknown>([['old', 'plain']]);
    const cache = secureCache(map, { keyring, legacy: 'reencrypt' });
    expect(cache.get('old')).toBe('plain');
    expect(isEncrypted(map.get('old'))).toBe(true);
    expect(cache.get('old')).toBe('plain');
  });
});

describe('secureCache(keyv)', () => {
  it('round-trips any JSON value with TTL, stores ciphertext', async () => {
    const store = new Map<string, unknown>();
    const keyv = new Keyv({ store });
    const cache = secureCache(keyv, { keyring });
    expect(cache instanceof Keyv).toBe(true);
    expect(await cache.set('session:1', session, 60_000)).toBe(true);
    expect(await cache.get('session:1')).toEqual(session);
    const stored = JSON.stringify([...store.values()]);
    expect(stored).not.toContain('eyJhbGciOi');
    expect(isEncrypted((await keyv.get('session:1')) as unknown)).toBe(true);
    expect(await cache.has('session:1')).toBe(true);
    const rec = (await cache.get('session:1', { raw: true })) as { value: unknown; expires: number };
    expect(rec.value).toEqual(session);
    expect(rec.expires).toBeGreaterThan(Date.now());
    expect(await cache.delete('session:1')).toBe(true);
    expect(await cache.get('session:1')).toBeUndefined();
  });

  it('expires by TTL', async () => {
    const cache = secureCache(new Keyv(), { keyring });
    await cache.set('k', 'v', 20);
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.get('k')).toBeUndefined();
  });

  it('getMany/setMany and array get', async () => {
    const keyv = new Keyv();
    const cache = secureCache(keyv, { keyring });
    await cache.setMany([
      { key: 'a', value: 1 },
      { key: 'b', value: { two: 2 } },
    ]);
    expect(isEncrypted(await keyv.get('a'))).toBe(true);
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual([1, { two: 2 }, undefined]);
    expect(await cache.get(['b', 'a'])).toEqual([{ two: 2 }, 1]);
  });

  it('legacy reencrypt keeps the expiry', async () => {
    const keyv = new Keyv();
    await keyv.set('old', { plain: 1 }, 60_000);
    const cache = secureCache(keyv, { keyring, legacy: 'reencrypt' });
    expect(await cache.get('old')).toEqual({ plain: 1 });
    const raw = (await keyv.get('old', { raw: true })) as { value: unknown; expires: number };
    expect(isEncrypted(raw.value)).toBe(true);
    expect(raw.expires - Date.now()).toBeGreaterThan(50_000);
    expect(await cache.get('old')).toEqual({ plain: 1 });
  });

  it('iterator() yields decrypted values', async () => {
    const cache = secureCache(new Keyv(), { keyring });
    await cache.set('a', { one: 1 });
    await cache.set('b', 'two');
    const seen: unknown[] = [];
    for await (const entry of cache.iterator!(undefined)) seen.push(entry);
    expect(seen.sort()).toEqual([
      ['a', { one: 1 }],
      ['b', 'two'],
    ]);
  });

  it('clear passes through', async () => {
    const cache = secureCache(new Keyv(), { keyring });
    await cache.set('a', 1);
    await cache.clear();
    expect(await cache.get('a')).toBeUndefined();
  });
});

describe('secureCache(cache-manager v5)', () => {
  it('get/set/mget/mset/wrap/del/reset with ciphertext in the store', async () => {
    const inner = await caching('memory', { ttl: 60_000 });
    const cache = secureCache(inner, { keyring });
    await cache.set('session:1', session);
    expect(await cache.get('session:1')).toEqual(session);
    expect(isEncrypted(await inner.get('session:1'))).toBe(true);
    // v5 keeps mget/mset on its store; the store is wrapped too.
    await cache.store.mset([
      ['a', 'A'],
      ['b', { b: 1 }],
    ]);
    expect(isEncrypted(await inner.get('a'))).toBe(true);
    expect(isEncrypted(await inner.store.get('b'))).toBe(true);
    expect(await cache.store.mget('a', 'b', 'zz')).toEqual(['A', { b: 1 }, undefined]);
    await cache.store.set('c', 'C');
    expect(isEncrypted(await inner.get('c'))).toBe(true);
    expect(await cache.store.get('c')).toBe('C');
    let calls = 0;
    const load = async () => {
      calls++;
      return { loaded: true };
    };
    expect(await cache.wrap('w', load)).toEqual({ loaded: true });
    expect(await cache.wrap('w', load)).toEqual({ loaded: true });
    expect(calls).toBe(1);
    expect(isEncrypted(await inner.get('w'))).toBe(true);
    await cache.del('a');
    expect(await cache.get('a')).toBeUndefined();
    await cache.reset();
    expect(await cache.get('b')).toBeUndefined();
  });

  it('TTL argument passes through (expiry)', async () => {
    const cache = secureCache(await caching('memory'), { keyring });
    await cache.set('k', 'v', 20);
    expect(await cache.get('k')).toBe('v');
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe('secureCache(cache-manager v6)', () => {
  it('get/set/mget/mset/wrap/del with keyv stores', async () => {
    const keyv = new Keyv();
    const inner = createCache({ stores: [keyv] });
    const cache = secureCache(inner, { keyring });
    expect(detectCacheClientKind(inner)).toBe('cache-manager');
    await cache.set('session:1', session, 60_000);
    expect(await cache.get('session:1')).toEqual(session);
    expect(isEncrypted(await keyv.get('session:1'))).toBe(true);
    await cache.mset<unknown>([
      { key: 'a', value: 'A' },
      { key: 'b', value: [1, 2], ttl: 60_000 },
    ]);
    expect(isEncrypted(await keyv.get('b'))).toBe(true);
    // cache-manager v6 reports misses as null; the wrapper keeps that.
    expect(await cache.mget(['a', 'b', 'zz'])).toEqual(['A', [1, 2], null]);
    let calls = 0;
    const load = () => {
      calls++;
      return 'computed';
    };
    expect(await cache.wrap('w', load, 60_000)).toBe('computed');
    expect(await cache.wrap('w', load, 60_000)).toBe('computed');
    expect(calls).toBe(1);
    expect(isEncrypted(await keyv.get('w'))).toBe(true);
    expect(await cache.del('a')).toBe(true);
    expect(await cache.get('a')).toBeNull();
  });

  it('expires by TTL', async () => {
    const cache = secureCache(createCache({ stores: [new Keyv()] }), { keyring });
    await cache.set('k', 'v', 20);
    expect(await cache.get('k')).toBe('v');
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.get('k')).toBeNull();
  });
});

describe('secureCache: options, detection, identity', () => {
  it('is exported from the package root too', () => {
    expect(root.secureCache).toBe(secureCache);
    expect(root.createMemoryStore).toBe(createMemoryStore);
  });

  it('validates options with clear messages', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ legacy: 'maybe' }, /`legacy` must be one of/],
      [{ sensitiveKeys: [''] }, /sensitiveKeys/],
      [{ sensitiveKeys: 'session:' }, /sensitiveKeys/],
      [{ context: 42 }, /`context`/],
      [{ context: '' }, /namespace/],
      [{ encryptAll: 'yes' }, /`encryptAll` must be a boolean/],
      [{ kind: 'memcached' }, /`kind` must be one of/],
      [{ keyRing: keyring }, /unknown option `keyRing`/],
    ];
    for (const [options, message] of bad) {
      expect(() => secureCache(new Map(), options as never)).toThrow(message);
      expect(codeOf(() => secureCache(new Map(), options as never))).toBe('ERR_INVALID_ARGUMENT');
    }
  });

  it('a context function must return a string', () => {
    const cache = secureCache(new Map(), { keyring, context: (() => 1) as never });
    expect(codeOf(() => cache.set('k', 'v'))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('refuses unknown shapes and double wrapping', () => {
    expect(() => secureCache({ foo: 1 }, { keyring })).toThrow(CacheClientError);
    expect(codeOf(() => secureCache({ foo: 1 }, { keyring }))).toBe('ERR_CACHE_CLIENT');
    const once = secureCache(new Map(), { keyring });
    expect(isSecureCache(once)).toBe(true);
    expect(isSecureCache(new Map())).toBe(false);
    expect(codeOf(() => secureCache(once, { keyring }))).toBe('ERR_CACHE_CLIENT');
  });

  it('`kind` forces a family', () => {
    const store = {
      data: new Map<string, unknown>(),
      get(k: string) {
        return this.data.get(k);
      },
      set(k: string, v: unknown) {
        this.data.set(k, v);
        return this;
      },
    };
    expect(detectCacheClientKind(store)).toBeNull();
    const cache = secureCache(store, { keyring, kind: 'map' });
    cache.set('k', 'v');
    expect(isEncrypted(store.data.get('k'))).toBe(true);
    expect(cache.get('k')).toBe('v');
  });

  it('ioredis Cluster: same shape, same methods, same code path as Redis (no connection)', async () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
    try {
      expect(detectCacheClientKind(cluster)).toBe('ioredis');
      const cache = secureCache(cluster, { keyring });
      expect(cache instanceof Cluster).toBe(true);
      for (const name of [
        'set',
        'get',
        'hset',
        'hgetall',
        'lpush',
        'lrange',
        'pipeline',
        'multi',
        'nodes',
        'on',
        'quit',
      ]) {
        expect(typeof (cache as unknown as Record<string, unknown>)[name]).toBe('function');
      }
      expect(cache.on('error', () => undefined)).toBe(cache);
      expect(unwrapSecureCache(cache)).toBe(cluster);
      await expect(cache.incr('session:x')).rejects.toMatchObject({ code: 'ERR_CACHE_UNSAFE_COMMAND' });
    } finally {
      cluster.disconnect();
    }
  });
});
