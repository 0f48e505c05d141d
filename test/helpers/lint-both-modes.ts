/**
 * Lints one piece of code twice with the same rule, options and file name: without type information (the parser
 * alone, as the untyped RuleTester does) and with it (a TypeScript program built for that file from the fixture
 * project's tsconfig, with the real `node_modules` types). The two runs differ only in the program, so any
 * difference in what they report comes from type information.
 */
import { dirname, isAbsolute, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as ts from 'typescript';

/** One report, reduced to what the superset comparison looks at. */
export interface Report {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
}

/** What a run reported, and the fatal parse error when it did not get to run the rule. */
export interface LintResult {
  reports: Report[];
  fatal: string | undefined;
}

export interface LintCase {
  code: string;
  filename?: string;
  options?: readonly unknown[];
}

const fixturesDir = fileURLToPath(new URL('../rules/fixtures/', import.meta.url));
const LINTED_FILES = [
  '**/*.ts',
  '**/*.tsx',
  '**/*.mts',
  '**/*.cts',
  '**/*.js',
  '**/*.jsx',
  '**/*.mjs',
  '**/*.cjs',
];

/** The fixture project's compiler options, plus JavaScript files and JSX (cases may be `.js`, `.cjs` or `.tsx`). */
function compilerOptions(): ts.CompilerOptions {
  const configPath = `${fixturesDir}tsconfig.json`;
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, fixturesDir, undefined, configPath);
  return { ...parsed.options, allowJs: true, checkJs: false, jsx: ts.JsxEmit.Preserve, noEmit: true };
}

/**
 * Builds programs for linted files: their text is served from memory, every other file (lib files, package types,
 * project modules a case imports) from disk, parsed once and shared between programs.
 */
class ProgramFactory {
  private readonly options = compilerOptions();
  private readonly host = ts.createCompilerHost(this.options, true);
  private readonly sourceFiles = new Map<string, ts.SourceFile | undefined>();
  private previous: ts.Program | undefined;

  /** One program over `files` (path → text). */
  create(files: ReadonlyMap<string, string>, options: ts.CompilerOptions = this.options): ts.Program {
    const base = this.host;
    const sourceFiles = this.sourceFiles;
    const own = new Map([...files].map(([path, text]) => [path.replace(/\\/g, '/'), text]));
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (name) => own.has(name) || base.fileExists(name),
      readFile: (name) => own.get(name) ?? base.readFile(name),
      getSourceFile(name, languageVersion, onError) {
        const text = own.get(name);
        if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
        const key = `${name}\0${typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion}`;
        if (!sourceFiles.has(key)) sourceFiles.set(key, base.getSourceFile(name, languageVersion, onError));
        return sourceFiles.get(key);
      },
    };
    const program = ts.createProgram({
      rootNames: [...own.keys()],
      options,
      host,
      oldProgram: this.previous,
    });
    this.previous = program;
    return program;
  }

  /**
   * One program for many cases at once, each in a folder of its own under the working directory so that they keep
   * their relative file names; every file is a module (`moduleDetection: force`), so that no case sees another's
   * declarations. A case's first type query then costs one checker for the whole batch instead of one each.
   */
  createBatch(cases: readonly LintCase[]): Map<string, { program: ts.Program; root: string }> {
    const files = new Map<string, string>();
    const roots = new Map<string, string>();
    cases.forEach((c, i) => {
      const key = caseKey(c);
      if (roots.has(key)) return;
      const root = resolve(process.cwd(), '.typed-cases', String(i));
      roots.set(key, root);
      files.set(resolve(root, c.filename ?? DEFAULT_FILENAME), c.code);
    });
    const program = this.create(files, { ...this.options, moduleDetection: ts.ModuleDetectionKind.Force });
    return new Map([...roots].map(([key, root]) => [key, { program, root }]));
  }
}

const DEFAULT_FILENAME = 'file.ts';
const caseKey = (c: LintCase): string => JSON.stringify([c.filename ?? DEFAULT_FILENAME, c.code]);

let programs: ProgramFactory | undefined;
let batch = new Map<string, { program: ts.Program; root: string }>();

/**
 * Builds one program for every case with a relative file name (the others, which must stay where they are to
 * resolve their imports, get a program each when linted). Optional: without it every case gets its own program.
 */
export function prepareTypedPrograms(cases: readonly LintCase[]): void {
  programs ??= new ProgramFactory();
  batch = programs.createBatch(cases.filter((c) => !isAbsolute(c.filename ?? DEFAULT_FILENAME)));
}

/**
 * Where RuleTester would lint a case: a relative name (`file.ts`, `src/auth.test.ts`) from the working directory,
 * an absolute one from its file system root, so that the rules see the same `context.filename` as in the rule tests.
 */
function placeOf(filename: string): { cwd: string; path: string } {
  if (isAbsolute(filename)) return { cwd: parse(filename).root, path: filename };
  return { cwd: process.cwd(), path: resolve(process.cwd(), filename) };
}

/** Lints `testCase` with `rule`, untyped or typed. */
export function lint(
  ruleId: string,
  rule: TSESLint.RuleModule<string, readonly unknown[]>,
  testCase: LintCase,
  typed: boolean,
): LintResult {
  const filename = testCase.filename ?? DEFAULT_FILENAME;
  const { cwd, path } = placeOf(filename);
  const parserOptions: Record<string, unknown> = { ecmaVersion: 'latest', sourceType: 'module' };
  if (typed) {
    const prepared = batch.get(caseKey(testCase));
    if (prepared) {
      // The parser finds the file at the same relative name under the case's own folder.
      parserOptions.programs = [prepared.program];
      parserOptions.tsconfigRootDir = prepared.root;
    } else {
      programs ??= new ProgramFactory();
      parserOptions.programs = [programs.create(new Map([[path, testCase.code]]))];
      parserOptions.tsconfigRootDir = isAbsolute(filename) ? dirname(path) : cwd;
    }
  }
  const linter = new Linter({ cwd });
  const config = [
    {
      files: LINTED_FILES,
      languageOptions: { parser, parserOptions },
      plugins: { 'secure-migrate': { rules: { [ruleId]: rule } } },
      rules: { [`secure-migrate/${ruleId}`]: ['error', ...(testCase.options ?? [])] },
    },
  ];
  const messages = linter.verify(testCase.code, config as unknown as Linter.Config[], filename);
  const fatal = messages.find((m) => m.fatal === true);
  return {
    fatal: fatal?.message,
    reports: messages
      .filter((m) => m.fatal !== true)
      .map((m) => ({
        ruleId: (m.ruleId ?? '').replace(/^secure-migrate\//, ''),
        messageId: m.messageId ?? '',
        line: m.line,
        column: m.column,
      })),
  };
}

/** `rule messageId line:column`, for comparing and printing reports. */
export function reportKey(report: Report): string {
  return `${report.ruleId} ${report.messageId} ${report.line}:${report.column}`;
}
