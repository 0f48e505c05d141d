/**
 * One case of the cache bench in a process of its own: `tsx test/bench/cache-process.ts <case> <redis-url> <calls>`.
 * Warms up, runs `calls` calls, and prints `{"cpuUs":…,"wallUs":…}` (process CPU time and wall time per call).
 *
 * Measured alone, a case pays for exactly its own garbage collection and its own compiled code. Interleaved in one
 * process, the garbage one case leaves is collected during the next case's round, and both cases share the
 * inline-cache feedback of the client library's functions, so the smaller of two near-equal costs is blurred.
 */
import { Redis } from 'ioredis';
import { secureCache } from '../../runtime/src/cache/index.js';
import { decryptFromCache, encryptForCache } from '../../runtime/src/crypto/index.js';
import { createKeyring, generateKey } from '../../runtime/src/keys/index.js';
import { PIPELINE, PROCESS_CASES, VALUE, type ProcessCase } from './cache-values.js';

async function main(): Promise<void> {
  const [name, url, callsText] = process.argv.slice(2);
  if (!PROCESS_CASES.includes(name as ProcessCase) || !url || !callsText) {
    throw new Error(`usage: cache-process.ts <${PROCESS_CASES.join('|')}> <redis-url> <calls>`);
  }
  const calls = Number(callsText);
  const keyring = createKeyring({ keys: [{ id: 'bench', key: generateKey() }] });
  const keys = Array.from({ length: PIPELINE }, (_, j) => `bench:p${j}`);
  const queueOnly = name!.endsWith('-queue');
  // Queueing alone: a client that never connects, pipelines never sent.
  const client = queueOnly ? new Redis({ lazyConnect: true }) : new Redis(url);
  const secure = secureCache(client, { keyring });

  const cases: Record<ProcessCase, () => Promise<void>> = {
    'wrapper-pipeline': async () => {
      const p = secure.pipeline();
      for (const key of keys) p.set(key, VALUE).get(key);
      const results = await p.exec();
      if (results?.[1]?.[1] !== VALUE) throw new Error('pipeline mismatch');
    },
    'by-hand-pipeline': async () => {
      const p = client.pipeline();
      for (const key of keys) p.set(key, encryptForCache(VALUE, { keyring, context: key })).get(key);
      const results = (await p.exec())!;
      for (let j = 0; j < PIPELINE; j++) {
        results[2 * j + 1]![1] = decryptFromCache(results[2 * j + 1]![1] as string, {
          keyring,
          context: keys[j]!,
        });
      }
      if (results[1]?.[1] !== VALUE) throw new Error('pipeline mismatch');
    },
    'wrapper-queue': async () => {
      const p = secure.pipeline();
      for (const key of keys) p.set(key, VALUE).get(key);
      await Promise.resolve(p.length);
    },
    'by-hand-queue': async () => {
      const p = client.pipeline();
      for (const key of keys) p.set(key, encryptForCache(VALUE, { keyring, context: key })).get(key);
      await Promise.resolve(p.length);
    },
  };
  const run = cases[name as ProcessCase];
  for (let i = 0; i < Math.ceil(calls / 3); i++) await run();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run();
  const used = process.cpuUsage(cpu);
  const wallUs = ((performance.now() - wall) * 1000) / calls;
  process.stdout.write(`${JSON.stringify({ cpuUs: (used.user + used.system) / calls, wallUs })}\n`);
  client.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
