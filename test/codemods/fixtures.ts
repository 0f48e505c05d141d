import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '__testfixtures__');

/** One fixture pair: `<name>.input.<ext>` and `<name>.output.<ext>`. */
export interface Fixture {
  transform: string;
  name: string;
  inputPath: string;
  outputPath: string;
  input: string;
  output: string;
  /** Fixtures named `typed-*` run with a TypeScript program (type information on). */
  typed: boolean;
}

/** Every fixture pair of a transform, sorted by name. */
export function fixturesOf(transform: string): Fixture[] {
  const dir = path.join(FIXTURES, transform);
  return readdirSync(dir)
    .filter((file) => /\.input\.[a-z]+$/.test(file))
    .sort()
    .map((file) => {
      const inputPath = path.join(dir, file);
      const outputPath = path.join(dir, file.replace('.input.', '.output.'));
      if (!existsSync(outputPath)) throw new Error(`Fixture ${file} has no .output file`);
      const name = file.replace(/\.input\.[a-z]+$/, '');
      return {
        transform,
        name,
        inputPath,
        outputPath,
        input: readFileSync(inputPath, 'utf8'),
        output: readFileSync(outputPath, 'utf8'),
        typed: name.startsWith('typed-'),
      };
    });
}

const sourceFiles = new Map<string, ts.SourceFile>();

/**
 * A TypeScript program holding `file` with the given text (served from memory), with the project's
 * node_modules resolvable so library types (ioredis, pino, …) are real.
 */
export function programFor(file: string, text: string): ts.Program {
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    jsx: ts.JsxEmit.Preserve,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options, true);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (path.resolve(name) === path.resolve(file))
      return ts.createSourceFile(name, text, languageVersion, true);
    // Library files are parsed once for all fixtures.
    let cached = sourceFiles.get(name);
    if (!cached) {
      cached = original(name, languageVersion, onError, shouldCreate);
      if (cached) sourceFiles.set(name, cached);
    }
    return cached;
  };
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === path.resolve(file) ? text : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === path.resolve(file) || fileExists(name);
  return ts.createProgram({ rootNames: [file], options, host });
}
