/**
 * Crash test over real code: a seeded, fixed-size sample of the JavaScript and TypeScript sources installed under
 * `node_modules`, each linted in-process with every rule on (the `all` config) and the first parser that accepts it
 * (espree as a module, espree as a script, then typescript-eslint's parser). A file no parser accepts is skipped and
 * counted; a rule exception on any file is a failure that names the file.
 *
 * The sample is the same on every run with the same `node_modules`: the file list is sorted, shuffled with a seeded
 * PRNG and read in that order. `CRASH_SAMPLE_SIZE` and `CRASH_SAMPLE_SEED` override the size and the seed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import type { Linter as LinterTypes } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const nodeModules = join(root, 'node_modules');

const SAMPLE_SIZE = integerFromEnv('CRASH_SAMPLE_SIZE', 1500, 1);
const SEED = integerFromEnv('CRASH_SAMPLE_SEED', 20_240_917, 0);
/** About 35 s for 1,500 files on a busy 2-core machine; the limit leaves room for a slower CI runner. */
const TIMEOUT_MS = 180_000;
const MAX_BYTES = 200 * 1024;
const MAX_LINE = 5000;
const EXTENSIONS = /\.(?:js|mjs|cjs|ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;

function integerFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name}: expected an integer >= ${min}, got ${raw}`);
  return value;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Source files under `dir`, as sorted paths relative to `node_modules`; symbolic links are not followed. */
function listSources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === nodeModules && entry.name === '.cache') continue;
      listSources(path, out);
    } else if (entry.isFile() && EXTENSIONS.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(relative(nodeModules, path).split(sep).join('/'));
    }
  }
  return out;
}

/** A seeded Fisher–Yates shuffle of a copy of `items`. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function hasLongLine(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > MAX_LINE) return true;
    start = end + 1;
  }
  return false;
}

const all = plugin.configs.all as unknown as LinterTypes.Config;
const FILES = ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'];

/** The parsers tried on each file, in order, as flat configs with every rule on. */
const PARSERS: { name: string; config: LinterTypes.Config[] }[] = [
  {
    name: 'espree (module)',
    config: [{ files: FILES, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }],
  },
  {
    name: 'espree (script)',
    config: [{ files: FILES, languageOptions: { ecmaVersion: 'latest', sourceType: 'script' } }],
  },
  {
    name: 'typescript-eslint',
    config: [{ files: FILES, languageOptions: { parser: tseslint.parser as LinterTypes.Parser } }],
  },
].map(({ name, config }) => ({ name, config: [...config, { files: FILES, ...all }] }));

/** A rule exception: ESLint names the rule it came from, or the stack runs through the plugin's code. */
function isRuleException(error: Error): boolean {
  const stack = error.stack ?? '';
  return (
    /Rule: "secure-migrate\//.test(error.message) ||
    error.message.includes('Error while loading rule') ||
    /[\\/](?:rules|src[\\/]detect)[\\/][\w-]+\.[jt]s/.test(stack)
  );
}

interface Failure {
  file: string;
  parser: string;
  error: string;
}

describe('crash sample over node_modules', () => {
  it(
    `lints a seeded sample of ${SAMPLE_SIZE} installed source files with every rule and no rule exception`,
    () => {
      const started = performance.now();
      const candidates = shuffle(listSources(nodeModules).sort(), SEED);
      const linter = new Linter();
      const failures: Failure[] = [];
      const engineErrors: Failure[] = [];
      const byParser = new Map<string, number>();
      let sampled = 0;
      let unparsable = 0;
      let tooLarge = 0;
      let findings = 0;

      for (const file of candidates) {
        if (sampled >= SAMPLE_SIZE) break;
        const path = join(nodeModules, file);
        if (statSync(path).size > MAX_BYTES) {
          tooLarge++;
          continue;
        }
        const code = readFileSync(path, 'utf8');
        if (hasLongLine(code)) {
          tooLarge++;
          continue;
        }
        sampled++;
        let parsed = false;
        for (const parser of PARSERS) {
          let messages: LinterTypes.LintMessage[];
          try {
            messages = linter.verify(code, parser.config, { filename: file });
          } catch (error) {
            const err = error instanceof Error ? error : new Error(String(error));
            const failure = {
              file,
              parser: parser.name,
              error: err.message.split('\n').slice(0, 4).join(' | '),
            };
            if (isRuleException(err)) failures.push(failure);
            else engineErrors.push(failure);
            parsed = true;
            break;
          }
          if (messages.some((m) => m.fatal)) continue;
          parsed = true;
          byParser.set(parser.name, (byParser.get(parser.name) ?? 0) + 1);
          findings += messages.filter((m) => m.ruleId?.startsWith('secure-migrate/')).length;
          break;
        }
        if (!parsed) unparsable++;
      }

      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const linted = [...byParser.values()].reduce((a, b) => a + b, 0);
      console.log(
        [
          `crash sample (seed ${SEED}, size ${SAMPLE_SIZE}, ${candidates.length} candidate files): ` +
            `${linted} linted (${[...byParser].map(([p, n]) => `${p} ${n}`).join(', ')}), ` +
            `${unparsable} skipped as unparsable, ${tooLarge} skipped as too large or minified, ` +
            `${findings} findings, ${failures.length} rule exceptions, ${engineErrors.length} other ESLint errors, ` +
            `${seconds} s`,
          ...engineErrors.map((e) => `  ESLint error (not a rule): ${e.file} [${e.parser}]: ${e.error}`),
        ].join('\n'),
      );

      expect(failures).toEqual([]);
      // The parsers are set up right (nearly every installed file parses) and the rules ran on what they parsed.
      expect(linted).toBeGreaterThanOrEqual(sampled * 0.9);
      expect(findings).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
