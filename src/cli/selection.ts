/**
 * Which files a run may rewrite (the migration and `check` alike). Tests, fixtures, mocks, scripts and
 * executables are left alone unless `--include-tests-and-scripts` is given; minified, bundled, generated,
 * vendored and browser-served code and package-manager files are never touched. The target's ESLint ignores
 * and a `.secure-migrate-ignore` file are honoured.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { getCalleeName } from 'eslint-plugin-secure-migrate/detect';

/** The flag that includes tests, fixtures, mocks, scripts and executables. */
export const INCLUDE_FLAG = '--include-tests-and-scripts';

/** The name of the project's own ignore file (gitignore syntax) at the root of the target. */
export const IGNORE_FILE = '.secure-migrate-ignore';

/** Lines longer than this mark minified or generated code. */
export const MAX_LINE_LENGTH = 1000;

/** How many leading lines are searched for a generated-code header. */
const HEADER_LINES = 10;

/** Reasons a file is skipped unless {@link INCLUDE_FLAG} is given (the rest are skipped always). */
export const OPT_IN_REASONS = [
  'test file',
  'test fixture',
  'mock',
  'script (scripts/)',
  'executable (bin/)',
  'executable (shebang)',
  'executable (package.json bin)',
] as const;

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'e2e']);
const FIXTURE_DIRS = new Set(['fixtures', '__fixtures__', '__testfixtures__']);
const MOCK_DIRS = new Set(['mocks', '__mocks__']);
const NEVER_DIRS: ReadonlyMap<string, string> = new Map([
  ['public', 'browser-served (public/)'],
  ['static', 'browser-served (static/)'],
  ['vendor', 'vendored (vendor/)'],
  ['dist', 'build output (dist/)'],
  ['build', 'build output (build/)'],
  ['.yarn', 'package-manager file (.yarn/)'],
]);
const PACKAGE_MANAGER_FILES = new Set(['.pnp.cjs', '.pnp.loader.mjs', '.pnp.js']);

/** Whether a skip reason is lifted by {@link INCLUDE_FLAG}. */
export function isOptInReason(reason: string): boolean {
  return (OPT_IN_REASONS as readonly string[]).includes(reason);
}

/**
 * Why a file is skipped, judged by its path relative to the target (forward or back slashes), or undefined.
 * Never-reasons come first, so the flag cannot lift them.
 */
export function pathSkipReason(relative: string, includeTestsAndScripts: boolean): string | undefined {
  const parts = relative.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const dirs = parts.slice(0, -1);
  const base = parts[parts.length - 1] ?? '';
  for (const dir of dirs) {
    const never = NEVER_DIRS.get(dir);
    if (never) return never;
  }
  if (PACKAGE_MANAGER_FILES.has(base)) return `package-manager file (${base})`;
  if (/\.min\.[^.]+$/i.test(base) || /[.-]min\.[cm]?js$/i.test(base)) return 'minified (*.min.*)';
  if (/\.bundle\.[^.]+$/i.test(base)) return 'bundled (*.bundle.*)';
  if (includeTestsAndScripts) return undefined;
  if (dirs.some((d) => TEST_DIRS.has(d)) || /\.(?:test|spec)\.[^.]+$/i.test(base)) return 'test file';
  if (dirs.some((d) => FIXTURE_DIRS.has(d))) return 'test fixture';
  if (dirs.some((d) => MOCK_DIRS.has(d))) return 'mock';
  if (dirs.includes('scripts')) return 'script (scripts/)';
  if (dirs.includes('bin')) return 'executable (bin/)';
  return undefined;
}

/** Whether a line is longer than `max` characters: one pass of `indexOf`, linear in the file size. */
function hasLongLine(source: string, max: number): boolean {
  for (let start = 0; start <= source.length;) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline;
    if (end - start > max) return true;
    start = end + 1;
  }
  return false;
}

/** Why a file is skipped, judged by its text (shebang, very long lines, generated-code header), or undefined. */
export function contentSkipReason(source: string, includeTestsAndScripts: boolean): string | undefined {
  if (hasLongLine(source, MAX_LINE_LENGTH))
    return `line over ${MAX_LINE_LENGTH} characters (minified or generated)`;
  let headerEnd = 0;
  for (let i = 0; i < HEADER_LINES && headerEnd >= 0; i++) headerEnd = source.indexOf('\n', headerEnd + 1);
  const header = headerEnd < 0 ? source : source.slice(0, headerEnd);
  if (/@generated\b|DO NOT EDIT|Code generated\b/.test(header)) return 'generated (header)';
  if (!includeTestsAndScripts && source.startsWith('#!')) return 'executable (shebang)';
  return undefined;
}

const binCache = new Map<string, Set<string>>();

