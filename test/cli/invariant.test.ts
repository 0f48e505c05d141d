/**
 * What `check` lists and what the migration reports are the same sites: every finding of `check` appears in the
 * migration's report as rewritten, left with a TODO, or left alone with a stated reason, and the migration adds
 * no site `check` did not list (a cache client wrapped where it is created, for its importers' writes, is counted
 * apart). Run on the example app of the demo, with and without type information.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/cli/report.js';
import { ROOT, runInProcess } from './helpers.js';

let dir = '';
beforeAll(() => {
  // Inside the repository (an ignored folder), so the app's imports resolve to the installed packages.
  const parent = path.join(ROOT, '.secure-migrate-demo');
  mkdirSync(parent, { recursive: true });
  dir = path.join(mkdtempSync(path.join(parent, 'invariant-')), 'example-app');
  cpSync(path.join(ROOT, 'docs', 'example-app'), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'app');
});
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

function key(file: string, site: { rule: string; line: number; column: number }): string {
  return `${file}:${site.line}:${site.column} ${site.rule}`;
}

describe.each([[[] as string[]], [['--no-types']]])('check and the migration agree %j', (extra) => {
  it('every check finding is rewritten, left with a TODO, or left with a stated reason', async () => {
    const check = JSON.parse((await runInProcess(['check', '--json', ...extra], dir, null)).stdout) as Report;
    const migration = JSON.parse(
      (await runInProcess(['--dry', '--json', '--allow-lists-from-types', ...extra], dir, null)).stdout,
    ) as Report;

    const findings = check.files.flatMap((f) => f.sites.map((s) => ({ file: f.path, site: s })));
    const listed = findings.filter(({ site }) => site.action !== 'ignored');
    expect(listed.length).toBeGreaterThanOrEqual(7);

    const migrated = new Map(
      migration.files.flatMap((f) => f.sites.filter((s) => !s.construction).map((s) => [key(f.path, s), s])),
    );
    for (const { file, site } of findings) {
      const outcome = migrated.get(key(file, site));
      expect(outcome, key(file, site)).toBeDefined();
      expect(['rewritten', 'todo', 'ignored']).toContain(outcome!.action);
      expect(outcome!.reason.length, key(file, site)).toBeGreaterThan(10);
      // check says in advance what the migration does with each site.
      expect(outcome!.action, key(file, site)).toBe(site.action);
    }
    // Nothing else: the migration counts exactly the sites check lists.
    expect(migrated.size).toBe(findings.length);
    expect(migration.totals.rewritten + migration.totals.todos).toBe(listed.length);
    expect(migration.totals.ignored).toBe(findings.length - listed.length);
  }, 120_000);
});
