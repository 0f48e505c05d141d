/**
 * A bounded look at a module this file imports, without parsing it: is the binding it exports made with
 * `secureCache(...)`, or is it a logger? Rules cannot see other files, but a client wrapped where it is created
 * (`export const redis = secureCache(new Redis())`, what `encrypt-cache` writes) must not be reported at every call
 * site, and a project module that exports a winston or pino logger (`require('../config/winston')`) makes every
 * call on it a log call. Results are cached per file path and modification time. Like any cross-file knowledge, ESLint's `--cache`
 * does not re-lint importers when only the imported module changes.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
const MAX_BYTES = 512 * 1024;
const sources = new Map<string, { mtimeMs: number; text: string | null }>();

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/**
 * Whether `importedName` (a named export, or `'default'`) of the relative module `specifier`, imported by
 * `fromFile` (absolute), is created with `secureCache(...)` in that module.
 */
export function isExportedSecureCache(fromFile: string, specifier: string, importedName: string): boolean {
  if (!fromFile || !specifier.startsWith('.')) return false;
  const text = readModule(resolve(dirname(fromFile), specifier));
  if (text === null) return false;
  if (importedName === 'default') return /\bexport\s+default\s+(?:await\s+)?secureCache\s*\(/.test(text);
  if (!/^[\w$]+$/.test(importedName)) return false;
  const binding = new RegExp(
    `\\b${escape(importedName)}\\s*(?::[^=;]+)?=\\s*(?:await\\s+)?secureCache\\s*[(<]`,
  );
  return binding.test(text);
}

function readModule(base: string): string | null {
  return readModuleWithPath(base)?.text ?? null;
}

function readModuleWithPath(base: string): { path: string; text: string } | null {
  const candidates = base.endsWith('.js')
    ? [base.slice(0, -3) + '.ts', base.slice(0, -3) + '.tsx', base]
    : EXTENSIONS.map((e) => base + e);
  for (const path of candidates) {
    let mtimeMs: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_BYTES) continue;
      mtimeMs = stat.mtimeMs;
    } catch {
      continue;
    }
    const cached = sources.get(path);
    if (cached && cached.mtimeMs === mtimeMs)
      return cached.text === null ? null : { path, text: cached.text };
    let text: string | null;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = null;
    }
    if (sources.size > 500) sources.clear();
    sources.set(path, { mtimeMs, text });
    return text === null ? null : { path, text };
  }
  return null;
}

/** Logging libraries whose import marks a module as one that makes a logger. */
const LOGGER_LIBRARY =
  /(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*)['"](?:winston|pino|bunyan|log4js|loglevel|npmlog|signale|consola|tslog|roarr|debug)(?:\/[^'"]*)?['"]/;
/** `module.exports = require('./x')`, `export { default } from './x'`, `export * from './x'`. */
const RE_EXPORT =
  /(?:module\.exports\s*=\s*require\s*\(\s*|export\s+(?:\*|\{[^}]*\})\s+from\s+)['"](\.[^'"]+)['"]/g;

/**
 * Whether `importedName` (a named export, `'default'` or `'*'`) of the module `specifier` imported by `fromFile`
 * (absolute) is a logger: the module, found by a relative path or the nearest tsconfig's `paths`, imports a logging
 * library (winston, pino, bunyan…) and exports that binding, directly or through one re-export
 * (`module.exports = require('./logger')`).
 */
export function isExportedLogger(fromFile: string, specifier: string, importedName: string): boolean {
  if (!fromFile) return false;
  const base = specifier.startsWith('.')
    ? resolve(dirname(fromFile), specifier)
    : resolveAlias(fromFile, specifier);
  return base !== undefined && exportsLogger(base, importedName, 0);
}

interface PathsConfig {
  base: string;
  paths: [string, string[]][];
}
const configs = new Map<string, PathsConfig | null>();

/**
 * The file a non-relative specifier names through the `paths` of the nearest `tsconfig.json` or `jsconfig.json`
 * (`@/lib/logger`, `~/server/logger`), `undefined` when none maps it. `extends` is not followed.
 */
