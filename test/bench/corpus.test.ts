import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { writeCorpus } from './corpus.js';

describe('writeCorpus', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-migrate-corpus-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const snapshot = (dir: string, files: string[]) =>
    files.map((file) => [relative(dir, file), readFileSync(file, 'utf8')] as const);

  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    const first = snapshot(a, writeCorpus(a, 40, 7));
    expect(first).toHaveLength(40);
    expect(snapshot(b, writeCorpus(b, 40, 7))).toEqual(first);
    expect(snapshot(c, writeCorpus(c, 40, 8))).not.toEqual(first);
    expect(readFileSync(join(a, 'tsconfig.json'), 'utf8')).toContain('"include"');
  });

  it('writes parseable TypeScript of every kind, with logging, cache calls and dictionary building', () => {
    const dir = tempDir();
    const files = writeCorpus(dir, 44, 3);
    const kinds = new Set(files.map((f) => relative(join(dir, 'src'), f).split('/')[0]));
    expect([...kinds].sort()).toEqual([
      'config',
      'controllers',
      'middleware',
      'repositories',
      'routes',
      'services',
      'utils',
    ]);
    const text = files.map((f) => readFileSync(f, 'utf8'));
    for (const [i, code] of text.entries())
      expect(() => parse(code, { filePath: files[i] }), files[i]).not.toThrow();
    const all = text.join('\n');
    expect(all).toMatch(/logger\.(info|warn|debug)\(/);
    expect(all).toMatch(/redis\.set\(/);
    expect(all).toMatch(/counts\[\w+\] = /);
  });
});
