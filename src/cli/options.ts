/** Command-line flags of `secure-migrate`, parsed from one table that also writes `--help`. */

export type Command = 'migrate' | 'check' | 'merge-reports' | 'help' | 'version' | 'list';

/** Output formats of `check` (`--format`); `json` is the `--json` report. */
export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** The baseline file `--update-baseline` writes when `--baseline` does not name one. */
export const DEFAULT_BASELINE = '.secure-migrate-baseline.json';

/** Parsed command line. */
export interface CliOptions {
  command: Command;
  paths: string[];
  transforms?: string[];
  dry: boolean;
  json: boolean;
  force: boolean;
  workers?: number;
  shard?: { index: number; total: number };
  verify: boolean;
  runtimeImport?: string;
  /** secure-assign: apply the allow list of a declared type instead of the prototype guard. */
  allowListsFromTypes?: boolean;
  /** hardcoded-credentials: rewrite `process.env.X || 'literal'` to getSecret (production refuses without X). */
  refuseMissingSecrets?: boolean;
  types: boolean;
  tsconfig?: string;
  progress: boolean;
  /** check: sites already marked with a `secure-migrate: TODO` comment do not count toward the exit code. */
  ignoreTodos: boolean;
  packageJson: boolean;
  /** Also rewrite tests, fixtures, mocks, scripts and executables. */
  includeTestsAndScripts: boolean;
  /** encrypt-cache: wrap clients for the first phase of a rollout (`{ writes: 'plaintext' }`). */
  rollout?: boolean;
  /** check: output format (`--json` is `json`). */
  format: Format;
  /** check: baseline file of known findings; only findings not in it count toward the exit code. */
  baseline?: string;
  /** check: write the current findings to the baseline file. */
  updateBaseline: boolean;
  /** check: a suppression comment without a reason (` -- why`) is itself a finding. */
  requireSuppressionReason: boolean;
}

/** A usage error: exit code 2 with the message and a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface FlagSpec {
  long: string;
  short?: string;
  /** Placeholder of the value when the flag takes one. */
  value?: string;
  help: string;
  /** Commands the flag applies to. */
  commands: readonly Command[];
  apply(options: CliOptions, value: string | undefined): void;
}

const MIGRATE_CHECK: readonly Command[] = ['migrate', 'check'];
const MIGRATE: readonly Command[] = ['migrate'];
const CHECK: readonly Command[] = ['check'];
const ALL: readonly Command[] = ['migrate', 'check', 'merge-reports'];

function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} needs a positive integer, got "${value}"`);
  return Number(value);
}

/** Parses `i/n` (1-based shard index of n shards). */
export function parseShard(value: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard needs i/n with 1 <= i <= n (e.g. 1/4), got "${value}"`);
  }
  return { index, total };
}

