import { readFileSync } from 'node:fs';
import { runRules, TransformParseError, type SiteReport } from '../../codemods/lib/engine.js';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import {
  clientKey,
  exportedClientRule,
  resolveRelativeImport,
  type ExportedClientState,
} from '../../codemods/lib/cross-file.js';
import { processFile, type FileOutcome, type ProcessSettings } from './process-file.js';

const CACHE_RULE = 'no-plaintext-cache-write';

/**
 * The project pass of encrypt-cache: where a flagged cache write uses a client imported from another processed
 * file, that file's `export const client = new Redis(...)` is wrapped in `secureCache(...)` (with the import), and
 * the importing files are processed again knowing it, so their sites need no edit. Clients that cannot be found
 * or wrapped there (injected, built by a helper, outside the processed files) keep the in-file handling
 * (encryptForCache with decrypted reads, or a TODO). Returns the updated outcomes, in the same order.
 */
export function wrapImportedClients(
  outcomes: readonly FileOutcome[],
  transforms: readonly TransformDefinition[],
  settings: ProcessSettings,
): FileOutcome[] {
  if (settings.checkOnly || !transforms.some((t) => t.rule === CACHE_RULE)) return [...outcomes];
  const byPath = new Map(outcomes.map((o) => [o.path, o]));
  const requests = new Map<string, Set<string>>();
  const importers = new Map<string, Set<string>>();
  for (const outcome of outcomes) {
    for (const site of outcome.sites) {
      if (site.rule !== CACHE_RULE || !site.client) continue;
      const target = resolveRelativeImport(outcome.path, site.client.source);
      if (!target || !byPath.has(target) || target === outcome.path) continue;
      requests.set(target, (requests.get(target) ?? new Set()).add(site.client.imported));
      const key = clientKey(target, site.client.imported);
      importers.set(outcome.path, (importers.get(outcome.path) ?? new Set()).add(key));
    }
  }
  if (requests.size === 0) return [...outcomes];

  const secured = new Set<string>();
  for (const [target, names] of requests) {
    const outcome = byPath.get(target)!;
    if (outcome.status === 'failed' || outcome.status === 'skipped') continue;
    const original = outcome.before ?? readFileSync(target, 'utf8');
    const current = outcome.after ?? original;
    const found = new Map<string, ExportedClientState>();
    let result: { output: string; sites: SiteReport[] };
    try {
      result = runRules({
        filePath: target,
        source: current,
        rules: [{ name: CACHE_RULE, rule: exportedClientRule([...names], found) }],
        ...(settings.runtimeImport ? { runtimeImport: settings.runtimeImport } : {}),
      });
    } catch (error) {
      if (error instanceof TransformParseError) continue;
      throw error;
    }
    for (const [name, state] of found) if (state) secured.add(clientKey(target, name));
    const sites = result.sites.map((site) => ({
      ...site,
      construction: true as const,
      reason:
        'Cache client wrapped in secureCache(...) where it is created (its importers write sensitive values).',
    }));
    byPath.set(target, {
      ...outcome,
      status: result.output === original ? outcome.status : 'changed',
      sites: [...outcome.sites, ...sites],
      ...(result.output === original ? {} : { before: original, after: result.output }),
    });
  }

  const securedClients = [...secured];
  for (const [file, keys] of importers) {
    if (![...keys].some((key) => secured.has(key))) continue;
    const previous = byPath.get(file)!;
    const redone = processFile(file, transforms, { ...settings, securedClients });
    // Keep the earlier work of a target that is also an importer.
    byPath.set(file, requests.has(file) ? mergeTargetWork(previous, redone) : redone);
  }
  return outcomes.map((o) => byPath.get(o.path)!);
}

function mergeTargetWork(previous: FileOutcome, redone: FileOutcome): FileOutcome {
  return redone.status === 'changed' || redone.status === 'failed' ? redone : previous;
}

/**
 * Marks the sites the project passes added (a client wrapped where it is created, on behalf of the writes
 * reported in its importers) as `construction`: they are the rewrite of other sites, not findings of their own,
 * so the migration counts the same sites as `check`. A site is added when the first pass of its file had no site
 * of the same rule at the same position (the passes read the same text).
 */
export function markProjectSites(firstPass: readonly FileOutcome[], outcomes: FileOutcome[]): FileOutcome[] {
  const before = new Map(
    firstPass.map((o) => [o.path, new Set(o.sites.map((s) => `${s.rule}:${s.line}:${s.column}`))]),
  );
  return outcomes.map((outcome) => {
    const known = before.get(outcome.path) ?? new Set<string>();
    if (outcome.sites.every((s) => s.construction || known.has(`${s.rule}:${s.line}:${s.column}`)))
      return outcome;
    return {
      ...outcome,
      sites: outcome.sites.map((s) =>
        s.construction || known.has(`${s.rule}:${s.line}:${s.column}`)
          ? s
          : { ...s, construction: true as const },
      ),
    };
  });
}
