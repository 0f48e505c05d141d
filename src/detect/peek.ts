/**
 * A bounded look at a module this file imports, without parsing it: is the binding it exports made with
 * `secureCache(...)`? Rules cannot see other files, but a client wrapped where it is created
 * (`export const redis = secureCache(new Redis())`, what `encrypt-cache` writes) must not be reported at every call
 * site. Results are cached per file path and modification time. Like any cross-file knowledge, ESLint's `--cache`
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
    if (cached && cached.mtimeMs === mtimeMs) return cached.text;
    let text: string | null;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = null;
    }
    if (sources.size > 500) sources.clear();
    sources.set(path, { mtimeMs, text });
    return text;
  }
  return null;
}