/** The files a package.json names in `bin` (absolute paths); empty when it names none or cannot be read. */
export function packageBins(manifest: string): Set<string> {
  const cached = binCache.get(manifest);
  if (cached) return cached;
  const bins = new Set<string>();
  try {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: unknown };
    const values =
      typeof pkg.bin === 'string'
        ? [pkg.bin]
        : pkg.bin && typeof pkg.bin === 'object'
          ? Object.values(pkg.bin as Record<string, unknown>)
          : [];
    for (const value of values) {
      if (typeof value === 'string') bins.add(path.resolve(path.dirname(manifest), value));
    }
  } catch {
    // unreadable or invalid package.json: no bins
  }
  binCache.set(manifest, bins);
  return bins;
}

const manifestCache = new Map<string, string | null>();

function nearestManifest(dir: string): string | undefined {
  const cached = manifestCache.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  const candidate = path.join(dir, 'package.json');
  let found: string | undefined;
  if (existsSync(candidate)) found = candidate;
  else if (path.dirname(dir) !== dir) found = nearestManifest(path.dirname(dir));
  manifestCache.set(dir, found ?? null);
  return found;
}

/** Whether the nearest package.json above a file names it in `bin`. */
export function isPackageBin(file: string): boolean {
  const manifest = nearestManifest(path.dirname(path.resolve(file)));
  return manifest ? packageBins(manifest).has(path.resolve(file)) : false;
}

const CONFIG_NAMES = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`);

function stringElements(node: TSESTree.Node | undefined): string[] | undefined {
  if (!node || node.type !== 'ArrayExpression') return undefined;
  const out: string[] = [];
  for (const element of node.elements) {
    if (element?.type === 'Literal' && typeof element.value === 'string') out.push(element.value);
    else if (element?.type === 'TemplateLiteral' && element.expressions.length === 0)
      out.push(element.quasis[0]?.value.cooked ?? '');
  }
  return out;
}

function keyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal') return String(property.key.value);
  return undefined;
}

/**
 * The global ignore patterns of a flat config file, read without running it: objects whose only keys are
 * `ignores` (and `name`), and `globalIgnores([...])` calls, with string patterns.
 */
export function flatConfigIgnores(text: string, file = 'eslint.config.js'): string[] {
  let ast: TSESTree.Program;
  try {
    ast = parse(text, { filePath: file, range: false, loc: false, jsx: false });
  } catch {
    return [];
  }
  const patterns: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as TSESTree.Node;
    if (n.type === 'ObjectExpression') {
      const props = n.properties.filter((p): p is TSESTree.Property => p.type === 'Property');
      const names = props.map(keyName);
      if (props.length === n.properties.length && names.includes('ignores')) {
        if (names.every((k) => k === 'ignores' || k === 'name')) {
          const value = props.find((p) => keyName(p) === 'ignores')?.value;
          patterns.push(...(stringElements(value as TSESTree.Node) ?? []));
        }
      }
    }
    if (n.type === 'CallExpression') {
      if (getCalleeName(n.callee) === 'globalIgnores')
        patterns.push(...(stringElements(n.arguments[0]) ?? []));
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'parent') visit(value);
    }
  };
  visit(ast);
  return patterns;
}

/**
 * An ESLint flat-config pattern (minimatch, relative to the config's directory) as a gitignore line anchored
 * at that directory: `dist/` and `*.js` match at the top only, `**\/x` anywhere, `!` negates.
 */
export function flatPatternToGitignore(pattern: string): string {
  const negated = pattern.startsWith('!');
  let p = negated ? pattern.slice(1) : pattern;
  p = p.replace(/^\.\//, '');
  if (!p.startsWith('**/') && !p.startsWith('/')) p = `/${p}`;
  return `${negated ? '!' : ''}${p}`;
}

/** Ignore files found at one root, each with the reason it gives. */
interface RootIgnores {
  root: string;
  matchers: { ig: Ignore; reason: string }[];
}

const rootCache = new Map<string, RootIgnores>();

/** The ESLint ignores (flat config, `.eslintignore`) and the `.secure-migrate-ignore` file at `root`. */
export function loadRootIgnores(root: string): RootIgnores {
  const cached = rootCache.get(root);
  if (cached) return cached;
  const matchers: RootIgnores['matchers'] = [];
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(path.join(root, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  const own = read(IGNORE_FILE);
  if (own !== undefined) matchers.push({ ig: ignore().add(own), reason: `ignored by ${IGNORE_FILE}` });
  const legacy = read('.eslintignore');
  if (legacy !== undefined) matchers.push({ ig: ignore().add(legacy), reason: 'ignored by .eslintignore' });
  for (const name of CONFIG_NAMES) {
    const text = read(name);
    if (text === undefined) continue;
    const patterns = flatConfigIgnores(text, name).map(flatPatternToGitignore);
    if (patterns.length) matchers.push({ ig: ignore().add(patterns), reason: `ignored by ${name}` });
    break;
  }
  const result = { root, matchers };
  rootCache.set(root, result);
  return result;
}

/** Why the ignore files at `root` exclude `file`, or undefined. */
export function ignoredReason(ignores: RootIgnores, file: string): string | undefined {
  const rel = path.relative(ignores.root, file).split(path.sep).join('/');
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  for (const { ig, reason } of ignores.matchers) if (ig.ignores(rel)) return reason;
  return undefined;
}
