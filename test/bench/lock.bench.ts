/**
 * Lock acquire + release round trips on an uncontended resource, on one throwaway redis-server: ours (withLock
 * with a no-op critical section, and the acquire/release primitives) against `redlock` 4.2.0 on the same ioredis
 * connection. Each case is two Lua round trips (acquire, release); ours also mints a fencing token (INCR) and
 * arms its extension timer. Interleaved rounds (15 × 300 ms), batch 1.
 * Run: npx tsx test/bench/run.ts lock
 */
import { Redis } from 'ioredis';
import Redlock from 'redlock';
import { createRedisLock } from '../../runtime/src/lock/index.js';
import { startRedis } from '../helpers/redis-server.js';
import { compare, measure, type Comparison } from './harness.js';

const TTL_MS = 10_000;

/** Median `process.cpuUsage()` microseconds per operation of each case, over interleaved segments. */
async function cpuPerOp(
  cases: Record<string, () => Promise<unknown>>,
  segments = 15,
  opsPerSegment = 500,
): Promise<Record<string, number>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let s = 0; s < segments; s++) {
    for (const name of s % 2 === 0 ? names : [...names].reverse()) {
      const fn = cases[name]!;
      const before = process.cpuUsage();
      for (let i = 0; i < opsPerSegment; i++) await fn();
      const used = process.cpuUsage(before);
      samples[name]!.push((used.user + used.system) / opsPerSegment);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = [...samples[name]!].sort((x, y) => x - y);
      return [name, sorted[sorted.length >> 1]!];
    }),
  );
}

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
        // Many short rounds: the median then shrugs off bursts of load from other processes on the machine.
        rounds: 15,
        roundMs: 300,
        warmupMs: 300,
        batch: 1,
      });
      // Throughput on a shared machine swings with other load; the client-side CPU time per operation is steadier.
      const cpu = await cpuPerOp(cases);
      console.log('  client CPU per operation (median of 15 interleaved segments of 500 operations):');
      for (const [name, micros] of Object.entries(cpu)) {
        console.log(`    ${name.padEnd(52)} ${micros.toFixed(1).padStart(8)} µs`);
      }
      for (const result of [withLock!, primitive!, anchor!]) {
        result.extra = { cpuMicrosPerOp: Number(cpu[result.name]!.toFixed(1)) };
      }
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
