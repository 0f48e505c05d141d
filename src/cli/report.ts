import path from 'node:path';
import type { CacheRolloutReport } from '../../codemods/lib/cache-plan.js';
import type { SiteReport } from '../../codemods/lib/engine.js';
import type { BaselineEntry } from './baseline.js';
import type { FileOutcome } from './process-file.js';
import { EXIT } from './options.js';
import { INCLUDE_FLAG, isOptInReason } from './selection.js';

/** Version of the JSON report's shape; bumped on incompatible changes. */
export const REPORT_SCHEMA_VERSION = 1;

/** A site in the JSON report; `check --json` adds its fingerprint, and whether the baseline has it. */
export type ReportedSite = SiteReport & { fingerprint?: string; baselined?: true };

/** One file in the JSON report (files with no site and no change are counted in the totals only). */
export interface FileReport {
  /** Relative to the directory the command ran in, forward slashes. */
  path: string;
  status: FileOutcome['status'] | 'reverted';
  reason?: string;
  error?: { message: string; line?: number; column?: number };
  /** `reverted` files: the diagnostics the change added (code, 1-based line and column, flattened message). */
  diagnostics?: { code: number; line: number; column: number; message: string }[];
  sites: ReportedSite[];
}

/** Totals of a run. */
export interface Totals {
  scanned: number;
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Sites rewritten to a runtime helper. */
  rewritten: number;
  /** Sites left with a `// secure-migrate: TODO` comment (new or already there). */
  todos: number;
  /** Sites left alone because of a `secure-migrate-ignore` or `eslint-disable` comment. */
  ignored: number;
  /**
   * Cache clients wrapped where they are created, for writes reported in the files that import them (those writes
   * are the sites; these are not counted as sites rewritten).
   */
  clientsWrapped: number;
}

/** The `--json` report. */
export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  command: 'migrate' | 'check';
  dry: boolean;
  transforms: string[];
  shard: { index: number; total: number } | null;
  /** Number of reports merged into this one (1 for a single run). */
  reports: number;
  files: FileReport[];
  totals: Totals;
  packageJson: { path: string; action: string }[];
  /**
   * What to run to install the runtime, for the package manager the target uses (lock file or `packageManager`):
   * `pnpm install` after package.json was changed, `pnpm add <runtime>` where no package.json was found.
   */
  installCommand?: string;
  /** Warnings, e.g. an `engines.node` that allows Node versions the runtime does not support. */
  warnings?: string[];
  /** `check --baseline`: counts, and the baseline entries no finding matched any more. */
  baseline?: {
    path: string;
    baselined: number;
    new: number;
    fixed: number;
    fixedFindings: BaselineEntry[];
  };
  /** With --verify: the TypeScript that checked the changes and the changed files it could not check. */
  verify?: {
    typescript: string;
    /** `project`: the target's own typescript; `bundled`: the one ts-morph ships (the target has none). */
    source: 'project' | 'bundled';
    unchecked: { path: string; reason: string }[];
  };
  /** encrypt-cache: the key prefixes now encrypted, the clients wrapped or marked, their readers, the rollout order. */
  cache?: CacheRolloutReport;
  exitCode: number;
}

/** Totals of a list of file reports, counting files that are not listed as unchanged. */
export function computeTotals(files: readonly FileReport[], unlistedUnchanged: number): Totals {
  const totals: Totals = {
    scanned: unlistedUnchanged,
    changed: 0,
    unchanged: unlistedUnchanged,
    skipped: 0,
    failed: 0,
    rewritten: 0,
    todos: 0,
    ignored: 0,
    clientsWrapped: 0,
  };
  for (const file of files) {
    totals.scanned++;
    if (file.status === 'changed') totals.changed++;
    else if (file.status === 'unchanged') totals.unchanged++;
    else if (file.status === 'skipped') totals.skipped++;
    else totals.failed++;
    for (const site of file.sites) {
      if (site.construction) totals.clientsWrapped++;
      else if (site.action === 'rewritten') totals.rewritten++;
      else if (site.action === 'todo') totals.todos++;
      else totals.ignored++;
    }
  }
  return totals;
}

/** A path for reports: relative to `cwd` with forward slashes. */
export function displayPath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || '.';
}

const SEVERITY = [EXIT.ok, EXIT.findings, EXIT.failures, EXIT.usage];

/** The more severe of two exit codes (2 > 3 > 1 > 0). */
export function worstExit(a: number, b: number): number {
  return SEVERITY.indexOf(a as (typeof SEVERITY)[number]) >= SEVERITY.indexOf(b as (typeof SEVERITY)[number])
    ? a
    : b;
}

