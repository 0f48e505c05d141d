import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unifiedDiff } from '../../src/cli/diff.js';
import { excludedReason, shardFiles } from '../../src/cli/files.js';
import { addDependency, packageNameOf } from '../../src/cli/package-json.js';
import { mergeReports, worstExit } from '../../src/cli/report.js';
import { writeFileAtomic } from '../../src/cli/write.js';
import { ProgressBar } from '../../src/cli/progress.js';

describe('atomic writes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file and leaves no temporary file', () => {
    const file = path.join(dir, 'a.ts');
    writeFileSync(file, 'old\n', { mode: 0o640 });
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.ts']);
  });

  it('on failure keeps the old content and removes the temporary file', () => {
    const target = path.join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside.ts'), 'keep\n');
    expect(() => writeFileAtomic(target, 'new\n')).toThrow();
    expect(readFileSync(path.join(target, 'inside.ts'), 'utf8')).toBe('keep\n');
    expect(readdirSync(dir).sort()).toEqual(['a.ts', 'taken']);
  });
});

describe('package.json', () => {
  it('adds the dependency keeping tabs and CRLF, and skips one that is present anywhere', () => {
    const tabs = '{\r\n\t"name": "x",\r\n\t"dependencies": {\r\n\t\t"a": "1"\r\n\t}\r\n}\r\n';
    expect(addDependency(tabs, '@secure-migrate/runtime', '^0.1.0')).toBe(
      '{\r\n\t"name": "x",\r\n\t"dependencies": {\r\n\t\t"a": "1",\r\n\t\t"@secure-migrate/runtime": "^0.1.0"\r\n\t}\r\n}\r\n',
    );
    expect(addDependency('{"peerDependencies":{"r":"1"}}', 'r', '1')).toBeUndefined();
  });

  it('derives the package of a specifier, none for paths', () => {
    expect(packageNameOf('@secure-migrate/runtime/log')).toBe('@secure-migrate/runtime');
    expect(packageNameOf('secure-lib/sub')).toBe('secure-lib');
    expect(packageNameOf('./lib/secure.js')).toBeUndefined();
  });
});

describe('file selection', () => {
  it('never touches generated folders or declaration files', () => {
    expect(excludedReason('node_modules/x/a.ts')).toMatch(/node_modules/);
    expect(excludedReason('packages/a/dist/a.js')).toMatch(/dist/);
    expect(excludedReason('src/types.d.ts')).toMatch(/declaration/);
    expect(excludedReason('src/a.mts')).toBeUndefined();
    expect(excludedReason('src/a.json')).toMatch(/extension/);
  });

  it('splits into stable, disjoint shards that cover every file', () => {
    const files = Array.from({ length: 11 }, (_, i) => `f${i}`);
    const shards = [1, 2, 3, 4].map((i) => shardFiles(files, i, 4));
    expect(shards.flat()).toEqual(files);
    expect(shards.map((s) => s.length)).toEqual([2, 3, 3, 3]);
    expect(shardFiles(files, 2, 4)).toEqual(shards[1]);
  });
});

describe('reports', () => {
  it('orders exit codes by severity', () => {
    expect(worstExit(1, 3)).toBe(3);
    expect(worstExit(3, 2)).toBe(2);
    expect(worstExit(0, 1)).toBe(1);
  });

  it('refuses to merge what is not a report', () => {
    expect(() => mergeReports([{ hello: 1 }])).toThrow(/Not a secure-migrate JSON report/);
  });

  it('writes git-style diffs, including a missing final newline', () => {
    const diff = unifiedDiff('src/a.ts', 'a\nb', 'a\nc');
    expect(diff).toBe(
      'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
  });
});

describe('progress bar', () => {
  it('draws on a terminal stream only, and clears its line at the end', () => {
    let tty = '';
    const bar = new ProgressBar({ write: (t: string) => (tty += t), isTTY: true, columns: 80 }, 2, true);
    bar.tick();
    bar.tick();
    bar.finish();
    expect(tty).toContain('2/2 files');
    expect(tty.endsWith('\r\x1b[2K')).toBe(true);

    let pipe = '';
    const quiet = new ProgressBar({ write: (t: string) => (pipe += t), isTTY: false }, 2, true);
    quiet.tick(2);
    quiet.finish();
    expect(pipe).toBe('');

    let disabled = '';
    const off = new ProgressBar({ write: (t: string) => (disabled += t), isTTY: true }, 1, false);
    off.tick();
    off.finish();
    expect(disabled).toBe('');
  });
});
