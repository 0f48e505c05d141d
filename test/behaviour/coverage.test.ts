/**
 * The coverage reading the behaviour test relies on: a call that ran is executed, a call in a branch that never
 * ran is not, in plain JavaScript and in TypeScript loaded through tsx (mapped through its source map).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeMappings, executedAt, type RawCoverage } from './coverage.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function covered(file: string, source: string, node: string[]): { coverage: RawCoverage[]; url: string } {
  const dir = mkdtempSync(join(tmpdir(), 'secure-migrate-coverage-'));
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, file), source);
    const coverageDir = join(dir, 'coverage');
    const { NODE_OPTIONS: _options, ...env } = process.env;
    execFileSync(process.execPath, [...node, file], {
      cwd: dir,
      env: { ...env, NODE_V8_COVERAGE: coverageDir },
      stdio: 'ignore',
    });
    const coverage = readdirSync(coverageDir).map(
      (name) => JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as RawCoverage,
    );
    return { coverage, url: pathToFileURL(join(dir, file)).href };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lineAndColumn = (source: string, text: string) => {
  const offset = source.indexOf(text);
  const before = source.slice(0, offset).split('\n');
  return [before.length, before[before.length - 1]!.length] as const;
};

describe('executedAt', () => {
  it('tells a call that ran from one in a branch that never ran (CommonJS)', () => {
    const source = [
      "'use strict';",
      'function record(target, key, value) { target[key] = value; }',
      'function handle(kind, target) {',
      "  if (kind === 'a') record(target, 'ran', 1);",
      "  else record(target, 'never', 2);",
      '}',
      "handle('a', {});",
      '',
    ].join('\n');
    const { coverage, url } = covered('handler.cjs', source, []);
    expect(executedAt(coverage, url, source, ...lineAndColumn(source, "record(target, 'ran'"))).toBe(true);
    expect(executedAt(coverage, url, source, ...lineAndColumn(source, "record(target, 'never'"))).toBe(false);
    expect(executedAt(coverage, `${url}.missing`, source, 4, 0)).toBeUndefined();
  });

  it('maps TypeScript positions through the source map tsx leaves in the coverage', () => {
    const source = [
      'interface Target { [key: string]: unknown }',
      'function record(target: Target, key: string, value: number): void {',
      '  target[key] = value;',
      '}',
      'export function handle(kind: string, target: Target): void {',
      "  if (kind === 'a') {",
      "    record(target, 'ran', 1);",
      '  } else {',
      "    record(target, 'never', 2);",
      '  }',
      '}',
      "handle('a', {});",
      '',
    ].join('\n');
    const { coverage, url } = covered('handler.mts', source, ['--import', 'tsx']);
    expect(coverage.some((process) => process['source-map-cache']?.[url])).toBe(true);
    expect(executedAt(coverage, url, source, ...lineAndColumn(source, "record(target, 'ran'"))).toBe(true);
    expect(executedAt(coverage, url, source, ...lineAndColumn(source, "record(target, 'never'"))).toBe(false);
  });
});

describe('decodeMappings', () => {
  it('decodes base64 VLQ segments into 0-based positions', () => {
    // Generated line 0: column 0 → source line 0 column 0; column 4 → line 1 column 2. Line 1: column 2 → line 2 column 0.
    expect(decodeMappings('AAAA,IACE;EACF')).toEqual([
      { generatedLine: 0, generatedColumn: 0, line: 0, column: 0 },
      { generatedLine: 0, generatedColumn: 4, line: 1, column: 2 },
      { generatedLine: 1, generatedColumn: 2, line: 2, column: 0 },
    ]);
  });
});
