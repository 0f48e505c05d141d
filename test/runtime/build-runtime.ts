import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withBuildLock } from '../cli/build.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** What the package's `exports` point at, one file per build, plus the marker that makes dist/cjs CommonJS. */
export const RUNTIME_OUTPUTS = ['dist/esm/index.js', 'dist/cjs/index.js', 'dist/cjs/package.json'].map((f) =>
  path.join(ROOT, 'runtime', f),
);

/**
 * Builds both formats of @secure-migrate/runtime (`tsc -b runtime/tsconfig.json`, incremental, so a no-op when
 * up to date). Takes the same lock as the CLI tests' full build, so two builds never write dist/ at once.
 */
export function ensureRuntimeBuilt(): void {
  withBuildLock(() => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'runtime/tsconfig.json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`runtime build failed:\n${result.stdout}${result.stderr}`);
    for (const file of RUNTIME_OUTPUTS) {
      if (!existsSync(file)) throw new Error(`runtime build did not produce ${file}`);
    }
  });
}
