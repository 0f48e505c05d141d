import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type ts from 'typescript';
import { applyEdits, editsOverlap, type TextEdit } from './edits.js';
import { ensureImports } from 'eslint-plugin-secure-migrate/detect';
import { DEFAULT_RUNTIME_SPECIFIER, helpersUsedIn, isImportEdit, localizeHelpers } from './imports.js';
import { jsxForFile, quickSyntaxError } from './parser.js';
import { polishImportEdit } from './import-style.js';
import type { ClientImport } from './cross-file.js';
import { siteContext, type SiteContext } from './site-context.js';
import { findMarker, todoEdit, type Marker } from './todo.js';

/** What happened at one site a rule reported. */
export type SiteAction = 'rewritten' | 'todo' | 'ignored';

/** One site a rule reported in a file, and what the transform did with it. */
export interface SiteReport {
  /** Rule id without the plugin prefix, e.g. `no-sensitive-logging`. */
  rule: string;
  /** 1-based line and column of the report in the input. */
  line: number;
  column: number;
  action: SiteAction;
  /** What was done or what to decide: the rule's message for rewritten sites, the TODO text for TODO sites. */
  reason: string;
  /** The rule's message, as ESLint prints it. */
  message: string;
  /** The rule's message id, when it has one (`secretInCacheKey`). */
  messageId?: string;
  /** For a cache write whose client is imported from another project file: where from. */
  client?: ClientImport;
  /** A `// secure-migrate: TODO (<rule>)` comment already marks the site (a reviewer has it on their list). */
  marked?: true;
  /** What identifies the site apart from its position (baselines and fingerprints). */
  context?: SiteContext;
  /** `ignored` sites: how they were suppressed, and the reason the comment gives (after ` -- `), if any. */
  suppression?: { by: 'secure-migrate-ignore' | 'eslint-disable'; justification?: string };
  /**
   * A value committed to the repository that must be rotated (hard-coded credentials): what it is bound to, its
   * kind, and a redacted form (never the value itself).
   */
  secret?: CommittedSecret;
  /**
   * A cache client wrapped where it is created because files that import it write sensitive values: the
   * rewrite of those sites, not a site of its own (`check` does not list it).
   */
  construction?: true;
}

/** A committed secret a site holds, as the reports list it (see {@link SiteReport.secret}). */
export interface CommittedSecret {
  /** The variable, property or environment variable the value is bound to, when there is one. */
  name?: string;
  /** What the value is: `password`, `GitHub token`, `fallback of process.env.X`… */
  kind: string;
  /** The value with all but a few characters hidden, and its length. */
  redacted: string;
}

/**
 * What a transform may decide about a site whose suggestion it was given (see {@link RuleEntry.refine}): the
 * edits to make (none when the site is handled elsewhere, with a `note` saying where), or a TODO.
 */
export type Refinement = ({ edits: TextEdit[]; note?: string; todo?: string } | { todo: string }) & {
  client?: ClientImport;
};

/** The information a {@link RuleEntry.refine} hook receives. */
export interface RefineContext {
  source: string;
  ast: TSESTree.Program;
  node: TSESTree.Node | undefined;
  /** The wrap edits of the chosen suggestion (the import part removed). */
  edits: TextEdit[];
  /** Runtime helpers those edits call. */
  helpers: string[];
  /** Whether the file is TypeScript (type arguments allowed). */
  typescript: boolean;
  filePath: string;
  /** Exported clients already wrapped in `secureCache(...)` in other files ({@link clientKey} keys). */
  securedClients: ReadonlySet<string>;
  /** The rule's report: its message data and every suggestion it offered. */
  descriptor?: Rule.ReportDescriptor;
}

