#!/usr/bin/env node
// Scores lint reports of the real-code corpus against the hand labels in labels.json.
//
//   node test/real-world/score.mjs <checkouts-dir> <report.json>... [--rule R] [--json]
//                                  [--sample N] [--seed S] [--labels labels.json]
//
// A report is the JSON written by the real-code runner (`run.mjs`): { repo, linted, ms, crashes, results:
// [{ file, messages }] }, where the basename of `repo` is the checkout's directory name `<owner>+<name>`.
// A report matches a label when repository, file and rule are the same and the label's line lies within the
// report's line..endLine. Labels in files the runner did not lint (tests, fixtures, ignored folders) are counted
// apart and left out of recall.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RULES = [
  'no-unsafe-dynamic-assignment',
  'no-sensitive-logging',
  'no-plaintext-cache-write',
  'no-hardcoded-credentials',
  'no-plaintext-sensitive-column',
];
export const LABELS = ['TP', 'near-miss', 'borderline'];

/** `owner+name` (a checkout directory) or a path ending in it -> `owner/name`. */
export function repoOfReport(report) {
  const dir = basename(String(report.repo).replace(/[\\/]+$/, ''));
  const plus = dir.indexOf('+');
  return plus === -1 ? dir : `${dir.slice(0, plus)}/${dir.slice(plus + 1)}`;
}

