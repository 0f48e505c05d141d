/**
 * Lint cost of the plugin on a generated back-end code base (test/bench/corpus.ts), with the real ESLint class and
 * no cache, beside eslint-plugin-security (untyped) and typescript-eslint's `recommendedTypeChecked` (typed).
 *
 * A plugin's own cost is the time ESLint measures inside its rules (`stats: true`, summed over files; in typed
 * mode that includes the type-checker work the rules trigger), median over interleaved rounds after a warm-up run.
 * `opsPerSec` is files per second of that cost, so a ratio above 1 means ours costs less. The wall-clock runs, their
 * difference to the baseline run (same parser and no rules untyped; `recommendedTypeChecked` alone typed; a run with
 * any rule also pays ESLint's traversal, which a real config pays anyway), per-rule times and the number of reports
 * each plugin makes on the same files are in `extra`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ESLint, type Linter } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';
import { compare, measure, type CaseResult, type Comparison } from './harness.js';
import { writeCorpus } from './corpus.js';

const FILES = 200;
const SEED = 42;
const ROUNDS = { untyped: 3, typed: 2 };
const NAMESPACE = 'secure-migrate';

interface Run {
  ms: number;
  /** Reports per plugin prefix (`secure-migrate`, `security`, `@typescript-eslint`). */
  reports: Record<string, number>;
  /** Rule time in ms summed over files, per rule id. */
  ruleMs: Record<string, number>;
}

interface Case {
  name: string;
  config: Linter.Config[];
  runs: Run[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const round = (n: number): number => Math.round(n * 10) / 10;

async function lintOnce(dir: string, config: Linter.Config[]): Promise<Run> {
  const start = performance.now();
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: config,
    stats: true,
    cache: false,
  });
  const results = await eslint.lintFiles(['src']);
  const ms = performance.now() - start;
  const reports: Record<string, number> = {};
  const ruleMs: Record<string, number> = {};
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`${result.filePath}:${message.line} ${message.message}`);
      const prefix = message.ruleId?.includes('/')
        ? message.ruleId.slice(0, message.ruleId.lastIndexOf('/'))
        : 'core';
      reports[prefix] = (reports[prefix] ?? 0) + 1;
    }
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [rule, time] of Object.entries(pass.rules ?? {}))
        ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
    }
  }
  return { ms, reports, ruleMs };
}

/** Runs every case interleaved (the harness alternates their order each round); one warm-up run each. */
async function runCases(dir: string, cases: Case[], rounds: number): Promise<void> {
  const fns = Object.fromEntries(
    cases.map((c) => [
      c.name,
      async () => {
        c.runs.push(await lintOnce(dir, c.config));
      },
    ]),
  );
  await measure(fns, { rounds, roundMs: 1, warmupMs: 1, batch: 1 });
  for (const c of cases) c.runs.shift(); // the warm-up run
}

const medianMs = (c: Case): number => median(c.runs.map((r) => r.ms));

function ruleTimes(c: Case, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const run of c.runs) {
    for (const [rule, ms] of Object.entries(run.ruleMs)) {
      if (rule.startsWith(`${prefix}/`)) out[rule] = (out[rule] ?? 0) + ms / c.runs.length;
    }
  }
  return out;
}

/** The rules' own time in one run (ESLint `stats`), summed over files and over the rules of one plugin. */
const ruleTimeOf = (run: Run, prefix: string): number =>
  Object.entries(run.ruleMs)
    .filter(([rule]) => rule.startsWith(`${prefix}/`))
    .reduce((sum, [, ms]) => sum + ms, 0);

/**
 * A plugin's own cost as files per second. The cost is the time ESLint measured inside the plugin's rules (its
 * `stats`), which includes the type-checker work the rules trigger; the wall-clock difference to the baseline run
 * is in `extra` too, but on a busy machine it is within the noise of a typed run.
 */
