import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { writeCorpus, writeRepositoryCorpus } from './corpus.js';

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

describe('writeRepositoryCorpus', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-migrate-repository-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const read = (dir: string, files: string[]) =>
    files.map((file) => [relative(dir, file), readFileSync(file, 'utf8')] as const);

  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const first = read(a, writeRepositoryCorpus(a, { files: 30, seed: 5 }).files);
    expect(first).toHaveLength(30);
    expect(read(b, writeRepositoryCorpus(b, { files: 30, seed: 5 }).files)).toEqual(first);
    expect(read(c, writeRepositoryCorpus(c, { files: 30, seed: 6 }).files)).not.toEqual(first);
  });

  it('writes parseable files of 100 to 800 lines, TypeScript and JavaScript, ESM and CommonJS', () => {
    const dir = tempDir();
    const corpus = writeRepositoryCorpus(dir, { files: 120, seed: 3 });
    const texts = corpus.files.map((file) => readFileSync(file, 'utf8'));
    const lines = texts.map((text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...lines)).toBeLessThanOrEqual(800);
    expect(corpus.lines).toBe(lines.reduce((n, l) => n + l, 0));
    expect(Object.keys(corpus.extensions).sort()).toEqual(['.cjs', '.js', '.mjs', '.ts']);
    for (const [i, text] of texts.entries()) {
      const file = corpus.files[i]!;
      expect(() => parse(text, { filePath: file, jsx: !file.endsWith('.ts') }), file).not.toThrow();
      const commonjs = file.endsWith('.cjs') || relative(dir, file).startsWith('server/');
      expect(/^(?:import|export) /m.test(text), file).toBe(!commonjs);
    }
    expect(JSON.parse(readFileSync(join(dir, 'server', 'package.json'), 'utf8')).type).toBe('commonjs');
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).compilerOptions.allowJs).toBe(true);
  });

  it('plants sites in a minority of files, of every kind', () => {
    const dir = tempDir();
    const corpus = writeRepositoryCorpus(dir, { files: 200, seed: 9 });
    expect(corpus.planted).toBeGreaterThan(0);
    expect(corpus.planted).toBeLessThan(corpus.files.length / 4);
    const all = corpus.files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(all).toMatch(/logger\.info\(`login attempt for \$\{email\} with \$\{password\}`\)/);
    expect(all).toMatch(/\.set\(`(?:session|token):/);
    expect(all).toMatch(/Object\.assign\(item, (?:req\.body|patch)\)/);
    expect(all).toMatch(/\[(?:req\.body\.field|key)\] = req\.body/);
    expect(all).toMatch(/(?:PAYMENT_KEY|AWS_ACCESS_KEY|dbPassword|jwtSecret|signingSecret)\d+ = /);
  });
});
