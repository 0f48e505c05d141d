/**
 * Every way a command reaches Redis through a secureCache client, under one policy, on a real redis-server (and a
 * real three-master Redis Cluster): values are encrypted whatever the entry point, commands that cannot work on
 * ciphertext and moves are refused on sensitive keys, judged on the key Redis sees (ioredis `keyPrefix` included).
 * An unwrapped connection (`raw`) shows what is stored.
 */
import { Cluster, Command, Redis } from 'ioredis';
import { createClient, createCluster, RESP_TYPES } from 'redis';
import { secureCache, type SecureCacheOptions } from '@secure-migrate/runtime/cache';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { isEncrypted } from '@secure-migrate/runtime/crypto';
import type { SecureMigrateError } from '@secure-migrate/runtime/errors';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { hasRedisCluster, startRedisCluster, type RedisCluster } from './redis-cluster.js';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const SECRET = 'plaintext-secret-value';
const REFUSED = 'ERR_CACHE_UNSAFE_COMMAND';

/** The error code `f` throws or rejects with, or undefined when it succeeds. */
const codeOf = async (f: () => unknown): Promise<string | undefined> => {
  try {
    await f();
  } catch (error) {
    return (error as SecureMigrateError).code ?? String(error);
  }
  return undefined;
};

const SET_LUA = "return redis.call('SET', KEYS[1], ARGV[1])";

