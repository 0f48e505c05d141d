/**
 * encrypt-cache's project pass on the ways a client reaches its writes: `require` and `module.exports`, a default
 * export re-exported under another name, a class field assigned in the constructor, `?? new Redis()` behind a global
 * copy, `@InjectRedis()` from a package, a reader that receives the client as a parameter (every reader, or none),
 * and a Lua script on the encrypted keys. One CLI run over one project; each case uses its own key prefix.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { mergeReports, type Report } from '../../src/cli/report.js';
import { makeProject, read, removeProject, ROOT } from '../cli/helpers.js';
import { joined, migrateProject } from './project-fixtures.js';

const FILES = {
  'package.json': '{ "name": "forms", "private": true }\n',
  // require / module.exports (CommonJS JavaScript).
  'src/cjs/db.js': `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

module.exports = { redis };
`,
  'src/cjs/tokens.js': `const { redis } = require('./db');

async function saveToken(id, accessToken) {
  await redis.set(\`token:\${id}\`, accessToken);
}

module.exports = { saveToken };
`,
  // An in-process Map under the same keys is not a cache client: it does not block the wrap.
  'src/cjs/memo.js': `const tokenCache = new Map();

function remembered(id) {
  return tokenCache.get(\`token:\${id}\`);
}

module.exports = { remembered };
`,
  // export default, re-exported under another name.
  'src/default/client.ts': `import Redis from 'ioredis';

export default new Redis();
`,
  'src/default/index.ts': `export { default as cache } from './client';
`,
  'src/default/use.ts': `import { cache } from './index';

export async function keepRefresh(id: string, refreshToken: string) {
  await cache.set(\`refresh:\${id}\`, refreshToken);
}
`,
  // A class field assigned in the constructor.
  'src/store.ts': `import { createClient } from 'redis';

export class OAuthStore {
  private client: ReturnType<typeof createClient>;

  constructor() {
    this.client = createClient();
  }

  async save(id: string, clientSecret: string) {
    await this.client.set(\`oauth:\${id}\`, clientSecret);
  }
}
`,
  // A copy kept on a global (hot reload) or a new client.
  'src/global.ts': `import Redis from 'ioredis';

export const kv = (globalThis as { kv?: Redis }).kv ?? new Redis();
`,
  'src/global-use.ts': `import { kv } from './global';

export async function savePassword(id: string, password: string) {
  await kv.set(\`pw:\${id}\`, password);
}
`,
  // A client a package creates (@InjectRedis), read by two services.
  'src/nest/sessions.service.ts': `import { InjectRedis } from '@nestjs-modules/ioredis';
import type Redis from 'ioredis';

export class SessionsService {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async save(id: string, sessionToken: string) {
    await this.redis.set(\`session:\${id}\`, sessionToken);
  }
}
`,
  'src/nest/audit.service.ts': `import { InjectRedis } from '@nestjs-modules/ioredis';
import type Redis from 'ioredis';

export class AuditService {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async sessionOf(id: string) {
    return this.redis.get(\`session:\${id}\`);
  }
}
`,
  // Every reader, or none: one reader gets the client as a parameter.
  'src/aon/db.ts': `import Redis from 'ioredis';

export const redis = new Redis();
`,
  'src/aon/write.ts': `import { redis } from './db';

export async function saveOtp(id: string, otpSecret: string) {
  await redis.set(\`mfa:\${id}\`, otpSecret);
}
`,
  'src/aon/read.ts': `import type Redis from 'ioredis';

export async function readOtp(client: Redis, id: string) {
  return client.get(\`mfa:\${id}\`);
}
`,
  // A Lua script on the encrypted keys cannot work on ciphertext.
  'src/lua.ts': `import Redis from 'ioredis';

const redis = new Redis();

export async function savePkce(id: string, codeVerifier: string) {
  await redis.set(\`pkce:\${id}\`, codeVerifier);
  await redis.eval("return redis.call('GET', KEYS[1])", 1, \`pkce:\${id}\`);
}
`,
  // A secret in the key: encrypting values would not hide it, so the client is not wrapped for it.
  'src/reset.ts': `import Redis from 'ioredis';

const redis = new Redis();

export async function rememberReset(resetToken: string, userId: string) {
  await redis.set(\`password_reset:\${resetToken}\`, userId);
}
`,
};

describe('encrypt-cache project pass: how clients reach their writes', () => {
  const dir = makeProject(FILES);
  // The packages' types, as in a real project (the receivers are recognised by their types too).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  let report: Report;
  afterAll(() => removeProject(dir));

  beforeAll(async () => {
    report = await migrateProject(dir, 'encrypt-cache');
  }, 300_000);

  it('require and module.exports: wrapped in the module that makes it, with require; a Map under the same keys is no reader', () => {
    expect(read(dir, 'src/cjs/db.js')).toContain(
      'const redis = secureCache(new Redis(process.env.REDIS_URL));',
    );
    expect(read(dir, 'src/cjs/db.js')).toContain("require('@secure-migrate/runtime')");
    expect(read(dir, 'src/cjs/tokens.js')).toBe(FILES['src/cjs/tokens.js']);
    expect(read(dir, 'src/cjs/memo.js')).toBe(FILES['src/cjs/memo.js']);
  });

  it('a default export re-exported under another name: wrapped where it is made', () => {
    expect(read(dir, 'src/default/client.ts')).toContain('export default secureCache(new Redis());');
    expect(read(dir, 'src/default/use.ts')).toBe(FILES['src/default/use.ts']);
  });

  it('a class field assigned in the constructor: wrapped once', () => {
    const store = read(dir, 'src/store.ts');
    expect(store).toContain('this.client = secureCache(createClient());');
    expect(store.match(/secureCache\(/g)).toHaveLength(1);
  });

  it('?? with a copy kept on a global: the constructing operand is wrapped', () => {
    expect(read(dir, 'src/global.ts')).toContain(
      'export const kv = (globalThis as { kv?: Redis }).kv ?? secureCache(new Redis());',
    );
  });

  it('@InjectRedis() read by another service: TODOs that say where the client is made', () => {
    for (const file of ['src/nest/sessions.service.ts']) {
      const text = joined(read(dir, file));
      expect(text).toContain('secure-migrate: TODO (no-plaintext-cache-write)');
      expect(text).toContain('@InjectRedis()');
      expect(text).toContain('provide the client yourself');
      expect(text).not.toContain('encryptForCache');
    }
    expect(report.cache?.blockedPrefixes).toContain('session:');
  });

  it('every reader, or none: a reader that receives the client as a parameter blocks the wrap, with TODOs naming it', () => {
    const db = joined(read(dir, 'src/aon/db.ts'));
    expect(db).toContain('export const redis = new Redis();');
    expect(db).toMatch(/secure-migrate: TODO \(encrypt-cache-client\).*mfa:\*.*readOtp/);
    expect(joined(read(dir, 'src/aon/write.ts'))).toMatch(
      /secure-migrate: TODO \(no-plaintext-cache-write\).*Every reader of mfa:\*.*src\/aon\/db\.ts:3.*src\/aon\/read\.ts:4/,
    );
    expect(read(dir, 'src/aon/read.ts')).toBe(FILES['src/aon/read.ts']);
  });

  it('a Lua script on the encrypted keys blocks the wrap', () => {
    const lua = joined(read(dir, 'src/lua.ts'));
    expect(lua).toContain('const redis = new Redis();');
    expect(lua).toMatch(/TODO.*eval\(\) at src\/lua\.ts:7 works on the stored bytes of pkce: keys/);
  });

  it('a secret in a key: no client wrapped for it, and a TODO about hashing the key in the write and every read', () => {
    const reset = joined(read(dir, 'src/reset.ts'));
    expect(reset).toContain('const redis = new Redis();');
    expect(reset).not.toContain('secureCache');
    expect(reset).toMatch(
      /secure-migrate: TODO \(no-plaintext-cache-write\) resetToken is part of a cache key\. Encrypting values does not hide a key\. Decide whether to key these entries by a hash of the secret/,
    );
    expect(report.cache?.prefixes).not.toContain('password_reset:');
  });

  it('reports the prefixes encrypted, the clients and the rollout order', () => {
    expect(report.cache?.prefixes).toEqual(['oauth:', 'pw:', 'refresh:', 'token:']);
    expect(report.cache?.blockedPrefixes).toEqual(['mfa:', 'pkce:', 'session:']);
    const wrapped = report.cache?.clients.filter((c) => c.action === 'wrapped').map((c) => c.path);
    expect(wrapped?.sort()).toEqual([
      'src/cjs/db.js',
      'src/default/client.ts',
      'src/global.ts',
      'src/store.ts',
    ]);
    expect(report.cache?.rollout[0]).toContain('oauth:*, pw:*, refresh:*, token:*');
  });

  it('changes nothing on a second run', async () => {
    const before = Object.keys(FILES).map((f) => read(dir, f));
    const again = await migrateProject(dir, 'encrypt-cache');
    expect(again.totals.changed).toBe(0);
    expect(Object.keys(FILES).map((f) => read(dir, f))).toEqual(before);
  }, 300_000);

  it('merge-reports unites the readers sections of shards', () => {
    const shard = (prefix: string, blocked: boolean): Report => ({
      ...report,
      cache: {
        prefixes: blocked ? [] : [prefix],
        blockedPrefixes: blocked ? [prefix] : [],
        clients: [],
        readers: [],
        blocked: blocked
          ? [{ prefixes: [prefix], reasons: ['a reader takes the client as a parameter'] }]
          : [],
        rollout: blocked ? [] : ['deploy readers first'],
      },
    });
    const merged = mergeReports([shard('token:', false), shard('mfa:', true), shard('oauth:', false)]);
    expect(merged.cache?.prefixes).toEqual(['oauth:', 'token:']);
    expect(merged.cache?.blockedPrefixes).toEqual(['mfa:']);
    expect(merged.cache?.blocked).toHaveLength(1);
    expect(merged.cache?.rollout).toEqual(['deploy readers first']);
  });
});
