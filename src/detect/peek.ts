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
 * Whether `importedName` (a named export, `'default'` or `'*'`) of the relative module `specifier`, imported by
 * `fromFile` (absolute), is a logger: the module imports a logging library (winston, pino, bunyan…) and exports
 * that binding, directly or through one re-export (`module.exports = require('./logger')`).
 */
export function isExportedLogger(fromFile: string, specifier: string, importedName: string): boolean {
  if (!fromFile || !specifier.startsWith('.')) return false;
  return exportsLogger(resolve(dirname(fromFile), specifier), importedName, 0);
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