/** Calls `name` on `target`: methods the client's types do not declare (scripts, flattened array forms). */
function invoke(target: unknown, name: string, ...args: unknown[]): Promise<unknown> {
  const fn = (target as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`no method ${name}`);
  return (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
}

let server: RedisServer;
let raw: Redis;

/** Asserts that `key` holds an envelope (not the secret) and returns it. */
async function stored(key: string): Promise<string> {
  const value = await raw.get(key);
  expect(value, key).not.toBeNull();
  expect(isEncrypted(value), `${key} holds ${value}`).toBe(true);
  return value!;
}

describeWithRedis('secureCache command surface on Redis', () => {
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
    const opened: Redis[] = [];
    const wrap = (redisOptions: Record<string, unknown> = {}, options: SecureCacheOptions = {}): Redis => {
      const client = new Redis(server.url, redisOptions);
      opened.push(client);
      return secureCache(client, { keyring, ...options });
    };
    afterAll(async () => {
      await Promise.all(opened.map((c) => c.quit()));
    });

    it('call: flat and array arguments are encrypted; unsafe commands refused', async () => {
      const cache = wrap();
      await cache.call('set', 'session:1', SECRET);
      await cache.call('set', ['session:2', SECRET]);
      await cache.call('SET', ['session:3', SECRET, 'EX', '100']);
      await stored('session:1');
      await stored('session:2');
      await stored('session:3');
      expect(await raw.ttl('session:3')).toBeGreaterThan(90);
      expect(await cache.call('get', ['session:2'])).toBe(SECRET);
      expect(await codeOf(() => cache.call('append', 'session:1', 'x'))).toBe(REFUSED);
      expect(await codeOf(() => cache.call('append', ['session:1', 'x']))).toBe(REFUSED);
      expect(await cache.call('append', 'page:1', 'x')).toBe(1);
    });

    it('callBuffer and send_command: encrypted, decrypted, unsafe refused', async () => {
      const cache = wrap();
      await cache.callBuffer('set', ['session:1', SECRET]);
      await stored('session:1');
      expect(await cache.callBuffer('get', 'session:1')).toEqual(Buffer.from(SECRET));
      expect(await codeOf(() => cache.callBuffer('append', 'session:1', 'x'))).toBe(REFUSED);
      const alias = cache as unknown as { send_command(...args: unknown[]): Promise<unknown> };
      await alias.send_command('set', 'session:2', SECRET);
      await stored('session:2');
      expect(await alias.send_command('get', 'session:2')).toBe(SECRET);
      expect(await codeOf(() => alias.send_command('append', 'session:2', 'x'))).toBe(REFUSED);
    });

    it('methods with array arguments (ioredis flattens them): encrypted, unsafe refused', async () => {
      const cache = wrap();
      await invoke(cache, 'set', ['session:1', SECRET]);
      await invoke(cache, 'setex', ['session:2', 100, SECRET]);
      await stored('session:1');
      await stored('session:2');
      expect(await invoke(cache, 'get', ['session:1'])).toBe(SECRET);
      expect(await codeOf(() => invoke(cache, 'append', ['session:1', 'x']))).toBe(REFUSED);
    });

    it('sendCommand(new Command(...)): encrypted, decrypted through the reply and command.promise, refused', async () => {
      const cache = wrap();
      const set = new Command('set', ['session:1', SECRET], { replyEncoding: 'utf8' });
      expect(await cache.sendCommand(set)).toBe('OK');
      await stored('session:1');
      const get = new Command('get', ['session:1'], { replyEncoding: 'utf8' });
      expect(await cache.sendCommand(get)).toBe(SECRET);
      expect(await get.promise).toBe(SECRET);
      const getBuffer = new Command('get', ['session:1']);
      expect(await cache.sendCommand(getBuffer)).toEqual(Buffer.from(SECRET));
      await cache.sendCommand(new Command('hset', ['user:1', 'email', SECRET]));
      expect(isEncrypted(await raw.hget('user:1', 'email'))).toBe(true);
      expect(await cache.hget('user:1', 'email')).toBe(SECRET);
      const append = new Command('append', ['session:1', 'x']);
      expect(await codeOf(() => cache.sendCommand(append))).toBe(REFUSED);
      expect(await codeOf(() => append.promise)).toBe(REFUSED);
      expect(await codeOf(() => cache.sendCommand(new Command('rename', ['session:1', 'x'])))).toBe(REFUSED);
      expect(await raw.get('x')).toBeNull();
      expect(await cache.sendCommand(new Command('append', ['page:1', 'x'], { replyEncoding: 'utf8' }))).toBe(
        1,
      );
    });

    it('defineCommand scripts are refused on sensitive keys like EVAL, in every form', async () => {
      const cache = wrap();
      cache.defineCommand('mySet', { numberOfKeys: 1, lua: SET_LUA });
      cache.defineCommand('anySet', { lua: SET_LUA });
      expect(await codeOf(() => invoke(cache, 'mySet', 'session:1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => invoke(cache, 'mySetBuffer', 'session:1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => invoke(cache, 'anySet', 1, 'session:1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => invoke(cache, 'mySet', ['session:1', SECRET]))).toBe(REFUSED);
      expect(await codeOf(() => cache.eval(SET_LUA, 1, 'session:1', SECRET))).toBe(REFUSED);
      const pipeline = cache.pipeline();
      expect(await codeOf(() => invoke(pipeline, 'mySet', 'session:1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.pipeline([['mySet', 'session:1', SECRET]]))).toBe(REFUSED);
      expect(await raw.exists('session:1')).toBe(0);
      expect(await invoke(cache, 'mySet', 'page:1', 'html')).toBe('OK');
      expect(await invoke(cache, 'anySet', 1, 'page:2', 'html')).toBe('OK');
      expect(await raw.get('page:1')).toBe('html');
    });

    it('keyPrefix: sensitivity is judged on the key Redis sees', async () => {
      const cache = wrap({ keyPrefix: 'session:' }) as Redis &
        Record<string, (...a: unknown[]) => Promise<unknown>>;
      cache.defineCommand('mySet', { numberOfKeys: 1, lua: SET_LUA });
      expect(await codeOf(() => cache.append('1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.incr('1'))).toBe(REFUSED);
      expect(await codeOf(() => cache.call('append', '1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => invoke(cache, 'mySet', '1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.eval(SET_LUA, 1, '1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.rename('1', '2'))).toBe(REFUSED);
      expect(await codeOf(() => cache.pipeline().append('1', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.multi([['append', '1', SECRET]]))).toBe(REFUSED);
      expect(await raw.exists('session:1')).toBe(0);
      // encryptAll: false encrypts sensitive keys only: judged with the prefix too.
      const some = wrap({ keyPrefix: 'session:' }, { encryptAll: false });
      await some.set('2', SECRET);
      await stored('session:2');
      expect(await some.get('2')).toBe(SECRET);
      const plain = wrap({ keyPrefix: 'page:' }, { encryptAll: false });
      await plain.set('1', 'html');
      expect(await raw.get('page:1')).toBe('html');
    });

    it('keyPrefix: blocking and multi pops name the prefixed key, and their values still decrypt', async () => {
      const cache = wrap({ keyPrefix: 'app:' });
      await cache.rpush('q', SECRET, 'second', 'third');
      expect((await raw.lrange('app:q', 0, -1)).map((v) => isEncrypted(v))).toEqual([true, true, true]);
      expect(await cache.blpop('q', 1)).toEqual(['app:q', SECRET]);
      expect(await cache.brpop('q', 1)).toEqual(['app:q', 'third']);
      expect(await cache.lmpop(1, 'q', 'LEFT')).toEqual(['app:q', ['second']]);
    });

    it('pipeline([...]) and multi([...]) array forms: encrypted, decrypted, unsafe refused', async () => {
      const cache = wrap();
      const results = await cache
        .pipeline([
          ['set', 'session:1', SECRET],
          ['call', 'set', 'session:2', SECRET],
          ['get', 'session:1'],
        ])
        .exec();
      expect(results).toEqual([
        [null, 'OK'],
        [null, 'OK'],
        [null, SECRET],
      ]);
      const tx = await cache
        .multi([
          ['set', 'session:3', SECRET],
          ['get', 'session:3'],
        ])
        .exec();
      expect(tx).toEqual([
        [null, 'OK'],
        [null, SECRET],
      ]);
      await stored('session:1');
      await stored('session:2');
      await stored('session:3');
      expect(await codeOf(() => cache.pipeline([['append', 'session:1', 'x']]))).toBe(REFUSED);
      expect(await codeOf(() => cache.multi([['call', 'append', 'session:1', 'x']]))).toBe(REFUSED);
      expect(await codeOf(() => cache.pipeline([['rename', 'session:1', 'x']]))).toBe(REFUSED);
    });

    it('pipeline sendCommand(new Command(...)): encrypted and refused', async () => {
      const cache = wrap();
      const pipeline = cache.pipeline();
      await invoke(
        pipeline,
        'sendCommand',
        new Command('set', ['session:1', SECRET], { replyEncoding: 'utf8' }),
      );
      pipeline.get('session:1');
      expect(await pipeline.exec()).toEqual([
        [null, 'OK'],
        [null, SECRET],
      ]);
      await stored('session:1');
      expect(
        await codeOf(() =>
          invoke(cache.pipeline(), 'sendCommand', new Command('append', ['session:1', 'x'])),
        ),
      ).toBe(REFUSED);
    });

    it('duplicate(): same policy, with the duplicate’s own keyPrefix', async () => {
      const cache = wrap();
      const dup = cache.duplicate();
      const prefixed = cache.duplicate({ keyPrefix: 'session:' });
      opened.push(dup, prefixed);
      await dup.call('set', ['session:1', SECRET]);
      await stored('session:1');
      expect(await codeOf(() => dup.append('session:1', 'x'))).toBe(REFUSED);
      expect(await codeOf(() => prefixed.append('1', 'x'))).toBe(REFUSED);
      await prefixed.set('2', SECRET);
      await stored('session:2');
    });

    it('moves are refused on sensitive keys and pass elsewhere', async () => {
      const cache = wrap();
      await cache.set('session:1', SECRET);
      await cache.rpush('session:list', SECRET);
      for (const move of [
        () => cache.rename('session:1', 'other'),
        () => cache.renamenx('other', 'session:1'),
        () => cache.copy('session:1', 'other'),
        () => cache.lmove('session:list', 'other', 'LEFT', 'RIGHT'),
        () => cache.rpoplpush('other', 'session:list'),
        () => cache.smove('session:set', 'other', 'm'),
        () => cache.call('rename', 'session:1', 'other'),
        () => cache.call('restore', 'session:9', '0', 'payload'),
      ]) {
        expect(await codeOf(move)).toBe(REFUSED);
      }
      expect(await raw.exists('other')).toBe(0);
      await cache.set('page:1', 'html');
      expect(await cache.rename('page:1', 'page:2')).toBe('OK');
      expect(await cache.copy('page:2', 'page:3')).toBe(1);
      expect(await raw.get('page:3')).not.toBeNull();
    });

    it('commands the table does not name: key-only commands pass, others are refused on sensitive keys', async () => {
      const cache = wrap();
      await cache.hset('session:h', 'a', SECRET);
      await cache.rpush('session:l', SECRET);
      expect(await cache.hlen('session:h')).toBe(1);
      expect(await cache.call('hlen', 'session:h')).toBe(1);
      expect(await cache.hexists('session:h', 'a')).toBe(1);
      expect(await cache.llen('session:l')).toBe(1);
      expect(await cache.expire('session:h', 100)).toBe(1);
      expect(await cache.call('ttl', 'session:h')).toBeGreaterThan(90);
      const dump = await raw.dumpBuffer('session:l');
      expect(await codeOf(() => cache.restore('session:9', 0, dump))).toBe(REFUSED);
      expect(await codeOf(() => cache.call('restore', 'session:9', '0', dump))).toBe(REFUSED);
      expect(await codeOf(() => cache.call('hsetex', 'session:9', 'FIELDS', '1', 'f', SECRET))).toBe(REFUSED);
      expect(await codeOf(() => cache.call('made-up-command', 'session:9', SECRET))).toBe(REFUSED);
      expect(await raw.exists('session:9')).toBe(0);
      expect(await cache.restore('page:9', 0, dump)).toBe('OK');
    });
  });

  describe('node-redis', () => {
    let client: ReturnType<typeof createClient>;
    let cache: typeof client;
    beforeAll(async () => {
      client = createClient({ url: server.url });
      cache = secureCache(client, { keyring });
      await cache.connect();
    });
    afterAll(async () => {
      await client.quit();
    });

    it('sendCommand: encrypted, decrypted, unsafe, moves and unknown commands refused', async () => {
      await cache.sendCommand(['SET', 'session:1', SECRET]);
      await stored('session:1');
      expect(await cache.sendCommand(['GET', 'session:1'])).toBe(SECRET);
      for (const argv of [
        ['APPEND', 'session:1', 'x'],
        ['RENAME', 'session:1', 'other'],
        ['RESTORE', 'session:9', '0', 'payload'],
        ['EVAL', SET_LUA, '1', 'session:1', SECRET],
      ]) {
        expect(await codeOf(() => cache.sendCommand(argv)), argv[0]).toBe(REFUSED);
      }
      expect(await cache.sendCommand(['STRLEN', 'page:none'])).toBe(0);
      expect(await cache.sendCommand(['EXISTS', 'session:1'])).toBe(1);
    });

    it('multi().addCommand: encrypted, decrypted, unsafe refused', async () => {
      const replies = await cache
        .multi()
        .addCommand(['SET', 'session:1', SECRET])
        .addCommand(['GET', 'session:1'])
        .exec();
      expect(replies).toEqual(['OK', SECRET]);
      await stored('session:1');
      expect(await codeOf(() => cache.multi().addCommand(['APPEND', 'session:1', 'x']))).toBe(REFUSED);
      expect(await codeOf(() => cache.multi().addCommand(['COPY', 'session:1', 'other']))).toBe(REFUSED);
      expect(await codeOf(() => cache.multi().restore('session:9', 0, Buffer.from('x')))).toBe(REFUSED);
    });

    it('duplicate() and withTypeMapping(): the same policy', async () => {
      const dup = cache.duplicate();
      await dup.connect();
      try {
        await dup.set('session:1', SECRET);
        await stored('session:1');
        expect(await codeOf(() => dup.append('session:1', 'x'))).toBe(REFUSED);
        expect(await codeOf(() => dup.sendCommand(['APPEND', 'session:1', 'x']))).toBe(REFUSED);
      } finally {
        await dup.quit();
      }
      const binary = cache.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      await binary.set('session:2', SECRET);
      await stored('session:2');
      expect(await binary.get('session:2')).toEqual(Buffer.from(SECRET));
      expect(await codeOf(() => binary.append('session:2', 'x'))).toBe(REFUSED);
      expect(await codeOf(() => binary.sendCommand(['APPEND', 'session:2', 'x']))).toBe(REFUSED);
      expect(await codeOf(() => binary.restore('session:9', 0, Buffer.from('x')))).toBe(REFUSED);
    });

    it('moves are refused on sensitive keys and pass elsewhere', async () => {
      await cache.set('session:1', SECRET);
      expect(await codeOf(() => cache.rename('session:1', 'other'))).toBe(REFUSED);
      expect(await codeOf(() => cache.copy('session:1', 'other'))).toBe(REFUSED);
      expect(await codeOf(() => cache.lMove('session:l', 'other', 'LEFT', 'RIGHT'))).toBe(REFUSED);
      await cache.set('page:1', 'html');
      expect(await cache.rename('page:1', 'page:2')).toBe('OK');
    });
  });
});

const describeWithCluster = hasRedisCluster() ? describe : describe.skip;
if (!hasRedisCluster())
  console.warn('\n*** SKIPPED Redis Cluster suite: redis-server or redis-cli is missing ***\n');

describeWithCluster('secureCache on a Redis Cluster', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('ioredis Cluster: encrypted, refused, and every node from nodes() is wrapped', async () => {
    const client = new Cluster([...cluster.nodes]);
    const cache = secureCache(client, { keyring });
    const plain = new Cluster([...cluster.nodes]);
    try {
      await cache.set('session:1', SECRET);
      await cache.call('set', ['session:2', SECRET]);
      expect(isEncrypted(await plain.get('session:1'))).toBe(true);
      expect(isEncrypted(await plain.get('session:2'))).toBe(true);
      expect(await cache.get('session:2')).toBe(SECRET);
      expect(await codeOf(() => cache.append('session:1', 'x'))).toBe(REFUSED);
      expect(await codeOf(() => cache.sendCommand(new Command('append', ['session:1', 'x'])))).toBe(REFUSED);
      const masters = cache.nodes('master');
      expect(masters).toHaveLength(3);
      // Each key is written through the node that owns its slot, found by asking the cluster.
      for (let i = 0; i < 12; i++) {
        const key = `session:n${i}`;
        const slot = Number(await plain.call('cluster', 'keyslot', key));
        const owner = masters.find((node) => {
          const ranges = plain.slots[slot] ?? [];
          return ranges.includes(`${node.options.host}:${node.options.port}`);
        });
        expect(owner, key).toBeDefined();
        await owner!.set(key, SECRET);
        expect(isEncrypted(await plain.get(key)), key).toBe(true);
        expect(await owner!.get(key)).toBe(SECRET);
        expect(await codeOf(() => owner!.append(key, 'x'))).toBe(REFUSED);
        expect(await codeOf(() => owner!.call('append', key, 'x'))).toBe(REFUSED);
      }
      const dup = cache.duplicate();
      try {
        await dup.set('session:3', SECRET);
        expect(isEncrypted(await plain.get('session:3'))).toBe(true);
      } finally {
        await dup.quit();
      }
    } finally {
      await client.quit();
      await plain.quit();
    }
  });

  it('ioredis Cluster with keyPrefix: judged on the prefixed key', async () => {
    const client = new Cluster([...cluster.nodes], { keyPrefix: 'session:' });
    const cache = secureCache(client, { keyring });
    try {
      expect(await codeOf(() => cache.append('1', 'x'))).toBe(REFUSED);
      await cache.set('1', SECRET);
      expect(await cache.get('1')).toBe(SECRET);
    } finally {
      await client.quit();
    }
  });

  it('node-redis createCluster: encrypted and refused', async () => {
    const client = createCluster({ rootNodes: cluster.urls.map((url) => ({ url })) });
    const cache = secureCache(client, { keyring });
    await cache.connect();
    const plain = new Cluster([...cluster.nodes]);
    try {
      await cache.set('session:1', SECRET);
      expect(isEncrypted(await plain.get('session:1'))).toBe(true);
      expect(await cache.get('session:1')).toBe(SECRET);
      expect(await codeOf(() => cache.append('session:1', 'x'))).toBe(REFUSED);
      expect(await codeOf(() => cache.sendCommand('session:1', false, ['APPEND', 'session:1', 'x']))).toBe(
        REFUSED,
      );
      await cache.sendCommand('session:2', false, ['SET', 'session:2', SECRET]);
      expect(isEncrypted(await plain.get('session:2'))).toBe(true);
      // The client of the master that owns a key, from nodeClient(): wrapped too.
      const slot = Number(await plain.call('cluster', 'keyslot', 'session:3'));
      const master = cache.masters.find((m) => {
        const owner = plain.slots[slot] ?? [];
        return owner.includes(`${m.host}:${m.port}`);
      });
      expect(master).toBeDefined();
      const node = await cache.nodeClient(master!);
      await node.set('session:3', SECRET);
      expect(isEncrypted(await plain.get('session:3'))).toBe(true);
      expect(await node.get('session:3')).toBe(SECRET);
      expect(await codeOf(() => node.append('session:3', 'x'))).toBe(REFUSED);
    } finally {
      await client.quit();
      await plain.quit();
    }
  });
});
