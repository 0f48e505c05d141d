/**
 * The baseline file of `check`: the findings a team has accepted for now, by fingerprint (see findings.ts).
 * Paths in it are relative to the fingerprint root (the git root, else the working directory), so the file
 * works from any directory of the repository. It holds no source text: a reported literal may be a secret.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from './findings.js';
import { UsageError } from './options.js';
import { writeFileAtomic } from './write.js';

export const BASELINE_VERSION = 1;

/** One accepted finding; `line` is informative (matching uses the fingerprint only). */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  line: number;
}

/** The baseline file. */
export interface BaselineFile {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

/** What a baseline comparison found. */
export interface BaselineSummary {
  /** The baseline file, relative to the working directory. */
  path: string;
  baselined: number;
  new: number;
  /** Entries whose finding is gone from the files this run checked. */
  fixed: number;
  /** The fixed entries (for the report). */
  fixedEntries: BaselineEntry[];
}

/** Reads a baseline file; a missing file is an empty baseline, an invalid one a usage error. */
export function readBaseline(file: string, shown: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`--baseline ${shown}: ${(error as Error).message}`);
  }
  let parsed: BaselineFile;
  try {
    parsed = JSON.parse(text) as BaselineFile;
  } catch (error) {
    throw new UsageError(`--baseline ${shown} is not JSON: ${(error as Error).message}`);
  }
  if (parsed?.version !== BASELINE_VERSION || !Array.isArray(parsed.findings)) {
    throw new UsageError(
      `--baseline ${shown} is not a secure-migrate baseline (version ${BASELINE_VERSION})`,
    );
  }
  return parsed.findings.filter((f) => typeof f?.fingerprint === 'string');
}

/** The baseline file's text for these findings: sorted, one entry per line group, stable across runs. */
export function baselineText(findings: readonly Finding[]): string {
  const entries: BaselineEntry[] = findings
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, path: f.rootPath, line: f.line }))
    .sort((a, b) =>
      a.path !== b.path
        ? a.path < b.path
          ? -1
          : 1
        : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1),
    );
  const file: BaselineFile = { version: BASELINE_VERSION, tool: 'secure-migrate', findings: entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes the baseline file (atomically). */
export function writeBaseline(file: string, findings: readonly Finding[]): void {
  writeFileAtomic(file, baselineText(findings));
}

/**
 * Marks each finding `new` or `baselined` and counts the entries no finding matched among the files in
 * `inScope` (root paths) as fixed.
 */
export function compareWithBaseline(
  findings: Finding[],
  entries: readonly BaselineEntry[],
  inScope: (rootPath: string) => boolean,
  shown: string,
): BaselineSummary {
  const remaining = new Map<string, number>();
  for (const e of entries) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  let baselined = 0;
  for (const finding of findings) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(finding.fingerprint, left - 1);
      finding.baseline = 'baselined';
      baselined++;
    } else {
      finding.baseline = 'new';
    }
  }
  const fixedEntries: BaselineEntry[] = [];
  for (const entry of entries) {
    const left = remaining.get(entry.fingerprint) ?? 0;
    if (left > 0 && inScope(entry.path)) {
      remaining.set(entry.fingerprint, left - 1);
      fixedEntries.push(entry);
    }
  }
  return {
    path: shown,
    baselined,
    new: findings.length - baselined,
    fixed: fixedEntries.length,
    fixedEntries,
  };
}
