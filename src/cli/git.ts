import { execFileSync } from 'node:child_process';
import path from 'node:path';

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1 << 28,
    });
  } catch {
    return undefined;
  }
}

/** The top directory of the git work tree containing `dir`, or undefined outside git. */
export function gitRoot(dir: string): string | undefined {
  const out = git(dir, ['rev-parse', '--show-toplevel']);
  return out ? path.resolve(out.trim()) : undefined;
}

/**
 * Files git sees under `dir` (tracked, plus untracked ones not excluded by any .gitignore, .git/info/exclude or
 * the global excludes file), as absolute paths. Undefined when git cannot list them.
 */
export function gitListFiles(dir: string): string[] | undefined {
  const out = git(dir, ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '.']);
  if (out === undefined) return undefined;
  return out
    .split('\0')
    .filter(Boolean)
    .map((file) => path.resolve(dir, file));
}

/** Paths (relative to the git root) with uncommitted changes, untracked files included, under the given paths. */
export function dirtyPaths(root: string, paths: readonly string[]): string[] {
  const specs = paths.map((p) => path.relative(root, p) || '.');
  const out = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...specs]);
  if (!out) return [];
  return out
    .split('\0')
    .filter(Boolean)
    .map((entry) => entry.slice(3))
    .filter((p) => p.length > 0);
}
