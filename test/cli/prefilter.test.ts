/**
 * The CLI skips files a transform cannot apply to by a cheap look at their text. That look must not skip a file the
 * rule reports in: promisified `…Async` writes and a project wrapper's `setValue` are cache writes the rule reports,
 * so `check` and the migration must see them too.
 */
import { makeProject, read, removeProject, runInProcess } from './helpers.js';

const FILES = {
  'package.json': '{ "name": "prefilter", "private": true }\n',
  'src/async.ts': `import redis from './redis';

export async function keep(id: string, refreshToken: string) {
  await redis.setAsync(\`refresh:\${id}\`, refreshToken);
}
`,
  'src/wrapper.ts': `import { redisHelper } from './helper';

export async function save(id: string, accessToken: string) {
  await redisHelper.setValue(\`token:\${id}\`, accessToken);
}
`,
};

describe('the CLI does not skip cache writes the rule reports', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('check lists a promisified …Async write and a wrapper method write', async () => {
    const run = await runInProcess(['check', '--no-types', '--json', '-t', 'encrypt-cache'], dir, null);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; sites: { rule: string; line: number }[] }[];
    };
    const found = report.files.flatMap((f) => f.sites.map((s) => `${f.path}:${s.line} ${s.rule}`)).sort();
    expect(found).toEqual([
      'src/async.ts:4 no-plaintext-cache-write',
      'src/wrapper.ts:4 no-plaintext-cache-write',
    ]);
    expect(run.code).toBe(1);
  });

  it('the migration leaves a TODO at each (their reads cannot be matched at the call site)', async () => {
    const run = await runInProcess(
      ['--no-types', '--force', '--no-package-json', '-t', 'encrypt-cache'],
      dir,
      null,
    );
    expect(run.code, run.stderr).toBe(0);
    for (const file of ['src/async.ts', 'src/wrapper.ts']) {
      const text = read(dir, file);
      expect(text).toContain('// secure-migrate: TODO (no-plaintext-cache-write)');
      expect(text).not.toContain('encryptForCache');
    }
  });
});
