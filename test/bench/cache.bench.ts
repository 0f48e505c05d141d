/**
 * secureCache(ioredis) against plain ioredis on a local redis-server: SET + GET of a 200-byte value, one
 * round trip at a time and 100 SET+GET pairs per pipeline. Target: ours at most 10% slower at the median.
 * A second anchor encrypts by hand (encryptForCache/decryptFromCache around plain ioredis calls, same key
 * binding): the same cryptographic work, so that ratio is the cost of the wrapper alone (target ≥ 0.95 pipelined).
 * On a shared machine wall-clock rounds vary widely, so the pipelined pair is also measured in process CPU time
 * per pipeline (`process.cpuUsage`, interleaved rounds), which other processes disturb far less.
 */
import { Redis } from 'ioredis';
import { secureCache } from '../../runtime/src/cache/index.js';
import { decryptFromCache, encryptForCache } from '../../runtime/src/crypto/index.js';
import { createKeyring, generateKey } from '../../runtime/src/keys/index.js';
import { startRedis } from '../helpers/redis-server.js';
import { compare, measure, type CaseResult, type Comparison } from './harness.js';

const VALUE = JSON.stringify({
  userId: 123456,
  sessionId: 'b1946ac92492d2347c6235b4d2611184',
  roles: ['reader', 'editor'],
  token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig',
  pad: '',
}).padEnd(200, ' ');
const PIPELINE = 100;
const TARGET = 'ratio ≥ 0.9 (at most 10% slower at the median)';
const BY_HAND = 'ratio ≥ 0.95 (the wrapper costs at most 5% beyond the encryption itself)';

/**
 * Process CPU time per call of each case, interleaved round by round; reported as calls per CPU-second (median of
 * the rounds), so the ratio compares the client-side work of the cases.
 */
async function measureCpu(
  cases: Record<string, () => Promise<void>>,
  { rounds, calls }: { rounds: number; calls: number },
): Promise<CaseResult[]> {
  const names = Object.keys(cases);
  for (const name of names) for (let i = 0; i < calls; i++) await cases[name]!();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) await cases[name]!();
      const used = process.cpuUsage(start);
      samples[name]!.push((calls * 1e6) / (used.user + used.system));
    }
  }
  return names.map((name) => {
    const xs = [...samples[name]!].sort((a, b) => a - b);
    return { name, opsPerSec: xs[xs.length >> 1]!, min: xs[0]!, max: xs[xs.length - 1]!, rounds };
  });
}

export default {
  title: 'cache: secureCache(ioredis) vs plain ioredis, SET+GET of a 200-byte value on a local redis-server',
  async run(): Promise<Comparison[]> {
    const server = await startRedis();
    const plain = new Redis(server.url);
    const inner = new Redis(server.url);
    const keyring = createKeyring({ keys: [{ id: 'bench', key: generateKey() }] });
    const secure = secureCache(inner, { keyring });
    try {
      let i = 0;
      const one = (client: Redis) => async () => {
        const key = `bench:${i++ & 1023}`;
        await client.set(key, VALUE);
        const v = await client.get(key);
        if (v !== VALUE) throw new Error('round trip mismatch');
      };
      const byHand = async () => {
        const key = `bench:${i++ & 1023}`;
        await plain.set(key, encryptForCache(VALUE, { keyring, context: key }));
        const v = decryptFromCache((await plain.get(key))!, { keyring, context: key });
        if (v !== VALUE) throw new Error('round trip mismatch');
      };
      const pipedByHand = async () => {
        const p = plain.pipeline();
        for (let j = 0; j < PIPELINE; j++) {
          const key = `bench:p${j}`;
          p.set(key, encryptForCache(VALUE, { keyring, context: key })).get(key);
        }
        const results = (await p.exec())!;
        for (let j = 0; j < PIPELINE; j++) {
          results[2 * j + 1]![1] = decryptFromCache(results[2 * j + 1]![1] as string, {
            keyring,
            context: `bench:p${j}`,
          });
        }
        if (results[1]?.[1] !== VALUE) throw new Error('pipeline mismatch');
      };
      const piped = (client: Redis) => async () => {
        const p = client.pipeline();
        for (let j = 0; j < PIPELINE; j++) p.set(`bench:p${j}`, VALUE).get(`bench:p${j}`);
        const results = await p.exec();
        if (results?.[1]?.[1] !== VALUE) throw new Error('pipeline mismatch');
      };

      const single = await measure(
        {
          'secureCache(ioredis) set+get': one(secure),
          'ioredis set+get': one(plain),
          'ioredis + encryptForCache by hand': byHand,
        },
        { batch: 1, rounds: 7, roundMs: 500 },
      );
      const batched = await measure(
        {
          [`secureCache(ioredis) pipeline ${PIPELINE}×(set+get)`]: piped(secure),
          [`ioredis pipeline ${PIPELINE}×(set+get)`]: piped(plain),
          [`ioredis pipeline + encryptForCache by hand`]: pipedByHand,
        },
        { batch: 1, rounds: 7, roundMs: 500 },
      );
      // The wrapper's own work without the network: queueing 100 SET+GET in a pipeline that is never sent, on a
      // client that never connects, against the same queueing with encryptForCache by hand.
      const offline = new Redis({ lazyConnect: true });
      const offlineSecure = secureCache(offline, { keyring });
      const keys = Array.from({ length: PIPELINE }, (_, j) => `bench:p${j}`);
      const queued = await measureCpu(
        {
          [`secureCache(ioredis) queue ${PIPELINE}×(set+get), per CPU-second`]: async () => {
            const p = offlineSecure.pipeline();
            for (const key of keys) p.set(key, VALUE).get(key);
            await Promise.resolve(p.length);
          },
          [`ioredis queue + encryptForCache by hand, per CPU-second`]: async () => {
            const p = offline.pipeline();
            for (const key of keys) p.set(key, encryptForCache(VALUE, { keyring, context: key })).get(key);
            await Promise.resolve(p.length);
          },
        },
        { rounds: 11, calls: 100 },
      );
      offline.disconnect();
      const cpu = await measureCpu(
        {
          [`secureCache(ioredis) pipeline ${PIPELINE}×(set+get), per CPU-second`]: piped(secure),
          [`ioredis pipeline + encryptForCache by hand, per CPU-second`]: pipedByHand,
        },
        { rounds: 11, calls: 40 },
      );
      return [
        compare('unpipelined, sequential awaits (1 set + 1 get per op)', single[0]!, single[1]!, TARGET),
        compare(`pipelined (${PIPELINE} set + ${PIPELINE} get per op)`, batched[0]!, batched[1]!, TARGET),
        compare('unpipelined, wrapper vs the same encryption by hand', single[0]!, single[2]!, 'ratio ≈ 1'),
        compare('pipelined, wrapper vs the same encryption by hand', batched[0]!, batched[2]!, BY_HAND),
        compare(
          'pipelined, wrapper vs the same encryption by hand, process CPU time',
          cpu[0]!,
          cpu[1]!,
          BY_HAND,
        ),
        compare(
          'queueing only (no round trip), wrapper vs by hand, process CPU time',
          queued[0]!,
          queued[1]!,
          BY_HAND,
        ),
      ];
    } finally {
      await plain.quit();
      await inner.quit();
      await server.stop();
    }
  },
};