/** Every flag the CLI accepts; `--help` is generated from this table. */
export const FLAGS: readonly FlagSpec[] = [
  {
    long: '--transform',
    short: '-t',
    value: '<names>',
    help: 'Comma-separated transforms to run (repeatable). Default: all. See --list.',
    commands: MIGRATE_CHECK,
    apply: (o, v) => {
      const names = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length === 0) throw new UsageError('--transform needs at least one name');
      o.transforms = [...(o.transforms ?? []), ...names];
    },
  },
  {
    long: '--dry',
    short: '-d',
    help: 'Write nothing; print a unified diff (git apply-able) of what would change.',
    commands: MIGRATE,
    apply: (o) => void (o.dry = true),
  },
  {
    long: '--json',
    help: 'Print a JSON report on stdout instead of the human summary (and diff).',
    commands: ALL,
    apply: (o) => {
      o.json = true;
      o.format = 'json';
    },
  },
  {
    long: '--format',
    value: '<format>',
    help: `check: ${FORMATS.join(', ')}. sarif: SARIF 2.1.0 (GitHub code scanning); github: workflow annotations; gitlab: Code Quality report; json: as --json.`,
    commands: CHECK,
    apply: (o, v) => {
      const format = FORMATS.find((f) => f === v);
      if (!format) {
        const near = closest(v ?? '', FORMATS);
        throw new UsageError(
          `--format needs one of ${FORMATS.join(', ')}, got "${v}"${near ? `. Did you mean ${near}?` : ''}`,
        );
      }
      o.format = format;
      o.json = format === 'json';
    },
  },
  {
    long: '--baseline',
    value: '<file>',
    help: `check: findings recorded in this file (see --update-baseline) are listed as baselined and do not fail the run; the summary counts baselined, new and fixed findings.`,
    commands: CHECK,
    apply: (o, v) => {
      if (!v) throw new UsageError('--baseline needs a file');
      o.baseline = v;
    },
  },
  {
    long: '--update-baseline',
    help: `check: write every current finding to the baseline file (--baseline, default ${DEFAULT_BASELINE}) and exit 0.`,
    commands: CHECK,
    apply: (o) => void (o.updateBaseline = true),
  },
  {
    long: '--require-suppression-reason',
    help: 'check: a secure-migrate-ignore or eslint-disable comment without a reason ("-- why") is a finding.',
    commands: CHECK,
    apply: (o) => void (o.requireSuppressionReason = true),
  },
  {
    long: '--force',
    short: '-f',
    help: 'Run even when the git working tree has uncommitted changes under the target paths.',
    commands: MIGRATE,
    apply: (o) => void (o.force = true),
  },
  {
    long: '--workers',
    short: '-w',
    value: '<n>',
    help: 'Worker threads (default: number of cores; small runs stay in the main thread).',
    commands: MIGRATE_CHECK,
    apply: (o, v) => void (o.workers = positiveInt('--workers', v ?? '')),
  },
  {
    long: '--shard',
    value: '<i/n>',
    help: 'Process only shard i of n of the sorted file list (e.g. --shard 2/4).',
    commands: MIGRATE_CHECK,
    apply: (o, v) => void (o.shard = parseShard(v ?? '')),
  },
  {
    long: '--verify',
    help: "Type-check changed files before and after with the project's own typescript and tsconfig; keep a file's old text if its change adds errors (comment-only changes are kept).",
    commands: MIGRATE,
    apply: (o) => void (o.verify = true),
  },
  {
    long: '--allow-lists-from-types',
    help: 'secure-assign: where the target has a declared type, accept only its declared fields (privileged and sensitive ones left out) instead of only guarding the prototype. Changes behaviour for other keys: opt in per run.',
    commands: MIGRATE,
    apply: (o) => void (o.allowListsFromTypes = true),
  },
  {
    long: '--refuse-missing-secrets',
    help: "hardcoded-credentials: rewrite process.env.X || 'literal' to getSecret('X', { developmentFallback: 'literal' }). The one behaviour change of this transform: a production process (NODE_ENV neither development nor test) without X refuses to start. Opt in per run.",
    commands: MIGRATE,
    apply: (o) => void (o.refuseMissingSecrets = true),
  },
  {
    long: '--runtime-import',
    value: '<specifier>',
    help: 'Module to import the helpers from (default: @secure-migrate/runtime).',
    commands: MIGRATE,
    apply: (o, v) => {
      if (!v) throw new UsageError('--runtime-import needs a module specifier');
      o.runtimeImport = v;
    },
  },
  {
    long: '--rollout',
    help: "encrypt-cache: wrap clients as secureCache(client, { writes: 'plaintext' }), the first phase of a rollout: reads decrypt, writes stay plaintext until every reader is deployed.",
    commands: MIGRATE,
    apply: (o) => void (o.rollout = true),
  },
  {
    long: '--tsconfig',
    value: '<path>',
    help: 'tsconfig.json (or its directory) for type information and --verify (default: nearest one above the paths). A missing or unreadable one is a usage error.',
    commands: MIGRATE_CHECK,
    apply: (o, v) => {
      if (!v) throw new UsageError('--tsconfig needs a path');
      o.tsconfig = v;
    },
  },
  {
    long: '--include-tests-and-scripts',
    help: 'Also process tests, fixtures, mocks, scripts/, bin/, files with a shebang and package.json bin files (skipped by default).',
    commands: MIGRATE_CHECK,
    apply: (o) => void (o.includeTestsAndScripts = true),
  },
  {
    long: '--no-types',
    help: 'Do not load type information (faster; sites found by names and construction only).',
    commands: MIGRATE_CHECK,
    apply: (o) => void (o.types = false),
  },
  {
    long: '--no-progress',
    help: 'Never draw the progress bar (it is drawn on stderr only when stderr is a terminal).',
    commands: MIGRATE_CHECK,
    apply: (o) => void (o.progress = false),
  },
  {
    long: '--ignore-todos',
    help: 'check: list sites already marked with a "secure-migrate: TODO" comment, but do not count them toward exit code 1.',
    commands: CHECK,
    apply: (o) => void (o.ignoreTodos = true),
  },
  {
    long: '--no-package-json',
    help: "Do not add the runtime to the nearest package.json's dependencies.",
    commands: MIGRATE,
    apply: (o) => void (o.packageJson = false),
  },
  {
    long: '--list',
    help: 'List the transforms and exit.',
    commands: MIGRATE,
    apply: (o) => void (o.command = 'list'),
  },
  {
    long: '--help',
    short: '-h',
    help: 'Show this help and exit.',
    commands: ALL,
    apply: (o) => void (o.command = 'help'),
  },
  {
    long: '--version',
    short: '-V',
    help: 'Print the version and exit.',
    commands: ALL,
    apply: (o) => void (o.command = 'version'),
  },
];

