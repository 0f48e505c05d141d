/**
 * `check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. One run; rules with help text, CWE tags
 * and `security-severity`; a `partialFingerprints` entry per result (the baseline fingerprint); suppressed sites
 * as results with an in-source suppression; files that failed as tool notifications. Within GitHub's limits: at
 * most 25,000 results per run (the rest are left out and a notification says how many), one location per
 * result, at most 10 tags per rule.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from './findings.js';
import type { Report } from './report.js';
import { metaOf, type RuleMeta } from './rule-meta.js';

/** GitHub code scanning's limit of results per run. */
export const MAX_SARIF_RESULTS = 25_000;
/** GitHub code scanning displays at most this many tags per rule. */
const MAX_TAGS = 10;
/** The key of our fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'secureMigrate/v1';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_ID = '%SRCROOT%';

/** A suppressed site, shown in SARIF with its suppression. */
export interface SuppressedSite {
  rootPath: string;
  rule: string;
  line: number;
  column: number;
  message: string;
  fingerprint: string;
  justification?: string;
}

/** What goes into a SARIF log. */
export interface SarifInput {
  report: Report;
  findings: readonly Finding[];
  suppressed: readonly SuppressedSite[];
  rules: ReadonlyMap<string, RuleMeta>;
  /** The directory result paths are relative to (the git root, else the working directory). */
  root: string;
  /** Failed files, relative to the root, with why. */
  failures: readonly { rootPath: string; message: string; line?: number; column?: number }[];
}

function ruleDescriptor(meta: RuleMeta): Record<string, unknown> {
  const cweNumber = meta.cwe?.replace(/^CWE-/i, '');
  const tags = ['security', ...(cweNumber ? [`external/cwe/cwe-${cweNumber}`] : [])].slice(0, MAX_TAGS);
  const docs = meta.url ? ` Documentation: ${meta.url}` : '';
  const cweText = meta.cwe ? ` (${meta.cwe})` : '';
  return {
    id: meta.id,
    name: meta.id
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description}${cweText}.` },
    ...(meta.url ? { helpUri: meta.url } : {}),
    help: {
      text: `${meta.description}${cweText}. Run "npx secure-migrate" to rewrite the site to a @secure-migrate/runtime helper, or see what to decide in the TODO it leaves.${docs}`,
      markdown: `**${meta.description}**${cweText}.\n\nRun \`npx secure-migrate\` to rewrite the site to a \`@secure-migrate/runtime\` helper, or see what to decide in the TODO it leaves.${meta.url ? `\n\n[Rule documentation](${meta.url})` : ''}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': 'error',
      'security-severity': meta.securitySeverity.toFixed(1),
    },
  };
}

function location(rootPath: string, line: number, column: number): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(rootPath), uriBaseId: ROOT_ID },
      region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) },
    },
  };
}

/** The SARIF 2.1.0 log of a check run. */
export function toSarif(input: SarifInput): Record<string, unknown> {
  const ruleIds = [
    ...new Set([
      ...input.rules.keys(),
      ...input.findings.map((f) => f.rule),
      ...input.suppressed.map((s) => s.rule),
    ]),
  ];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const all = [
    ...input.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: index.get(f.rule)!,
      level: 'error',
      message: { text: f.marked ? `${f.message} (marked with a secure-migrate TODO)` : f.message },
      locations: [location(f.rootPath, f.line, f.column)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.baseline ? { baselineState: f.baseline === 'new' ? 'new' : 'unchanged' } : {}),
    })),
    ...input.suppressed.map((s) => ({
      ruleId: s.rule,
      ruleIndex: index.get(s.rule)!,
      level: 'error',
      message: { text: s.message },
      locations: [location(s.rootPath, s.line, s.column)],
      partialFingerprints: { [FINGERPRINT_KEY]: s.fingerprint },
      suppressions: [{ kind: 'inSource', ...(s.justification ? { justification: s.justification } : {}) }],
    })),
  ];
  const results = all.slice(0, MAX_SARIF_RESULTS);
  const notifications: Record<string, unknown>[] = input.failures.map((f) => ({
    level: 'error',
    message: { text: f.message },
    locations: [location(f.rootPath, f.line ?? 1, f.column ?? 1)],
  }));
  if (all.length > results.length) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${all.length - results.length} of ${all.length} results were left out: GitHub code scanning accepts at most ${MAX_SARIF_RESULTS} per run. Split the run with --shard.`,
      },
    });
  }
  const rootUri = pathToFileURL(input.root).href;
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.report.tool.name,
            version: input.report.tool.version,
            semanticVersion: input.report.tool.version,
            rules: ruleIds.map((id) => ruleDescriptor(metaOf(input.rules, id))),
          },
        },
        originalUriBaseIds: { [ROOT_ID]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        invocations: [
          {
            executionSuccessful: input.failures.length === 0,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
