/**
 * The CLI's reports of hardcoded-credentials: every committed value to rotate, redacted, in the summary and in
 * --json; `--refuse-missing-secrets` rewrites `||` fallbacks and says per site that this is the behaviour change.
 */
import { definition } from '../../codemods/hardcoded-credentials.js';
import type { Report } from '../../src/cli/report.js';
import { makeProject, read, removeProject, runInProcess } from './helpers.js';

const CONFIG = `export const config = {
  sessionSecret: process.env.SESSION_SECRET || 'keyboard cat',
  apiToken: process.env.API_TOKEN ?? 'dev-token-1234',
  db: { user: 'app', password: 'hunter2-but-longer' },
};
`;
const VALUES = ['keyboard cat', 'dev-token-1234', 'hunter2-but-longer'];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeProject));
function project(): string {
  const dir = makeProject({ 'src/config.ts': CONFIG, 'package.json': '{ "name": "app" }\n' });
  dirs.push(dir);
  return dir;
}

describe('hardcoded-credentials in the CLI reports', () => {
  it('by default changes nothing at run time and lists every committed value to rotate, redacted', async () => {
    const dir = project();
    const run = await runInProcess(['--no-types', '--no-package-json'], dir, [definition]);
    expect(run.code).toBe(0);
    expect(read(dir, 'src/config.ts')).not.toContain('getSecret(');
    const section = run.stdout.slice(run.stdout.indexOf('Committed secrets to rotate'));
    expect(section.split('\n').slice(1, 4)).toEqual([
      '  src/config.ts:2  SESSION_SECRET  fallback of process.env.SESSION_SECRET  ke…(12 chars)  (TODO)',
      '  src/config.ts:3  API_TOKEN  fallback of process.env.API_TOKEN  de…(14 chars)  (TODO)',
      '  src/config.ts:4  password  hard-coded credential  hun…(18 chars)  (TODO)',
    ]);
    // The values themselves are only in the TODO-marked source, never in the summary's list.
    for (const value of VALUES) expect(section).not.toContain(value);

    const json = await runInProcess(['--no-types', '--no-package-json', '--json', '--force', '--dry'], dir, [
      definition,
    ]);
    const report = JSON.parse(json.stdout) as Report;
    const secrets = report.files.flatMap((f) => f.sites.map((s) => s.secret));
    expect(secrets).toEqual([
      { name: 'SESSION_SECRET', kind: 'fallback of process.env.SESSION_SECRET', redacted: 'ke…(12 chars)' },
      { name: 'API_TOKEN', kind: 'fallback of process.env.API_TOKEN', redacted: 'de…(14 chars)' },
      { name: 'password', kind: 'hard-coded credential', redacted: 'hun…(18 chars)' },
    ]);
  });

  it('--refuse-missing-secrets rewrites the || fallback and says per site that it is the behaviour change', async () => {
    const dir = project();
    const run = await runInProcess(
      ['--no-types', '--no-package-json', '--refuse-missing-secrets', '--json'],
      dir,
      [definition],
    );
    expect(run.code).toBe(0);
    const out = read(dir, 'src/config.ts');
    expect(out).toContain("import { getSecret } from '@secure-migrate/runtime';");
    expect(out).toContain(
      "sessionSecret: getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' }),",
    );
    expect(out).toContain("apiToken: process.env.API_TOKEN ?? 'dev-token-1234',");
    const report = JSON.parse(run.stdout) as Report;
    const sites = report.files.flatMap((f) => f.sites);
    expect(sites.map((s) => s.action)).toEqual(['rewritten', 'todo', 'todo']);
    expect(sites[0]!.reason).toContain(
      "rewritten to getSecret('SESSION_SECRET'): behaviour change (--refuse-missing-secrets)",
    );
    expect(report.totals).toMatchObject({ rewritten: 1, todos: 2 });

    const human = await runInProcess(
      ['--no-types', '--no-package-json', '--refuse-missing-secrets', '--force'],
      project(),
      [definition],
    );
    expect(human.stdout).toMatch(
      /src\/config\.ts:2 {2}SESSION_SECRET {2}fallback of process\.env\.SESSION_SECRET {2}ke…\(12 chars\) {2}rewritten to getSecret\('SESSION_SECRET'\): behaviour change \(--refuse-missing-secrets\): a production process/,
    );
  });
});