/** Exit codes, documented in `--help` and the CLI docs. */
export const EXIT = {
  /** Success: files migrated (or nothing to do); `check` found nothing; `--dry` has nothing pending. */
  ok: 0,
  /** `check` found sites, or `--dry` has changes pending. */
  findings: 1,
  /** Usage error, or a fatal error before any file was processed (e.g. a dirty git tree without --force). */
  usage: 2,
  /** Some files failed: unparsable input, output that does not re-parse, reverted by --verify, write errors. */
  failures: 3,
} as const;

function defaults(): CliOptions {
  return {
    command: 'migrate',
    paths: [],
    dry: false,
    json: false,
    force: false,
    verify: false,
    types: true,
    progress: true,
    ignoreTodos: false,
    packageJson: true,
    includeTestsAndScripts: false,
    format: 'text',
    updateBaseline: false,
    requireSuppressionReason: false,
  };
}

/** Edit distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input`: within a third of its length in edits (at least 2), or one that starts with
 * it or that it starts with; undefined when none is close.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const bare = (s: string) => s.replace(/^-+/, '');
    const prefix =
      bare(input).length >= 3 && (bare(name).startsWith(bare(input)) || bare(input).startsWith(bare(name)));
    const score = prefix ? 0.5 : distance(input, name);
    if (score <= Math.max(2, Math.floor(input.length / 3)) && (!best || score < best.score))
      best = { name, score };
  }
  return best?.name;
}

/** `Unknown option --x`, with the nearest flag of the command, or the command's flags when none is near. */
function unknownOption(name: string, command: Command): UsageError {
  const own = FLAGS.filter((f) => f.commands.includes(command));
  const near =
    closest(
      name,
      own.flatMap((f) => (f.short ? [f.long, f.short] : [f.long])),
    ) ??
    closest(
      name,
      FLAGS.map((f) => f.long),
    );
  if (near) {
    const spec = FLAGS.find((f) => f.long === near || f.short === near)!;
    const where = spec.commands.includes(command) ? '' : ` (${spec.commands.join(', ')} only)`;
    return new UsageError(`Unknown option ${name}. Did you mean ${near}${where}?`);
  }
  const label = command === 'migrate' ? 'a migration' : command;
  return new UsageError(`Unknown option ${name}. Options of ${label}: ${own.map((f) => f.long).join(', ')}`);
}

