import { createRequire } from 'node:module';
import path from 'node:path';
import { diffLines } from 'diff';
import { ts as bundledTs } from 'ts-morph';
import type ts from 'typescript';

type TS = typeof ts;

/** A file whose change is checked by {@link verifyChanges}. */
export interface VerifyChange {
  path: string;
  before: string;
  after: string;
}

/** Options of {@link verifyChanges}. */
export interface VerifyOptions {
  /** tsconfig.json of the project; without one, default options with `allowJs` are used. */
  tsconfig?: string;
  /** Directory `typescript` is resolved from (the target's root). */
  root: string;
  /** Module specifiers whose "cannot find module" errors are ignored (the runtime may not be installed yet). */
  ignoreMissingModules?: readonly string[];
  /** A TypeScript module to use instead of resolving one (tests). */
  typescript?: TS;
}

/** A diagnostic a change adds, as reported. */
export interface VerifyDiagnostic {
  code: number;
  /** 1-based, in the changed text. */
  line: number;
  column: number;
  message: string;
}

/** Which TypeScript checked the files. */
export interface VerifyCompiler {
  version: string;
  /** `project`: resolved from the target; `bundled`: the one ts-morph ships (the target has none). */
  source: 'project' | 'bundled';
}

/** What {@link verifyChanges} found. */
export interface VerifyResult {
  /** Files whose change adds diagnostics, with those diagnostics; these keep their old text. */
  reverted: Map<string, VerifyDiagnostic[]>;
  /** Files that could not be checked (not in the program, or the compiler failed), with why; they are kept. */
  unchecked: Map<string, string>;
  compiler: VerifyCompiler;
}

/** The target's own `typescript` (resolved from `root`), else the one bundled with ts-morph. */
export function loadTypeScript(root: string): { ts: TS; compiler: VerifyCompiler } {
  try {
    const require = createRequire(path.join(path.resolve(root), 'package.json'));
    const resolved = require.resolve('typescript');
    const loaded = require(resolved) as TS;
    if (typeof loaded.createProgram === 'function') {
      return { ts: loaded, compiler: { version: loaded.version, source: 'project' } };
    }
  } catch {
    // the target has no typescript
  }
  const fallback = bundledTs as unknown as TS;
  return { ts: fallback, compiler: { version: fallback.version, source: 'bundled' } };
}

/**
 * Whether a change only adds or removes whole comment lines (a TODO): such changes cannot change types and
 * are never reverted.
 */
export function isCommentOnlyChange(before: string, after: string): boolean {
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) continue;
    for (const line of part.value.split('\n')) {
      const text = line.trim();
      if (text && !text.startsWith('//')) return false;
    }
  }
  return true;
}

/** Project-level codes: compiler options (TS5xxx) and program set-up (TS6xxx, such as TS6059 rootDir). */
function isProjectLevel(code: number): boolean {
  return code >= 5000 && code < 7000;
}

const MISSING_MODULE = new Set([2307, 2305, 2792, 7016]);

function fileDiagnostics(
  t: TS,
  program: ts.Program,
  file: ts.SourceFile,
  ignoreMissing: readonly string[],
): VerifyDiagnostic[] {
  const all = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  const out: VerifyDiagnostic[] = [];
  for (const d of all) {
    if (d.category !== t.DiagnosticCategory.Error || !d.file || isProjectLevel(d.code)) continue;
    const message = t.flattenDiagnosticMessageText(d.messageText, '\n');
    if (MISSING_MODULE.has(d.code) && ignoreMissing.some((spec) => message.includes(`'${spec}'`))) continue;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    out.push({ code: d.code, line: line + 1, column: character + 1, message });
  }
  return out;
}

