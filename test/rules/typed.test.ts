/**
 * Every rule with type information, in one file so that one typed RuleTester (one TypeScript project service over
 * test/rules/fixtures) serves them all. The untyped cases live in one file per rule.
 */
import noSensitiveLogging from '../../rules/no-sensitive-logging.js';
import noPlaintextCacheWrite from '../../rules/no-plaintext-cache-write.js';
import noUnsafeDynamicAssignment from '../../rules/no-unsafe-dynamic-assignment.js';
import noHardcodedCredentials from '../../rules/no-hardcoded-credentials.js';
import { createTypedRuleTester } from '../helpers/rule-tester.js';
import { isSensitiveName } from '@secure-migrate/runtime/classify';

/**
 * The name the suggestion keeps for `authTokenFromHeaders`: its own when the runtime's redactor recognises it, else
 * the name of what it holds, so that the value is censored at run time either way.
 */
const AUTH_FROM_HEADERS = isSensitiveName('authTokenFromHeaders') ? 'authTokenFromHeaders' : 'token';

const typed = createTypedRuleTester();

const RT = "'@secure-migrate/runtime'";
const IMPORT = `import { sanitizeForLogging } from ${RT};\n`;
const IOREDIS = "import Redis from 'ioredis';\n";

function logError(line: number, column: number, output: string) {
  return {
    messageId: 'sensitiveLog' as const,
    line,
    column,
    suggestions: [{ messageId: 'wrapInSanitizeForLogging' as const, output }],
  };
}

