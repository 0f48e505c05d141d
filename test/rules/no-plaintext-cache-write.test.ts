import rule from '../../rules/no-plaintext-cache-write.js';
import { createTypedRuleTester, createUntypedRuleTester, fixturesDir } from '../helpers/rule-tester.js';
import { cacheCases } from './no-plaintext-cache-write.cases.js';

const RT = "'@secure-migrate/runtime'";
const IOREDIS = "import Redis from 'ioredis';\n";

/** Expected error with both suggestions: wrap the client (when created in the file) and wrap the value. */
function error(line: number, column: number, outputs: { client?: string; value: string }) {
  return {
    messageId: 'plaintextCacheWrite' as const,
    line,
    column,
    suggestions: [
      ...(outputs.client !== undefined
        ? [{ messageId: 'wrapClientInSecureCache' as const, output: outputs.client }]
        : []),
      { messageId: 'wrapValueInEncryptForCache' as const, output: outputs.value },
    ],
  };
}

createUntypedRuleTester().run('no-plaintext-cache-write', rule, {
  valid: [
    // Rate limits, counters, locks and non-sensitive values.
    `${IOREDIS}const redis = new Redis();\nawait redis.incr(\`ratelimit:\${ip}\`);\nawait redis.set(\`ratelimit:\${ip}\`, count, 'EX', 60);\nawait redis.set(\`user:\${id}:name\`, name);`,
    `${IOREDIS}const redis = new Redis();\nawait redis.set(\`session:\${id}:hits\`, 1);\nawait redis.set('lock:session:1', lockToken === undefined ? 'a' : 'b');`,
    // Encrypted values and secure clients.
    `${IOREDIS}const redis = new Redis();\nawait redis.set('k', encryptForCache(accessToken, { context: 'k' }));`,
    `${IOREDIS}const redis = secureCache(new Redis());\nawait redis.set(\`session:\${id}\`, JSON.stringify(session));\nawait redis.pipeline().set('t', refreshToken).exec();`,
    // Hashed values.
    "await redis.set(`reset:${id}`, crypto.createHash('sha256').update(resetToken).digest('hex'));",
    // In-memory maps are not caches other people can read.
    'const cache = new Map(); cache.set("token", token);',
    // Reads are not writes.
    "await redis.get('session:1'); await cache.get(accessToken);",
    // Unknown receivers.
    'await client.set("x", password); await store.set("session:1", data);',
    { code: 'await redis.set("token:1", value);', options: [{ allowedNames: ['token'] }] },
    // Wrapped in secureCache where it is created, in the module it is imported from.
    {
      code: "import { redis } from './clients.js';\nawait redis.set(`session:${id}`, JSON.stringify(session));",
      filename: `${fixturesDir}routes.ts`,
    },
  ],
  invalid: [
    {
      code: `${IOREDIS}const redis = new Redis();\nawait redis.set(\`session:\${id}\`, JSON.stringify(data));`,
      errors: [
        error(3, 34, {
          client: `${IOREDIS}import { secureCache } from ${RT};\nconst redis = secureCache(new Redis());\nawait redis.set(\`session:\${id}\`, JSON.stringify(data));`,
          value: `${IOREDIS}import { encryptForCache } from ${RT};\nconst redis = new Redis();\nawait redis.set(\`session:\${id}\`, encryptForCache(JSON.stringify(data), { context: \`session:\${id}\` }));`,
        }),
      ],
    },
    {
      code: `${IOREDIS}const redis = new Redis(process.env.REDIS_URL);\nawait redis.setex(\`user:\${userId}\`, 3600, accessToken);`,
      errors: [
        error(3, 43, {
          client: `${IOREDIS}import { secureCache } from ${RT};\nconst redis = secureCache(new Redis(process.env.REDIS_URL));\nawait redis.setex(\`user:\${userId}\`, 3600, accessToken);`,
          value: `${IOREDIS}import { encryptForCache } from ${RT};\nconst redis = new Redis(process.env.REDIS_URL);\nawait redis.setex(\`user:\${userId}\`, 3600, encryptForCache(accessToken, { context: \`user:\${userId}\` }));`,
        }),
      ],
    },
    {
      // Pipelines: both commands are reported; the creation is found through the chain.
      code: `${IOREDIS}const redis = new Redis();\nawait redis.pipeline().set('a', refreshToken).hset('h', 'password', pw).exec();`,
      errors: [
        error(3, 33, {
          client: `${IOREDIS}import { secureCache } from ${RT};\nconst redis = secureCache(new Redis());\nawait redis.pipeline().set('a', refreshToken).hset('h', 'password', pw).exec();`,
          value: `${IOREDIS}import { encryptForCache } from ${RT};\nconst redis = new Redis();\nawait redis.pipeline().set('a', encryptForCache(refreshToken, { context: 'a' })).hset('h', 'password', pw).exec();`,
        }),
        error(3, 69, {
          client: `${IOREDIS}import { secureCache } from ${RT};\nconst redis = secureCache(new Redis());\nawait redis.pipeline().set('a', refreshToken).hset('h', 'password', pw).exec();`,
          value:
            `${IOREDIS}import { encryptForCache } from ${RT};\nconst redis = new Redis();\nawait redis.pipeline().set('a', refreshToken).hset('h', 'password', encryptForCache(pw, { context: 'h' }));`.replace(
              "encryptForCache(pw, { context: 'h' }));",
              "encryptForCache(pw, { context: 'h' })).exec();",
            ),
        }),
      ],
    },
    {
      // node-redis, key prefix only.
      code: "import { createClient } from 'redis';\nconst client = await createClient().connect();\nawait client.setEx('oauth:' + state, 600, verifier);",
      errors: [
        error(3, 43, {
          value:
            "import { createClient } from 'redis';\nimport { encryptForCache } from '@secure-migrate/runtime';\nconst client = await createClient().connect();\nawait client.setEx('oauth:' + state, 600, encryptForCache(verifier, { context: 'oauth:' + state }));",
        }),
      ],
    },
    {
      code: "import { createClient } from 'redis';\nconst client = createClient();\nawait client.hSet(`user:${id}`, { apiKey, name });",
      errors: [
        error(3, 35, {
          client:
            "import { createClient } from 'redis';\nimport { secureCache } from '@secure-migrate/runtime';\nconst client = secureCache(createClient());\nawait client.hSet(`user:${id}`, { apiKey, name });",
          value:
            "import { createClient } from 'redis';\nimport { encryptForCache } from '@secure-migrate/runtime';\nconst client = createClient();\nawait client.hSet(`user:${id}`, { apiKey: encryptForCache(apiKey, { context: `user:${id}` }), name });",
        }),
      ],
    },
    {
      code: "import Keyv from 'keyv';\nconst keyv = new Keyv();\nawait keyv.set('profile', { accessToken });",
      errors: [
        error(3, 27, {
          client:
            "import Keyv from 'keyv';\nimport { secureCache } from '@secure-migrate/runtime';\nconst keyv = secureCache(new Keyv());\nawait keyv.set('profile', { accessToken });",
          value:
            "import Keyv from 'keyv';\nimport { encryptForCache } from '@secure-migrate/runtime';\nconst keyv = new Keyv();\nawait keyv.set('profile', encryptForCache({ accessToken }, { context: 'profile' }));",
        }),
      ],
    },
    {
      // NestJS cache manager injected: no creation in the file, only the value suggestion.
      code: 'class Sessions {\n  constructor(@Inject(CACHE_MANAGER) private store: Cache) {}\n  save(id: string, data: object) {\n    return this.store.set(`session:${id}`, data);\n  }\n}',
      errors: [
        error(4, 44, {
          value:
            "import { encryptForCache } from '@secure-migrate/runtime';\nclass Sessions {\n  constructor(@Inject(CACHE_MANAGER) private store: Cache) {}\n  save(id: string, data: object) {\n    return this.store.set(`session:${id}`, encryptForCache(data, { context: `session:${id}` }));\n  }\n}",
        }),
      ],
    },
    {
      // Upstash, created from the environment.
      code: "import { Redis } from '@upstash/redis';\nconst kv = Redis.fromEnv();\nawait kv.set(`session:${id}`, data);",
      errors: [
        error(3, 31, {
          client:
            "import { Redis } from '@upstash/redis';\nimport { secureCache } from '@secure-migrate/runtime';\nconst kv = secureCache(Redis.fromEnv());\nawait kv.set(`session:${id}`, data);",
          value:
            "import { Redis } from '@upstash/redis';\nimport { encryptForCache } from '@secure-migrate/runtime';\nconst kv = Redis.fromEnv();\nawait kv.set(`session:${id}`, encryptForCache(data, { context: `session:${id}` }));",
        }),
      ],
    },
    {
      // Imported from a module that creates it without secureCache: only the value can be wrapped here.
      code: "import { plainRedis } from './clients.js';\nawait plainRedis.set('k', accessToken);",
      filename: `${fixturesDir}routes.ts`,
      errors: [
        error(2, 27, {
          value:
            "import { plainRedis } from './clients.js';\nimport { encryptForCache } from '@secure-migrate/runtime';\nawait plainRedis.set('k', encryptForCache(accessToken, { context: 'k' }));",
        }),
      ],
    },
    {
      // By name only: a parameter called `cache`.
      code: 'export async function remember(cache, password) {\n  await cache.set(KEY, password);\n}',
      errors: [
        error(2, 24, {
          value:
            "import { encryptForCache } from '@secure-migrate/runtime';\nexport async function remember(cache, password) {\n  await cache.set(KEY, encryptForCache(password));\n}",
        }),
      ],
    },
    {
      code: 'await kv.set(`mfa:${userId}`, seed);',
      options: [{ extraCacheClients: ['kv'], sensitiveKeyPrefixes: ['mfa:'], runtimeImport: '#rt' }],
      errors: [
        error(1, 31, {
          value:
            "import { encryptForCache } from '#rt';\nawait kv.set(`mfa:${userId}`, encryptForCache(seed, { context: `mfa:${userId}` }));",
        }),
      ],
    },
    {
      code: 'const store = makeStore();\nawait store.set("k", clientSecret);',
      options: [{ extraCacheFactories: ['makeStore'] }],
      errors: [
        error(2, 22, {
          client:
            'import { secureCache } from \'@secure-migrate/runtime\';\nconst store = secureCache(makeStore());\nawait store.set("k", clientSecret);',
          value:
            'import { encryptForCache } from \'@secure-migrate/runtime\';\nconst store = makeStore();\nawait store.set("k", encryptForCache(clientSecret, { context: "k" }));',
        }),
      ],
    },
  ],
});

const untyped = createUntypedRuleTester();
for (const group of cacheCases.untyped) untyped.run(group.name, rule, group);
const typed = createTypedRuleTester();
for (const group of cacheCases.typed) typed.run(group.name, rule, group);
