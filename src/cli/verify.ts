import { Project, ts, type Diagnostic, type SourceFile } from 'ts-morph';

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
  /** Module specifiers whose "cannot find module" errors are ignored (the runtime may not be installed yet). */
  ignoreMissingModules?: readonly string[];
}

/** Type errors a change adds to its file; files absent from the map added none. */
export type VerifyResult = Map<string, string[]>;

function key(diagnostic: Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(
    diagnostic.getMessageText() as string | ts.DiagnosticMessageChain,
    ' ',
  );
  return `TS${diagnostic.getCode()}: ${message}`;
}

function errors(file: SourceFile, ignore: readonly string[]): string[] {
  return file
    .getPreEmitDiagnostics()
    .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
    .map(key)
    .filter(
      (text) => !(/^TS(2307|2305|7016):/.test(text) && ignore.some((spec) => text.includes(`'${spec}'`))),
    );
}

/**
 * Type-checks each changed file before and after its change in one ts-morph project (all changes applied
 * together, in memory) and returns the errors each change adds. Errors are compared by code and message, not
 * position, so moved lines do not count as new errors.
 */
export function verifyChanges(changes: readonly VerifyChange[], options: VerifyOptions = {}): VerifyResult {
  const project = options.tsconfig
    ? new Project({ tsConfigFilePath: options.tsconfig })
    : new Project({ compilerOptions: { allowJs: true, strict: true, noEmit: true, skipLibCheck: true } });
  const ignore = options.ignoreMissingModules ?? [];
  const files = changes.map((change) => {
    const file = project.getSourceFile(change.path) ?? project.addSourceFileAtPath(change.path);
    file.replaceWithText(change.before);
    return file;
  });
  const before = files.map((file) => errors(file, ignore));
  files.forEach((file, i) => file.replaceWithText(changes[i]!.after));
  const result: VerifyResult = new Map();
  files.forEach((file, i) => {
    const remaining = [...before[i]!];
    const added: string[] = [];
    for (const error of errors(file, ignore)) {
      const at = remaining.indexOf(error);
      if (at >= 0) remaining.splice(at, 1);
      else added.push(error);
    }
    if (added.length) result.set(changes[i]!.path, added);
  });
  return result;
}
