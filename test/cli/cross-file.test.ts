import type { Report } from '../../src/cli/report.js';
import { makeProject, read, removeProject, runInProcess } from './helpers.js';

const FILES = {
  'src/db.ts': `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
`,
  'src/session.ts': `import { redis } from './db.js';

export async function saveSession(id: string, accessToken: string) {
  await redis.set(\`session:\${id}\`, accessToken);
}

export async function loadSession(id: string) {
  return redis.get(\`session:\${id}\`);
}
`,
  'src/injected.ts': `import type { Redis } from 'ioredis';

export class Tokens {
  constructor(private readonly cache: Redis) {}

  async save(id: string, refreshToken: string) {
    await this.cache.set(\`refresh:\${id}\`, refreshToken);
  }

  async load(id: string) {
    return await this.cache.get(\`refresh:\${id}\`);
  }
}
`,
};

describe('encrypt-cache across files (registry transforms, in-process)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('wraps an imported client where it is created and leaves the importer as it is', async () => {
    const result = await runInProcess(['--json', '--no-package-json', '-t', 'encrypt-cache'], dir, null);
    expect(result.code).toBe(0);
    expect(read(dir, 'src/db.ts')).toBe(`import Redis from 'ioredis';
import { secureCache } from '@secure-migrate/runtime';

export const redis = secureCache(new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'));
`);
    expect(read(dir, 'src/session.ts')).toBe(FILES['src/session.ts']);
    const report = JSON.parse(result.stdout) as Report;
    const session = report.files.find((f) => f.path === 'src/session.ts');
    expect(session?.status).toBe('unchanged');
    expect(session?.sites).toEqual([
      expect.objectContaining({
        rule: 'no-plaintext-cache-write',
        action: 'rewritten',
        reason: expect.stringContaining('wrapped in secureCache(...) where it is created (src/db.ts:3)'),
      }),
    ]);
    // A client that arrives by injection falls back to encrypting the write and decrypting the read.
    const injected = read(dir, 'src/injected.ts');
    expect(injected).toContain('encryptForCache(refreshToken, { context: `refresh:${id}` })');
    expect(injected).toContain('decryptFromCache<typeof value>(value, { context: `refresh:${id}` })');
  });

  it('changes nothing on a second run', async () => {
    const before = Object.keys(FILES).map((f) => read(dir, f));
    const again = await runInProcess(
      ['--json', '--force', '--no-package-json', '-t', 'encrypt-cache'],
      dir,
      null,
    );
    expect((JSON.parse(again.stdout) as Report).totals.changed).toBe(0);
    expect(Object.keys(FILES).map((f) => read(dir, f))).toEqual(before);
  });
});
