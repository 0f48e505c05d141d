/**
 * A small, honest benchmark harness: ours beside an anchor, measured in the same process, interleaved over
 * several rounds, median reported with the spread. Benchmarks print and write figures; they never assert times.
 */
import { performance } from 'node:perf_hooks';

export type BenchFn = () => unknown | Promise<unknown>;

export interface CaseResult {
  name: string;
  /** Operations per second, median of the rounds. */
  opsPerSec: number;
  min: number;
  max: number;
  rounds: number;
  /** Extra figures a case may report (e.g. milliseconds, report counts). */
  extra?: Record<string, number | string>;
}

export interface Comparison {
  group: string;
  ours: CaseResult;
  anchor: CaseResult;
  /** ours.opsPerSec / anchor.opsPerSec: above 1 means ours is faster. */
  ratio: number;
  target?: string;
  /**
   * When the two cases ran in pairs (one after the other, e.g. in alternating processes): the ratio within each
   * pair, median and range. Slow drift of the machine's speed cancels within a pair, not between medians.
   */
  paired?: { median: number; min: number; max: number; pairs: number };
}

export interface BenchOptions {
  rounds?: number;
  /** Milliseconds per round per case. */
  roundMs?: number;
  warmupMs?: number;
  /** Calls per timing batch; use 1 for slow async work. */
  batch?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function runFor(fn: BenchFn, ms: number, batch: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    ops += batch;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Measures several cases interleaved round by round, so machine noise hits all of them alike. */
export async function measure(
  cases: Record<string, BenchFn>,
  options: BenchOptions = {},
): Promise<CaseResult[]> {
  const rounds = options.rounds ?? 5;
  const roundMs = options.roundMs ?? 400;
  const warmupMs = options.warmupMs ?? 200;
  const batch = options.batch ?? 50;
  const names = Object.keys(cases);
  for (const name of names) await runFor(cases[name]!, warmupMs, batch);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name]!.push(await runFor(cases[name]!, roundMs, batch));
  }
  return names.map((name) => {
    const xs = samples[name]!;
    return { name, opsPerSec: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds };
  });
}

export function compare(group: string, ours: CaseResult, anchor: CaseResult, target?: string): Comparison {
  return { group, ours, anchor, ratio: ours.opsPerSec / anchor.opsPerSec, ...(target ? { target } : {}) };
}

/** {@link compare}, plus the ratios of the cases' rounds taken pair by pair (`ours[i]` beside `anchor[i]`). */
export function comparePaired(
  group: string,
  [ours, oursRounds]: [CaseResult, number[]],
  [anchor, anchorRounds]: [CaseResult, number[]],
  target?: string,
): Comparison {
  const ratios = oursRounds.map((x, i) => x / anchorRounds[i]!).sort((a, b) => a - b);
  return {
    ...compare(group, ours, anchor, target),
    paired: {
      median: median(ratios),
      min: ratios[0]!,
      max: ratios[ratios.length - 1]!,
      pairs: ratios.length,
    },
  };
}

const fmt = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function printComparison(c: Comparison): void {
  const line = (r: CaseResult) =>
    `    ${r.name.padEnd(52)} ${fmt(r.opsPerSec).padStart(12)} ops/s  (${fmt(r.min)}–${fmt(r.max)})`;
  console.log(`  ${c.group}`);
  console.log(line(c.ours));
  console.log(line(c.anchor));
  console.log(`    ratio ours/anchor: ${c.ratio.toFixed(2)}×${c.target ? `   target: ${c.target}` : ''}`);
  if (c.paired) {
    const { median: m, min, max, pairs } = c.paired;
    console.log(
      `    ratio within each of ${pairs} pairs: median ${m.toFixed(2)}× (${min.toFixed(2)}–${max.toFixed(2)}×)`,
    );
  }
}