function readConfig(t: TS, tsconfig: string): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...t.sys,
    onUnRecoverableConfigFileDiagnostic(diagnostic) {
      throw new Error(t.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const parsed = t.getParsedCommandLineOfConfigFile(tsconfig, {}, host);
  if (!parsed) throw new Error(`Cannot read ${tsconfig}`);
  return parsed;
}

/**
 * Type-checks the changed files before and after their change with the target's own TypeScript (all changes
 * applied together, in memory) and returns the files whose change adds diagnostics. Diagnostics are compared
 * per file by code and flattened message, not position; those present before the change, project-level ones
 * (no file, TS5xxx, TS6xxx) and missing-module errors of the runtime are ignored. Comment-only changes are not
 * checked.
 */
export function verifyChanges(changes: readonly VerifyChange[], options: VerifyOptions): VerifyResult {
  const loaded = options.typescript
    ? {
        ts: options.typescript,
        compiler: { version: options.typescript.version, source: 'project' as const },
      }
    : loadTypeScript(options.root);
  const t = loaded.ts;
  const result: VerifyResult = { reverted: new Map(), unchecked: new Map(), compiler: loaded.compiler };
  const checked = changes.filter((c) => !isCommentOnlyChange(c.before, c.after));
  if (checked.length === 0) return result;
  const ignore = options.ignoreMissingModules ?? [];

  let rootNames: string[];
  let compilerOptions: ts.CompilerOptions;
  try {
    if (options.tsconfig) {
      const parsed = readConfig(t, options.tsconfig);
      rootNames = parsed.fileNames;
      compilerOptions = parsed.options;
    } else {
      rootNames = [];
      compilerOptions = {
        allowJs: true,
        strict: true,
        skipLibCheck: true,
        target: t.ScriptTarget.ES2022,
        module: t.ModuleKind.NodeNext,
        moduleResolution: t.ModuleResolutionKind.NodeNext,
      };
    }
  } catch (error) {
    for (const c of checked) result.unchecked.set(c.path, `tsconfig: ${(error as Error).message}`);
    return result;
  }
  compilerOptions = { ...compilerOptions, noEmit: true };
  const byPath = new Map(checked.map((c) => [path.resolve(c.path), c]));
  const roots = [...new Set([...rootNames.map((f) => path.resolve(f)), ...byPath.keys()])];

  // Unchanged files are parsed once and shared by both programs.
  const shared = new Map<string, ts.SourceFile | undefined>();
  const build = (phase: 'before' | 'after', old?: ts.Program): ts.Program => {
    const host = t.createCompilerHost(compilerOptions, true);
    const getSourceFile = host.getSourceFile.bind(host);
    const original: typeof getSourceFile = (file, languageVersion, onError, shouldCreate) => {
      if (!shared.has(file)) shared.set(file, getSourceFile(file, languageVersion, onError, shouldCreate));
      return shared.get(file);
    };
    const readFile = host.readFile.bind(host);
    const textOf = (file: string): string | undefined => byPath.get(path.resolve(file))?.[phase];
    host.readFile = (file) => textOf(file) ?? readFile(file);
    host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
      const text = textOf(file);
      if (text === undefined) return original(file, languageVersion, onError, shouldCreate);
      return t.createSourceFile(file, text, languageVersion, true);
    };
    return t.createProgram({
      rootNames: roots,
      options: compilerOptions,
      host,
      ...(old ? { oldProgram: old } : {}),
    });
  };

  let before: ts.Program;
  let after: ts.Program;
  try {
    before = build('before');
    after = build('after');
  } catch (error) {
    for (const c of checked) result.unchecked.set(c.path, `TypeScript failed: ${(error as Error).message}`);
    return result;
  }
  for (const change of checked) {
    const file = path.resolve(change.path);
    const oldFile = before.getSourceFile(file);
    const newFile = after.getSourceFile(file);
    if (!oldFile || !newFile) {
      result.unchecked.set(change.path, 'not part of the TypeScript program (tsconfig include or allowJs)');
      continue;
    }
    try {
      const remaining = fileDiagnostics(t, before, oldFile, ignore).map((d) => `${d.code}:${d.message}`);
      const added: VerifyDiagnostic[] = [];
      for (const d of fileDiagnostics(t, after, newFile, ignore)) {
        const at = remaining.indexOf(`${d.code}:${d.message}`);
        if (at >= 0) remaining.splice(at, 1);
        else added.push(d);
      }
      if (added.length) result.reverted.set(change.path, added);
    } catch (error) {
      result.unchecked.set(change.path, `TypeScript failed: ${(error as Error).message}`);
    }
  }
  return result;
}

/** `TS2339 (line 3, col 5): Property 'x' does not exist…` for reports. */
export function formatDiagnostic(d: VerifyDiagnostic): string {
  return `TS${d.code} (line ${d.line}, col ${d.column}): ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}
