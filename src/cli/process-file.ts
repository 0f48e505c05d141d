import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { runRules, TransformParseError, type RuleEntry, type SiteReport } from '../../codemods/lib/engine.js';
import type { CachePlan } from '../../codemods/lib/cache-plan.js';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { parseTree, treeSyntaxError } from '../../codemods/lib/parser.js';
import { loadProgram, quickSyntaxError } from './program.js';
import { contentSkipReason } from './selection.js';

/** Files larger than this are skipped (usually generated or bundled code). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What the CLI does with one file, everywhere the same (main thread or worker). */
export interface ProcessSettings {
  /** Write nothing and keep no output: only find sites (the `check` command). */
  checkOnly: boolean;
  runtimeImport?: string;
  /** secure-assign applies allow lists of declared types (`--allow-lists-from-types`). */
  allowListsFromTypes?: boolean;
  /** hardcoded-credentials rewrites `process.env.X || 'literal'` to getSecret (`--refuse-missing-secrets`). */
  refuseMissingSecrets?: boolean;
  /** tsconfig.json whose program gives type information, when type information is on. */
  tsconfig?: string;
  /** Exported cache clients wrapped in other files (`<absolute path>#<export name>`), from the project pass. */
  securedClients?: string[];
  /** encrypt-cache: the project pass's decision for the clients and writes of the project. */
  cachePlan?: CachePlan;
  /** Process files with a shebang too (`--include-tests-and-scripts`). */
  includeTestsAndScripts?: boolean;
}

/** The outcome of one file. */
export interface FileOutcome {
  path: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  reason?: string;
  sites: SiteReport[];
  /** Original and new text, only when changed. */
  before?: string;
  after?: string;
  error?: { message: string; line?: number; column?: number };
}

/** Whether the project pass planned a wrap or a TODO at a client construction of the file. */
function planTouches(plan: CachePlan, file: string): boolean {
  const key = path.resolve(file);
  return Boolean(plan.wraps[key]?.length || plan.todos[key]?.length);
}

/** Runs the selected transforms on one file: read, pre-filter, one lint pass for all rules, edits, re-parse. */
export function processFile(
  file: string,
  transforms: readonly TransformDefinition[],
  settings: ProcessSettings,
): FileOutcome {
  let source: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      return { path: file, status: 'skipped', reason: 'larger than 2 MiB (generated?)', sites: [] };
    }
    source = readFileSync(file, 'utf8');
  } catch (error) {
    return { path: file, status: 'failed', sites: [], error: { message: (error as Error).message } };
  }
  const skip = contentSkipReason(source, settings.includeTestsAndScripts ?? false);
  if (skip) return { path: file, status: 'skipped', reason: skip, sites: [] };
  const planned = settings.cachePlan ? planTouches(settings.cachePlan, file) : false;
  let applicable = transforms.filter(
    (t) => t.mayApply(source) || (planned && t.rule === 'no-plaintext-cache-write'),
  );
  // The program is built on the first file a transform may apply to.
  const program = applicable.length && settings.tsconfig ? loadProgram(settings.tsconfig) : undefined;
  const inProgram = program?.getSourceFile(file);
  let tree: ts.SourceFile | undefined;
  if (applicable.length > 0 && applicable.every((t) => t.mayApplyToTree)) {
    // Every transform left has a test on TypeScript's bare syntax tree (several times cheaper than the lint pass);
    // the tree also gives the syntax check. A file with a syntax error goes on to the lint pass, which reports it.
    // With type information the program already holds the tree (of the same text: the program read this file).
    tree = inProgram && inProgram.text === source ? inProgram : parseTree(file, source);
    const parsed = tree;
    if (!treeSyntaxError(parsed)) applicable = applicable.filter((t) => t.mayApplyToTree!(parsed));
  }
  if (applicable.length === 0) {
    // No transform applies: a syntax check is all the file needs (unparsable files are always reported).
    const error = tree ? treeSyntaxError(tree) : quickSyntaxError(file, source);
    if (!error) return { path: file, status: 'unchanged', sites: [] };
    return { path: file, status: 'failed', reason: 'unparsable', sites: [], error };
  }
  const entryOptions = {
    ...(settings.runtimeImport ? { runtimeImport: settings.runtimeImport } : {}),
    ...(settings.allowListsFromTypes ? { allowListsFromTypes: true } : {}),
    ...(settings.refuseMissingSecrets ? { refuseMissingSecrets: true } : {}),
    ...(settings.cachePlan ? { cachePlan: settings.cachePlan } : {}),
  };
  const rules: RuleEntry[] = applicable.flatMap((t) => t.entries(entryOptions));
  // A program built before this file changed (a second run in one process) would type another text: untyped then.
  const typed = program && inProgram && inProgram.text === source ? program : undefined;
  try {
    const result = runRules({
      filePath: file,
      source,
      rules,
      ...(typed ? { program: typed } : {}),
      ...(settings.runtimeImport ? { runtimeImport: settings.runtimeImport } : {}),
      ...(settings.securedClients?.length ? { securedClients: new Set(settings.securedClients) } : {}),
    });
    if (settings.checkOnly || result.output === source) {
      return { path: file, status: 'unchanged', sites: result.sites };
    }
    return { path: file, status: 'changed', sites: result.sites, before: source, after: result.output };
  } catch (error) {
    if (error instanceof TransformParseError) {
      const where = error.line ? { line: error.line, ...(error.column ? { column: error.column } : {}) } : {};
      return {
        path: file,
        status: 'failed',
        reason: error.phase === 'input' ? 'unparsable' : 'output does not parse',
        sites: [],
        error: { message: error.message, ...where },
      };
    }
    return {
      path: file,
      status: 'failed',
      reason: 'transform error',
      sites: [],
      error: { message: error instanceof Error ? error.message : String(error) },
    };
  }
}
