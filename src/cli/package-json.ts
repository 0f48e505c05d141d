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

/** Whether a file's text imports or requires `specifier` (or one of its subpaths). */
export function importsModule(text: string, specifier: string): boolean {
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `(?:\\bfrom\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*)(['"])${escaped}(?:/[^'"]*)?\\1`,
  ).test(text);
}

/** A package manager the CLI can name in its install command. */
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: readonly [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The package manager a project uses, looking from `dir` upwards: a package.json `packageManager` field wins
 * (`pnpm@9.1.0` → pnpm), else the lock file found first (pnpm-lock.yaml, yarn.lock, bun.lockb/bun.lock,
 * package-lock.json). npm when nothing says otherwise. `root` is the directory where it was decided.
 */
export function detectPackageManager(dir: string): { manager: PackageManager; root: string } {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(current, 'package.json'), 'utf8')) as {
        packageManager?: unknown;
      };
      const name = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : undefined;
      if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun')
        return { manager: name, root: current };
    } catch {
      // no package.json here, or not JSON
    }
    for (const [file, manager] of LOCKFILES) {
      if (existsSync(path.join(current, file))) return { manager, root: current };
    }
    if (path.dirname(current) === current) return { manager: 'npm', root: path.resolve(dir) };
  }
}

/** The command that installs what package.json lists (`npm install`), or adds `name` when given. */
export function installCommandFor(manager: PackageManager, name?: string): string {
  if (!name) return `${manager} install`;
  return manager === 'npm' ? `npm install ${name}` : `${manager} add ${name}`;
}

type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(text.trim());
  if (!match) return undefined;
  const part = (s: string | undefined): number => (s === undefined || /[xX*]/.test(s) ? 0 : Number(s));
  return [part(match[1]), part(match[2]), part(match[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The lowest version a semver range allows (`>=18.14`, `^20.1.0`, `~18.17`, `18.x`, `>=16 <21`, `a - b`,
 * alternatives with `||`), or undefined when it cannot be read. Upper bounds do not matter here.
 */
export function minimumVersion(range: string): Version | undefined {
  let lowest: Version | undefined;
  for (const alternative of range.split('||')) {
    const text = alternative.trim();
    let low: Version | undefined;
    if (text === '' || text === '*' || text.toLowerCase() === 'x') low = [0, 0, 0];
    else if (/\s-\s/.test(text)) low = parseVersion(text.split(/\s-\s/)[0] ?? '');
    else {
      const comparators = text.split(/\s+/).filter(Boolean);
      const lowers = comparators.filter((c) => !c.startsWith('<'));
      if (lowers.length === 0) low = [0, 0, 0];
      for (const comparator of lowers) {
        const match = /^(>=|>|\^|~|=)?\s*(.+)$/.exec(comparator);
        const version = match ? parseVersion(match[2] ?? '') : undefined;
        if (!version) return undefined;
        const candidate: Version = match?.[1] === '>' ? [version[0], version[1], version[2] + 1] : version;
        if (!low || compare(candidate, low) > 0) low = candidate;
      }
    }
    if (!low) return undefined;
    if (!lowest || compare(low, lowest) < 0) lowest = low;
  }
  return lowest;
}

/**
 * A warning when a package's `engines.node` allows a Node version below what the runtime needs, else
 * undefined (also when either range cannot be read).
 */
export function engineWarning(
  manifest: string,
  targetRange: string | undefined,
  runtimeName: string,
  runtimeRange: string | undefined,
): string | undefined {
  if (!targetRange || !runtimeRange) return undefined;
  const target = minimumVersion(targetRange);
  const needed = minimumVersion(runtimeRange);
  if (!target || !needed || compare(target, needed) >= 0) return undefined;
  return `${manifest} declares engines.node "${targetRange}", which allows Node ${target.join('.')}, but ${runtimeName} needs Node ${runtimeRange}.`;
}

/** The `engines.node` of a package.json, or undefined. */
export function enginesNode(manifest: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: { node?: unknown } };
    return typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined;
  } catch {
    return undefined;
  }
}
