import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { name: string; version: string } | undefined;

/** Name and version of this package, read from its package.json (found above this module, built or not). */
export function toolInfo(): { name: string; version: string } {
  if (cached) return cached;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'secure-migrate') {
        cached = { name: pkg.name, version: pkg.version ?? '0.0.0' };
        return cached;
      }
    }
    if (path.dirname(dir) === dir) return (cached = { name: 'secure-migrate', version: '0.0.0' });
  }
}

/** The `engines.node` range of the installed `@secure-migrate/runtime` (what inserted code needs), or undefined. */
export function runtimeEnginesNode(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require('@secure-migrate/runtime/package.json') as { engines?: { node?: unknown } };
    return typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined;
  } catch {
    return undefined;
  }
}
