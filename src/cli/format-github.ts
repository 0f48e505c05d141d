/**
 * `check --format github`: GitHub Actions workflow commands, one `::error` annotation per finding that counts
 * (with a baseline: the new ones), shown on the pull request's diff, then a `::notice` with the counts.
 */
import type { BaselineSummary } from './baseline.js';
import type { Finding } from './findings.js';

/** Escapes the message of a workflow command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The annotations of a check run; `counted` says which findings fail the run. */
export function toGithubAnnotations(
  findings: readonly Finding[],
  counted: (finding: Finding) => boolean,
  baseline: BaselineSummary | undefined,
  failures: readonly { rootPath: string; message: string; line?: number; column?: number }[],
): string {
  const lines: string[] = [];
  for (const f of failures) {
    const where = `file=${escapeProperty(f.rootPath)}${f.line ? `,line=${f.line}` : ''}${f.column ? `,col=${f.column}` : ''}`;
    lines.push(
      `::error ${where},title=${escapeProperty('secure-migrate: file not checked')}::${escapeData(f.message)}`,
    );
  }
  const shown = findings.filter(counted);
  for (const f of shown) {
    const props = [
      `file=${escapeProperty(f.rootPath)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `title=${escapeProperty(`secure-migrate/${f.rule}`)}`,
    ].join(',');
    lines.push(`::error ${props}::${escapeData(f.message)}`);
  }
  const summary = baseline
    ? `secure-migrate: ${baseline.new} new, ${baseline.baselined} baselined, ${baseline.fixed} fixed finding(s)`
    : `secure-migrate: ${shown.length} finding(s)`;
  lines.push(`::notice title=secure-migrate check::${escapeData(summary)}`);
  return `${lines.join('\n')}\n`;
}
