/**
 * `check --format gitlab`: GitLab's Code Quality report (the JSON array a merge request widget reads from
 * `artifacts:reports:codequality`). Every finding, suppressed ones left out; GitLab compares the report of the
 * merge request with the target branch's, so it shows what the change adds and fixes.
 */
import type { Finding } from './findings.js';
import { metaOf, type RuleMeta } from './rule-meta.js';

/** GitLab's severities, from a security severity (0.1–10). */
export function gitlabSeverity(
  securitySeverity: number,
): 'info' | 'minor' | 'major' | 'critical' | 'blocker' {
  if (securitySeverity >= 9) return 'blocker';
  if (securitySeverity >= 7) return 'critical';
  if (securitySeverity >= 4) return 'major';
  if (securitySeverity > 0) return 'minor';
  return 'info';
}

/** The Code Quality report of a check run. */
export function toGitlabCodeQuality(
  findings: readonly Finding[],
  rules: ReadonlyMap<string, RuleMeta>,
): Record<string, unknown>[] {
  return findings.map((f) => ({
    description: f.marked ? `${f.message} (marked with a secure-migrate TODO)` : f.message,
    check_name: `secure-migrate/${f.rule}`,
    fingerprint: f.fingerprint,
    severity: gitlabSeverity(metaOf(rules, f.rule).securitySeverity),
    categories: ['Security'],
    location: { path: f.rootPath, lines: { begin: f.line } },
  }));
}
