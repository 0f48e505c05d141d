import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitListFiles, gitRoot } from './git.js';

/** Extensions the transforms handle. */
export const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
/** Directories never entered, whatever the ignore files say. */
export const EXCLUDED_DIRS = ['node_modules', 'dist', 'build', 'coverage', '.git'] as const;

/** A file that was named explicitly but is not processed, with why. */
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

/**
 * The files to process under `paths` (files or directories, relative to `cwd`). Inside a git work tree the
 * listing comes from `git ls-files --cached --others --exclude-standard` (every .gitignore, info/exclude and
 * the global excludes file); elsewhere the tree is walked honouring every .gitignore found. node_modules, dist,
 * build, coverage and declaration files are always left out.
 */
export function discoverFiles(paths: readonly string[], cwd: string): Discovery {
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
      const reason = excludedReason(relativeForExclusion(cwd, abs));
      if (reason) skipped.push({ path: abs, reason });
      else found.add(abs);
      continue;
    }
    const root = gitRoot(abs);
    const listed = root ? gitListFiles(abs) : undefined;
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
          if (statSync(file).isFile()) found.add(file);
        } catch {
          // listed by git but deleted in the work tree
        }
      }
    }
  }
  return { files: [...found].sort(), skipped, missing, git: usedGit };
}

/** Shard `index` (1-based) of `total` of a sorted list: contiguous, stable slices whose sizes differ by at most 1. */
export function shardFiles<T>(files: readonly T[], index: number, total: number): T[] {
  const start = Math.floor(((index - 1) * files.length) / total);
  const end = Math.floor((index * files.length) / total);
  return files.slice(start, end);
}
