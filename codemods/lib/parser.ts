import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import ts from 'typescript';

/** Whether a file name is parsed with JSX enabled (`.tsx`, `.jsx` and plain JavaScript files). */
export function jsxForFile(filePath: string): boolean {
  return /\.(tsx|jsx|js|mjs|cjs)$/i.test(filePath);
}

/** Parses a file with `@typescript-eslint/typescript-estree`, the parser the rules see. Throws on syntax errors. */
export function parseSource(source: string, filePath = 'file.tsx'): TSESTree.Program {
  return parse(source, {
    filePath,
    jsx: jsxForFile(filePath),
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    errorOnUnknownASTType: false,
  });
}

/** The shape jscodeshift expects of a transform's `parser` export. */
export interface JscodeshiftParser {
  parse(source: string, options?: { filePath?: string }): TSESTree.Program;
}

/**
 * A jscodeshift parser object (`export const parser = …` in a transform module), so
 * `jscodeshift -t <transform> --no-babel` parses TypeScript with the same parser the rules use.
 * jsx follows the parsed file's extension when jscodeshift passes it, else TSX.
 */
export const jscodeshiftParser: JscodeshiftParser = {
  parse(source: string, options?: { filePath?: string }): TSESTree.Program {
    return parseSource(source, options?.filePath ?? 'file.tsx');
  },
};

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/i.test(file)) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/i.test(file)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX; // .js/.jsx/.mjs/.cjs: JavaScript with JSX, as the rules parse it
}

/**
 * TypeScript's syntax tree of a file (no binding, no parent pointers, no AST conversion): the cheap parse behind
 * {@link quickSyntaxError} and the transforms' `mayApplyToTree` tests.
 */
export function parseTree(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, scriptKind(file));
}

/** The first syntax error of a tree from {@link parseTree}, undefined when there is none. */
export function treeSyntaxError(
  sourceFile: ts.SourceFile,
): { message: string; line: number; column: number } | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
    .parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return {
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
    line: line + 1,
    column: character + 1,
  };
}

/**
 * The first syntax error of a file from TypeScript's parser alone (no AST conversion, no tokens): the cheap
 * check for files no transform applies to. Undefined when it parses.
 */
export function quickSyntaxError(
  file: string,
  source: string,
): { message: string; line: number; column: number } | undefined {
  return treeSyntaxError(parseTree(file, source));
}
