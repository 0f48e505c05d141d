/**
 * The end of `check`: findings with fingerprints, the baseline (compare or update), the exit code, and the
 * output in the chosen format.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { baselineText, compareWithBaseline, readBaseline, type BaselineSummary } from './baseline.js';
import { collectFindings, fingerprintSites, type Finding } from './findings.js';
import { toGithubAnnotations } from './format-github.js';
import { toGitlabCodeQuality } from './format-gitlab.js';
import { toSarif, type SuppressedSite } from './format-sarif.js';
import { gitRoot } from './git.js';
import { DEFAULT_BASELINE, EXIT, type CliOptions } from './options.js';
import { displayPath, worstExit, type Report } from './report.js';
import { ruleMetadata } from './rule-meta.js';
import { writeFileAtomic } from './write.js';

/** What `check` needs from the run. */
export interface CheckRun {
  report: Report;
  options: CliOptions;
  cwd: string;
  transforms: readonly TransformDefinition[];
  /** Absolute target paths (files or directories). */
  targets: readonly string[];
  /** Absolute paths of the files this run processed. */
  files: readonly string[];
}

/** The output of `check`. */
export interface CheckResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function isUnder(file: string, target: string): boolean {
  const rel = path.relative(target, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Runs the check's findings through the baseline and formats them. */
export function finishCheck(run: CheckRun): CheckResult {
  const { report, options, cwd } = run;
  const root = gitRoot(cwd) ?? cwd;
  const toRoot = (reportPath: string): string =>
    displayPath(root, path.resolve(cwd, reportPath.split('/').join(path.sep)));
  const findings = collectFindings(report, toRoot, options.requireSuppressionReason);

  let stderr = '';
  let baseline: BaselineSummary | undefined;
  const baselineFile = options.baseline ?? (options.updateBaseline ? DEFAULT_BASELINE : undefined);
  const baselinePath = baselineFile ? path.resolve(cwd, baselineFile) : undefined;
  const shownBaseline = baselinePath ? displayPath(cwd, baselinePath) : '';
  if (options.updateBaseline && baselinePath) {
    writeFileAtomic(baselinePath, baselineText(findings));
    for (const f of findings) f.baseline = 'baselined';
    baseline = { path: shownBaseline, baselined: findings.length, new: 0, fixed: 0, fixedEntries: [] };
    stderr += `secure-migrate: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to the baseline ${shownBaseline}\n`;
  } else if (baselinePath) {
    if (!existsSync(baselinePath)) {
      stderr += `secure-migrate: warning: the baseline ${shownBaseline} does not exist: every finding is new (write it with --update-baseline)\n`;
    }
    const entries = readBaseline(baselinePath, shownBaseline);
    const processed = new Set(run.files.map((f) => displayPath(root, f)));
    const inScope = (rootPath: string): boolean => {
      if (processed.has(rootPath)) return true;
      // A file that is gone was fixed too, when it lay under the paths of an unsharded run.
      const abs = path.resolve(root, rootPath.split('/').join(path.sep));
      return !options.shard && !existsSync(abs) && run.targets.some((t) => isUnder(abs, t));
    };
    baseline = compareWithBaseline(findings, entries, inScope, shownBaseline);
  }

  const counts = (f: Finding): boolean => f.baseline !== 'baselined' && !(options.ignoreTodos && f.marked);
  let exitCode: number = findings.some(counts) ? EXIT.findings : EXIT.ok;
  if (report.totals.failed > 0) exitCode = worstExit(exitCode, EXIT.failures);
  report.exitCode = exitCode;

  const failures = report.files
    .filter((f) => f.status === 'failed')
    .map((f) => ({
      rootPath: toRoot(f.path),
      message: `${f.reason ?? 'failed'}: ${f.error?.message ?? ''}`.trim(),
      ...(f.error?.line ? { line: f.error.line } : {}),
      ...(f.error?.column ? { column: f.error.column } : {}),
    }));

  let stdout: string;
  switch (options.format) {
    case 'json': {
      const byFingerprint = new Map(fingerprintSites(report, toRoot).map((s) => [s.site, s.fingerprint]));
      const baselined = new Set(findings.filter((f) => f.baseline === 'baselined').map((f) => f.fingerprint));
      for (const file of report.files) {
        file.sites = file.sites.map((site) => {
          const fingerprint = byFingerprint.get(site);
          return fingerprint
            ? { ...site, fingerprint, ...(baselined.has(fingerprint) ? { baselined: true } : {}) }
            : site;
        });
      }
      const out: Report = baseline
        ? {
            ...report,
            baseline: {
              path: baseline.path,
              baselined: baseline.baselined,
              new: baseline.new,
              fixed: baseline.fixed,
              fixedFindings: baseline.fixedEntries,
            },
          }
        : report;
      stdout = `${JSON.stringify(out, null, 2)}\n`;
      break;
    }
    case 'sarif': {
      const suppressed: SuppressedSite[] = fingerprintSites(report, toRoot)
        .filter(({ site }) => site.action === 'ignored')
        .filter(({ site }) => !(options.requireSuppressionReason && !site.suppression?.justification))
        .map(({ rootPath, site, fingerprint }) => ({
          rootPath,
          rule: site.rule,
          line: site.line,
          column: site.column,
          message: site.message,
          fingerprint,
          ...(site.suppression?.justification ? { justification: site.suppression.justification } : {}),
        }));
      const log = toSarif({
        report,
        findings,
        suppressed,
        rules: ruleMetadata(run.transforms),
        root,
        failures,
      });
      stdout = `${JSON.stringify(log, null, 2)}\n`;
      break;
    }
    case 'gitlab':
      stdout = `${JSON.stringify(toGitlabCodeQuality(findings, ruleMetadata(run.transforms)), null, 2)}\n`;
      break;
    case 'github':
      stdout = toGithubAnnotations(findings, counts, baseline, failures);
      break;
    default:
      stdout = formatCheck(report, findings, baseline);
  }
  return { exitCode, stdout, stderr };
}

/** ESLint-style findings: `file:line:col  rule  message`, then a count (with a baseline: the new ones only). */
export function formatCheck(
  report: Report,
  findings: readonly Finding[],
  baseline?: BaselineSummary,
): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.status !== 'failed') continue;
    const where = file.error?.line ? `:${file.error.line}:${file.error.column ?? 0}` : '';
    lines.push(`${file.path}${where}  error  ${file.reason ?? 'failed'}: ${file.error?.message ?? ''}`);
  }
  const listed = findings.filter((f) => f.baseline !== 'baselined');
  for (const f of listed) {
    const todo = f.marked ? '  (marked TODO)' : '';
    lines.push(`${f.path}:${f.line}:${f.column}  ${f.rule}  ${f.message}${todo}`);
  }
  const count = listed.length;
  const marked = listed.filter((f) => f.marked).length;
  const markedNote = marked ? `, ${marked} of them marked TODO` : '';
  const fileCount = new Set(listed.map((f) => f.path)).size;
  const noun = baseline ? 'new finding' : 'finding';
  lines.push(
    count === 0
      ? `No ${baseline ? 'new findings' : 'findings'} in ${report.totals.scanned} files.`
      : `\n${count} ${noun}${count === 1 ? '' : 's'}${markedNote} in ${fileCount} files (${report.totals.scanned} scanned).`,
  );
  if (baseline) {
    lines.push(
      `Baseline ${baseline.path}: ${baseline.baselined} baselined, ${baseline.new} new, ${baseline.fixed} fixed.`,
    );
    if (baseline.fixed > 0)
      lines.push('Fixed findings are still in the baseline: run with --update-baseline to drop them.');
  }
  return `${lines.join('\n')}\n`;
}
