import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import type { SiteReport } from '../../codemods/lib/engine.js';
import { DEFAULT_RUNTIME_SPECIFIER } from '../../codemods/lib/imports.js';
import { discoverFiles, shardFiles } from './files.js';
import { dirtyPaths, gitRoot } from './git.js';
import { closest, EXIT, helpText, parseArgs, UsageError, type CliOptions } from './options.js';
import {
  detectPackageManager,
  engineWarning,
  enginesNode,
  ensureRuntimeDependency,
  importsModule,
  installCommandFor,
  packageNameOf,
} from './package-json.js';
import type { FileOutcome } from './process-file.js';
import { ProgressBar } from './progress.js';
import {
  computeTotals,
  displayPath,
  formatSummary,
  mergeReports,
  REPORT_SCHEMA_VERSION,
  worstExit,
  type FileReport,
  type Report,
} from './report.js';
import { unifiedDiff } from './diff.js';
import { runtimeEnginesNode, toolInfo } from './version.js';
import type { VerifyDiagnostic } from './verify.js';
import { writeFileAtomic } from './write.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  /**
   * Transforms to use instead of the registry's (in-process callers only); such runs stay in the main thread.
   */
  transforms?: readonly TransformDefinition[];
}

async function registry(): Promise<readonly TransformDefinition[]> {
  const mod = await import('../../codemods/registry.js');
  return mod.TRANSFORMS;
}

function selectFrom(all: readonly TransformDefinition[], names?: readonly string[]): TransformDefinition[] {
  if (!names) return [...all];
  return names.map((name) => {
    const found = all.find((t) => t.name === name);
    if (!found) {
      const near = closest(
        name,
        all.map((t) => t.name),
      );
      throw new UsageError(
        `Unknown transform "${name}".${near ? ` Did you mean ${near}?` : ''} Known: ${all.map((t) => t.name).join(', ')}`,
      );
    }
    return found;
  });
}

function toFileReport(cwd: string, outcome: FileOutcome): FileReport {
  return {
    path: displayPath(cwd, outcome.path),
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    sites: outcome.sites,
  };
}

/** A directory path as is, a file's directory otherwise. */
function directoryOf(target: string): string {
  try {
    return statSync(target).isDirectory() ? target : path.dirname(target);
  } catch {
    return path.dirname(target);
  }
}

function commonDir(paths: readonly string[]): string {
  const dirs = paths.map((p) => p.split(path.sep));
  const first = dirs[0] ?? [];
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(path.sep) || path.sep;
}

function mergeCommand(options: CliOptions, io: CliIO): number {
  const reports = options.paths.map(
    (file) => JSON.parse(readFileSync(path.resolve(io.cwd, file), 'utf8')) as unknown,
  );
  const merged = mergeReports(reports);
  io.stdout.write(options.json ? `${JSON.stringify(merged, null, 2)}\n` : formatSummary(merged));
  return merged.exitCode;
}

/**
 * Runs the CLI with `argv` (arguments after the program name) and returns the exit code. Never calls
 * `process.exit`; the bin sets `process.exitCode`.
 */
