/**
 * `npm run bench`: every benchmark module in one run, ours beside its anchor, with ratios.
 * Writes bench-results/bench.json. Select modules with `npm run bench -- crypto cache`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { printComparison, type Comparison } from './harness.js';

export interface BenchModule {
  title: string;
  run(): Promise<Comparison[]>;
}

// Every `test/bench/<name>.bench.ts` is a module; its default export is a BenchModule.
const benchDir = dirname(fileURLToPath(import.meta.url));
const modules: Record<string, () => Promise<{ default: BenchModule }>> = Object.fromEntries(
  readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
    .map((file) => [
      file.replace(/\.bench\.ts$/, ''),
      () => import(pathToFileURL(join(benchDir, file)).href),
    ]),
);

const wanted = process.argv.slice(2);
const selected = wanted.length ? wanted : Object.keys(modules);
const unknown = selected.filter((name) => !(name in modules));
if (unknown.length) {
  console.error(`Unknown bench module(s): ${unknown.join(', ')}. Known: ${Object.keys(modules).join(', ')}`);
  process.exit(2);
}

console.log(
  `secure-migrate bench — Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
);
const results: Record<string, Comparison[]> = {};
for (const name of selected) {
  const mod = (await modules[name]!()).default;
  console.log(`\n${mod.title}`);
  const comparisons = await mod.run();
  comparisons.forEach(printComparison);
  results[name] = comparisons;
}

mkdirSync('bench-results', { recursive: true });
const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  results,
};
writeFileSync('bench-results/bench.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('\nWrote bench-results/bench.json');
