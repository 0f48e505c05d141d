import type ts from 'typescript';
import type { CachePlan } from './cache-plan.js';
import type { RuleEntry } from './engine.js';

/** Options that reach the rules a transform runs. */
export interface TransformEntryOptions {
  /** Module specifier the suggestions import the helpers from. */
  runtimeImport?: string;
  /** secure-assign: apply the allow list of a declared type instead of the prototype guard (an explicit opt-in). */
  allowListsFromTypes?: boolean;
  /**
   * hardcoded-credentials: rewrite `process.env.X || 'literal'` to `getSecret('X', { developmentFallback })` (an
   * explicit opt-in: a production process without `X` then refuses to start).
   */
  refuseMissingSecrets?: boolean;
  /** encrypt-cache: the project pass's decision (clients to wrap or mark, writes secured elsewhere). */
  cachePlan?: CachePlan;
}

/** A transform as the CLI and the docs see it: a name, the rule it drives, and a cheap pre-filter. */
export interface TransformDefinition {
  /** Transform name, e.g. `sanitize-logging`. */
  name: string;
  /** Id (without plugin prefix) of the rule whose reports the transform rewrites. */
  rule: string;
  /** One line for `--list` and the docs. */
  summary: string;
  /**
   * A cheap text test run before parsing: false means the file cannot contain a site, so it is not parsed.
   * Must never be false for a file the rule would report on.
   */
  mayApply(source: string): boolean;
  /**
   * A second cheap test, on TypeScript's syntax tree of a file that passed {@link mayApply} (no ESLint parse,
   * scopes or rules), for transforms whose text test passes nearly every file. False means the file cannot
   * contain a site, so the rules are not run on it. Must never be false for a file the rule would report on.
   */
  mayApplyToTree?(tree: ts.SourceFile): boolean;
  /** The rule entries the engine runs for this transform. */
  entries(options?: TransformEntryOptions): RuleEntry[];
}
