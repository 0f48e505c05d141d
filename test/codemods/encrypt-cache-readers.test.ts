/**
 * encrypt-cache's project pass on readers that do not name their keys (`scan`/`scanStream`/`keys` then
 * `get`/`mget`), Lua scripts that name the encrypted keys themselves (`eval`, `defineCommand`), ioredis `keyPrefix`
 * (the prefixes grouped and reported are the keys Redis sees), and NestJS providers reached through
 * `CacheModule.registerAsync(...)`, a dynamic module's `forRootAsync({ useFactory })`, `useExisting` and `useClass`,
 * with the real `@nestjs/*` packages' types. One CLI run over one project; each case uses its own key prefix.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { clearProgramCache } from '../../src/cli/program.js';
import { formatSummary, type Report } from '../../src/cli/report.js';
import { makeProject, read, removeProject, ROOT } from '../cli/helpers.js';
import { joined, migrateProject } from './project-fixtures.js';

const FILES = {
  'package.json': '{ "name": "readers", "private": true }\n',
  'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "esModuleInterop": true,
    "experimentalDecorators": true,
    "skipLibCheck": true
  },
  "include": ["src"]
}
`,
  // scan + mget in a sweeper with its own client: a reader of the session: keys.
  'src/scan/db.ts': `import Redis from 'ioredis';

export const redis = new Redis();
`,
  'src/scan/sessions.ts': `import { redis } from './db';

export async function saveSession(id: string, sessionToken: string) {
  await redis.set(\`session:\${id}\`, sessionToken);
}
`,
  'src/scan/sweeper.ts': `import Redis from 'ioredis';

const sweeper = new Redis();

export async function allSessions(): Promise<(string | null)[]> {
  const [, keys] = await sweeper.scan(0, 'MATCH', 'session:*', 'COUNT', 100);
  return keys.length ? sweeper.mget(keys) : [];
}
`,
  // scanStream + get on a third client.
  'src/scan/export.ts': `import Redis from 'ioredis';

const exporter = new Redis();

export async function exportSessions(): Promise<string[]> {
  const values: string[] = [];
  for await (const keys of exporter.scanStream({ match: 'session:*' })) {
    for (const key of keys as string[]) values.push((await exporter.get(key)) ?? '');
  }
  return values;
}
`,
  // A Lua script that reads the encrypted keys itself: it cannot decrypt, so no client of them is wrapped.
  'src/lua/db.ts': `import Redis from 'ioredis';

export const redis = new Redis();
`,
  'src/lua/tokens.ts': `import { redis } from './db';

export async function saveApiKey(id: string, apiKey: string) {
  await redis.set(\`apikey:\${id}\`, apiKey);
}
`,
  'src/lua/audit.ts': `import Redis from 'ioredis';

const auditor = new Redis();

export async function keyLength(id: string) {
  return auditor.eval("return string.len(redis.call('GET', 'apikey:' .. ARGV[1]))", 0, id);
}
`,
  // A script defined with defineCommand and run as a method of the client.
  'src/lua/defined.ts': `import Redis from 'ioredis';

const scripts = new Redis();
scripts.defineCommand('peekOtp', { numberOfKeys: 1, lua: "return redis.call('GET', KEYS[1])" });

export async function saveOtp(id: string, otpSecret: string) {
  await scripts.set(\`otp:\${id}\`, otpSecret);
}

export async function peek(id: string) {
  return (scripts as unknown as { peekOtp(key: string): Promise<string> }).peekOtp(\`otp:\${id}\`);
}
`,
  // keyPrefix: what Redis sees. Two clients with different prefixes do not share keys.
  'src/prefix/app.ts': `import Redis from 'ioredis';

const app = new Redis({ keyPrefix: 'app:' });

export async function saveRefresh(id: string, refreshToken: string) {
  await app.set(\`refresh:\${id}\`, refreshToken);
}

export async function loadRefresh(id: string) {
  return app.get(\`refresh:\${id}\`);
}
`,
  'src/prefix/other.ts': `import Redis from 'ioredis';

const other = new Redis({ keyPrefix: 'other:' });

export async function countRefresh(id: string) {
  return other.incr(\`refresh:\${id}\`);
}
`,
  // A class the project makes itself, given the client by \`new\`: followed to what is passed.
  'src/ctor/grant-store.ts': `import type Redis from 'ioredis';

export class GrantStore {
  constructor(private readonly redis: Redis) {}

  async save(id: string, authorizationCode: string) {
    await this.redis.set(\`grant:\${id}\`, authorizationCode);
  }
}
`,
  'src/ctor/main.ts': `import Redis from 'ioredis';
import { GrantStore } from './grant-store';

export const grants = new GrantStore(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
`,
  // Two writes in one file whose keys are written the same way (\`cacheKey\`) and a client this run cannot wrap:
  // each read is decrypted once.
  'src/inline/api-tokens.ts': `import type { Cache } from 'cache-manager';

export class ApiTokens {
  constructor(private readonly cache: Cache) {}

  async forUser(userId: string, issue: () => Promise<string>) {
    const cacheKey = \`apitoken:user:\${userId}\`;
    const cached = await this.cache.get<string>(cacheKey);
    if (cached) return cached;
    const apiToken = await issue();
    await this.cache.set(cacheKey, apiToken);
    return apiToken;
  }

  async forTeam(teamId: string, issue: () => Promise<string>) {
    const cacheKey = \`apitoken:team:\${teamId}\`;
    const cached = await this.cache.get<string>(cacheKey);
    if (cached) return cached;
    const apiToken = await issue();
    await this.cache.set(cacheKey, apiToken);
    return apiToken;
  }
}
`,
  // CacheModule.registerAsync with options in a const (an async factory) and with a CacheOptionsFactory class.
  'src/nest/cache.config.ts': `import { createKeyv } from '@keyv/redis';
import type { CacheModuleAsyncOptions } from '@nestjs/cache-manager';

export const cacheConfig: CacheModuleAsyncOptions = {
  isGlobal: true,
  useFactory: async () => ({
    stores: [createKeyv(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')],
  }),
};
`,
  'src/nest/cache-options.service.ts': `import { createKeyv } from '@keyv/redis';
import type { CacheModuleOptions, CacheOptionsFactory } from '@nestjs/cache-manager';
import { Injectable } from '@nestjs/common';

@Injectable()
export class CacheOptionsService implements CacheOptionsFactory {
  createCacheOptions(): CacheModuleOptions {
    return { stores: [createKeyv(process.env.CACHE_URL ?? 'redis://127.0.0.1:6379')] };
  }
}
`,
  'src/nest/app.module.ts': `import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { cacheConfig } from './cache.config';
import { CacheOptionsService } from './cache-options.service';
import { ClientsService } from './clients.service';
import { RedisModule } from './redis.module';

@Module({
  imports: [
    CacheModule.registerAsync(cacheConfig),
    CacheModule.registerAsync({ useClass: CacheOptionsService }),
    RedisModule.forRootAsync({
      useFactory: () => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
    }),
  ],
  providers: [ClientsService],
})
export class AppModule {}

import Redis from 'ioredis';
`,
  'src/nest/clients.service.ts': `import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';

@Injectable()
export class ClientsService {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async save(id: string, clientSecret: string) {
    await this.cache.set(\`client:\${id}\`, clientSecret);
  }
}
`,
  // A dynamic module of the project: the client is made by the factory its caller passes.
  'src/nest/redis.module.ts': `import { Global, Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';

export const REDIS_CLIENT = 'REDIS_CLIENT';

export interface RedisModuleAsyncOptions {
  useFactory: (...args: unknown[]) => Redis | Promise<Redis>;
  inject?: string[];
}

@Global()
@Module({})
export class RedisModule {
  static forRootAsync(options: RedisModuleAsyncOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS_CLIENT, useFactory: options.useFactory, inject: options.inject ?? [] }],
      exports: [REDIS_CLIENT],
    };
  }
}
`,
  'src/nest/alias.module.ts': `import { Module } from '@nestjs/common';
import { REDIS_CLIENT } from './redis.module';
import { SessionStore } from './session.store';

@Module({
  providers: [{ provide: 'SESSIONS', useExisting: REDIS_CLIENT }, SessionStore],
})
export class AliasModule {}
`,
  'src/nest/session.store.ts': `import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

@Injectable()
export class SessionStore {
  constructor(@Inject('SESSIONS') private readonly redis: Redis) {}

  async save(id: string, accessToken: string) {
    await this.redis.set(\`access:\${id}\`, accessToken);
  }
}
`,
  // The project's own @InjectRedis() decorator (not a package's): followed to the token it injects.
  'src/own/redis.ts': `import { Inject, Module } from '@nestjs/common';
import Redis from 'ioredis';

export const PIN_REDIS = 'PIN_REDIS';

export const InjectRedis = (): ParameterDecorator => Inject(PIN_REDIS);

@Module({
  providers: [{ provide: PIN_REDIS, useFactory: () => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') }],
  exports: [PIN_REDIS],
})
export class PinRedisModule {}
`,
  'src/own/pins.service.ts': `import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from './redis';

@Injectable()
export class PinsService {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async save(id: string, pinCode: string) {
    await this.redis.set(\`pin:\${id}\`, pinCode);
  }
}
`,
  // useClass with a client class of the project.
  'src/nest/app-redis.ts': `import Redis from 'ioredis';

export class AppRedis extends Redis {
  constructor() {
    super(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: 'nest:' });
  }
}
`,
  'src/nest/otp.module.ts': `import { Inject, Injectable, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppRedis } from './app-redis';

@Injectable()
export class OtpService {
  constructor(@Inject('OTP_REDIS') private readonly redis: Redis) {}

  async save(id: string, totpSecret: string) {
    await this.redis.set(\`totp:\${id}\`, totpSecret);
  }
}

@Module({
  providers: [{ provide: 'OTP_REDIS', useClass: AppRedis }, OtpService],
})
export class OtpModule {}
`,
};

describe('encrypt-cache project pass: readers through scan and Lua, keyPrefix, NestJS async providers', () => {
  const dir = makeProject(FILES);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  let report: Report;
  afterAll(() => removeProject(dir));

  beforeAll(async () => {
    report = await migrateProject(dir, 'encrypt-cache');
  }, 300_000);

  it('scan + mget and scanStream + get on other clients: readers of session:, wrapped together', () => {
    expect(read(dir, 'src/scan/db.ts')).toContain('export const redis = secureCache(new Redis());');
    expect(read(dir, 'src/scan/sweeper.ts')).toContain('const sweeper = secureCache(new Redis());');
    expect(read(dir, 'src/scan/export.ts')).toContain('const exporter = secureCache(new Redis());');
    const readers = report.cache?.readers.filter((r) => r.prefix === 'session:');
    expect(readers?.map((r) => `${r.path}:${r.line} ${r.method} ${r.keysFrom ?? ''}`)).toEqual([
      'src/scan/export.ts:8 get scanStream() at src/scan/export.ts:7',
      'src/scan/sweeper.ts:7 mget scan() at src/scan/sweeper.ts:6',
    ]);
    expect(formatSummary(report)).toMatch(
      /read {3}src\/scan\/sweeper\.ts:7:\d+ {2}mget\(session:…\) {2}keys from scan\(\) at src\/scan\/sweeper\.ts:6/,
    );
  });

  it('a Lua script naming the encrypted keys blocks the group; the TODO at each client names the others', () => {
    const db = joined(read(dir, 'src/lua/db.ts'));
    expect(db).toContain('export const redis = new Redis();');
    expect(db).toMatch(
      /TODO \(encrypt-cache-client\).*apikey:\*.*\(src\/lua\/audit\.ts:3\).*eval\(\) at src\/lua\/audit\.ts:6 works on the stored bytes of apikey: keys/,
    );
    const audit = joined(read(dir, 'src/lua/audit.ts'));
    expect(audit).toContain('const auditor = new Redis();');
    expect(audit).toMatch(/TODO \(encrypt-cache-client\).*apikey:\*.*\(src\/lua\/db\.ts:3\)/);
    expect(joined(read(dir, 'src/lua/defined.ts'))).toMatch(
      /const scripts = new Redis\(\);[\s\S]*peekOtp\(\) at src\/lua\/defined\.ts:11 works on the stored bytes of otp: keys/,
    );
    expect(report.cache?.blockedPrefixes).toEqual(expect.arrayContaining(['apikey:', 'otp:']));
  });

  it('keyPrefix: the prefix Redis sees is reported, and a client with another keyPrefix does not join', () => {
    expect(read(dir, 'src/prefix/app.ts')).toContain(
      "const app = secureCache(new Redis({ keyPrefix: 'app:' }));",
    );
    // Its incr runs on other:refresh:*, not on the encrypted app:refresh:* keys.
    expect(read(dir, 'src/prefix/other.ts')).toBe(FILES['src/prefix/other.ts']);
    expect(report.cache?.prefixes).toContain('app:refresh:');
    expect(report.cache?.prefixes).not.toContain('refresh:');
    expect(report.cache?.readers.filter((r) => r.path === 'src/prefix/app.ts').map((r) => r.prefix)).toEqual([
      'app:refresh:',
    ]);
  });

  it('a constructor parameter of a class the project makes with new: the client passed is wrapped', () => {
    expect(read(dir, 'src/ctor/main.ts')).toContain(
      "export const grants = new GrantStore(secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')));",
    );
    expect(read(dir, 'src/ctor/grant-store.ts')).toBe(FILES['src/ctor/grant-store.ts']);
    expect(report.cache?.prefixes).toContain('grant:');
  });

  it('two writes sharing the text of their key: each read in the file is decrypted once', () => {
    const text = read(dir, 'src/inline/api-tokens.ts');
    expect(text.match(/encryptForCache\(apiToken/g)).toHaveLength(2);
    expect(text.match(/\.then\(\(value\) => \(value == null \? value : decryptFromCache/g)).toHaveLength(2);
    expect(text).toContain(
      'const cached = await this.cache.get<string>(cacheKey).then((value) => (value == null ? value : decryptFromCache<typeof value>(value',
    );
  });

  it('CacheModule.registerAsync: the store of a const async factory and of a CacheOptionsFactory class are wrapped', () => {
    expect(read(dir, 'src/nest/cache.config.ts')).toContain(
      "stores: [secureCache(createKeyv(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))],",
    );
    expect(read(dir, 'src/nest/cache-options.service.ts')).toContain(
      "return { stores: [secureCache(createKeyv(process.env.CACHE_URL ?? 'redis://127.0.0.1:6379'))] };",
    );
    expect(read(dir, 'src/nest/clients.service.ts')).toBe(FILES['src/nest/clients.service.ts']);
  });

  it("forRootAsync({ useFactory }) of the project's dynamic module, reached through useExisting: the caller's factory is wrapped", () => {
    expect(read(dir, 'src/nest/app.module.ts')).toContain(
      "useFactory: () => secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')),",
    );
    expect(read(dir, 'src/nest/redis.module.ts')).toBe(FILES['src/nest/redis.module.ts']);
    expect(read(dir, 'src/nest/session.store.ts')).toBe(FILES['src/nest/session.store.ts']);
    expect(report.cache?.prefixes).toContain('access:');
  });

  it("the project's own @InjectRedis() decorator: followed to its token's provider, wrapped there", () => {
    expect(read(dir, 'src/own/redis.ts')).toContain(
      "useFactory: () => secureCache(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))",
    );
    expect(read(dir, 'src/own/pins.service.ts')).toBe(FILES['src/own/pins.service.ts']);
    expect(report.cache?.prefixes).toContain('pin:');
  });

  it('useClass of a client class without dependencies: the provider makes it in a factory, wrapped; its keyPrefix counts', () => {
    expect(read(dir, 'src/nest/otp.module.ts')).toContain(
      "providers: [{ provide: 'OTP_REDIS', useFactory: () => secureCache(new AppRedis()) }, OtpService],",
    );
    expect(report.cache?.prefixes).toContain('nest:totp:');
  });

  it('changes nothing on a second run', async () => {
    const before = Object.keys(FILES).map((f) => read(dir, f));
    // The type-checked program of the first run holds the files as they were.
    clearProgramCache();
    const again = await migrateProject(dir, 'encrypt-cache');
    expect(again.totals.changed).toBe(0);
    expect(Object.keys(FILES).map((f) => read(dir, f))).toEqual(before);
  }, 300_000);
});
