import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { runFieldsProject, type FieldsProjectResult } from '../../codemods/lib/fields-project.js';
import type { FileOutcome, ProcessSettings } from './process-file.js';

const FIELDS_RULE = 'no-plaintext-sensitive-column';

/**
 * The project pass of encrypt-fields (see `codemods/lib/fields-project.ts`): once every file's columns are
 * encrypted, a blind index where the code looks a column up by equality (the column, the lookups, the writes and
 * the DDL) and the data migration that runs the sweep. Returns the outcomes with the files it changed or created.
 */
export function runFieldsProjectPass(
  outcomes: readonly FileOutcome[],
  transforms: readonly TransformDefinition[],
  settings: ProcessSettings,
): { outcomes: FileOutcome[]; fields?: FieldsProjectResult } {
  if (settings.checkOnly || !transforms.some((t) => t.rule === FIELDS_RULE))
    return { outcomes: [...outcomes] };
  if (
    !outcomes.some(
      (o) =>
        o.status === 'changed' && o.sites.some((s) => s.rule === FIELDS_RULE && s.action === 'rewritten'),
    )
  )
    return { outcomes: [...outcomes] };
  const files = outcomes
    .filter((o) => o.status === 'changed' || o.status === 'unchanged')
    .flatMap((o) => {
      if (o.status === 'changed') return [{ path: path.resolve(o.path), before: o.before!, after: o.after! }];
      try {
        const text = readFileSync(o.path, 'utf8');
        return [{ path: path.resolve(o.path), before: text, after: text }];
      } catch {
        return [];
      }
    });
  const result = runFieldsProject({
    files,
    ...(settings.runtimeImport ? { runtimeImport: settings.runtimeImport } : {}),
  });
  if (result.files.size === 0) return { outcomes: [...outcomes] };
  const pending = new Map(result.files);
  const updated = outcomes.map((outcome) => {
    const key = path.resolve(outcome.path);
    const next = pending.get(key);
    if (next === undefined) return outcome;
    pending.delete(key);
    const before = outcome.before ?? readFileSync(key, 'utf8');
    return { ...outcome, status: 'changed' as const, before, after: next };
  });
  // Files outside the run's list: the data migration, a migration and its journal.
  for (const [file, text] of pending) {
    let before = '';
    try {
      before = readFileSync(file, 'utf8');
    } catch {
      // a new file
    }
    updated.push({ path: file, status: 'changed', sites: [], before, after: text });
  }
  return { outcomes: updated, fields: result };
}