/** Parses argv (without `node` and the script). Throws {@link UsageError} on unknown or misused flags. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options = defaults();
  const args = [...argv];
  if (args[0] === 'check' || args[0] === 'merge-reports') {
    options.command = args.shift() as Command;
  }
  const subcommand = options.command;
  let onlyPaths = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAGS.find((f) => f.long === name || f.short === name);
    if (!flag) throw unknownOption(name, subcommand);
    if (!flag.commands.includes(subcommand)) {
      throw new UsageError(
        `${flag.long} does not apply to ${subcommand === 'migrate' ? 'a migration' : subcommand}`,
      );
    }
    let value: string | undefined;
    if (flag.value) {
      value = eq > 0 ? arg.slice(eq + 1) : args.shift();
      if (value === undefined) throw new UsageError(`${flag.long} needs a value ${flag.value}`);
    } else if (eq > 0) {
      throw new UsageError(`${flag.long} takes no value`);
    }
    flag.apply(options, value);
  }
  if (options.updateBaseline && options.shard) {
    throw new UsageError('--update-baseline needs the whole file list: run it without --shard');
  }
  if (options.command === 'merge-reports' && options.paths.length === 0) {
    throw new UsageError('merge-reports needs the JSON report files to merge');
  }
  return options;
}

/** The `--help` text. */
export function helpText(version: string): string {
  const line = (f: FlagSpec): string => {
    const names = `${f.short ? `${f.short}, ` : '    '}${f.long}${f.value ? ` ${f.value}` : ''}`;
    return `  ${names.padEnd(34)}${f.help}`;
  };
  const section = (commands: readonly Command[]): string =>
    FLAGS.filter((f) => commands.some((c) => f.commands.includes(c)))
      .map(line)
      .join('\n');
  return `secure-migrate ${version}: rewrite sensitive logging, plaintext cache writes and unsafe dynamic
assignments to the @secure-migrate/runtime helpers.

Usage:
  secure-migrate [options] [paths...]          migrate files (default path: .)
  secure-migrate check [options] [paths...]    report what the rules find, write nothing
  secure-migrate merge-reports <a.json> <b.json> ...   merge --json reports of shards

Options:
${section(['migrate', 'check', 'merge-reports'])}

check accepts: ${FLAGS.filter((f) => f.commands.includes('check'))
    .map((f) => f.long)
    .join(', ')}.
merge-reports accepts: ${FLAGS.filter((f) => f.commands.includes('merge-reports'))
    .map((f) => f.long)
    .join(', ')}.

Files: .ts .tsx .mts .cts .js .jsx .mjs .cjs. .gitignore, the ESLint ignores (eslint.config.* global
ignores, .eslintignore) and a .secure-migrate-ignore file (gitignore syntax) at the root are honoured.
Skipped unless --include-tests-and-scripts: test/, tests/, __tests__/, e2e/, *.test.*, *.spec.*,
fixtures/, __fixtures__/, __testfixtures__/, mocks/, __mocks__/, scripts/, bin/, files starting with
#! and files named by a package.json "bin".
Never touched: node_modules, dist, build, coverage, public/, static/, vendor/, .yarn/, .pnp.cjs,
.pnp.loader.mjs, *.min.*, *.bundle.*, *.d.ts, files with a line over 1,000 characters or with
@generated, DO NOT EDIT or Code generated in their first lines, files over 2 MiB.
Skipped files are counted in the summary and listed with their reason in --json.

Suppressions: "// secure-migrate-ignore-next-line <rule> -- <reason>", or an eslint-disable comment for
the rule, leaves the site alone (not rewritten, not counted by check), with its reason in the reports.

Exit codes (the most severe applies: 2, then 3, then 1):
  0  success (check: no findings; --dry: nothing pending)
  1  check found sites (with --baseline: sites not in it), or --dry has changes pending
  2  usage error or fatal error (e.g. uncommitted changes under the paths without --force, a missing or
     unreadable --tsconfig, a --baseline file that is not one)
  3  some files failed (unparsable, output would not parse, reverted by --verify, write error)
Skipped files, TODOs and warnings do not change the exit code.

The runtime is added to the dependencies of the package.json above each file that now imports it; no
package manager is run: the summary prints the install command (npm, pnpm, yarn or bun, from the
packageManager field or the lock file) and warns when engines.node allows a Node the runtime does not support.
`;
}