const normalise = (p) => String(p).replace(/\\/g, '/').replace(/^\.\//, '');

/** The rule id without its plugin prefix, or null when it is not one of the corpus's rules. */
export function ruleName(ruleId) {
  if (!ruleId) return null;
  const name = String(ruleId).split('/').pop();
  return RULES.includes(name) ? name : null;
}

/** Every report of the corpus's rules, flattened: { repo, file, rule, line, endLine, message }. */
export function flattenReports(reports) {
  const out = [];
  for (const report of reports) {
    const repo = repoOfReport(report);
    for (const result of report.results ?? []) {
      for (const m of result.messages ?? []) {
        const rule = ruleName(m.ruleId);
        if (!rule) continue;
        out.push({
          repo,
          file: normalise(result.file),
          rule,
          line: m.line,
          endLine: Math.max(m.endLine ?? m.line, m.line),
          message: m.message,
        });
      }
    }
  }
  return out;
}

/** Whether a report covers a label: same repo, file and rule, label line within line..endLine. */
export function matches(report, label) {
  return (
    report.repo === label.repo &&
    report.file === normalise(label.path) &&
    report.rule === label.rule &&
    label.line >= report.line &&
    label.line <= report.endLine
  );
}

/** Files each report linted (results and crashes), keyed by repo. */
function lintedFiles(reports) {
  const byRepo = new Map();
  for (const report of reports) {
    const repo = repoOfReport(report);
    const set = byRepo.get(repo) ?? new Set();
    for (const r of report.results ?? []) set.add(normalise(r.file));
    for (const c of report.crashes ?? []) set.add(normalise(c.file));
    byRepo.set(repo, set);
  }
  return byRepo;
}

/**
 * The per-rule figures. Only labels of repositories that have a report count.
 * @returns {{ rules: Record<string, object>, crashes: number, repos: string[] }}
 */
export function score(labels, reports, { rule } = {}) {
  const flat = flattenReports(reports);
  const linted = lintedFiles(reports);
  const rules = {};
  for (const name of RULES) {
    if (rule && name !== rule) continue;
    const mine = flat.filter((r) => r.rule === name);
    const ls = labels.filter((l) => l.rule === name && linted.has(l.repo));
    const inLinted = (l) => linted.get(l.repo).has(normalise(l.path));
    const tps = ls.filter((l) => l.label === 'TP' && inLinted(l));
    const found = tps.filter((l) => mine.some((r) => matches(r, l)));
    const labelsOf = (r) => ls.filter((l) => matches(r, l));
    let onNearMiss = 0;
    let onBorderline = 0;
    let onTP = 0;
    let unlabelled = 0;
    for (const r of mine) {
      const kinds = new Set(labelsOf(r).map((l) => l.label));
      if (kinds.has('TP')) onTP++;
      else if (kinds.has('near-miss')) onNearMiss++;
      else if (kinds.has('borderline')) onBorderline++;
      else unlabelled++;
    }
    rules[name] = {
      reports: mine.length,
      labelledTPs: tps.length,
      labelledTPsFound: found.length,
      recall: tps.length ? found.length / tps.length : null,
      reportsOnTP: onTP,
      reportsOnNearMiss: onNearMiss,
      reportsOnBorderline: onBorderline,
      reportsUnlabelled: unlabelled,
      labelledTPsNotLinted: ls.filter((l) => l.label === 'TP' && !inLinted(l)).length,
      missedTPs: tps.filter((l) => !found.includes(l)).map((l) => `${l.repo} ${l.path}:${l.line}`),
    };
  }
  const crashes = reports.reduce((n, r) => n + (r.crashes?.length ?? 0), 0);
  return { rules, crashes, repos: [...linted.keys()].sort() };
}

/** mulberry32: a small seeded generator, so that a sample can be drawn again. */
export function rng(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded sample of n reports (all when fewer), in a stable order before shuffling. */
export function sample(flat, n, seed) {
  const list = [...flat].sort(
    (a, b) =>
      a.rule.localeCompare(b.rule) ||
      a.repo.localeCompare(b.repo) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
  const rnd = rng(seed);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list.slice(0, n);
}

function parseArgs(argv) {
  const opts = { positional: [], json: false, rule: undefined, sample: 0, seed: 1, labels: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--rule') opts.rule = argv[++i];
    else if (a === '--sample') opts.sample = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--labels') opts.labels = argv[++i];
    else opts.positional.push(a);
  }
  return opts;
}

const pct = (x) => (x === null ? '-' : `${(100 * x).toFixed(0)}%`);

function printTable(result) {
  const head = [
    'rule',
    'reports',
    'TPs found',
    'recall',
    'on TP',
    'on near-miss',
    'on borderline',
    'unlabelled',
  ];
  const rows = Object.entries(result.rules).map(([name, r]) => [
    name,
    r.reports,
    `${r.labelledTPsFound}/${r.labelledTPs}`,
    pct(r.recall),
    r.reportsOnTP,
    r.reportsOnNearMiss,
    r.reportsOnBorderline,
    r.reportsUnlabelled,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`crashes: ${result.crashes}   repositories: ${result.repos.join(', ')}`);
  for (const [name, r] of Object.entries(result.rules)) {
    for (const m of r.missedTPs) console.log(`missed ${name}: ${m}`);
  }
}

function printSample(list, labels, checkouts) {
  list.forEach((r, i) => {
    const label = labels.find((l) => matches(r, l));
    const tag = label ? `[${label.label}: ${label.why}]` : '[unlabelled]';
    console.log(`--- [${i + 1}] ${r.rule} ${r.repo} ${r.file}:${r.line} ${tag}`);
    console.log(`    ${String(r.message).slice(0, 200)}`);
    let lines = [];
    try {
      lines = readFileSync(join(checkouts, r.repo.replace('/', '+'), r.file), 'utf8').split('\n');
    } catch {
      console.log('    (file not found in the checkouts directory)');
    }
    for (let k = Math.max(1, r.line - 3); k <= Math.min(lines.length, r.endLine + 3); k++) {
      const mark = k >= r.line && k <= r.endLine ? '>' : ' ';
      console.log(`${mark}${String(k).padStart(5)}: ${lines[k - 1].slice(0, 200)}`);
    }
  });
}

function main(argv) {
  const opts = parseArgs(argv);
  const [checkouts, ...reportPaths] = opts.positional;
  if (!checkouts || reportPaths.length === 0) {
    console.error(
      'usage: score.mjs <checkouts-dir> <report.json>... [--rule R] [--json] [--sample N] [--seed S] [--labels F]',
    );
    return 2;
  }
  if (opts.rule && !RULES.includes(opts.rule)) {
    console.error(`unknown rule ${opts.rule}; one of ${RULES.join(', ')}`);
    return 2;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const labels = JSON.parse(readFileSync(opts.labels ?? join(here, 'labels.json'), 'utf8'));
  const reports = reportPaths.map((p) => JSON.parse(readFileSync(p, 'utf8')));
  if (opts.sample > 0) {
    const flat = flattenReports(reports).filter((r) => !opts.rule || r.rule === opts.rule);
    const list = sample(flat, opts.sample, opts.seed);
    if (opts.json) {
      console.log(
        JSON.stringify(
          list.map((r) => ({ ...r, label: labels.find((l) => matches(r, l)) ?? null })),
          null,
          2,
        ),
      );
    } else printSample(list, labels, checkouts);
    return 0;
  }
  const result = score(labels, reports, { rule: opts.rule });
  if (opts.json) console.log(JSON.stringify(result, null, 2));
  else printTable(result);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