function ownCost(c: Case, baseline: Case, prefix: string): CaseResult {
  const base = medianMs(baseline);
  const times = c.runs.map((r) => Math.max(0.001, ruleTimeOf(r, prefix)));
  const cost = median(times);
  const rules = ruleTimes(c, prefix);
  return {
    name: c.name,
    opsPerSec: (FILES * 1000) / cost,
    min: (FILES * 1000) / Math.max(...times),
    max: (FILES * 1000) / Math.min(...times),
    rounds: c.runs.length,
    extra: {
      ruleTimeMs: round(cost),
      runMs: round(medianMs(c)),
      baselineMs: round(base),
      wallDeltaMs: round(medianMs(c) - base),
      shareOfBaseline: `${((100 * cost) / base).toFixed(1)}%`,
      reports: c.runs[0]?.reports[prefix] ?? 0,
      ...Object.fromEntries(Object.entries(rules).map(([rule, ms]) => [`ms:${rule}`, round(ms)])),
    },
  };
}

/** The whole baseline run, as files per second (the anchor of "added cost as a share of the baseline"). */
function wholeRun(c: Case, prefix: string): CaseResult {
  const ms = medianMs(c);
  return {
    name: c.name,
    opsPerSec: (FILES * 1000) / ms,
    min: (FILES * 1000) / Math.max(...c.runs.map((r) => r.ms)),
    max: (FILES * 1000) / Math.min(...c.runs.map((r) => r.ms)),
    rounds: c.runs.length,
    extra: { runMs: round(ms), reports: c.runs[0]?.reports[prefix] ?? 0 },
  };
}

export default {
  title: `Lint cost on ${FILES} generated back-end files (ESLint ${ESLint.version}, no cache)`,
  async run(): Promise<Comparison[]> {
    const dir = mkdtempSync(join(tmpdir(), 'secure-migrate-lint-bench-'));
    try {
      const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
      writeCorpus(dir, FILES, SEED, { nodeModules });
      const ours = plugin.configs.all as unknown as Linter.Config;
      const files = ['**/*.ts'];
      const parserOnly: Linter.Config = {
        name: 'bench/parser',
        files,
        languageOptions: { parser: tseslint.parser as Linter.Parser },
      };
      const typedBase: Linter.Config[] = [
        ...(tseslint.configs.recommendedTypeChecked as Linter.Config[]).map((c) => ({ ...c, files })),
        {
          name: 'bench/project-service',
          files,
          languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } },
        },
      ];
      const securityRecommended = security.configs.recommended as unknown as Linter.Config;

      const untyped: Case[] = [
        { name: 'baseline: typescript-eslint parser, no rules', config: [parserOnly], runs: [] },
        { name: 'secure-migrate `all` (4 rules)', config: [parserOnly, { ...ours, files }], runs: [] },
        {
          name: 'eslint-plugin-security `recommended`',
          config: [parserOnly, { ...securityRecommended, files }],
          runs: [],
        },
      ];
      const typed: Case[] = [
        { name: 'typescript-eslint recommendedTypeChecked', config: typedBase, runs: [] },
        {
          name: 'recommendedTypeChecked + secure-migrate `all`',
          config: [...typedBase, { ...ours, files }],
          runs: [],
        },
      ];
      await runCases(dir, untyped, ROUNDS.untyped);
      await runCases(dir, typed, ROUNDS.typed);

      const [base, oursUntyped, securityUntyped] = untyped as [Case, Case, Case];
      const [typedBaseline, oursTyped] = typed as [Case, Case];
      return [
        compare(
          'untyped: the plugin rules’ own time (ESLint stats), as files/s (higher is cheaper)',
          ownCost(oursUntyped, base, NAMESPACE),
          ownCost(securityUntyped, base, 'security'),
          'ours cheaper than eslint-plugin-security (ratio > 1)',
        ),
        compare(
          'typed: our rules’ own time vs the whole recommendedTypeChecked run, files/s (ratio = baseline / ours)',
          ownCost(oursTyped, typedBaseline, NAMESPACE),
          wholeRun(typedBaseline, '@typescript-eslint'),
          '≥ 6.67 (our added cost ≤ 15% of recommendedTypeChecked)',
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
