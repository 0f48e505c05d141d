/**
 * The whole migration on a repository-sized generated code base (test/bench/corpus.ts `writeRepositoryCorpus`:
 * 800 files of 100–800 lines, TypeScript and JavaScript, ESM and CommonJS, written to a temporary directory),
 * beside jscodeshift parse+print of the same files in the same process and run.
 *
 * Ours is the CLI itself, in process: `secure-migrate --dry --json --workers 1 <dir>` with all transforms — file
 * discovery and selection, reading, the transforms' pre-filters, parsing, the rules, edits, re-parse of changed
 * output, the cross-file pass, diffs and the JSON report. `--dry` leaves out the git check and the writes; one
 * worker keeps it on one core like the anchor. Untyped is `--no-types`; typed uses the corpus tsconfig (allowJs),
 * and its time includes building the TypeScript program (dropped between rounds).
 *
 * The anchor is jscodeshift's identity transform with its own `tsx` parser (babel): `j(source).toSource()` per
 * file. Ratio = anchor time / our time: above 1 means the migration is faster than jscodeshift merely parsing and
 * printing the code. Targets: untyped ≥ 1×, typed ≥ 0.5×.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import jscodeshift from 'jscodeshift';
import { compare, type CaseResult, type Comparison } from './harness.js';
import { writeRepositoryCorpus } from './corpus.js';
import { main } from '../../src/cli/main.js';
import { clearProgramCache } from '../../src/cli/program.js';

const FILES = 800;
const SEED = 11;
const ROUNDS = 3;
/** A small corpus of another seed that warms every case up (JIT, module loading) before the timed rounds. */
const WARMUP_FILES = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

type Figures = Record<string, number | string>;
type Pass = (dir: string, files: readonly string[]) => Promise<Figures>;

/** jscodeshift parse+print of every file (sources read inside the pass, as a jscodeshift run reads them). */
const anchor: Pass = async (_dir, files) => {
  const j = jscodeshift.withParser('tsx');
  let reprinted = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (j(source).toSource() !== source) reprinted++;
  }
  return { reprinted };
};

/** The CLI over the directory, in process, one worker, `--dry --json`. */
const cli =
  (typed: boolean): Pass =>
  async (dir) => {
    clearProgramCache();
    let out = '';
    const args = ['--dry', '--json', '--workers', '1', ...(typed ? [] : ['--no-types']), dir];
    const exitCode = await main(args, {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: () => true },
      cwd: dir,
    });
    const report = JSON.parse(out) as { totals: Record<string, number> };
    const { scanned, changed, skipped, failed, rewritten, todos } = report.totals;
    return { exitCode, scanned, changed, skipped, failed, rewritten, todos } as Figures;
  };

export default {
  title: `Codemods: the whole migration on a ${FILES}-file generated repository vs jscodeshift parse+print (tsx parser)`,
  async run(): Promise<Comparison[]> {
    const root = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-codemod-bench-'));
    try {
      const nodeModules = path.resolve('node_modules');
      const dir = path.join(root, 'repository');
      const corpus = writeRepositoryCorpus(dir, { files: FILES, seed: SEED, nodeModules });
      const warmDir = path.join(root, 'warm-up');
      const warm = writeRepositoryCorpus(warmDir, { files: WARMUP_FILES, seed: SEED + 1, nodeModules });
      const files = corpus.files;
      const describe = `${files.length} files, ${corpus.lines.toLocaleString('en-US')} lines (${Object.entries(
        corpus.extensions,
      )
        .map(([ext, n]) => `${n} ${ext}`)
        .join(', ')}; ${corpus.planted} with planted sites)`;
      console.log(`  corpus: ${describe}`);

      const passes: Record<string, Pass> = {
        'jscodeshift j(src).toSource(), tsx parser': anchor,
        'secure-migrate --dry, all transforms, --no-types': cli(false),
        'secure-migrate --dry, all transforms, typed (program built)': cli(true),
      };
      const names = Object.keys(passes);
      for (const name of names) await passes[name]!(warmDir, warm.files);
      const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
      const figures: Record<string, Figures> = {};
      for (let r = 0; r < ROUNDS; r++) {
        for (const name of r % 2 ? [...names].reverse() : names) {
          const start = performance.now();
          figures[name] = await passes[name]!(dir, files);
          const ms = performance.now() - start;
          times[name]!.push(ms);
          console.log(`    round ${r + 1}: ${name}: ${(ms / 1000).toFixed(1)} s`);
        }
      }
      const result = (name: string): CaseResult => {
        const ms = median(times[name]!);
        return {
          name,
          opsPerSec: (files.length * 1000) / ms,
          min: (files.length * 1000) / Math.max(...times[name]!),
          max: (files.length * 1000) / Math.min(...times[name]!),
          rounds: ROUNDS,
          extra: {
            ms: Math.round(ms),
            linesPerSec: Math.round((corpus.lines * 1000) / ms),
            files: files.length,
            lines: corpus.lines,
            ...figures[name],
          },
        };
      };
      const [anchorName, untypedName, typedName] = names as [string, string, string];
      return [
        compare(`untyped, files/s (${describe})`, result(untypedName), result(anchorName), '≥ 1×'),
        compare(`typed, program build included, files/s`, result(typedName), result(anchorName), '≥ 0.5×'),
      ];
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
