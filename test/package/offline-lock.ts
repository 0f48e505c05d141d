/**
 * A package-lock.json for a fresh app, cut from the repository's own lockfile, so that `npm install --offline` finds
 * every tarball in the npm cache that `npm ci` filled: the same versions, the same integrity hashes. Without a lock,
 * npm would need each package's registry metadata, which `npm ci` does not fetch.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** One entry of a lockfile's `packages` map. */
export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires: boolean;
  packages: Record<string, LockEntry>;
}

/** A packed tarball the app installs: its manifest and where it is, relative to the app. */
export interface Tarball {
  manifest: LockEntry & { name: string; version: string };
  file: string;
  absolutePath: string;
}

/** Where Node finds `name` from the package at `from` (a lockfile key; '' is the root). */
export function resolveIn(
  packages: Record<string, LockEntry>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

/** The lockfile keys `start` needs, following dependencies, present optional dependencies and peers. */
export function closure(
  packages: Record<string, LockEntry>,
  start: { from: string; name: string }[],
  skip: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (skip.has(item.name)) continue;
    const key = resolveIn(packages, item.from, item.name);
    if (!key) {
      throw new Error(
        `${item.name} (needed by ${item.from || 'the app'}) is not in the repository's lockfile`,
      );
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = packages[key]!;
    const optionalPeers = new Set(
      Object.entries(entry.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    );
    for (const name of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) {
      if (optionalPeers.has(name) && !resolveIn(packages, key, name)) continue;
      queue.push({ from: key, name });
    }
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (resolveIn(packages, key, name)) queue.push({ from: key, name });
    }
  }
  return seen;
}

/** The fields of a manifest a lockfile entry keeps. */
function lockEntryOf(manifest: LockEntry): LockEntry {
  const entry: LockEntry = {};
  for (const field of [
    'version',
    'license',
    'dependencies',
    'optionalDependencies',
    'peerDependencies',
    'peerDependenciesMeta',
    'bin',
    'engines',
  ]) {
    if (manifest[field] !== undefined) entry[field] = manifest[field];
  }
  return entry;
}

/**
 * The lockfile of an app whose package.json is `app`: registry packages at the versions the repository's lockfile
 * has (`app.dependencies`/`devDependencies` name them), and the tarballs by their file.
 */
export function appLockfile(
  rootLock: Lockfile,
  app: {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  },
  tarballs: Tarball[],
): Lockfile {
  const ours = new Set(tarballs.map((t) => t.manifest.name));
  const wanted = [
    ...Object.keys(app.dependencies),
    ...Object.keys(app.devDependencies),
    ...tarballs.flatMap((t) => Object.keys({ ...t.manifest.dependencies, ...t.manifest.peerDependencies })),
  ].map((name) => ({ from: '', name }));
  const keys = closure(rootLock.packages, wanted, ours);
  const packages: Record<string, LockEntry> = {
    '': {
      name: app.name,
      version: app.version,
      dependencies: app.dependencies,
      devDependencies: app.devDependencies,
    },
  };
  for (const key of [...keys].sort()) {
    const entry: LockEntry = { ...rootLock.packages[key]! };
    // Flags describe the repository's tree, not the app's; npm computes them again.
    for (const flag of ['dev', 'optional', 'devOptional', 'peer', 'extraneous']) delete entry[flag];
    packages[key] = entry;
  }
  for (const tarball of tarballs) {
    packages[`node_modules/${tarball.manifest.name}`] = {
      ...lockEntryOf(tarball.manifest),
      resolved: `file:${tarball.file}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball.absolutePath)).digest('base64')}`,
    };
  }
  return { name: app.name, version: app.version, lockfileVersion: 3, requires: true, packages };
}