function isReport(value: unknown): value is Report {
  const r = value as Report;
  return (
    Boolean(r) && r.schemaVersion === REPORT_SCHEMA_VERSION && Array.isArray(r.files) && Boolean(r.totals)
  );
}

/**
 * Merges the `--json` reports of shards into one: files concatenated and sorted by path (a path in several
 * reports keeps its last entry), totals summed, transforms united, the worst exit code kept.
 */
export function mergeReports(reports: readonly unknown[]): Report {
  const valid = reports.filter(isReport);
  if (valid.length !== reports.length || valid.length === 0) {
    throw new Error(`Not a secure-migrate JSON report (schema version ${REPORT_SCHEMA_VERSION})`);
  }
  const byPath = new Map<string, FileReport>();
  const totals: Totals = {
    scanned: 0,
    changed: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    rewritten: 0,
    todos: 0,
    ignored: 0,
    clientsWrapped: 0,
  };
  for (const report of valid) {
    for (const file of report.files) byPath.set(file.path, file);
    for (const k of Object.keys(totals) as (keyof Totals)[]) totals[k] += report.totals[k] ?? 0;
  }
  const first = valid[0]!;
  const packageJson = new Map<string, string>();
  for (const report of valid) for (const p of report.packageJson ?? []) packageJson.set(p.path, p.action);
  const installCommand = valid.find((r) => r.installCommand)?.installCommand;
  const warnings = [...new Set(valid.flatMap((r) => r.warnings ?? []))];
  // Shards of a check with a baseline: each compared the baseline with its own files, so the counts add up.
  const baselines = valid.flatMap((r) => (r.baseline ? [r.baseline] : []));
  const baseline: Report['baseline'] = baselines.length
    ? {
        path: baselines[0]!.path,
        baselined: baselines.reduce((n, b) => n + b.baselined, 0),
        new: baselines.reduce((n, b) => n + b.new, 0),
        fixed: baselines.reduce((n, b) => n + b.fixed, 0),
        fixedFindings: baselines.flatMap((b) => b.fixedFindings),
      }
    : undefined;
  const cache = mergeCache(valid.flatMap((r) => (r.cache ? [r.cache] : [])));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: first.tool,
    command: first.command,
    dry: valid.some((r) => r.dry),
    transforms: [...new Set(valid.flatMap((r) => r.transforms))],
    shard: null,
    reports: valid.reduce((n, r) => n + (r.reports ?? 1), 0),
    files: [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    totals,
    packageJson: [...packageJson].map(([p, action]) => ({ path: p, action })),
    ...(installCommand ? { installCommand } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(baseline ? { baseline } : {}),
    ...(cache ? { cache } : {}),
    exitCode: valid.reduce((code, r) => worstExit(code, r.exitCode), EXIT.ok as number),
  };
}

/**
 * The readers sections of shards, merged: prefixes and clients united. Each shard decided with its own files only
 * (a client made in another shard blocked its group there), so a prefix in both lists was encrypted by one shard
 * and left by another: run the migration over every file of the project at once to decide it.
 */
function mergeCache(sections: readonly CacheRolloutReport[]): CacheRolloutReport | undefined {
  if (sections.length === 0) return undefined;
  const blockedPrefixes = [...new Set(sections.flatMap((c) => c.blockedPrefixes))].sort();
  return {
    prefixes: [...new Set(sections.flatMap((c) => c.prefixes))].sort(),
    blockedPrefixes,
    clients: sections.flatMap((c) => c.clients),
    readers: sections.flatMap((c) => c.readers),
    blocked: sections.flatMap((c) => c.blocked),
    rollout: sections.find((c) => c.rollout.length)?.rollout ?? [],
  };
}

/** The human summary printed after a run. */
export function formatSummary(report: Report): string {
  const t = report.totals;
  const rows: [string, number][] = [
    ['files scanned', t.scanned],
    ['changed', t.changed],
    ['unchanged', t.unchanged],
    ['skipped', t.skipped],
    ['failed', t.failed],
    ['sites rewritten', t.rewritten],
    ['TODOs left', t.todos],
  ];
  if (t.ignored) rows.push(['ignored (suppression comments)', t.ignored]);
  if (t.clientsWrapped) rows.push(['cache clients wrapped', t.clientsWrapped]);
  const verb = report.command === 'check' ? 'check' : report.dry ? 'dry run' : 'migration';
  const lines = [`secure-migrate ${report.tool.version} ${verb}: ${report.transforms.join(', ')}`];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(32)}${String(value).padStart(6)}`);
  const failed = report.files.filter((f) => f.status === 'failed' || f.status === 'reverted');
  if (failed.length) {
    lines.push('', 'Failed:');
    for (const f of failed) {
      const where = f.error?.line ? `:${f.error.line}${f.error.column ? `:${f.error.column}` : ''}` : '';
      lines.push(`  ${f.path}${where}  ${f.reason ?? 'error'}: ${f.error?.message ?? ''}`.trimEnd());
    }
  }
  const skipped = report.files.filter((f) => f.status === 'skipped');
  if (skipped.length) {
    const byReason = new Map<string, number>();
    for (const f of skipped)
      byReason.set(f.reason ?? 'skipped', (byReason.get(f.reason ?? 'skipped') ?? 0) + 1);
    lines.push('', 'Skipped (--json lists the files):');
    for (const [reason, count] of [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`  ${String(count).padStart(6)}  ${reason}`);
    }
    if (skipped.some((f) => isOptInReason(f.reason ?? '')))
      lines.push(`  (${INCLUDE_FLAG} includes tests, fixtures, mocks, scripts and executables)`);
  }
  const todos = report.files.flatMap((f) =>
    f.sites
      .filter((s) => s.action === 'todo')
      .map((s) => `  ${f.path}:${s.line}:${s.column}  ${s.rule}  ${s.reason}`),
  );
  if (todos.length) lines.push('', 'TODOs (search for "secure-migrate: TODO"):', ...todos);
  lines.push(...formatSecrets(report));
  for (const p of report.packageJson) {
    if (p.action !== 'present')
      lines.push('', `${p.action === 'added' ? 'Added' : 'Would add'} the runtime to ${p.path}`);
  }
  if (report.verify) {
    const v = report.verify;
    lines.push(
      '',
      v.source === 'project'
        ? `--verify used the project's TypeScript ${v.typescript}.`
        : `--verify used the TypeScript ${v.typescript} bundled with ts-morph: the project has no typescript of its own.`,
    );
    for (const u of v.unchecked) lines.push(`  not type-checked: ${u.path}  ${u.reason}`);
  }
  if (report.cache) lines.push(...formatCache(report.cache));
  if (report.installCommand)
    lines.push('', `Install the runtime (not done for you): ${report.installCommand}`);
  for (const warning of report.warnings ?? []) lines.push('', `Warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Committed secrets: every value a site holds (hard-coded credentials), redacted, with what the run did to it. A
 * value in the repository stays in its history whatever the migration does, so each one must be rotated.
 */
function formatSecrets(report: Report): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const site of file.sites) {
      if (!site.secret || site.action === 'ignored') continue;
      const { name, kind, redacted } = site.secret;
      const done =
        site.action === 'rewritten'
          ? `  ${site.reason.slice(site.reason.indexOf('rewritten to '))}`
          : '  (TODO)';
      lines.push(`  ${file.path}:${site.line}  ${name ?? '(no name)'}  ${kind}  ${redacted}${done}`);
    }
  }
  if (lines.length === 0) return [];
  return [
    '',
    'Committed secrets to rotate (they stay in the git history; the values are redacted here):',
    ...lines,
  ];
}

/** The readers section: what is encrypted now, by which clients, who reads it, and the order to deploy. */
function formatCache(cache: CacheRolloutReport): string[] {
  const lines: string[] = [];
  if (cache.prefixes.length) {
    lines.push('', `Cache keys encrypted: ${cache.prefixes.map((p) => `${p}*`).join(', ')}`);
    for (const c of cache.clients.filter((c) => c.action !== 'todo')) {
      lines.push(`  client ${c.path}:${c.line}:${c.column}  ${c.action}`);
    }
    for (const r of cache.readers)
      lines.push(
        `  read   ${r.path}:${r.line}:${r.column}  ${r.method}(${r.prefix}…)${r.keysFrom ? `  keys from ${r.keysFrom}` : ''}`,
      );
  }
  for (const group of cache.blocked) {
    const keys = group.prefixes.length ? group.prefixes.map((p) => `${p}*`).join(', ') : 'some keys';
    lines.push('', `Cache keys left in plaintext (every reader, or none): ${keys}`);
    for (const reason of group.reasons) lines.push(`  ${reason}`);
  }
  if (cache.rollout.length) {
    lines.push('', 'Rollout order:');
    cache.rollout.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  return lines;
}