/** A rule a transform drives, with how to pick among its suggestions. */
export interface RuleEntry {
  /** Rule id without the plugin prefix. */
  name: string;
  rule: Rule.RuleModule;
  options?: unknown[];
  /** Helpers in order of preference: the first suggestion whose edits call the earliest of them wins. */
  prefer?: readonly string[];
  /** Says what to decide, appended to the TODO comment of a site left alone. */
  todoHint?: string;
  /** Says what to decide for one report, from its message id and data (wins over `todoHint` when it answers). */
  todoFor?: (descriptor: Rule.ReportDescriptor) => string | undefined;
  /** Adjusts or vetoes a chosen suggestion (e.g. encrypt-cache adds the matching reads). */
  refine?: (context: RefineContext) => Refinement;
  /**
   * Rewrites a site the rule offers no suggestion for: edits (with a `note` for the report and a `todo` left
   * beside them), a TODO with its own text, or undefined for the ordinary TODO.
   */
  rewrite?: (context: Omit<RefineContext, 'edits' | 'helpers' | 'securedClients'>) => Refinement | undefined;
  /** The committed secret a site holds, for the list of values to rotate (sites of credential rules). */
  committedSecret?: (
    node: TSESTree.Node | undefined,
    descriptor: Rule.ReportDescriptor,
  ) => CommittedSecret | undefined;
}

/** Options of {@link runRules}. */
export interface RunRulesOptions {
  filePath: string;
  source: string;
  rules: readonly RuleEntry[];
  /** A TypeScript program containing the file, for type-aware rules. */
  program?: ts.Program;
  /** Module specifier of the runtime (default `@secure-migrate/runtime`). */
  runtimeImport?: string;
  /** Passes over a file when edits of different sites overlap (default 3). */
  maxPasses?: number;
  /** Exported cache clients wrapped in `secureCache(...)` in other files (`<absolute path>#<export name>`). */
  securedClients?: ReadonlySet<string>;
}

/** The result of {@link runRules}: the new text (same as the input when nothing changed) and every site. */
export interface RunRulesResult {
  output: string;
  sites: SiteReport[];
}

/** Thrown when the input or the output of a transform does not parse; the file must be left untouched. */
export class TransformParseError extends Error {
  constructor(
    message: string,
    readonly phase: 'input' | 'output',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'TransformParseError';
  }
}

const PLUGIN = 'secure-migrate';
const linters = new Map<string, Linter>();

const projectRoots = new Map<string, string>();

/**
 * The directory the rules see file names relative to: the nearest one above the file holding a package.json,
 * else the file system root. Rules judge the relative name (a `test/` folder makes a test file), so a project
 * that happens to live under a folder named `test` is not all test files.
 */
function projectRootOf(filePath: string): string {
  const dir = path.dirname(path.resolve(filePath));
  const cached = projectRoots.get(dir);
  if (cached !== undefined) return cached;
  let root = path.parse(dir).root;
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) {
      root = current;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  projectRoots.set(dir, root);
  return root;
}

/** A Linter whose cwd is the file's project root (see {@link projectRootOf}). */
function linterFor(filePath: string): Linter {
  const root = projectRootOf(filePath);
  let linter = linters.get(root);
  if (!linter) {
    linter = new Linter({ configType: 'flat', cwd: root });
    linters.set(root, linter);
  }
  return linter;
}

interface Captured {
  ruleName: string;
  descriptor: Rule.ReportDescriptor;
  line: number;
  column: number;
}

function descriptorStart(descriptor: Rule.ReportDescriptor): { line: number; column: number } | undefined {
  if ('loc' in descriptor && descriptor.loc) {
    const loc = descriptor.loc as {
      start?: { line: number; column: number };
      line?: number;
      column?: number;
    };
    if (loc.start) return loc.start;
    if (typeof loc.line === 'number' && typeof loc.column === 'number')
      return { line: loc.line, column: loc.column };
  }
  if ('node' in descriptor && descriptor.node?.loc) return descriptor.node.loc.start;
  return undefined;
}

/** Wraps a rule so every report descriptor (with its suggestion functions) is seen before ESLint merges fixes. */
/** Where the wrapped rules of the lint pass under way put their report descriptors (passes never overlap). */
let activeSink: Captured[] = [];

const wrappers = new WeakMap<Rule.RuleModule, Map<string, Rule.RuleModule>>();

/**
 * Wraps a rule so every report descriptor (with its suggestion functions) is seen before ESLint merges fixes.
 * Wrappers are made once per rule and name, so the lint configuration that holds them can be reused.
 */
