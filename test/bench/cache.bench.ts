/**
 * secureCache(ioredis) against plain ioredis on a local redis-server: SET + GET of a 200-byte value, one
 * round trip at a time and 100 SET+GET pairs per pipeline. Target: ours at most 10% slower at the median.
 * A second anchor encrypts by hand (encryptForCache/decryptFromCache around plain ioredis calls, same key
 * binding): the same cryptographic work, so that ratio is the cost of the wrapper alone (target ≥ 0.95 pipelined).
 * That pair is also measured with each case alone in a process of its own (cache-process.ts), in process CPU time
 * and wall time per pipeline, alternating the processes; interleaved in one process, each case is charged part of
 * the other's garbage collection, which blurs a difference of a few percent.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { secureCache } from '../../runtime/src/cache/index.js';
import { decryptFromCache, encryptForCache } from '../../runtime/src/crypto/index.js';
import { createKeyring, generateKey } from '../../runtime/src/keys/index.js';
import { startRedis } from '../helpers/redis-server.js';
import { PIPELINE, VALUE, type ProcessCase } from './cache-values.js';
import { compare, comparePaired, measure, type CaseResult, type Comparison } from './harness.js';

const TARGET = 'ratio ≥ 0.9 (at most 10% slower at the median)';
const BY_HAND = 'ratio ≥ 0.95 (the wrapper costs at most 5% beyond the encryption itself)';
const run = promisify(execFile);
const PROCESS_SCRIPT = fileURLToPath(new URL('./cache-process.ts', import.meta.url));

interface ProcessSample {
  cpuUs: number;
  wallUs: number;
}

const summary = (name: string, perSecond: number[], rounds: number): CaseResult => {
  const xs = [...perSecond].sort((a, b) => a - b);
  return { name, opsPerSec: xs[xs.length >> 1]!, min: xs[0]!, max: xs[xs.length - 1]!, rounds };
};

/**
 * Each case alone in a fresh process (warm-up, then `calls` calls), `alternations` times, in ABBA order; per case,
 * the median over its processes of calls per CPU-second and per wall-second.
 */
async function measureProcesses(
  label: string,
  [ours, anchor]: [ProcessCase, ProcessCase],
  url: string,
  { alternations, calls }: { alternations: number; calls: number },
): Promise<{ cpu: Paired; wall: Paired }> {
  const samples: Record<string, ProcessSample[]> = { [ours]: [], [anchor]: [] };
  for (let r = 0; r < alternations; r++) {
    for (const name of r % 2 === 0 ? [ours, anchor] : [anchor, ours]) {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', PROCESS_SCRIPT, name, url, String(calls)],
        { maxBuffer: 1 << 20 },
      );
      samples[name]!.push(JSON.parse(stdout) as ProcessSample);
    }
  }
  const pick = (name: ProcessCase, clock: keyof ProcessSample, what: string): [CaseResult, number[]] => {
    const perSecond = samples[name]!.map((s) => 1e6 / s[clock]);
    return [summary(`${label} ${name}, per ${what}-second`, perSecond, alternations), perSecond];
  };
  return {
    cpu: [pick(ours, 'cpuUs', 'CPU'), pick(anchor, 'cpuUs', 'CPU')],
    wall: [pick(ours, 'wallUs', 'wall'), pick(anchor, 'wallUs', 'wall')],
  };
}

/** A case's summary and its rounds, beside its anchor's, for {@link comparePaired}. */
type Paired = [[CaseResult, number[]], [CaseResult, number[]]];

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
      // The same pair, each case alone in a process of its own: with round trips, and queueing only (a client that
      // never connects, pipelines never sent: the wrapper's own work without the network).
      const alone = { alternations: 8, calls: 500 };
      const pipelined = await measureProcesses(
        'pipeline',
        ['wrapper-pipeline', 'by-hand-pipeline'],
        server.url,
        alone,
      );
      const queueing = await measureProcesses('queue', ['wrapper-queue', 'by-hand-queue'], server.url, alone);
      return [
        compare('unpipelined, sequential awaits (1 set + 1 get per op)', single[0]!, single[1]!, TARGET),
        compare(`pipelined (${PIPELINE} set + ${PIPELINE} get per op)`, batched[0]!, batched[1]!, TARGET),
        compare('unpipelined, wrapper vs the same encryption by hand', single[0]!, single[2]!, 'ratio ≈ 1'),
        compare('pipelined, wrapper vs the same encryption by hand', batched[0]!, batched[2]!, BY_HAND),
        comparePaired(
          'pipelined, wrapper vs by hand, one case per process, CPU time',
          ...pipelined.cpu,
          BY_HAND,
        ),
        comparePaired(
          'pipelined, wrapper vs by hand, one case per process, wall time',
          ...pipelined.wall,
          BY_HAND,
        ),
        comparePaired(
          'queueing only, wrapper vs by hand, one case per process, CPU time',
          ...queueing.cpu,
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