function cacheError(line: number, column: number, outputs: { client?: string; value: string }) {
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

const TYPES = `interface User { id: string; name: string; password: string }
interface Stats { tokenCount: number; secretRotated: boolean }
`;

typed.run('no-sensitive-logging (typed)', noSensitiveLogging, {
  valid: [
    // The type says it is a number or a boolean.
    'declare const password: boolean; declare const token: number; console.log(password, token);',
    `${TYPES}declare const stats: Stats; console.log(stats);`,
    // A known non-logger type with a log-like method.
    'class Store { info(x: unknown) { return x; } }\nconst store = new Store();\ndeclare const token: string;\nstore.info(token);',
    `${TYPES}declare const user: User; console.log(user.name, user.id);`,
    // A type that proves a logger-named receiver is not a logger.
    'declare const log: URLSearchParams;\ndeclare const token: string;\nlog.log(token);',
    'declare const logger: Map<string, string>;\ndeclare const token: string;\nlogger.error(token);',
    // The written type says the sensitive property is only a flag.
    'declare function read(): never;\nconst flags: { password: boolean; token: number } = read();\nconsole.log(flags);',
    // Visibly built from non-secret parts.
    'declare const shop: string;\nconst sessionId = `offline_${shop}`;\nconsole.log({ sessionId });',
  ],
  invalid: [
    {
      // Typed mode finds what untyped mode finds: a logger-named receiver whose type does not prove otherwise.
      code: 'class Store { info(x: unknown) { return x; } }\nconst logger = new Store();\ndeclare const token: string;\nlogger.info(token);',
      errors: [
        logError(
          4,
          13,
          `${IMPORT}class Store { info(x: unknown) { return x; } }\nconst logger = new Store();\ndeclare const token: string;\nlogger.info(sanitizeForLogging(token, { name: 'token' }));`,
        ),
      ],
    },
    {
      // A small `log` object with `info`/`warn` methods.
      code: 'const log = { info(m: unknown) { return m; }, warn(m: unknown) { return m; } };\nexport function f(token: string) {\n  log.info(token);\n}',
      errors: [
        logError(
          3,
          12,
          `${IMPORT}const log = { info(m: unknown) { return m; }, warn(m: unknown) { return m; } };\nexport function f(token: string) {\n  log.info(sanitizeForLogging(token, { name: 'token' }));\n}`,
        ),
      ],
    },
    {
      // Named like a logger, typed `any` (a project module without types).
      code: 'declare const winston: any;\ndeclare const authTokenFromHeaders: string;\nwinston.info(authTokenFromHeaders);',
      errors: [
        logError(
          3,
          14,
          `${IMPORT}declare const winston: any;\ndeclare const authTokenFromHeaders: string;\nwinston.info(sanitizeForLogging(authTokenFromHeaders, { name: '${AUTH_FROM_HEADERS}' }));`,
        ),
      ],
    },
    {
      // A written literal type, and a local function's returned object.
      code: 'declare function read(): never;\nconst body: { username: string; password: string } = read();\nconsole.log(body);',
      errors: [
        logError(
          3,
          13,
          `${IMPORT}declare function read(): never;\nconst body: { username: string; password: string } = read();\nconsole.log(sanitizeForLogging(body));`,
        ),
      ],
    },
    {
      code: 'declare function read(): string;\nasync function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(user);\n}',
      errors: [
        logError(
          7,
          15,
          `${IMPORT}declare function read(): string;\nasync function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(sanitizeForLogging(user));\n}`,
        ),
      ],
    },
    {
      code: `${TYPES}declare const user: User;\nconsole.log(user);`,
      errors: [
        logError(4, 13, `${IMPORT}${TYPES}declare const user: User;\nconsole.log(sanitizeForLogging(user));`),
      ],
    },
    {
      code: "import type { IncomingMessage } from 'node:http';\nexport function handle(request: IncomingMessage) {\n  console.info(request.headers);\n}",
      errors: [
        logError(
          3,
          16,
          "import type { IncomingMessage } from 'node:http';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nexport function handle(request: IncomingMessage) {\n  console.info(sanitizeForLogging(request.headers));\n}",
        ),
      ],
    },
    {
      // winston's Logger by type.
      code: "import type { Logger } from 'winston';\nexport function f(w: Logger, clientSecret: string) {\n  w.warn('rotated', { clientSecret });\n}",
      errors: [
        logError(
          3,
          21,
          "import type { Logger } from 'winston';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nexport function f(w: Logger, clientSecret: string) {\n  w.warn('rotated', sanitizeForLogging({ clientSecret }));\n}",
        ),
      ],
    },
    {
      // A small custom logger interface, by name.
      code: 'interface ILogger { info(m: unknown): void; error(m: unknown): void }\nexport function f(logger: ILogger, secret: string) {\n  logger.error(secret);\n}',
      errors: [
        logError(
          3,
          16,
          `${IMPORT}interface ILogger { info(m: unknown): void; error(m: unknown): void }\nexport function f(logger: ILogger, secret: string) {\n  logger.error(sanitizeForLogging(secret, { name: 'secret' }));\n}`,
        ),
      ],
    },
    {
      // Recognised by type: a pino Logger passed in under any name.
      code: "import type { Logger } from 'pino';\nexport function f(out: Logger, apiKey: string) {\n  out.info({ apiKey });\n}",
      errors: [
        logError(
          3,
          12,
          "import type { Logger } from 'pino';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nexport function f(out: Logger, apiKey: string) {\n  out.info(sanitizeForLogging({ apiKey }));\n}",
        ),
      ],
    },
  ],
});

typed.run('no-plaintext-cache-write (typed)', noPlaintextCacheWrite, {
  valid: [
    // A client typed as the runtime's SecureCache (e.g. imported from another module) encrypts its writes.
    `${IOREDIS}type SecureCache<C> = C & { readonly encrypted: true };\nexport async function f(cache: SecureCache<Redis>, token: string) {\n  await cache.set('k', token);\n}`,
    // node-redis by type, writing a number.
    "import { createClient } from 'redis';\nexport async function f(c: ReturnType<typeof createClient>, n: number) {\n  await c.set('hits', n);\n}",
    // A typed Map named `cache` is not a cache client.
    'const cache = new Map<string, string>();\ndeclare const token: string;\ncache.set("token", token);',
    // Typed number under a sensitive name.
    `${IOREDIS}declare const redis: Redis;\ndeclare const tokenVersion: number;\ndeclare const token: number;\nawait redis.set('v', token);`,
  ],
  invalid: [
    {
      // Recognised by type: a node-redis client under any name.
      code: "import { createClient } from 'redis';\nexport async function f(c: ReturnType<typeof createClient>, apiKey: string) {\n  await c.set('k', apiKey);\n}",
      errors: [
        cacheError(3, 20, {
          value:
            "import { createClient } from 'redis';\nimport { encryptForCache } from '@secure-migrate/runtime';\nexport async function f(c: ReturnType<typeof createClient>, apiKey: string) {\n  await c.set('k', encryptForCache(apiKey, { context: 'k' }));\n}",
        }),
      ],
    },
    {
      // keyv by type.
      code: "import Keyv from 'keyv';\nexport async function f(store: Keyv, idToken: string) {\n  await store.set('id', idToken);\n}",
      errors: [
        cacheError(3, 25, {
          value:
            "import Keyv from 'keyv';\nimport { encryptForCache } from '@secure-migrate/runtime';\nexport async function f(store: Keyv, idToken: string) {\n  await store.set('id', encryptForCache(idToken, { context: 'id' }));\n}",
        }),
      ],
    },
    {
      // Recognised by type: an ioredis client passed in under any name.
      code: `${IOREDIS}export async function save(conn: Redis, refreshToken: string) {\n  await conn.set('rt', refreshToken);\n}`,
      errors: [
        cacheError(3, 24, {
          value: `${IOREDIS}import { encryptForCache } from ${RT};\nexport async function save(conn: Redis, refreshToken: string) {\n  await conn.set('rt', encryptForCache(refreshToken, { context: 'rt' }));\n}`,
        }),
      ],
    },
    {
      // By the value's type: a User with a password.
      code: `${IOREDIS}interface User { id: string; password: string }\nconst redis = new Redis();\nexport async function save(u: User) {\n  await redis.set(u.id, JSON.stringify(u));\n}`,
      errors: [
        cacheError(5, 25, {
          client: `${IOREDIS}import { secureCache } from ${RT};\ninterface User { id: string; password: string }\nconst redis = secureCache(new Redis());\nexport async function save(u: User) {\n  await redis.set(u.id, JSON.stringify(u));\n}`,
          value: `${IOREDIS}import { encryptForCache } from ${RT};\ninterface User { id: string; password: string }\nconst redis = new Redis();\nexport async function save(u: User) {\n  await redis.set(u.id, encryptForCache(JSON.stringify(u)));\n}`,
        }),
      ],
    },
  ],
});

typed.run('no-unsafe-dynamic-assignment (typed)', noUnsafeDynamicAssignment, {
  valid: [
    'export function f(o: Record<string, number>, i: number, v: number) { o[i] = v; }',
    'interface S { a: string; b: number }\nexport function f<K extends keyof S>(s: S, key: K, v: S[K]) { s[key] = v; }',
    // A dictionary of primitives receiving a primitive from input: `__proto__ = 'text'` is ignored.
    "import type { Request } from 'express';\nexport function f(req: Request, headers: Record<string, string>) { headers[String(req.body.name)] = String(req.body.value); }",
    // A key typed as a number or a literal union, even from input.
    "type Side = 'left' | 'right';\nimport type { Request } from 'express';\nexport function f(req: Request<object, object, { side: Side; i: number }>, o: Record<string, object>) { o[req.body.side] = {}; o[req.body.i] = {}; }",
  ],
  invalid: [
    {
      // A dictionary of objects: `__proto__` from the request would replace its prototype.
      code: "import type { Request } from 'express';\nexport function f(byId: Record<string, object>, req: Request) {\n  byId[req.params.id!] = req.body;\n}",
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssign',
              output:
                "import type { Request } from 'express';\nimport { guardAssign } from '@secure-migrate/runtime';\nexport function f(byId: Record<string, object>, req: Request) {\n  guardAssign(byId, req.params.id!, req.body);\n}",
            },
          ],
        },
      ],
    },
    {
      // The allow list comes from the declared type through the checker; privileged and sensitive fields are named.
      code: "import type { Request } from 'express';\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  Reflect.set(a, String(req.query.k), req.body.v);\n}",
      errors: [
        {
          messageId: 'unsafeReflectSet',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssign',
              output: `import type { Request } from 'express';\nimport { guardAssign } from ${RT};\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  guardAssign(a, String(req.query.k), req.body.v);\n}`,
            },
            {
              messageId: 'useAllowList',
              output: `import type { Request } from 'express';\nimport { secureAssign } from ${RT};\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  secureAssign(a, String(req.query.k), req.body.v, { allow: ['name'] });\n}`,
            },
          ],
        },
      ],
    },
    {
      // An object literal's inferred type is not a declared type: no allow list is offered.
      code: "import type { Request } from 'express';\nconst filter = { id_project: 1, id_table: 2 };\nexport function f(req: Request) {\n  Object.assign(filter, req.query);\n  return filter;\n}",
      errors: [
        {
          messageId: 'unsafeObjectAssign',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssignAll',
              output: `import type { Request } from 'express';\nimport { guardAssignAll } from ${RT};\nconst filter = { id_project: 1, id_table: 2 };\nexport function f(req: Request) {\n  guardAssignAll(filter, req.query);\n  return filter;\n}`,
            },
          ],
        },
      ],
    },
  ],
});

