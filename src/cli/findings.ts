/**
 * The findings of `check`, each with a fingerprint that survives edits elsewhere in the file and moved lines:
 * the rule, the file's path from the repository root, the hash of the reported node's normalised text, the
 * names of its enclosing functions, and which occurrence it is among sites alike in all of these.
 */
import { createHash } from 'node:crypto';
import type { SiteReport } from '../../codemods/lib/engine.js';
import type { Report } from './report.js';

/** One finding of `check`. */
export interface Finding {
  /** Path relative to the directory the command ran in (as in the report), forward slashes. */
  path: string;
  /** Path relative to the fingerprint root (the git root, else the working directory), forward slashes. */
  rootPath: string;
  rule: string;
  line: number;
  column: number;
  message: string;
  /** A `secure-migrate: TODO` comment already marks the site. */
  marked: boolean;
  /** A suppression comment without a reason, reported because of `--require-suppression-reason`. */
  unjustified: boolean;
  fingerprint: string;
  /** With a baseline: whether the baseline has it. */
  baseline?: 'new' | 'baselined';
}

/** Whether a site is a finding of `check` (not suppressed, not a client wrapped on behalf of other sites). */
export function isFinding(site: SiteReport, requireSuppressionReason: boolean): boolean {
  if (site.construction) return false;
  if (site.action !== 'ignored') return true;
  return requireSuppressionReason && !site.suppression?.justification;
}

/** The fingerprint of a site: 32 hex digits. */
export function fingerprintOf(
  rule: string,
  rootPath: string,
  context: SiteReport['context'],
  occurrence: number,
): string {
  const parts = [rule, rootPath, context?.textHash ?? '', context?.scope ?? '', String(occurrence)];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/**
 * Every site of the report with its fingerprint, in report order (files by path, sites by position). `toRoot`
 * maps a report path to the path from the fingerprint root.
 */
export function fingerprintSites(
  report: Report,
  toRoot: (reportPath: string) => string,
): { path: string; rootPath: string; site: SiteReport; fingerprint: string }[] {
  const out: { path: string; rootPath: string; site: SiteReport; fingerprint: string }[] = [];
  for (const file of report.files) {
    const rootPath = toRoot(file.path);
    const seen = new Map<string, number>();
    const sites = [...file.sites].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const site of sites) {
      if (site.construction) continue;
      const key = `${site.rule}\0${site.context?.textHash ?? ''}\0${site.context?.scope ?? ''}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      out.push({
        path: file.path,
        rootPath,
        site,
        fingerprint: fingerprintOf(site.rule, rootPath, site.context, occurrence),
      });
    }
  }
  return out;
}

/** The findings of a check report (see {@link isFinding}), with fingerprints. */
export function collectFindings(
  report: Report,
  toRoot: (reportPath: string) => string,
  requireSuppressionReason: boolean,
): Finding[] {
  return fingerprintSites(report, toRoot)
    .filter(({ site }) => isFinding(site, requireSuppressionReason))
    .map(({ path, rootPath, site, fingerprint }) => ({
      path,
      rootPath,
      rule: site.rule,
      line: site.line,
      column: site.column,
      message:
        site.action === 'ignored'
          ? `Suppressed without a reason: add " -- <why>" to the ${site.suppression?.by ?? 'suppression'} comment (${site.message})`
          : site.message,
      marked: Boolean(site.marked),
      unjustified: site.action === 'ignored',
      fingerprint,
    }));
}
