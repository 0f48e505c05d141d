/** Scores one rule's reports against the corpus labels: TP / FP / FN, precision and recall. */
import type { LabelledLine } from './corpus-labels.js';

export type Mode = 'untyped' | 'typed';

export interface Report {
  file: string;
  line: number;
  endLine: number;
  message: string;
}

export interface Score {
  rule: string;
  mode: Mode;
  tp: number;
  fp: number;
  fn: number;
  /** Near-misses (`ok` labels) that stayed quiet. */
  tn: number;
  precision: number;
  recall: number;
  falsePositives: string[];
  falseNegatives: string[];
}

type Verdict = 'expect' | 'ok' | 'ignore';

function verdict(entry: LabelledLine | undefined, rule: string, mode: Mode): Verdict | undefined {
  const label = entry?.labels.find((l) => l.rule === rule);
  if (!label) return undefined;
  if (label.typedOnly && mode === 'untyped') return 'ignore';
  return label.kind;
}

/**
 * A report matches the labelled line it starts on; failing that, any `expect` line its range covers (a report on
 * a multi-line chain). A report on an `ok` line or an unlabelled line is a false positive.
 */
export function scoreRule(
  rule: string,
  mode: Mode,
  labels: ReadonlyMap<string, LabelledLine>,
  reports: readonly Report[],
): Score {
  const matched = new Set<string>();
  const falsePositives: string[] = [];
  for (const report of reports) {
    const startKey = `${report.file}:${report.line}`;
    const start = verdict(labels.get(startKey), rule, mode);
    if (start === 'expect' || start === 'ignore') {
      if (start === 'expect') matched.add(startKey);
      continue;
    }
    let covered: string | undefined;
    for (let line = report.line + 1; line <= report.endLine && !covered; line++) {
      const key = `${report.file}:${line}`;
      if (verdict(labels.get(key), rule, mode) === 'expect') covered = key;
    }
    if (covered) matched.add(covered);
    else {
      const text = labels.get(startKey)?.text;
      falsePositives.push(`${startKey}${text ? `  ${text}` : ''}  (${report.message})`);
    }
  }
  let tn = 0;
  const falseNegatives: string[] = [];
  for (const [key, entry] of labels) {
    const v = verdict(entry, rule, mode);
    if (v === 'expect' && !matched.has(key)) falseNegatives.push(`${key}  ${entry.text}`);
    if (v === 'ok' && !falsePositives.some((fp) => fp.startsWith(`${key} `))) tn++;
  }
  const tp = matched.size;
  const fp = falsePositives.length;
  const fn = falseNegatives.length;
  return {
    rule,
    mode,
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    falsePositives,
    falseNegatives,
  };
}

export function formatScores(scores: readonly Score[]): string {
  const head = ['rule', 'mode', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall'];
  const rows = scores.map((s) => [
    s.rule,
    s.mode,
    String(s.tp),
    String(s.fp),
    String(s.fn),
    String(s.tn),
    s.precision.toFixed(3),
    s.recall.toFixed(3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