function capturing(entry: RuleEntry): Rule.RuleModule {
  let byName = wrappers.get(entry.rule);
  if (!byName) wrappers.set(entry.rule, (byName = new Map()));
  const cached = byName.get(entry.name);
  if (cached) return cached;
  const ruleName = entry.name;
  const wrapped: Rule.RuleModule = {
    meta: entry.rule.meta,
    create(context) {
      const proxy = Object.create(context, {
        report: {
          value(descriptor: Rule.ReportDescriptor) {
            const start = descriptorStart(descriptor);
            if (start) activeSink.push({ ruleName, descriptor, line: start.line, column: start.column + 1 });
            context.report(descriptor);
          },
        },
      }) as Rule.RuleContext;
      return entry.rule.create(proxy);
    },
  };
  byName.set(entry.name, wrapped);
  return wrapped;
}

type Range = readonly [number, number];
type NodeOrToken = { range: Range };

/** A fixer that returns plain edits, so a suggestion's parts stay apart (ESLint would merge them into one). */
const fixer = {
  insertTextAfter: (n: NodeOrToken, text: string): TextEdit => ({ range: [n.range[1], n.range[1]], text }),
  insertTextAfterRange: (r: Range, text: string): TextEdit => ({ range: [r[1], r[1]], text }),
  insertTextBefore: (n: NodeOrToken, text: string): TextEdit => ({ range: [n.range[0], n.range[0]], text }),
  insertTextBeforeRange: (r: Range, text: string): TextEdit => ({ range: [r[0], r[0]], text }),
  remove: (n: NodeOrToken): TextEdit => ({ range: n.range, text: '' }),
  removeRange: (r: Range): TextEdit => ({ range: r, text: '' }),
  replaceText: (n: NodeOrToken, text: string): TextEdit => ({ range: n.range, text }),
  replaceTextRange: (r: Range, text: string): TextEdit => ({ range: r, text }),
};

function suggestionEdits(suggestion: Rule.SuggestionReportDescriptor): TextEdit[] {
  const result = suggestion.fix(fixer as unknown as Rule.RuleFixer) as unknown;
  if (!result) return [];
  if (typeof result === 'object' && result !== null && 'range' in result) return [result as TextEdit];
  if (typeof (result as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(result as Iterable<TextEdit | null>)].filter((e): e is TextEdit => Boolean(e));
  }
  return [];
}

interface Chosen {
  edits: TextEdit[];
  helpers: string[];
}

