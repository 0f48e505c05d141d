import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './write.js';

/** What happened to one package.json. */
export interface PackageJsonChange {
  path: string;
  action: 'added' | 'would-add' | 'present';
  before?: string;
  after?: string;
}

/** The package name of a bare module specifier (`@scope/name/sub` → `@scope/name`), undefined for paths. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]:[\\/]/i.test(specifier))
    return undefined;
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The nearest package.json at or above the directory of `file`. */
export function nearestPackageJson(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function indentOf(text: string): string | number {
  const match = /^[ \t]+(?=")/m.exec(text);
  return match ? match[0] : 2;
}

/**
 * Adds `name: range` to the `dependencies` of a package.json text (kept indentation and final newline);
 * undefined when it is already a dependency of any kind.
 */
export function addDependency(text: string, name: string, range: string): string | undefined {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && name in deps) return undefined;
  }
  const deps = (pkg.dependencies && typeof pkg.dependencies === 'object' ? pkg.dependencies : {}) as Record<
    string,
    string
  >;
  pkg.dependencies = { ...deps, [name]: range };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(pkg, null, indentOf(text)).replace(/\n/g, eol);
  return text.endsWith('\n') ? `${out}${eol}` : out;
}

/** Options of {@link ensureRuntimeDependency}. */
export interface EnsureDependencyOptions {
  /** The files that changed: the nearest package.json above each gets the dependency. */
  files: readonly string[];
  packageName: string;
  range: string;
  /** Compute the change without writing it. */
  dry: boolean;
}

/** Adds the runtime to the nearest package.json of every changed file (once per package.json). */
export function ensureRuntimeDependency(options: EnsureDependencyOptions): {
  changes: PackageJsonChange[];
  orphans: string[];
} {
  const manifests = new Map<string, string[]>();
  const orphans: string[] = [];
  for (const file of options.files) {
    const manifest = nearestPackageJson(file);
    if (!manifest) orphans.push(file);
    else manifests.set(manifest, [...(manifests.get(manifest) ?? []), file]);
  }
  const changes: PackageJsonChange[] = [];
  for (const manifest of [...manifests.keys()].sort()) {
    const before = readFileSync(manifest, 'utf8');
    const after = addDependency(before, options.packageName, options.range);
    if (after === undefined) {
      changes.push({ path: manifest, action: 'present' });
      continue;
    }
    if (!options.dry) writeFileAtomic(manifest, after);
    changes.push({ path: manifest, action: options.dry ? 'would-add' : 'added', before, after });
  }
  return { changes, orphans };
}
