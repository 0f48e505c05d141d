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
 * Builds one program per linted file: the file's text is served from memory, every other file (lib files, package
 * types, project modules the case imports) from disk, parsed once and shared between programs.
 */
class ProgramFactory {
  private readonly options = compilerOptions();
  private readonly host = ts.createCompilerHost(this.options, true);
  private readonly sourceFiles = new Map<string, ts.SourceFile | undefined>();
  private previous: ts.Program | undefined;

  create(path: string, text: string): ts.Program {
    const base = this.host;
    const sourceFiles = this.sourceFiles;
    const normalized = path.replace(/\\/g, '/');
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (name) => name === normalized || base.fileExists(name),
      readFile: (name) => (name === normalized ? text : base.readFile(name)),
      getSourceFile(name, languageVersion, onError) {
        if (name === normalized) return ts.createSourceFile(name, text, languageVersion, true);
        const key = `${name}\0${typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion}`;
        if (!sourceFiles.has(key)) sourceFiles.set(key, base.getSourceFile(name, languageVersion, onError));
        return sourceFiles.get(key);
      },
    };
    const program = ts.createProgram({
      rootNames: [normalized],
      options: this.options,
      host,
      oldProgram: this.previous,
    });
    this.previous = program;
    return program;
  }
}

let programs: ProgramFactory | undefined;

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
  const filename = testCase.filename ?? 'file.ts';
  const { cwd, path } = placeOf(filename);
  const parserOptions: Record<string, unknown> = { ecmaVersion: 'latest', sourceType: 'module' };
  if (typed) {
    programs ??= new ProgramFactory();
    parserOptions.programs = [programs.create(path, testCase.code)];
    parserOptions.tsconfigRootDir = isAbsolute(filename) ? dirname(path) : cwd;
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
