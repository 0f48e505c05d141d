import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const programs = new Map<string, ts.Program | null>();

/** The nearest tsconfig.json at or above `dir`, stopping at `stopAt` (inclusive) when given. */
export function findTsconfig(dir: string, stopAt?: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (current === stopAt || path.dirname(current) === current) return undefined;
  }
}

/** The parsed compiler options and root files of a tsconfig. Throws with the config's diagnostics. */
export function readTsconfig(tsconfigPath: string): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic(diagnostic) {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, host);
  if (!parsed) throw new Error(`Cannot read ${tsconfigPath}`);
  return parsed;
}

/**
 * A TypeScript program of the project (cached per tsconfig in this thread), for type-aware rules; null when the
 * config cannot be read.
 */
export function loadProgram(tsconfigPath: string): ts.Program | null {
  const key = path.resolve(tsconfigPath);
  if (programs.has(key)) return programs.get(key) ?? null;
  let program: ts.Program | null;
  try {
    const parsed = readTsconfig(key);
    program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  } catch {
    program = null;
  }
  programs.set(key, program);
  return program;
}

/** Drops the programs built so far (a long-lived caller that runs the CLI more than once, e.g. a benchmark). */
export function clearProgramCache(): void {
  programs.clear();
}

export { quickSyntaxError } from '../../codemods/lib/parser.js';
