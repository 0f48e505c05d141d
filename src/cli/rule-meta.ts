/**
 * What the CI formats say about each rule: its description, documentation page, CWE and a security severity
 * (CVSS-like, 0.1–10, as GitHub code scanning reads `security-severity`).
 */
import type { Rule } from 'eslint';
import type { TransformDefinition } from '../../codemods/lib/definition.js';

/** Metadata of one rule, for SARIF and GitLab reports. */
export interface RuleMeta {
  id: string;
  description: string;
  url?: string;
  cwe?: string;
  /** 0.1–10: 9+ critical, 7–8.9 high, 4–6.9 medium, below 4 low. */
  securitySeverity: number;
}

/**
 * Severity of each rule's finding when it is real. Hard-coded credentials and prototype pollution give an
 * attacker something directly (a working secret, control of object fields); plaintext cache values and
 * secrets in logs need a second step (read access to the cache or the logs).
 */
export const SECURITY_SEVERITY: Readonly<Record<string, number>> = {
  'no-hardcoded-credentials': 8.0,
  'no-unsafe-dynamic-assignment': 7.5,
  'no-plaintext-sensitive-column': 6.5,
  'no-plaintext-cache-write': 6.5,
  'no-sensitive-logging': 5.5,
};

/** Severity of a rule not in {@link SECURITY_SEVERITY}. */
export const DEFAULT_SECURITY_SEVERITY = 5.0;

interface DocsWithCwe {
  description?: string;
  url?: string;
  cwe?: string;
}

/** The metadata of the rules the transforms drive, by rule id, in transform order. */
export function ruleMetadata(transforms: readonly TransformDefinition[]): Map<string, RuleMeta> {
  const out = new Map<string, RuleMeta>();
  for (const transform of transforms) {
    let entries: { name: string; rule: Rule.RuleModule }[];
    try {
      entries = transform.entries();
    } catch {
      entries = [];
    }
    const named = entries.find((e) => e.name === transform.rule) ?? entries[0];
    for (const entry of named ? [named, ...entries.filter((e) => e !== named)] : []) {
      if (out.has(entry.name)) continue;
      const docs = (entry.rule.meta?.docs ?? {}) as DocsWithCwe;
      out.set(entry.name, {
        id: entry.name,
        description: docs.description ?? transform.summary,
        ...(docs.url ? { url: docs.url } : {}),
        ...(docs.cwe ? { cwe: docs.cwe } : {}),
        securitySeverity: SECURITY_SEVERITY[entry.name] ?? DEFAULT_SECURITY_SEVERITY,
      });
    }
    if (!out.has(transform.rule)) {
      out.set(transform.rule, {
        id: transform.rule,
        description: transform.summary,
        securitySeverity: SECURITY_SEVERITY[transform.rule] ?? DEFAULT_SECURITY_SEVERITY,
      });
    }
  }
  return out;
}

/** The metadata of a rule, or a plain default for a rule id no transform declares. */
export function metaOf(rules: ReadonlyMap<string, RuleMeta>, id: string): RuleMeta {
  return (
    rules.get(id) ?? {
      id,
      description: id,
      securitySeverity: SECURITY_SEVERITY[id] ?? DEFAULT_SECURITY_SEVERITY,
    }
  );
}
