/**
 * Precision and recall of every rule on the labelled corpus (test/corpus/README.md), linted with the real ESLint
 * class, without and with type information. Fails below 0.9 and names the lines that were wrong.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { readCorpusLabels } from './corpus-labels.js';
import { NAMESPACE, ruleIds, rulesConfig } from './lint.js';
import { formatScores, scoreRule, type Mode, type Report, type Score } from './scoring.js';

const corpusDir = fileURLToPath(new URL('../corpus/', import.meta.url));
const BAR = 0.9;

async function lintCorpus(mode: Mode): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    cwd: corpusDir,
    overrideConfigFile: true,
    overrideConfig: [rulesConfig(ruleIds(), mode === 'typed' ? corpusDir : undefined)],
  });
  return eslint.lintFiles(['src']);
}

function reportsOf(results: readonly ESLint.LintResult[], rule: string): Report[] {
  return results.flatMap((result) =>
    result.messages
      .filter((m) => m.ruleId === `${NAMESPACE}/${rule}`)
      .map((m) => ({
        file: relative(corpusDir, result.filePath),
        line: m.line,
        endLine: m.endLine ?? m.line,
        message: m.message,
      })),
  );
}

const labels = readCorpusLabels(`${corpusDir}src`, corpusDir);
const results: Partial<Record<Mode, ESLint.LintResult[]>> = {};
const scores: Score[] = [];

beforeAll(async () => {
  results.untyped = await lintCorpus('untyped');
  results.typed = await lintCorpus('typed');
  for (const rule of ruleIds()) {
    for (const mode of ['untyped', 'typed'] as const) {
      scores.push(scoreRule(rule, mode, labels, reportsOf(results[mode]!, rule)));
    }
  }
  const misses = scores
    .flatMap((s) => [
      ...s.falsePositives.map((l) => `  ${s.rule} (${s.mode}) FP ${l}`),
      ...s.falseNegatives.map((l) => `  ${s.rule} (${s.mode}) FN ${l}`),
    ])
    .join('\n');
  console.log(
    `\nsecure-migrate precision corpus (${labels.size} labelled lines)\n${formatScores(scores)}\n${misses}\n`,
  );
}, 120_000);

describe('precision corpus', () => {
  it('labels only rules the plugin has, with at least 15 positives and 15 near-misses each', () => {
    const ids = new Set(ruleIds());
    const counts = new Map<string, { expect: number; ok: number }>();
    for (const entry of labels.values()) {
      for (const label of entry.labels) {
        expect(ids.has(label.rule), `${entry.file}:${entry.line} labels unknown rule ${label.rule}`).toBe(
          true,
        );
        const c = counts.get(label.rule) ?? { expect: 0, ok: 0 };
        c[label.kind]++;
        counts.set(label.rule, c);
      }
    }
    for (const id of ids) {
      expect(counts.get(id)?.expect ?? 0, `positives for ${id}`).toBeGreaterThanOrEqual(15);
      expect(counts.get(id)?.ok ?? 0, `near-misses for ${id}`).toBeGreaterThanOrEqual(15);
    }
  });

  it('parses every corpus file in both modes', () => {
    for (const mode of ['untyped', 'typed'] as const) {
      const fatal = results[mode]!.flatMap((r) =>
        r.messages
          .filter((m) => m.fatal)
          .map((m) => `${relative(corpusDir, r.filePath)}:${m.line} ${m.message}`),
      );
      expect(fatal, mode).toEqual([]);
    }
  });

  it.each(['untyped', 'typed'] as const)('every rule keeps precision and recall ≥ 0.9 (%s)', (mode) => {
    const failing = scores.filter((s) => s.mode === mode && (s.precision < BAR || s.recall < BAR));
    const detail = failing
      .map(
        (s) =>
          `${s.rule} (${mode}): precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}\n` +
          s.falsePositives.map((l) => `  FP ${l}`).join('\n') +
          (s.falsePositives.length && s.falseNegatives.length ? '\n' : '') +
          s.falseNegatives.map((l) => `  FN ${l}`).join('\n'),
      )
      .join('\n');
    expect(
      failing.map((s) => s.rule),
      detail,
    ).toEqual([]);
  });
});
