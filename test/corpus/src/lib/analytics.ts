import { pino } from 'pino';

const logger = pino({ name: 'analytics' });

export enum Metric {
  Views = 'views',
  Clicks = 'clicks',
}

/** Word frequencies of a text. */
export function wordCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const word of text.toLowerCase().split(/\W+/)) {
    if (!word) continue;
    const n = counts[word] ?? 0; // ok: no-unsafe-dynamic-assignment
    counts[word] = n + 1; // ok: no-unsafe-dynamic-assignment
  }
  logger.debug({ distinct: Object.keys(counts).length }, 'counted words'); // ok: no-sensitive-logging
  return counts;
}

export function histogram(values: readonly number[], buckets: number): number[] {
  const out = new Array<number>(buckets).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bucket = Math.min(buckets - 1, Math.floor(values[i] ?? 0));
    out[bucket] = (out[bucket] ?? 0) + 1; // ok: no-unsafe-dynamic-assignment
  }
  return out;
}

export function emptyMetrics(): Record<Metric, number> {
  const metrics = {} as Record<Metric, number>;
  metrics[Metric.Views] = 0; // ok: no-unsafe-dynamic-assignment
  metrics[Metric.Clicks] = 0; // ok: no-unsafe-dynamic-assignment
  return metrics;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]); // ok: no-unsafe-dynamic-assignment, no-plaintext-cache-write
  }
  return groups;
}

const TAG = Symbol('tag');

export function tag<T extends object>(target: T): T & { [TAG]: true } {
  const tagged = target as T & { [TAG]: true };
  tagged[TAG] = true; // ok: no-unsafe-dynamic-assignment
  return tagged;
}

export function removeKey(record: Record<string, unknown>, key: string): void {
  delete record[key]; // ok: no-unsafe-dynamic-assignment
}
