/**
 * Lock acquire + release round trips on an uncontended resource, on one throwaway redis-server: ours (withLock
 * with a no-op critical section, and the acquire/release primitives) against `redlock` 4.2.0 on the same ioredis
 * connection. Each case is two Lua round trips (acquire, release); ours also mints a fencing token (INCR) and
 * arms its extension timers. Interleaved rounds, batch 1.
 * Run: npx tsx test/bench/run.ts lock
 */
import { Redis } from 'ioredis';
import Redlock from 'redlock';
import { createRedisLock } from '../../runtime/src/lock/index.js';
import { startRedis } from '../helpers/redis-server.js';
import { compare, measure, type Comparison } from './harness.js';

const TTL_MS = 10_000;

export default {
  title: 'lock: acquire + release of an uncontended Redis lock (ioredis client, local redis-server)',
  async run(): Promise<Comparison[]> {
    const server = await startRedis();
    const client = new Redis(server.url);
    try {
      const locks = createRedisLock(client, { ttlMs: TTL_MS, retry: { retries: 0 } });
      const redlock = new Redlock([client], { retryCount: 0 });
      const noop = () => undefined;

      const cases = {
        'ours: withLock(resource, no-op)': () => locks.withLock('bench:ours-with', noop),
        'ours: acquire() + release()': async () => {
          const handle = await locks.acquire('bench:ours-primitive');
          await handle.release();
        },
        'redlock 4.2.0: lock() + unlock()': async () => {
          const lock = await redlock.lock('bench:redlock', TTL_MS);
          await lock.unlock();
        },
      };
      // Sanity: each case really takes and frees its lock.
      for (const fn of Object.values(cases)) await fn();
      const fence = Number(await client.get('fence:bench:ours-with'));
      if (fence !== 1) throw new Error(`expected fencing token 1 after one withLock, got ${fence}`);
      if ((await client.exists('lock:bench:ours-with', 'bench:redlock')) !== 0) {
        throw new Error('a lock was not released');
      }

      const [withLock, primitive, anchor] = await measure(cases, {
        rounds: 7,
        roundMs: 500,
        warmupMs: 300,
        batch: 1,
      });
      return [
        compare('withLock vs redlock lock+unlock', withLock!, anchor!),
        compare('acquire+release vs redlock lock+unlock', primitive!, anchor!),
      ];
    } finally {
      await client.quit();
      await server.stop();
    }
  },
};
