/**
 * Rule docs stay true: eslint-doc-generator `--check` passes (headers, options lists and the README rules list are
 * current), and every ❌ example reports its rule while every ✅ example does not, linted with the real ESLint class
 * with and without type information.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { ensureBuilt } from '../cli/build.js';
import { NAMESPACE, ruleIds, rulesConfig } from './lint.js';
import { extractExamples, type Example } from './markdown.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docPath = (id: string) => join(root, 'docs', 'rules', `${id}.md`);

describe('eslint-doc-generator', () => {
  it('finds the generated parts of the rule docs and README current (--check)', () => {
    // The generator loads the plugin from package.json's entry (dist/src/index.js): build it from the sources first.
    ensureBuilt();
    const bin = join(root, 'node_modules', 'eslint-doc-generator', 'dist', 'bin', 'eslint-doc-generator.js');
    const check = spawnSync(process.execPath, [bin, '--check'], { cwd: root, encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  }, 120_000);
});

describe('rule doc links', () => {
  it.each(ruleIds())('every relative link in docs/rules/%s.md points to an existing file', (id) => {
    const text = readFileSync(docPath(id), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(root, 'docs', 'rules', target)))).toEqual([]);
  });
});

describe('rule doc examples', () => {
  let dir: string;
  const examples: { rule: string; index: number; example: Example; file: string }[] = [];
  const reports = new Map<string, { untyped: string[]; typed: string[] }>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secure-migrate-doc-examples-'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    for (const rule of ruleIds()) {
      extractExamples(readFileSync(docPath(rule), 'utf8')).forEach((example, index) => {
        const file = `${rule}-${index}.ts`;
        writeFileSync(join(dir, file), example.code);
        examples.push({ rule, index, example, file });
      });
    }
    for (const mode of ['untyped', 'typed'] as const) {
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [rulesConfig(ruleIds(), mode === 'typed' ? dir : undefined)],
      });
      for (const result of await eslint.lintFiles(examples.map((e) => e.file))) {
        const file = result.filePath.slice(dir.length + 1);
        const entry = reports.get(file) ?? { untyped: [], typed: [] };
        entry[mode] = result.messages.map((m) =>
          m.fatal ? `fatal: ${m.message}` : `${m.ruleId}:${m.line}: ${m.message}`,
        );
        reports.set(file, entry);
      }
    }
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every rule doc has ❌ and ✅ examples', () => {
    for (const rule of ruleIds()) {
      const kinds = new Set(examples.filter((e) => e.rule === rule).map((e) => e.example.kind));
      expect([...kinds].sort(), rule).toEqual(['correct', 'incorrect']);
    }
  });

  it('every ❌ example reports its rule, every ✅ example does not', () => {
    const problems: string[] = [];
    for (const { rule, example, file } of examples) {
      const where = `docs/rules/${rule}.md:${example.line} (${example.kind})`;
      for (const mode of ['untyped', 'typed'] as const) {
        const messages = reports.get(file)?.[mode] ?? [];
        const fatal = messages.filter((m) => m.startsWith('fatal:'));
        const own = messages.filter((m) => m.startsWith(`${NAMESPACE}/${rule}:`));
        if (fatal.length) problems.push(`${where} ${mode}: ${fatal.join('; ')}`);
        if (example.kind === 'correct' && own.length)
          problems.push(`${where} ${mode} reports: ${own.join('; ')}`);
        const mustReport = mode === 'typed' || !example.typedOnly;
        if (example.kind === 'incorrect' && mustReport && own.length === 0)
          problems.push(`${where} ${mode}: no report`);
      }
    }
    expect(problems).toEqual([]);
  });
});
