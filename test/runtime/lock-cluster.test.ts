/**
 * createRedisLock on a real three-master Redis Cluster (ioredis `Cluster`, node-redis `createCluster`): the lock
 * key and the fence counter of one resource must share a hash slot, so a cluster client gets hash tags by itself.
 */
import { Cluster } from 'ioredis';
import { createCluster } from 'redis';
import { createRedisLock } from '@secure-migrate/runtime/lock';
import { secureCache } from '@secure-migrate/runtime/cache';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { hasRedisCluster, startRedisCluster, type RedisCluster } from './redis-cluster.js';

const describeWithCluster = hasRedisCluster() ? describe : describe.skip;
if (!hasRedisCluster())
  console.warn('\n*** SKIPPED Redis Cluster lock suite: redis-server or redis-cli is missing ***\n');

describeWithCluster('createRedisLock on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let plain: Cluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    plain = new Cluster([...cluster.nodes]);
  }, 60_000);
  afterAll(async () => {
    await plain?.quit();
    await cluster?.stop();
  });

  /** Three locked rounds on `resource`: fencing tokens 1, 2, 3; the lock key is gone after each, the fence stays. */
  async function rounds(client: unknown, resource: string): Promise<void> {
    const locks = createRedisLock(client, { ttlMs: 2_000 });
    const keys = locks.keys(resource);
    expect(keys).toEqual({ lock: `lock:{${resource}}`, fence: `fence:{${resource}}` });
    const tokens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await locks.withLock(resource, async ({ fencingToken }) => {
        tokens.push(fencingToken);
        expect(await plain.exists(keys.lock)).toBe(1);
      });
    }
    expect(tokens).toEqual([1, 2, 3]);
    expect(await plain.exists(keys.lock)).toBe(0);
    expect(await plain.get(keys.fence)).toBe('3');
  }

  it('ioredis Cluster: hash tags by default, so acquire and release work (no CROSSSLOT)', async () => {
    const client = new Cluster([...cluster.nodes]);
    try {
      await rounds(client, 'invoice:1');
      // An explicit choice is kept: without tags the two keys land in different slots and Redis refuses.
      const untagged = createRedisLock(client, { hashTag: false, retry: { retries: 0 } });
      expect(untagged.keys('invoice:1')).toEqual({ lock: 'lock:invoice:1', fence: 'fence:invoice:1' });
      await expect(untagged.withLock('invoice:1', () => 1)).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await client.quit();
    }
  });

  it('a secureCache-wrapped ioredis Cluster is recognised as a cluster too', async () => {
    const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
    const client = new Cluster([...cluster.nodes]);
    try {
      await rounds(secureCache(client, { keyring }), 'invoice:2');
    } finally {
      await client.quit();
    }
  });

  it('node-redis createCluster: hash tags by default and commands routed by key', async () => {
    const client = createCluster({ rootNodes: cluster.urls.map((url) => ({ url })) });
    await client.connect();
    try {
      await rounds(client, 'invoice:3');
    } finally {
      await client.close();
    }
  });
});
