import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitListFiles, gitRoot } from './git.js';
import { ignoredReason, isPackageBin, loadRootIgnores, pathSkipReason } from './selection.js';

/** Extensions the transforms handle. */
export const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
/** Directories never entered, whatever the ignore files say. */
export const EXCLUDED_DIRS = ['node_modules', 'dist', 'build', 'coverage', '.git'] as const;

/** A file that is not processed (left out by the selection rules, or named explicitly but excluded), with why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** What {@link discoverFiles} found. */
export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  skipped: SkippedFile[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Whether a git work tree was used for the listing. */
  git: boolean;
}

/** Why a file is never processed, or undefined when its name is acceptable. */
export function excludedReason(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const dir = parts.slice(0, -1).find((p) => (EXCLUDED_DIRS as readonly string[]).includes(p));
  if (dir) return `inside ${dir}/`;
  const base = parts[parts.length - 1] ?? '';
  if (/\.d\.[mc]?ts$/i.test(base)) return 'declaration file (.d.ts)';
  if (!EXTENSIONS.some((ext) => base.toLowerCase().endsWith(ext))) return 'unsupported extension';
  return undefined;
}

function walk(dir: string, root: string, matchers: { base: string; ig: Ignore }[], out: string[]): void {
  let local = matchers;
  try {
    const text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
    local = [...matchers, { base: dir, ig: ignore().add(text) }];
  } catch {
    // no .gitignore here
  }
  const ignored = (abs: string, isDir: boolean): boolean =>
    local.some(({ base, ig }) => {
      const rel = path.relative(base, abs).split(path.sep).join('/');
      return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? `${rel}/` : rel);
    });
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if ((EXCLUDED_DIRS as readonly string[]).includes(entry.name) || ignored(abs, true)) continue;
      walk(abs, root, local, out);
    } else if (entry.isFile() && !ignored(abs, false)) {
      out.push(abs);
    }
  }
}

/** The path whose directory names decide exclusion: relative to cwd when inside it, else the base name. */
function relativeForExclusion(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(file) : rel;
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Options of {@link discoverFiles}. */
export interface DiscoverOptions {
  /** Include tests, fixtures, mocks, scripts and executables (`--include-tests-and-scripts`). */
  includeTestsAndScripts?: boolean;
}

/**
 * Why the selection rules leave a file out (see `selection.ts`), judged by its path relative to `base` (the
 * working directory, or the named directory when the file lies outside it), the ignore files at `root`, and
 * the package.json `bin` entries.
 */
function selectionReason(file: string, base: string, root: string, include: boolean): string | undefined {
  const byPath = pathSkipReason(path.relative(base, file), include);
  if (byPath) return byPath;
  const ignored = ignoredReason(loadRootIgnores(root), file);
  if (ignored) return ignored;
  if (!include && isPackageBin(file)) return 'executable (package.json bin)';
  return undefined;
}

/**
 * The files to process under `paths` (files or directories, relative to `cwd`). Inside a git work tree the
 * listing comes from `git ls-files --cached --others --exclude-standard` (every .gitignore, info/exclude and
 * the global excludes file); elsewhere the tree is walked honouring every .gitignore found. node_modules, dist,
 * build, coverage and declaration files are always left out.
 */
export function discoverFiles(
  paths: readonly string[],
  cwd: string,
  options: DiscoverOptions = {},
): Discovery {
  const include = options.includeTestsAndScripts ?? false;
  const roots = new Map<string, string>();
  /** The directory whose ignore files apply: the git root, else the working directory or the named path. */
  const rootOf = (dir: string): string => {
    let root = roots.get(dir);
    if (root === undefined) {
      root = gitRoot(dir) ?? (isInside(cwd, dir) ? cwd : dir);
      roots.set(dir, root);
    }
    return root;
  };
  const found = new Set<string>();
  const skipped: SkippedFile[] = [];
  const missing: string[] = [];
  let usedGit = false;
  for (const given of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, given);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isFile()) {
      const dir = path.dirname(abs);
      const reason =
        excludedReason(relativeForExclusion(cwd, abs)) ??
        selectionReason(abs, isInside(cwd, abs) ? cwd : dir, rootOf(dir), include);
      if (reason) skipped.push({ path: abs, reason });
      else found.add(abs);
      continue;
    }
    const base = isInside(cwd, abs) ? cwd : abs;
    const root = rootOf(abs);
    const listed = gitRoot(abs) ? gitListFiles(abs) : undefined;
    let candidates: string[];
    if (listed) {
      usedGit = true;
      candidates = listed;
    } else {
      candidates = [];
      walk(abs, abs, [], candidates);
    }
    for (const file of candidates) {
      if (!excludedReason(relativeForExclusion(cwd, file)) && !excludedReason(path.relative(abs, file))) {
        try {
          if (!statSync(file).isFile()) continue;
        } catch {
          continue; // listed by git but deleted in the work tree
        }
        const reason = selectionReason(file, base, root, include);
        if (reason) skipped.push({ path: file, reason });
        else found.add(file);
      }
    }
  }
  const unique = new Map(skipped.filter((s) => !found.has(s.path)).map((s) => [s.path, s]));
  return {
    files: [...found].sort(),
    skipped: [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    missing,
    git: usedGit,
  };
}

/** Shard `index` (1-based) of `total` of a sorted list: contiguous, stable slices whose sizes differ by at most 1. */
export function shardFiles<T>(files: readonly T[], index: number, total: number): T[] {
  const start = Math.floor(((index - 1) * files.length) / total);
  const end = Math.floor((index * files.length) / total);
  return files.slice(start, end);
}