export async function main(argv: readonly string[], io?: Partial<CliIO>): Promise<number> {
  const cio: CliIO = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    cwd: io?.cwd ?? process.cwd(),
    ...(io?.transforms ? { transforms: io.transforms } : {}),
  };
  const tool = toolInfo();
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      cio.stderr.write(`secure-migrate: ${error.message}\nRun "secure-migrate --help" for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    return await run(options, cio, tool);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    cio.stderr.write(`secure-migrate: ${message}\n`);
    return EXIT.usage;
  }
}

async function run(options: CliOptions, io: CliIO, tool: { name: string; version: string }): Promise<number> {
  if (options.command === 'help') {
    io.stdout.write(helpText(tool.version));
    return EXIT.ok;
  }
  if (options.command === 'version') {
    io.stdout.write(`${tool.version}\n`);
    return EXIT.ok;
  }
  if (options.command === 'merge-reports') return mergeCommand(options, io);

  const check = options.command === 'check';
  const all = io.transforms ?? (await registry());
  if (options.command === 'list') {
    for (const t of all) {
      io.stdout.write(`${t.name.padEnd(24)}${t.rule.padEnd(32)}${t.summary}\n`);
    }
    return EXIT.ok;
  }
  const transforms = selectFrom(all, options.transforms);

  const discovery = discoverFiles(options.paths, io.cwd, {
    includeTestsAndScripts: options.includeTestsAndScripts,
  });
  if (discovery.missing.length) {
    const first = discovery.missing[0]!;
    const near = options.command === 'migrate' ? closest(first, ['check', 'merge-reports']) : undefined;
    const hint = near && !first.includes('/') ? ` (did you mean the command "${near}"? It goes first)` : '';
    throw new UsageError(`No such file or directory: ${discovery.missing.join(', ')}${hint}`);
  }
  const files = options.shard
    ? shardFiles(discovery.files, options.shard.index, options.shard.total)
    : discovery.files;
  const targets = (options.paths.length ? options.paths : ['.']).map((p) => path.resolve(io.cwd, p));

  if (!check && !options.dry) {
    const root = gitRoot(commonDir(targets.map(directoryOf)));
    if (!root) {
      io.stderr.write(
        'secure-migrate: warning: not a git repository; review and revert the changes by other means.\n',
      );
    } else if (!options.force) {
      const dirty = dirtyPaths(root, targets);
      if (dirty.length) {
        const shown = dirty
          .slice(0, 10)
          .map((p) => `  ${p}`)
          .join('\n');
        const more = dirty.length > 10 ? `\n  … and ${dirty.length - 10} more` : '';
        io.stderr.write(
          `secure-migrate: the git working tree has uncommitted changes under the target paths:\n${shown}${more}\n` +
            'Commit or stash them first so the migration can be reviewed as its own diff, or pass --force.\n',
        );
        return EXIT.usage;
      }
    }
  }

  // Heavy modules (ESLint, TypeScript, ts-morph) load only when files are processed.
  const { findTsconfig, readTsconfig } = await import('./program.js');
  const { runFiles } = await import('./pool.js');
  let tsconfig = options.tsconfig
    ? resolveTsconfigFlag(options.tsconfig, io.cwd)
    : findTsconfig(commonDir(targets.map(directoryOf)), gitRoot(io.cwd));
  if (tsconfig && (options.types || options.verify)) {
    // A tsconfig that cannot be read would silently turn type information off and lose findings.
    const problem = tsconfigProblem(readTsconfig, tsconfig);
    if (problem && options.tsconfig) throw new UsageError(`--tsconfig ${options.tsconfig}: ${problem}`);
    if (problem) {
      io.stderr.write(
        `secure-migrate: warning: ${displayPath(io.cwd, tsconfig)} cannot be used (${problem}); running without type information. Fix it, or pass --tsconfig or --no-types.\n`,
      );
      tsconfig = undefined;
    }
  }
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_SPECIFIER;
  const progress = new ProgressBar(io.stderr, files.length, options.progress);
  const settings = {
    checkOnly: check,
    ...(options.includeTestsAndScripts ? { includeTestsAndScripts: true } : {}),
    ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
    ...(options.allowListsFromTypes ? { allowListsFromTypes: true } : {}),
    ...(options.refuseMissingSecrets ? { refuseMissingSecrets: true } : {}),
    ...(options.types && tsconfig ? { tsconfig } : {}),
  };
  const firstPass = await runFiles(files, transforms, settings, {
    ...(options.workers ? { workers: options.workers } : {}),
    onProgress: (n) => progress.tick(n),
    ...(io.transforms ? {} : { registryNames: transforms.map((t) => t.name) }),
  });
  progress.finish();
  // encrypt-cache across files: wrap imported clients where they are created.
  const { markProjectSites, wrapImportedClients } = await import('./cross-file.js');
  const crossFile = wrapImportedClients(firstPass, transforms, settings);
  // encrypt-cache for the whole project: every client of the encrypted keys wrapped together, or none.
  const { runCacheProjectPass } = await import('./cache-project.js');
  const { outcomes: projectOutcomes, cache } = runCacheProjectPass(crossFile, transforms, settings, {
    root: io.cwd,
    ...(tsconfig ? { tsconfig } : {}),
    ...(options.rollout ? { rollout: true } : {}),
  });

  // encrypt-fields for the whole project: blind indexes for columns looked up by equality, DDL, the sweep.
  const { runFieldsProjectPass } = await import('./fields-project.js');
  const { outcomes: fieldOutcomes } = runFieldsProjectPass(projectOutcomes, transforms, settings);

  // The project passes' own sites (clients wrapped where created) are not findings: counted apart.
  const outcomes = markProjectSites(firstPass, fieldOutcomes);

  const reports: FileReport[] = [];
  for (const skipped of discovery.skipped) {
    reports.push({
      path: displayPath(io.cwd, skipped.path),
      status: 'skipped',
      reason: skipped.reason,
      sites: [],
    });
  }
  const changed = outcomes.filter((o) => o.status === 'changed');

  // --verify: type errors a change adds keep the file as it was.
  const reverted = new Map<string, VerifyDiagnostic[]>();
  let verification: Report['verify'];
  if (options.verify && changed.length) {
    const { verifyChanges } = await import('./verify.js');
    const result = verifyChanges(
      changed.map((o) => ({ path: o.path, before: o.before!, after: o.after! })),
      {
        root: tsconfig ? path.dirname(tsconfig) : commonDir(targets.map(directoryOf)),
        ...(tsconfig ? { tsconfig } : {}),
        ignoreMissingModules: [runtimeImport, DEFAULT_RUNTIME_SPECIFIER],
      },
    );
    for (const [file, diagnostics] of result.reverted) reverted.set(file, diagnostics);
    verification = {
      typescript: result.compiler.version,
      source: result.compiler.source,
      unchecked: [...result.unchecked].map(([file, reason]) => ({ path: displayPath(io.cwd, file), reason })),
    };
  }

  let diff = '';
  const written: string[] = [];
  for (const outcome of outcomes) {
    const report = toFileReport(io.cwd, outcome);
    if (outcome.status === 'changed') {
      const added = reverted.get(outcome.path);
      if (added) {
        const { formatDiagnostic } = await import('./verify.js');
        report.status = 'reverted';
        report.reason = 'the change adds type errors (--verify)';
        report.error = {
          message: added.map(formatDiagnostic).join('; '),
          line: added[0]!.line,
          column: added[0]!.column,
        };
        report.diagnostics = added;
      } else if (options.dry) {
        diff += unifiedDiff(report.path, outcome.before!, outcome.after!);
        written.push(outcome.path);
      } else {
        try {
          writeFileAtomic(outcome.path, outcome.after!);
          written.push(outcome.path);
        } catch (error) {
          report.status = 'failed';
          report.reason = 'write error';
          report.error = { message: (error as Error).message };
        }
      }
    }
    if (report.status !== 'unchanged' || report.sites.length) reports.push(report);
  }

  // The runtime dependency, once per package.json above the files that now import or require the runtime (files
  // that only got TODO comments do not need it). No package manager is run: the command to run is printed.
  const packageJson: { path: string; action: string }[] = [];
  const warnings: string[] = [];
  let installCommand: string | undefined;
  const packageName = packageNameOf(runtimeImport);
  const afterText = new Map(outcomes.map((o) => [o.path, o.after]));
  const importing = written.filter((file) => importsModule(afterText.get(file) ?? '', runtimeImport));
  if (!check && options.packageJson && packageName && importing.length) {
    const { changes, orphans } = ensureRuntimeDependency({
      files: importing,
      packageName,
      range: packageName === DEFAULT_RUNTIME_SPECIFIER ? `^${tool.version}` : '*',
      dry: options.dry,
    });
    const commands = new Set<string>();
    const runtimeRange = packageName === DEFAULT_RUNTIME_SPECIFIER ? runtimeEnginesNode() : undefined;
    for (const change of changes) {
      const rel = displayPath(io.cwd, change.path);
      packageJson.push({ path: rel, action: change.action });
      if (options.dry && change.before !== undefined && change.after !== undefined) {
        diff += unifiedDiff(rel, change.before, change.after);
      }
      if (change.action !== 'present') {
        const { manager, root } = detectPackageManager(path.dirname(change.path));
        const where = displayPath(io.cwd, root);
        const command = installCommandFor(manager);
        commands.add(where === '.' ? command : `cd ${where} && ${command}`);
      }
      const warning = engineWarning(rel, enginesNode(change.path), packageName, runtimeRange);
      if (warning) warnings.push(warning);
    }
    for (const file of orphans) {
      const { manager, root } = detectPackageManager(path.dirname(file));
      const where = displayPath(io.cwd, root);
      const command = installCommandFor(manager, packageName);
      commands.add(where === '.' ? command : `cd ${where} && ${command}`);
    }
    if (commands.size) installCommand = [...commands].join('; ');
  }

  const listedUnchanged = reports.filter((r) => r.status === 'unchanged').length;
  const unlisted = outcomes.filter((o) => o.status === 'unchanged').length - listedUnchanged;
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const totals = computeTotals(reports, unlisted);
  const counts = (s: SiteReport) =>
    s.action !== 'ignored' && !s.construction && !(options.ignoreTodos && s.marked);
  const findings = reports.reduce((n, r) => n + r.sites.filter(counts).length, 0);
  let exitCode: number = EXIT.ok;
  if (check && findings > 0) exitCode = EXIT.findings;
  if (!check && options.dry && diff) exitCode = EXIT.findings;
  if (totals.failed > 0) exitCode = worstExit(exitCode, EXIT.failures);

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool,
    command: check ? 'check' : 'migrate',
    dry: options.dry,
    transforms: transforms.map((t) => t.name),
    shard: options.shard ?? null,
    reports: 1,
    files: reports,
    totals,
    packageJson,
    ...(installCommand ? { installCommand } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(verification ? { verify: verification } : {}),
    ...(cache ? { cache } : {}),
    exitCode,
  };

  if (check) {
    const { finishCheck } = await import('./check.js');
    const result = finishCheck({ report, options, cwd: io.cwd, transforms, targets, files });
    io.stderr.write(result.stderr);
    io.stdout.write(result.stdout);
    return result.exitCode;
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (options.dry) {
    io.stdout.write(diff);
    io.stderr.write(formatSummary(report));
  } else {
    io.stdout.write(formatSummary(report));
  }
  return exitCode;
}

/** `--tsconfig` as tsc's `-p` takes it: a file, or a directory holding a tsconfig.json. Missing: exit 2. */
function resolveTsconfigFlag(given: string, cwd: string): string {
  const abs = path.resolve(cwd, given);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    throw new UsageError(`--tsconfig ${given}: no such file`);
  }
  if (!stat.isDirectory()) return abs;
  const inside = path.join(abs, 'tsconfig.json');
  if (!existsSync(inside)) throw new UsageError(`--tsconfig ${given}: the directory has no tsconfig.json`);
  return inside;
}

/** Why a tsconfig cannot give a program (unreadable, invalid JSON, unknown options, no files), or undefined. */
function tsconfigProblem(
  read: (file: string) => { errors: readonly { code: number; messageText: unknown }[]; fileNames: string[] },
  file: string,
): string | undefined {
  try {
    const parsed = read(file);
    const errors = parsed.errors.filter((e) => e.code !== 18003);
    if (errors.length) {
      return errors
        .map((e) => flatten(e.messageText))
        .slice(0, 3)
        .join('; ');
    }
    if (parsed.fileNames.length === 0) return 'it includes no files';
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function flatten(message: unknown): string {
  if (typeof message === 'string') return message;
  const chain = message as { messageText: string; next?: unknown[] };
  return [chain.messageText, ...(chain.next ?? []).map(flatten)].join(' ');
}
