/**
 * Codemod throughput in files per second: the three secure-migrate transforms (one lint pass per file, text edits,
 * re-parse of changed output) beside a jscodeshift identity transform (`j(src).toSource()`, parser `ts`/`tsx` per
 * file) on the same generated corpus (written to a temporary directory), in the same process and run. The
 * transformed output is not written.
 *
 * Target: ours ≥ 0.5× the identity transform with type information off. Typed mode (a TypeScript program from
 * the corpus tsconfig) is reported for information.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import jscodeshift from 'jscodeshift';
import { compare, type CaseResult, type Comparison } from './harness.js';
import { writeCorpus } from './corpus.js';
import { TRANSFORMS } from '../../codemods/registry.js';
import { processFile } from '../../src/cli/process-file.js';
import { loadProgram } from '../../src/cli/program.js';

const FILES = 300;
const ROUNDS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

type Pass = () => Record<string, number | string>;

/**
 * Runs every pass over the corpus ROUNDS times, interleaved round by round (after one warm-up pass each), and
 * reports files per second.
 */
function filesPerSecond(files: readonly string[], passes: Record<string, Pass>): CaseResult[] {
  const names = Object.keys(passes);
  for (const name of names) passes[name]!();
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const extras: Record<string, Record<string, number | string>> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) {
      const start = performance.now();
      extras[name] = passes[name]!();
      rates[name]!.push((files.length * 1000) / (performance.now() - start));
    }
  }
  return names.map((name) => {
    const xs = rates[name]!;
    return {
      name,
      opsPerSec: median(xs),
      min: Math.min(...xs),
      max: Math.max(...xs),
      rounds: ROUNDS,
      extra: extras[name]!,
    };
  });
}

export default {
  title: `Codemods: files/second over a ${FILES}-file generated corpus (ours vs jscodeshift identity)`,
  async run(): Promise<Comparison[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-codemod-bench-'));
    try {
      const nodeModules = path.resolve('node_modules');
      const files = writeCorpus(dir, FILES, 7, { nodeModules });
      const sources = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

      const identity = (): Record<string, number | string> => {
        let changed = 0;
        for (const file of files) {
          const j = jscodeshift.withParser(file.endsWith('.tsx') ? 'tsx' : 'ts');
          const source = sources.get(file)!;
          if (j(source).toSource() !== source) changed++;
        }
        return { reprinted: changed };
      };
      const ours = (tsconfig?: string) => (): Record<string, number | string> => {
        let changed = 0;
        let rewritten = 0;
        let todos = 0;
        for (const file of files) {
          const outcome = processFile(file, TRANSFORMS, {
            checkOnly: false,
            ...(tsconfig ? { tsconfig } : {}),
          });
          if (outcome.status === 'changed') changed++;
          for (const site of outcome.sites) {
            if (site.action === 'rewritten') rewritten++;
            else if (site.action === 'todo') todos++;
          }
        }
        return { changed, rewritten, todos };
      };

      const tsconfig = path.join(dir, 'tsconfig.json');
      const programStart = performance.now();
      loadProgram(tsconfig);
      const programMs = performance.now() - programStart;
      const [anchor, untyped, typed] = filesPerSecond(files, {
        'jscodeshift identity (j(src).toSource())': identity,
        'secure-migrate, 3 transforms, no type information': ours(),
        'secure-migrate, 3 transforms, typed (program built once)': ours(tsconfig),
      }) as [CaseResult, CaseResult, CaseResult];
      typed.extra = { ...typed.extra, programMs: Math.round(programMs) };
      return [
        compare('untyped: files/s', untyped, anchor, '≥ 0.5×'),
        compare('typed (for information): files/s', typed, anchor),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
