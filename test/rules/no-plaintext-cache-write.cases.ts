/**
 * no-plaintext-cache-write's cases for what a value and a key carry beyond the expression at the call: local values
 * followed to their initializer, what the code shows an object holds, written and imported types, the function
 * that stores its parameter, one-time codes, ids under sensitive prefixes, and secrets in keys. Run untyped by
 * test/rules/no-plaintext-cache-write.test.ts, and typed there too where a case says so.
 */
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageIds, Options } from '../../rules/no-plaintext-cache-write.js';
import type { CaseGroup, RuleCases } from '../helpers/case-groups.js';
import { fixturesDir } from '../helpers/rule-tester.js';

/** A client known by its written type, created elsewhere: only the value can be wrapped in the file. */
const HEAD = "import type { Redis } from 'ioredis';\ndeclare const redis: Redis;\n";
const RT_IMPORT = "import { encryptForCache } from '@secure-migrate/runtime';\n";

/**
 * The expected output of the value suggestion: the runtime import after the file's last import line, and `value`
 * (its first occurrence at or after `from`) wrapped in `encryptForCache(value[, { context: key }])`.
 */
function wrapValue(code: string, value: string, context: string | undefined, from: string): string {
  const lines = code.split('\n');
  const lastImport = lines.reduce((last, line, i) => (/^import /.test(line) ? i : last), -1);
  lines.splice(lastImport + 1, 0, RT_IMPORT.trimEnd());
  const withImport = lines.join('\n');
  const start = withImport.indexOf(value, withImport.indexOf(from));
  const wrapped = `encryptForCache(${value}${context === undefined ? '' : `, { context: ${context} }`})`;
  return withImport.slice(0, start) + wrapped + withImport.slice(start + value.length);
}

/** A `plaintextCacheWrite` report with only the value suggestion (the client is not created in the file). */
function valueError(
  code: string,
  line: number,
  column: number,
  value: string,
  context: string | undefined,
  from = value,
): InvalidTestCase<MessageIds, Options>['errors'][number] {
  return {
    messageId: 'plaintextCacheWrite',
    line,
    column,
    suggestions: [{ messageId: 'wrapValueInEncryptForCache', output: wrapValue(code, value, context, from) }],
  };
}

function invalid(
  code: string,
  errors: (code: string) => InvalidTestCase<MessageIds, Options>['errors'],
  extra: Partial<InvalidTestCase<MessageIds, Options>> = {},
): InvalidTestCase<MessageIds, Options> {
  return { code, errors: errors(code), ...extra };
}

