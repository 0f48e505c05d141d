import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const MARKER = path.join(ROOT, 'dist/src/cli/main.js');
const SOURCES = ['src', 'rules', 'codemods', 'runtime/src'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(abs));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(abs).mtimeMs);
  }
  return newest;
}

/**
 * Marks `dist/` as built from the current sources after a build that succeeded: `tsc -b` does not rewrite an
 * output whose content is unchanged, so without this a change to a runtime source alone would leave the marker
 * older than the sources, and every later check would build again.
 */
export function markBuilt(): void {
  if (existsSync(MARKER)) {
    const now = new Date();
    utimesSync(MARKER, now, now);
  }
}

/** Whether `dist/` (what the bin runs) is newer than every source file, the runtime's included. */
export function isFresh(): boolean {
  if (!existsSync(MARKER)) return false;
  const built = statSync(MARKER).mtimeMs;
  return SOURCES.every((dir) => newestSource(path.join(ROOT, dir)) <= built);
}

/**
 * Runs `build` holding the lock every test that builds takes, so two builds never write dist/ at once. A lock left
 * by a killed run is stale after five minutes.
 */
export function withBuildLock(build: () => void): void {
  const lock = path.join(os.tmpdir(), 'secure-migrate-build.lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000)
        rmdirSync(lock);
      if (Date.now() > deadline) throw new Error('Timed out waiting for another build');
      spawnSync('sleep', ['0.5']);
    }
  }
  try {
    build();
  } finally {
    rmdirSync(lock);
  }
}

/**
 * Makes sure `dist/` (what the bin runs) is built from the current sources, the runtime's included: runs the build
 * unless it is newer than every source file.
 */
export function ensureBuilt(): void {
  withBuildLock(() => {
    if (isFresh()) return;
    // Type errors elsewhere in the workspace must not stop the bin from being emitted; its presence is checked.
    const result = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    if (!existsSync(MARKER)) throw new Error('npm run build did not produce dist/src/cli/main.js');
    if (result.status === 0) markBuilt();
  });
}