function resolveAlias(fromFile: string, specifier: string): string | undefined {
  const config = nearestConfig(dirname(fromFile), 0);
  if (!config) return undefined;
  for (const [pattern, targets] of config.paths) {
    const target = targets[0];
    if (target === undefined) continue;
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (pattern === specifier) return resolve(config.base, target);
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (
      specifier.length >= prefix.length + suffix.length &&
      specifier.startsWith(prefix) &&
      specifier.endsWith(suffix)
    ) {
      return resolve(
        config.base,
        target.replace('*', specifier.slice(prefix.length, specifier.length - suffix.length)),
      );
    }
  }
  return undefined;
}

function nearestConfig(dir: string, depth: number): PathsConfig | null {
  const cached = configs.get(dir);
  if (cached !== undefined) return cached;
  let result: PathsConfig | null = null;
  const text = readConfig(dir);
  if (text !== null) result = parsePaths(dir, text);
  else {
    const parent = dirname(dir);
    if (parent !== dir && depth < 12) result = nearestConfig(parent, depth + 1);
  }
  if (configs.size > 500) configs.clear();
  configs.set(dir, result);
  return result;
}

function readConfig(dir: string): string | null {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    try {
      return readFileSync(resolve(dir, name), 'utf8');
    } catch {
      continue;
    }
  }
  return null;
}

function parsePaths(dir: string, text: string): PathsConfig | null {
  let json: { compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    json = JSON.parse(
      text
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .replace(/,(\s*[}\]])/g, '$1'),
    ) as typeof json;
  } catch {
    return null;
  }
  const options = json.compilerOptions;
  if (!options || typeof options.paths !== 'object' || options.paths === null) return null;
  const base = resolve(dir, typeof options.baseUrl === 'string' ? options.baseUrl : '.');
  const paths: [string, string[]][] = [];
  for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
    if (Array.isArray(targets))
      paths.push([pattern, targets.filter((t): t is string => typeof t === 'string')]);
  }
  return { base, paths };
}

function exportsLogger(base: string, importedName: string, depth: number): boolean {
  const found = readModuleWithPath(base);
  if (!found) return false;
  const { path, text } = found;
  if (LOGGER_LIBRARY.test(text) && exportsName(text, importedName)) return true;
  if (depth > 0) return false;
  for (const match of text.matchAll(RE_EXPORT)) {
    const target = match[1];
    if (target !== undefined && exportsLogger(resolve(dirname(path), target), importedName, depth + 1))
      return true;
  }
  return false;
}

function exportsName(text: string, importedName: string): boolean {
  if (importedName === 'default' || importedName === '*') {
    return /\bexport\s+default\b|\bmodule\.exports\s*=|\bexport\s*\{[^}]*\bas\s+default\b/.test(text);
  }
  if (!/^[\w$]+$/.test(importedName)) return false;
  const name = escape(importedName);
  return new RegExp(
    `\\bexport\\s+(?:const|let|var|function|class)\\s+${name}\\b|\\bexport\\s*\\{[^}]*\\b${name}\\b|\\b(?:module\\.)?exports\\.${name}\\s*=|\\bmodule\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b`,
  ).test(text);
}

/** Cache client libraries whose import marks a module as one that makes a cache client. */
const CACHE_LIBRARY =
  /(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*)['"](?:ioredis|iovalkey|redis|@redis\/client|@upstash\/redis|@vercel\/kv|keyv|@keyv\/redis|cache-manager|memjs)['"]/;

/**
 * Whether `importedName` (a named export, `'default'` or `'*'`) of the project module `specifier` imported by
 * `fromFile` (absolute) is a cache client: the module imports a cache library (ioredis, redis, keyv,
 * cache-manager…) and exports that binding (`export default redisClient`, `module.exports = redis`).
 */
export function isExportedCacheClient(fromFile: string, specifier: string, importedName: string): boolean {
  const found = readImportedModule(fromFile, specifier);
  return found !== null && CACHE_LIBRARY.test(found.text) && exportsName(found.text, importedName);
}

/**
 * The text of a project module this file imports (a relative path or a tsconfig `paths` alias), `null` when it is a
 * package or cannot be read. Read, not parsed; cached per path and modification time.
 */
export function readImportedModule(
  fromFile: string,
  specifier: string,
): { path: string; text: string } | null {
  if (!fromFile) return null;
  const base = specifier.startsWith('.')
    ? resolve(dirname(fromFile), specifier)
    : resolveAlias(fromFile, specifier);
  return base === undefined ? null : readModuleWithPath(base);
}