const valueCases: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-cache-write: values followed to what they are built from',
  valid: [
    // A local value built from non-sensitive data.
    `${HEAD}const value = JSON.stringify({ name, avatar });\nawait redis.set(key, value);`,
    // A whole user document known by its name only: strict reports it (checkTypes), recommended does not.
    `${HEAD}const user = await findUser(id);\nawait redis.set(id, JSON.stringify(user));`,
    // The secret member is removed before the document is cached.
    `${HEAD}const user = await User.findById(id).select('+password');\ndelete user.password;\nawait redis.set(id, JSON.stringify(user));`,
    `${HEAD}const user = await loadUser(id);\nuser.refreshToken = undefined;\nawait redis.set(id, JSON.stringify(user));`,
    // A code that is not a one-time code: nothing made it randomly and the key says nothing of verification.
    `${HEAD}const countryCode = profile.country;\nawait redis.set(\`geo:\${ip}\`, countryCode);`,
    // An error code from a getter, under a key that says nothing of verification.
    `${HEAD}const errorCode = getErrorCode(err);\nawait redis.set(\`errors:code:\${requestId}\`, errorCode);`,
    // A parameter with a name of its own: `storeResetToken(email)` stores the e-mail, not the token.
    `${HEAD}export async function storeResetToken(email: string) {\n  await redis.set(\`user:\${email}\`, email);\n}`,
    // A written type with nothing secret in it, declared in a project module.
    {
      code: `import type { PublicProfile } from './cache-models.js';\n${HEAD}export async function save(p: PublicProfile) {\n  await redis.set('p', JSON.stringify(p));\n}`,
      filename: `${fixturesDir}routes.ts`,
    },
  ],
  invalid: [
    invalid(
      `${HEAD}const value = JSON.stringify({ _id, email, resetToken });\nawait redis.set(key, value);`,
      (code) => [valueError(code, 4, 22, 'value', undefined, 'redis.set')],
    ),
    // Through a spread of another local and a template.
    invalid(
      `${HEAD}const base = { refreshToken };\nconst value = { ...base, at: Date.now() };\nawait redis.set('s', JSON.stringify(value));`,
      (code) => [valueError(code, 5, 22, 'JSON.stringify(value)', "'s'")],
    ),
    invalid(`${HEAD}const line = \`\${userId}:\${apiKey}\`;\nawait redis.set('k', line);`, (code) => [
      valueError(code, 4, 22, 'line', "'k'", 'redis.set'),
    ]),
    // An object whose secret member is filled in after it was made.
    invalid(
      `${HEAD}const entry = { otp: '', attempts: 1 };\nentry.otp = generated;\nawait redis.set(otpKey, JSON.stringify(entry));`,
      (code) => [valueError(code, 5, 25, 'JSON.stringify(entry)', undefined)],
    ),
    // A document loaded with a field that is left out by default.
    invalid(
      `${HEAD}const user = await User.findById(id).select('+password');\nawait redis.set(\`user:\${id}\`, JSON.stringify(user));`,
      (code) => [valueError(code, 4, 31, 'JSON.stringify(user)', '`user:${id}`')],
    ),
    // An object the code reads a secret from holds it.
    invalid(
      `${HEAD}export async function login(user, pw: string) {\n  if (!(await bcrypt.compare(pw, user.password))) return;\n  await redis.set(\`user:\${user.id}\`, JSON.stringify(user));\n}`,
      (code) => [valueError(code, 5, 38, 'JSON.stringify(user)', '`user:${user.id}`')],
    ),
    // A type written in the file, and one declared in a project module the file imports.
    invalid(
      `${HEAD}interface Account { email: string; apiToken: string }\nexport async function save(a: Account) {\n  await redis.set('a', JSON.stringify(a));\n}`,
      (code) => [valueError(code, 5, 24, 'JSON.stringify(a)', "'a'")],
    ),
    invalid(
      `import type { UserRecord } from './cache-models.js';\n${HEAD}export async function save(user: UserRecord) {\n  await redis.set(user.id, JSON.stringify(user));\n}`,
      (code) => [valueError(code, 5, 28, 'JSON.stringify(user)', undefined)],
      { filename: `${fixturesDir}routes.ts` },
    ),
    // A generic parameter of a function whose name says what it stores.
    invalid(
      `${HEAD}export class RefreshTokens {\n  async setRefreshToken(key: string, value: string) {\n    await redis.set(key, value);\n  }\n}`,
      (code) => [valueError(code, 5, 26, 'value', undefined, 'redis.set')],
    ),
    invalid(
      `${HEAD}export const saveVerificationCode = async (key: string, data: string) => {\n  await redis.set(key, data, 'EX', 300);\n};`,
      (code) => [valueError(code, 4, 24, 'data', undefined, 'redis.set')],
    ),
    // One-time codes: made by a generator, or stored under a key that says what they are.
    invalid(
      `${HEAD}const code = generateSixDigitCode();\nawait redis.set(\`signup:\${email}\`, code, 'EX', 600);`,
      (code) => [valueError(code, 4, 36, 'code', '`signup:${email}`', 'redis.set')],
    ),
    invalid(
      `${HEAD}export async function setCode(email: string, code: string) {\n  const key = \`reset:code:\${email}\`;\n  await redis.set(key, code, 'EX', 300);\n}`,
      // An untyped identifier key is not repeated as the encryption context.
      (code) => [valueError(code, 5, 24, 'code', undefined, 'redis.set')],
    ),
  ],
};

const keyCases: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-cache-write: ids under sensitive prefixes, secrets in keys',
  valid: [
    // A sensitive prefix over a value that is plainly an id, a number or a flag.
    `${HEAD}await redis.set(\`refresh:\${jti}\`, userId);`,
    `${HEAD}await redis.set(\`session:\${sid}\`, user.id);\nawait redis.set(\`refresh:\${jti}\`, String(user._id));\nawait redis.set(\`token:\${jti}\`, 1);`,
    // A hashed token in the key.
    `${HEAD}await redis.set(\`session:\${createHash('sha256').update(token).digest('hex')}\`, userId);`,
    // Bookkeeping keys: a revoked token's flag.
    `${HEAD}await redis.set(\`blacklist:token:\${token}\`, 'true', 'EX', ttl);`,
    // A token in a key that does not say what it holds.
    `${HEAD}await redis.set(\`user:\${userId}:seen\`, Date.now());`,
  ],
  invalid: [
    // The value is unknown: the prefix still says what it is.
    invalid(`${HEAD}await redis.set(\`refresh:\${userId}\`, payload);`, (code) => [
      valueError(code, 3, 38, 'payload', '`refresh:${userId}`', 'redis.set'),
    ]),
    // A raw session token and a one-time code in the key; the id stored under it is not reported.
    invalid(`${HEAD}await redis.set(\`session:\${token}\`, userId);`, () => [
      { messageId: 'secretInCacheKey', line: 3, column: 28, suggestions: [] },
    ]),
    invalid(`${HEAD}await redis.set('verify-' + code, user.id, 'EX', 600);`, () => [
      { messageId: 'secretInCacheKey', line: 3, column: 29, suggestions: [] },
    ]),
    invalid(
      `${HEAD}const resetToken = generateResetToken();\nawait redis.setex(\`password_reset:\${resetToken}\`, 900, email);`,
      () => [{ messageId: 'secretInCacheKey', line: 4, column: 37, suggestions: [] }],
    ),
    // secureCache encrypts values, not keys.
    invalid(
      "import Redis from 'ioredis';\nimport { secureCache } from '@secure-migrate/runtime';\nconst redis = secureCache(new Redis());\nawait redis.set(`refresh-token:${refreshToken}`, userId);",
      () => [{ messageId: 'secretInCacheKey', line: 4, column: 34, suggestions: [] }],
    ),
  ],
};