// The rule is syntactic; one typed run checks it behaves the same with a program. The fixture project lives under
// test/, so name-bound literals need `checkTestFiles`.
const credentialsInTests = [{ checkTestFiles: true }] as const;
typed.run('no-hardcoded-credentials (typed)', noHardcodedCredentials, {
  valid: [
    "export const X_HEADER = 'x-api-token';",
    "export const dbPassword: string = 'hunter2';",
    // Words, not secrets, even where name-bound literals are checked.
    ...[
      "export const init: RequestInit = { credentials: 'include' };",
      "export const rule = { token: 'delimiter.curly' }; export const label = { token: 'OAuth Bearer Token' };",
      "export const PREFIXES = { webhookSecret: 'whsec', token: 'pmk' };",
      "export const FLUSH_DB_KEY = '__flush_db__'; export const PHONE_OTP_KEY = 'redis::phone::otp::';",
      "export const i18n = { cookieKey: 'i18n_redirected' };",
      `export const seed = { password: '${['', '2b', '10', 'N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'].join('$')}' };`,
    ].map((code) => ({ code, options: credentialsInTests })),
  ],
  invalid: [
    {
      code: "export const dbPassword: string = 'hunter2';",
      options: credentialsInTests,
      errors: [{ messageId: 'sensitiveName', line: 1, column: 35 }],
    },
    {
      code: "export const config = { secret: 'nodeauthsecret', token: 'f3a9c2e1b7d84a6f9e0c5b2a' };",
      options: credentialsInTests,
      errors: [
        { messageId: 'sensitiveName', line: 1, column: 33 },
        { messageId: 'sensitiveName', line: 1, column: 58 },
      ],
    },
    {
      code: "export const password = process.env.SUPER_PASSWORD || 'superadmin';",
      errors: [{ messageId: 'envFallback', line: 1, column: 55 }],
      options: credentialsInTests,
    },
  ],
});
