import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { TRANSFORMS } from '../../codemods/registry.js';
import { runRules } from '../../codemods/lib/engine.js';
import type { Transform } from '../../codemods/lib/transform.js';
import { fixturesOf, programFor, type Fixture } from './fixtures.js';

async function loadTransform(name: string): Promise<Transform> {
  const mod = (await import(`../../codemods/${name}.ts`)) as {
    default: Transform;
    parser: { parse: unknown };
  };
  expect(typeof mod.parser.parse).toBe('function');
  return mod.default;
}

/**
 * Where a fixture is said to live. The fixtures sit in this repository's test/ folder, which makes them test
 * files to rules that treat test files differently; `asSourceFile` names them as files of an application's src/.
 */
function pathOf(fixture: Fixture, asSourceFile: boolean): string {
  return asSourceFile
    ? path.join(path.parse(fixture.inputPath).root, 'app', 'src', path.basename(fixture.inputPath))
    : fixture.inputPath;
}

/** Runs a transform as the CLI does: untyped through the jscodeshift entry point, typed through the engine. */
function apply(fixture: Fixture, transform: Transform, source: string, asSourceFile: boolean): string {
  if (!fixture.typed) return transform({ path: pathOf(fixture, asSourceFile), source }, {}, {}) ?? source;
  const definition = TRANSFORMS.find((t) => t.name === fixture.transform)!;
  return runRules({
    filePath: fixture.inputPath,
    source,
    rules: definition.entries(),
    program: programFor(fixture.inputPath, source),
  }).output;
}

/**
 * The fixture suite every transform's test runs: each `<name>.input.<ext>` becomes `<name>.output.<ext>`, a second
 * run changes nothing, and linting the result finds only sites that carry a TODO.
 */
export function describeFixtures(
  name: string,
  { asSourceFile = false }: { asSourceFile?: boolean } = {},
): void {
  const definition = TRANSFORMS.find((t) => t.name === name);
  if (!definition) throw new Error(`No transform named ${name} in codemods/registry.ts`);
  describe(`${definition.name} fixtures`, () => {
    const fixtures = fixturesOf(definition.name);

    it('has fixtures, including cases that must be left alone', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(3);
      expect(fixtures.some((f) => f.input === f.output)).toBe(true);
    });

    for (const fixture of fixtures) {
      it(`${fixture.name}: output, idempotence, and only TODO sites left`, async () => {
        const transform = await loadTransform(definition.name);
        const output = apply(fixture, transform, fixture.input, asSourceFile);
        // `UPDATE_FIXTURES=1 npx vitest run test/codemods` rewrites the .output files (review the diff!).
        if (process.env.UPDATE_FIXTURES === '1') writeFileSync(fixture.outputPath, output);
        else expect(output).toBe(fixture.output);
        // A second run changes nothing.
        expect(apply(fixture, transform, output, asSourceFile)).toBe(output);
        // Linting the result finds only sites that carry a TODO (or are ignored).
        const after = runRules({
          filePath: fixture.typed ? fixture.inputPath : pathOf(fixture, asSourceFile),
          source: output,
          rules: definition.entries(),
          ...(fixture.typed ? { program: programFor(fixture.inputPath, output) } : {}),
        });
        expect(after.sites.filter((s) => s.action === 'rewritten')).toEqual([]);
        // A TODO left beside a rewrite (a decision still open, e.g. an allow list) marks no remaining site.
        const todoLines = output
          .split('\n')
          .filter(
            (line) => line.includes('secure-migrate: TODO') && !/TODO \([^)]*\) Decide /.test(line),
          ).length;
        expect(after.sites.filter((s) => s.action === 'todo').length).toBe(todoLines);
        expect(after.sites.filter((s) => s.action === 'todo').every((s) => s.marked)).toBe(true);
        // Every name the rewrite uses resolves (an inserted helper call is always imported).
        if (/\.[mc]?tsx?$/.test(fixture.outputPath)) {
          const program = programFor(fixture.inputPath, output);
          const unresolved = program
            .getSemanticDiagnostics(program.getSourceFile(fixture.inputPath))
            .filter((d) => d.code === 2304 || d.code === 2552)
            .map((d) => (typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText));
          expect(unresolved).toEqual([]);
        }
      });
    }
  });
}