function chooseSuggestion(
  entry: RuleEntry,
  descriptor: Rule.ReportDescriptor,
  ast: TSESTree.Program,
  specifiers: readonly string[],
): Chosen | undefined {
  const candidates: Chosen[] = [];
  for (const suggestion of descriptor.suggest ?? []) {
    let edits: TextEdit[];
    try {
      edits = suggestionEdits(suggestion);
    } catch {
      continue;
    }
    const wraps = edits.filter((edit) => !isImportEdit(edit, ast, specifiers));
    if (wraps.length === 0) continue;
    candidates.push({ edits: wraps, helpers: [...new Set(wraps.flatMap((e) => helpersUsedIn(e.text)))] });
  }
  if (candidates.length === 0) return undefined;
  const rank = (c: Chosen): number => {
    const prefer = entry.prefer ?? [];
    const ranks = c.helpers.map((h) => prefer.indexOf(h)).filter((i) => i >= 0);
    return ranks.length ? Math.min(...ranks) : prefer.length;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/** The first clause of a rule message (`x is logged: …` → `x is logged`), for short TODO comments. */
function firstClause(text: string): string {
  return oneLine(text).split(/[:.;](?:\s|$)/)[0] ?? text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

type ConfigArray = Linter.Config[] & { normalizeSync?(): unknown };
type ConfigArrayClass = new (configs: Linter.Config[], options: { basePath: string }) => ConfigArray;

let configArrayClass: ConfigArrayClass | null | undefined;

/**
 * ESLint's own FlatConfigArray, so a normalized configuration can be reused across files (ESLint builds and
 * normalizes one per `verify` call from a plain array). Null when it cannot be loaded: plain arrays then.
 */
function loadConfigArrayClass(): ConfigArrayClass | null {
  if (configArrayClass !== undefined) return configArrayClass;
  try {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve('eslint')), 'config', 'flat-config-array.js');
    configArrayClass = (require(file) as { FlatConfigArray?: ConfigArrayClass }).FlatConfigArray ?? null;
  } catch {
    configArrayClass = null;
  }
  return configArrayClass;
}

const ruleIds = new WeakMap<Rule.RuleModule, number>();
let nextRuleId = 0;
const configCache = new Map<string, ConfigArray>();

function ruleId(rule: Rule.RuleModule): number {
  let id = ruleIds.get(rule);
  if (id === undefined) ruleIds.set(rule, (id = nextRuleId++));
  return id;
}

function buildConfig(options: RunRulesOptions, program: ts.Program | undefined, root: string): ConfigArray {
  const sourceType: 'module' | 'commonjs' = /\.c[jt]s$/i.test(options.filePath) ? 'commonjs' : 'module';
  const jsx = jsxForFile(options.filePath);
  const key = program
    ? undefined
    : [
        root,
        sourceType,
        jsx,
        ...options.rules.map((e) => `${ruleId(e.rule)}:${e.name}:${JSON.stringify(e.options ?? [])}`),
      ].join('|');
  const cached = key === undefined ? undefined : configCache.get(key);
  if (cached) return cached;
  const rules: Record<string, Rule.RuleModule> = {};
  const ruleSettings: Linter.RulesRecord = {};
  for (const entry of options.rules) {
    rules[entry.name] = capturing(entry);
    ruleSettings[`${PLUGIN}/${entry.name}`] = ['error', ...(entry.options ?? [])];
  }
  const configs = [
    {
      files: ['**/*.*'],
      plugins: { [PLUGIN]: { rules } },
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        sourceType,
        ecmaVersion: 'latest' as const,
        parserOptions: {
          ecmaFeatures: { jsx },
          // Without a program nothing maps ESTree nodes back to TypeScript nodes, and JSDoc is never read.
          ...(program ? { programs: [program] } : { preserveNodeMaps: false, jsDocParsingMode: 'none' }),
        },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' as const },
      rules: ruleSettings,
    },
  ] as Linter.Config[];
  const ConfigArrayClass = loadConfigArrayClass();
  let config: ConfigArray = configs;
  if (ConfigArrayClass) {
    try {
      const array = new ConfigArrayClass(configs, { basePath: root });
      array.normalizeSync?.();
      config = array;
    } catch {
      config = configs;
    }
  }
  if (key !== undefined) {
    if (configCache.size > 64) configCache.clear();
    configCache.set(key, config);
  }
  return config;
}

/**
 * Whether a fatal lint message means the file did not parse. ESLint words parse failures `Parsing error: …`; its
 * other fatal messages (`/* eslint-env *\/ comments are no longer supported`) are about configuration.
 */
function isParseFailure(message: Linter.LintMessage): boolean {
  return message.ruleId === null && !/eslint-env/.test(message.message);
}

interface PassResult {
  output: string;
  sites: SiteReport[];
  deferred: number;
}

function runPass(
  options: RunRulesOptions,
  source: string,
  program: ts.Program | undefined,
  first: boolean,
): PassResult {
  const captured: Captured[] = [];
  const linter = linterFor(options.filePath);
  const filename = path.resolve(options.filePath);
  const config = buildConfig(options, program, path.parse(filename).root);
  activeSink = captured;
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(source, config, { filename });
  } finally {
    activeSink = [];
  }
  // Only a parse error makes a file unparsable. ESLint's flat config also reports configuration complaints as
  // fatal (`/* eslint-env */` comments); the rules still ran on those files, so they are ordinary files.
  const fatal = messages.find((m) => m.fatal && isParseFailure(m));
  if (fatal) throw new TransformParseError(fatal.message, 'input', fatal.line, fatal.column);
  messages = messages.filter((m) => !m.fatal);
  const ast = linter.getSourceCode().ast as unknown as TSESTree.Program;
  const specifiers = [
    ...new Set([DEFAULT_RUNTIME_SPECIFIER, options.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER]),
  ];

  // Reports that survived ESLint's own filtering (disable directives), matched to the captured descriptors.
  const pending = new Map<string, Captured[]>();
  for (const c of captured) {
    const key = `${c.ruleName}:${c.line}:${c.column}`;
    pending.set(key, [...(pending.get(key) ?? []), c]);
  }
  const accepted: TextEdit[] = [];
  const todoAnchors = new Set<string>();
  const helpers = new Set<string>();
  const sites: SiteReport[] = [];
  let deferred = 0;

  for (const message of messages) {
    const ruleName = message.ruleId?.startsWith(`${PLUGIN}/`)
      ? message.ruleId.slice(PLUGIN.length + 1)
      : undefined;
    const entry = options.rules.find((e) => e.name === ruleName);
    if (!entry) continue;
    const match = pending.get(`${entry.name}:${message.line}:${message.column}`)?.shift();
    const node =
      match && 'node' in match.descriptor ? (match.descriptor.node as unknown as TSESTree.Node) : undefined;
    const secret = match && entry.committedSecret ? entry.committedSecret(node, match.descriptor) : undefined;
    const site = {
      rule: entry.name,
      line: message.line,
      column: message.column,
      message: oneLine(message.message),
      ...(message.messageId ? { messageId: message.messageId } : {}),
      context: siteContext(source, node, message.line),
      ...(secret ? { secret } : {}),
    };
    const marker: Marker | undefined = findMarker(source, ast, node, message.line, entry.name);
    if (marker?.kind === 'ignore') {
      if (first) {
        sites.push({
          ...site,
          action: 'ignored',
          reason: marker.reason ? `secure-migrate-ignore: ${marker.reason}` : 'secure-migrate-ignore comment',
          suppression: {
            by: 'secure-migrate-ignore',
            ...(marker.reason ? { justification: marker.reason } : {}),
          },
        });
      }
      continue;
    }
    if (marker?.kind === 'todo') {
      if (first) sites.push({ ...site, action: 'todo', marked: true, reason: oneLine(message.message) });
      continue;
    }
    let chosen = match ? chooseSuggestion(entry, match.descriptor, ast, specifiers) : undefined;
    let todoReason: string | undefined;
    let note: string | undefined;
    let client: ClientImport | undefined;
    /** A TODO left beside a rewrite: what a person may still decide (e.g. an allow list). */
    let alsoTodo: string | undefined;
    if (chosen && entry.refine) {
      const refined = entry.refine({
        source,
        ast,
        node,
        edits: chosen.edits,
        helpers: chosen.helpers,
        typescript: /\.[mc]?tsx?$/i.test(options.filePath),
        filePath: options.filePath,
        securedClients: options.securedClients ?? new Set(),
        ...(match ? { descriptor: match.descriptor } : {}),
      });
      client = refined.client;
      if (!('edits' in refined)) {
        todoReason = refined.todo;
        chosen = undefined;
      } else {
        note = refined.note;
        alsoTodo = refined.todo;
        chosen = {
          edits: refined.edits,
          helpers: [...new Set(refined.edits.flatMap((e) => helpersUsedIn(e.text)))],
        };
      }
    }
    if (!chosen && todoReason === undefined && match && entry.rewrite) {
      const rewritten = entry.rewrite({
        source,
        ast,
        node,
        typescript: /\.[mc]?tsx?$/i.test(options.filePath),
        filePath: options.filePath,
        descriptor: match.descriptor,
      });
      if (rewritten && 'edits' in rewritten) {
        note = rewritten.note;
        alsoTodo = rewritten.todo;
        chosen = {
          edits: rewritten.edits,
          helpers: [...new Set(rewritten.edits.flatMap((e) => helpersUsedIn(e.text)))],
        };
      } else if (rewritten) {
        todoReason = rewritten.todo;
      }
    }
    const withClient = client ? { client } : {};
    if (chosen) {
      if (chosen.edits.some((e) => accepted.some((a) => editsOverlap(a, e)))) {
        deferred++;
        continue;
      }
      accepted.push(...chosen.edits);
      chosen.helpers.forEach((h) => helpers.add(h));
      const reason = note ? `${firstClause(message.message)}: ${note}` : oneLine(message.message);
      sites.push({ ...site, action: 'rewritten', reason, ...withClient });
      if (alsoTodo) {
        const edit = todoEdit(source, ast, node, message.line, entry.name, oneLine(alsoTodo));
        const anchorKey = `${edit.range[0]}:${entry.name}`;
        if (!todoAnchors.has(anchorKey) && !accepted.some((a) => editsOverlap(a, edit))) {
          todoAnchors.add(anchorKey);
          accepted.push(edit);
        }
      }
      continue;
    }
    const reason = oneLine(
      [
        `${firstClause(message.message)}.`,
        todoReason ?? (match ? entry.todoFor?.(match.descriptor) : undefined) ?? entry.todoHint,
      ]
        .filter((part): part is string => Boolean(part))
        .join(' '),
    );
    const edit = todoEdit(source, ast, node, message.line, entry.name, reason);
    const anchorKey = `${edit.range[0]}:${entry.name}`;
    if (!todoAnchors.has(anchorKey) && !accepted.some((a) => editsOverlap(a, edit))) {
      todoAnchors.add(anchorKey);
      accepted.push(edit);
    }
    sites.push({ ...site, action: 'todo', reason, ...withClient });
  }

  // Reports an `eslint-disable` comment for the rule turned off are sites left alone, with the comment's reason.
  if (first) {
    // `getSuppressedMessages` is public API (ESLint >= 8.8) but missing from ESLint's type declarations.
    const withSuppressed = linter as Linter & { getSuppressedMessages?(): Linter.SuppressedLintMessage[] };
    for (const message of withSuppressed.getSuppressedMessages?.() ?? []) {
      const ruleName = message.ruleId?.startsWith(`${PLUGIN}/`)
        ? message.ruleId.slice(PLUGIN.length + 1)
        : undefined;
      if (!options.rules.some((e) => e.name === ruleName)) continue;
      const match = pending.get(`${ruleName}:${message.line}:${message.column}`)?.shift();
      const node =
        match && 'node' in match.descriptor ? (match.descriptor.node as unknown as TSESTree.Node) : undefined;
      const justification = message.suppressions.map((s) => s.justification.trim()).find(Boolean);
      sites.push({
        rule: ruleName!,
        line: message.line,
        column: message.column,
        message: oneLine(message.message),
        context: siteContext(source, node, message.line),
        action: 'ignored',
        reason: justification ? `eslint-disable: ${justification}` : 'eslint-disable comment',
        suppression: { by: 'eslint-disable', ...(justification ? { justification } : {}) },
      });
    }
  }

  if (accepted.length === 0) return { output: source, sites, deferred };
  const sourceCode = linter.getSourceCode();
  const { edits: importEdits, names } = ensureImports(ast as never, source, [...helpers], {
    source: options.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER,
    filename: options.filePath,
    scopeManager: (sourceCode?.scopeManager ?? null) as never,
  });
  const edits = accepted.map((edit) =>
    helpersUsedIn(edit.text).length ? { ...edit, text: localizeHelpers(edit.text, names) } : edit,
  );
  const importEdit = importEdits
    .filter((e) => !edits.some((a) => editsOverlap(a, e)))
    .map((e) => polishImportEdit(e, source, ast));
  // The import first where both insert at one offset (the first statement): a TODO above that statement stays
  // above it, below the import, where the next run finds it.
  const output = applyEdits(source, [...importEdit, ...edits]);
  return { output, sites, deferred };
}

/**
 * Lints a file with the given rules, applies each report's preferred suggestion as byte-preserving text edits
 * (the import part merged into one import edit for the file), leaves a `// secure-migrate: TODO` comment where a
 * report has no usable suggestion, and re-parses the result. Throws {@link TransformParseError} when the input
 * or the output does not parse.
 */
export function runRules(options: RunRulesOptions): RunRulesResult {
  const maxPasses = options.maxPasses ?? 3;
  let source = options.source;
  const sites: SiteReport[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    // Type information belongs to the original text; later passes only finish overlapping sites.
    const program = pass === 0 ? options.program : undefined;
    const result = runPass(options, source, program, pass === 0);
    sites.push(...result.sites);
    source = result.output;
    if (result.deferred === 0) break;
  }
  if (source !== options.source) {
    const error = quickSyntaxError(options.filePath, source);
    if (error) {
      throw new TransformParseError(
        `The transformed output does not parse: ${error.message}`,
        'output',
        error.line,
        error.column,
      );
    }
  }
  return { output: source, sites };
}
