import type { TransformDefinition } from './definition.js';
import { runRules } from './engine.js';

/** The `file` argument of a jscodeshift transform. */
export interface FileInfo {
  path: string;
  source: string;
}

/** The parts of jscodeshift's `api` a transform uses (all optional, so the CLI and tests can pass `{}`). */
export interface TransformApi {
  report?: (message: string) => void;
  stats?: (name: string, quantity?: number) => void;
}

/** Options a transform accepts (jscodeshift passes unknown CLI flags through). */
export interface TransformOptions {
  /** Module specifier to import the helpers from (default `@secure-migrate/runtime`). */
  runtimeImport?: string;
  /** hardcoded-credentials: `--refuseMissingSecrets=true` rewrites `process.env.X || 'literal'` to getSecret. */
  refuseMissingSecrets?: boolean | string;
  [option: string]: unknown;
}

/** A jscodeshift transform function: new source, or `undefined` when the file has nothing to rewrite. */
export type Transform = (
  file: FileInfo,
  api?: TransformApi,
  options?: TransformOptions,
) => string | undefined;

/**
 * Makes a jscodeshift-compatible transform of a definition: the output is computed as text edits on
 * `file.source`, sites left alone are reported through `api.report`, and a file without sites returns
 * `undefined` (jscodeshift counts it as skipped). Throws when the input or the output does not parse.
 */
export function createTransform(definition: TransformDefinition): Transform {
  return (file, api, options) => {
    if (!definition.mayApply(file.source)) return undefined;
    const runtimeImport = typeof options?.runtimeImport === 'string' ? options.runtimeImport : undefined;
    const refuse = options?.refuseMissingSecrets === true || options?.refuseMissingSecrets === 'true';
    const result = runRules({
      filePath: file.path,
      source: file.source,
      rules: definition.entries({
        ...(runtimeImport ? { runtimeImport } : {}),
        ...(refuse ? { refuseMissingSecrets: true } : {}),
      }),
      ...(runtimeImport ? { runtimeImport } : {}),
    });
    for (const site of result.sites) {
      api?.stats?.(site.action);
      if (site.action === 'todo')
        api?.report?.(`${site.line}:${site.column} ${site.rule}: TODO ${site.reason}`);
    }
    return result.output === file.source ? undefined : result.output;
  };
}