const clientCases: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-cache-write: clients from project modules, promisified and wrapper methods',
  valid: [
    // A project module that makes no cache client.
    {
      code: "import store from './cache-models.js';\nawait store.set('k', accessToken);",
      filename: `${fixturesDir}routes.ts`,
    },
    // A wrapper method on a receiver that is not named like a cache.
    `const settings = makeSettings();\nsettings.setValue('theme', accessToken);`,
  ],
  invalid: [
    {
      code: "import store from './cache-client.js';\nawait store.set('k', accessToken);",
      filename: `${fixturesDir}routes.ts`,
      errors: [
        {
          messageId: 'plaintextCacheWrite',
          line: 2,
          column: 22,
          suggestions: [
            {
              messageId: 'wrapValueInEncryptForCache',
              output:
                "import store from './cache-client.js';\nimport { encryptForCache } from '@secure-migrate/runtime';\nawait store.set('k', encryptForCache(accessToken, { context: 'k' }));",
            },
          ],
        },
      ],
    },
    {
      // Required, with a bluebird/promisify-style method.
      code: "const store = require('./cache-client.js');\nstore.hsetAsync('refresh_tokens', String(userId), refreshToken);",
      filename: `${fixturesDir}routes.js`,
      errors: [
        {
          messageId: 'plaintextCacheWrite',
          line: 2,
          column: 51,
          suggestions: [
            {
              messageId: 'wrapValueInEncryptForCache',
              output:
                "const store = require('./cache-client.js');\nconst { encryptForCache } = require('@secure-migrate/runtime');\nstore.hsetAsync('refresh_tokens', String(userId), encryptForCache(refreshToken, { context: 'refresh_tokens' }));",
            },
          ],
        },
      ],
    },
    invalid(
      `const otpObj = { otp: '', attempt: 1 };\notpObj.otp = generatedOtp;\nredisHelper.setValue(otpKey, JSON.stringify(otpObj), ttl);`,
      () => [
        {
          messageId: 'plaintextCacheWrite',
          line: 3,
          column: 30,
          suggestions: [
            {
              messageId: 'wrapValueInEncryptForCache',
              output: `import { encryptForCache } from '@secure-migrate/runtime';\nconst otpObj = { otp: '', attempt: 1 };\notpObj.otp = generatedOtp;\nredisHelper.setValue(otpKey, encryptForCache(JSON.stringify(otpObj)), ttl);`,
            },
          ],
        },
      ],
    ),
  ],
};

/** Strict (`checkTypes`): whole user records by their name alone. */
const strictCases: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-cache-write: strict, user records by name',
  valid: [
    {
      code: `${HEAD}await redis.set(id, JSON.stringify(user));`,
      options: [{ checkTypes: false }],
    },
  ],
  invalid: [
    invalid(
      `${HEAD}const user = JSON.parse(session);\nawait redis.set(user._id, JSON.stringify(user), 'EX', 604800);`,
      (code) => [valueError(code, 4, 27, 'JSON.stringify(user)', undefined)],
      { options: [{ checkTypes: true }] },
    ),
  ],
};

/** Cases also run with type information (test/rules/no-plaintext-cache-write.test.ts). */
const typedCases: CaseGroup<MessageIds, Options> = {
  name: 'no-plaintext-cache-write: values and keys (typed)',
  valid: [
    `${HEAD}declare const userId: number;\nawait redis.set(\`refresh:\${jti}\`, userId);`,
    `${HEAD}declare const name: string;\ndeclare const avatar: string;\nconst value = JSON.stringify({ name, avatar });\nawait redis.set('k', value);`,
  ],
  invalid: [
    invalid(
      `${HEAD}declare const resetToken: string;\ndeclare const email: string;\nconst value = JSON.stringify({ email, resetToken });\nawait redis.set('k', value);`,
      (code) => [valueError(code, 6, 22, 'value', "'k'", 'redis.set')],
    ),
    invalid(
      `${HEAD}declare const token: string;\ndeclare const userId: number;\nawait redis.set(\`session:\${token}\`, userId);`,
      () => [{ messageId: 'secretInCacheKey', line: 5, column: 28, suggestions: [] }],
    ),
  ],
};

export const cacheCases: RuleCases<MessageIds, Options> = {
  untyped: [valueCases, keyCases, clientCases, strictCases, typedCases],
  typed: [typedCases],
};
