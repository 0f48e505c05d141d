import path from 'node:path';
import { planCache, type CacheRolloutReport } from '../../codemods/lib/cache-plan.js';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { processFile, type FileOutcome, type ProcessSettings } from './process-file.js';

const CACHE_RULE = 'no-plaintext-cache-write';
const SECRET_IN_KEY = 'secretInCacheKey';

/** Options of {@link runCacheProjectPass}. */
export interface CacheProjectOptions {
  /** tsconfig.json of the project (its `paths`, `extends` and module resolution), when there is one. */
  tsconfig?: string;
  /** Directory report paths are relative to. */
  root: string;
  /** Write the first phase of a rollout: `secureCache(client, { writes: 'plaintext' })`. */
  rollout?: boolean;
}

/**
 * The project pass of encrypt-cache: follows each flagged write's client to every place it is constructed (through
 * imports, `paths` aliases, factories, conditionals, class fields and DI providers), groups the clients that share
 * the key prefixes being encrypted, and wraps each group's constructions together, or none of them with a TODO
 * at each (see `codemods/lib/cache-plan.ts`). Files whose outcome the decision changes are processed again with
 * it. Returns the updated outcomes (same order) and the readers section of the report.
 */
export function runCacheProjectPass(
  outcomes: readonly FileOutcome[],
  transforms: readonly TransformDefinition[],
  settings: ProcessSettings,
  options: CacheProjectOptions,
): { outcomes: FileOutcome[]; cache?: CacheRolloutReport } {
  if (settings.checkOnly || !transforms.some((t) => t.rule === CACHE_RULE))
    return { outcomes: [...outcomes] };
  const flagged = outcomes.flatMap((o) =>
    o.sites
      // A secret in a key is not hidden by encrypting values: it decides no client's wrapping.
      .filter((s) => s.rule === CACHE_RULE && s.action !== 'ignored' && s.messageId !== SECRET_IN_KEY)
      .map((s) => ({ file: o.path, line: s.line, column: s.column, action: s.action })),
  );
  if (flagged.length === 0) return { outcomes: [...outcomes] };
  const processable = outcomes
    .filter((o) => o.status !== 'skipped' && o.status !== 'failed')
    .map((o) => path.resolve(o.path));
  const { plan, report, files } = planCache({
    files: processable,
    flagged,
    root: options.root,
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
    ...(options.rollout ? { rollout: true } : {}),
  });
  const redo = new Set(files);
  const updated = outcomes.map((outcome) =>
    redo.has(path.resolve(outcome.path))
      ? processFile(outcome.path, transforms, { ...settings, cachePlan: plan })
      : outcome,
  );
  const empty = report.prefixes.length === 0 && report.clients.length === 0 && report.blocked.length === 0;
  return { outcomes: updated, ...(empty ? {} : { cache: report }) };
}
