/**
 * no-hardcoded-credentials' RuleTester cases: `untyped` is what the rule reports from syntax alone
 * (test/rules/no-hardcoded-credentials.test.ts), `typed` what it reports with type information in the fixture project
 * (test/rules/typed.test.ts). test/rules/typed-superset.test.ts runs all of them in both modes.
 */
import type { MessageIds, Options } from '../../rules/no-hardcoded-credentials.js';
import type { CaseGroup, RuleCases } from '../helpers/case-groups.js';

// Built at run time so that secret scanners do not flag this file.
const GITHUB = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');
const STRIPE = ['sk', 'live', 'abcdefghijklmnop1234'].join('_');
const JWT = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
].join('.');
const WEBHOOK = ['whsec', 'QmFzZTY0IGlzIG5vdCBhIHNlY3JldCBrZXk'].join('_');
// Password hashes: stored to compare with, not usable as a secret.
const BCRYPT = ['', '2b', '10', 'N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'].join('$');
const ARGON2 = ['', 'argon2id', 'v=19', 'm=65536,t=3,p=4', 'c2FsdHNhbHRzYWx0', 'aGFzaGhhc2hoYXNoaGFzaA'].join(
  '$',
);
const SCRYPT = ['', 'scrypt', 'ln=16,r=8,p=1', 'c2FsdHNhbHQ', 'aGFzaGhhc2hoYXNo'].join('$');

const basics: CaseGroup<MessageIds, Options> = {
  name: 'no-hardcoded-credentials',
  valid: [
    // Names of things, not the things.
    "const X_HEADER = 'x-api-token'; const TOKEN_ENV = 'GITHUB_TOKEN'; const ACCESS_TOKEN = 'access_token';",
    "const passwordLabel = 'Password'; const tokenType = 'Bearer'; const secretName = 'db-password';",
    // Empty values, placeholders, paths, prose.
    "const apiKey = ''; const token = '<your-token>'; const secret = '${SECRET}'; const pw = 'xxx'; const s = '***';",
    "const privateKeyPath = './keys/private.pem'; const password = process.env.DB_PASSWORD;",
    "const passwordHint = 'Use at least 12 characters, a number and a symbol.';",
    "const authUrl = 'https://auth.example.com/oauth/token';",
    // Comparisons, types, enums, keys, imports.
    "if (password === '') {} if (token !== 'none') {}",
    "type Creds = { password: 'x' }; enum Kind { Password = 'password' }",
    "const m = { 'x-api-key': 1 }; import secret from 'secret-module';",
    // Not sensitive names.
    "const user = 'admin'; const tokenizer = 'wordpiece'; const csrfTokenName = '_csrf';",
    // Dummy values outside tests.
    "const client = new Client({ apiKey: 'test', token: 'dummy' });",
    // Non-secret process.env fallbacks, and locations of secrets.
    "const url = process.env.REDIS_URL || 'redis://localhost:6379';",
    "const db = process.env.DATABASE_URL ?? 'postgres://app@localhost:5432/app';",
    "const port = process.env.PORT || '3000'; const host = process.env.REDIS_HOST ?? 'localhost';",
    { code: "const password = 'hunter2hunter2';", options: [{ allowedValues: ['hunter2hunter2'] }] },
    { code: "const clientSecret = 'abc123def456';", options: [{ allowedNames: ['clientSecret'] }] },
    // Name-bound literals in tests are fixtures; real-looking secrets are still reported (see invalid).
    { code: "const password = 'correct-horse';", filename: 'src/auth.test.ts' },
    // Dummy credentials in test helpers and fixtures, whatever the folder or suffix.
    { code: "export const admin = { password: 'Adm1n-pass!' };", filename: 'src/__test-helpers__/users.ts' },
    { code: "export const apiKey = 'k9Xw2LmQ7pRt4ZsV';", filename: 'src/__tests__/client.ts' },
    { code: "module.exports = { password: 'password123' };", filename: 'test/fixtures/user.fixture.js' },
    { code: "const body = { password: 'p4ssw0rd' };", filename: 'fixtures/login.js' },
    { code: "const token = 'abcDEF123456ghiJKL';", filename: 'src/auth/auth.service.spec.ts' },
    { code: "const token = 'abcDEF123456ghiJKL';", filename: 'test/auth/auth.e2e-spec.ts' },
    { code: "const user = { password: 'Secr3t!' };", filename: 'src/components/SignInForm.cy.tsx' },
    // `fetch` and XHR options: enum values of a `credentials` option, not credentials.
    "fetch(url, { credentials: 'include' }); fetch(url, { credentials: 'same-origin' });",
    "const init: RequestInit = { method: 'POST', credentials: 'omit' };",
    "axios.create({ withCredentials: true, credentials: 'include' });",
    // Tokenizer rules: a token is a syntax class.
    "const rules = { root: [[/\\{/, { token: 'delimiter.curly' }], [/\\d+/, { token: 'number.hex' }]] };",
    // UI labels, with spaces.
    "const fields = [{ token: 'OAuth Bearer Token' }, { apiKey: 'API Key' }, { password: 'New Password' }];",
    // Short prefixes of published key formats.
    "const PREFIXES = { webhookSecret: 'whsec', token: 'pmk', secretKey: 'sk_live' };",
    // Token types, sentinels and option values under token names.
    "const tokenType = 'access'; socket.token = 'autoLogin'; const opts = { token: 'header' };",
    // Cookie and storage key names.
    "const TOKEN_STORAGE_KEY = 'auth_token'; localStorage.setItem(TOKEN_STORAGE_KEY, token);",
    "const i18n = { detectBrowserLanguage: { useCookie: true, cookieKey: 'i18n_redirected' } };",
    "const AUTH = { accessTokenKey: 'app.accessToken', refreshToken: 'app_refresh_token' };",
    // Constants that name a key rather than hold one: sentinels and Redis key prefixes.
    "export const FLUSH_DB_KEY = '__flush_db__';",
    "export const PHONE_OTP_KEY = 'redis::phone::otp::'; export const EMAIL_OTP_KEY = 'redis::email::otp::';",
    "export const REFRESH_TOKEN_PREFIX = 'refresh:'; const tokenKey = 'token_';",
    // Password hashes (bcrypt, argon2, scrypt): what a seed or fixture stores, not a usable secret.
    `db.users.insert({ email: 'admin@example.org', password: '${BCRYPT}' });`,
    `const user = { passwordHash: '${ARGON2}', password: '${ARGON2}' };`,
    `const seed = { password: '${SCRYPT}' };`,
    // A connection string that is a host and port, without credentials.
    "const db = { connectionString: 'localhost:1521/FREEPDB1' };",
    // Messages and codes about passwords, and translations of the word.
    "const errors = { password: 'too short' }; const WRONG_PASSWORD = 'auth/wrong-password';",
    {
      code: "export default { password: 'Passwort', token: 'Zugangstoken' };",
      filename: 'src/locales/de.ts',
    },
    // The thing before `from`/`for` is what the name holds: a user id.
    "const userIdFromToken = 'f3a9c2e1b7d84a6f9e0c5b2a';",
    // Ids visibly built from non-secret parts, whatever they are called; a session cookie's name.
    "const sessionId = `offline_${shop}`; const threadSessionId = 'thread-' + thread.id;",
    "const sessionId = 'thread_123'; const SESSION_COOKIE = 'connect.sid'; const sid = 'sid';",
    // A bare `key` with a word or a short code is a lookup key, not a secret; a public key is public.
    "const item = { key: 'settings', label: 'Settings' }; const k = { key: 'a1b2' };",
    "const vapid = { publicKey: 'BEl62iUYgUivxIkv69yViEuiBIa40HIe' };",
  ],
  invalid: [
    {
      code: "const password = 'hunter2';",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 18, data: { name: 'password' } }],
    },
    {
      code: "const config = {\n  db: { user: 'app', password: 'p4ssw0rd!' },\n};",
      errors: [{ messageId: 'sensitiveName', line: 2, column: 32, data: { name: 'password' } }],
    },
    {
      code: "class Client { apiKey = 'k-1234567890'; }",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 25 }],
    },
    {
      code: "function connect(password = 'changeme') {}",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 29 }],
    },
    {
      code: "options.clientSecret = 'abc123def456';",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 24 }],
    },
    {
      code: "app.use(session({ secret: 'keyboard cat' }));",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 27 }],
    },
    { code: "jwt.sign(payload, 'mysecret');", errors: [{ messageId: 'sensitiveName', line: 1, column: 19 }] },
    {
      code: "const jwtSecret = process.env.JWT_SECRET || 'dev-secret';",
      errors: [{ messageId: 'envFallback', line: 1, column: 45, data: { name: 'JWT_SECRET' } }],
    },
    {
      // Even a word that is no secret elsewhere: production would run with it.
      code: "const secret = process.env.SESSION_SECRET || 'dev';",
      errors: [{ messageId: 'envFallback', line: 1, column: 46, data: { name: 'SESSION_SECRET' } }],
    },
    {
      code: "const key = process.env['STRIPE_API_KEY'] ?? 'test';",
      errors: [{ messageId: 'envFallback', line: 1, column: 46, data: { name: 'STRIPE_API_KEY' } }],
    },
    {
      code: `const t = '${GITHUB}';`,
      errors: [{ messageId: 'secretValue', line: 1, column: 11, data: { kind: 'a GitHub token' } }],
    },
    {
      code: `const stripe = new Stripe('${STRIPE}');`,
      errors: [{ messageId: 'secretValue', line: 1, column: 27, data: { kind: 'a Stripe key' } }],
    },
    {
      code: "const redis = new Redis('redis://default:s3cr3tP4ss@cache.internal:6379');",
      errors: [
        { messageId: 'secretValue', line: 1, column: 25, data: { kind: 'a URL with an inline password' } },
      ],
    },
    {
      code: `fetch(url, { headers: { Authorization: \`Bearer ${JWT}\` } });`,
      errors: [{ messageId: 'secretValue', line: 1, column: 40 }],
    },
    {
      // Real-looking secrets are reported in test files too.
      code: `const token = '${GITHUB}';`,
      filename: 'src/__tests__/client.ts',
      errors: [{ messageId: 'secretValue', line: 1, column: 15 }],
    },
    {
      code: "const password = 'correct-horse';",
      filename: 'src/auth.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'sensitiveName', line: 1, column: 18 }],
    },
    {
      // The fallback of a secret's environment variable, whatever word it is.
      code: "const admin = { password: process.env.SUPER_PASSWORD || 'superadmin' };",
      errors: [{ messageId: 'envFallback', line: 1, column: 57, data: { name: 'SUPER_PASSWORD' } }],
    },
    {
      // A secret in a config object: a chosen word is the secret.
      code: "module.exports = {\n  secret: 'nodeauthsecret',\n  database: 'mongodb://localhost/auth',\n};",
      errors: [{ messageId: 'sensitiveName', line: 2, column: 11, data: { name: 'secret' } }],
    },
    {
      code: "export default { mysql_password: 'Abc@123456', redis_password: 'dev@123456' };",
      errors: [
        { messageId: 'sensitiveName', line: 1, column: 34, data: { name: 'mysql_password' } },
        { messageId: 'sensitiveName', line: 1, column: 64, data: { name: 'redis_password' } },
      ],
    },
    {
      // A signing secret may be a short phrase.
      code: "const cookieSecret = 'keyboard cat';",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 22 }],
    },
    {
      code: "const dbPassword = 'changeme';",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 20 }],
    },
    {
      // Under a token or key name, a random value is a secret (a word would be a type, a label or a key name).
      code: "const client = new Api({ token: 'f3a9c2e1b7d84a6f9e0c5b2a' });",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 33, data: { name: 'token' } }],
    },
    {
      code: "const HEADERS = { apiKey: 'Zq7Lm2Xp9Rt4Vw8K' };",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 27, data: { name: 'apiKey' } }],
    },
    {
      // A bare key name with a long random value (a generated API key seeded into the database).
      code: "db.api_keys.insert({ key: 'Qm7Xc2Lp9Vt4Rz8Kw3Nb6Hy1Gd5Fs0Ja', permissions: ['GENERAL'] });",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 27, data: { name: 'key' } }],
    },
    {
      code: "module.exports = { INTEG_TEST_KEY: '9c1d7f0a4b6e2c8d5a3f1e7b9c0d2a4f6e8b1c3d5f7a9e0b2d4c6a8f1e3b5d7c' };",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 36, data: { name: 'INTEG_TEST_KEY' } }],
    },
    {
      // A known format is reported in test helpers too.
      code: `const config = { stripe_webhook_secret: '${WEBHOOK}' };`,
      filename: 'test/_helpers/_setup.js',
      errors: [{ messageId: 'secretValue', line: 1, column: 41, data: { kind: 'a Stripe key' } }],
    },
    {
      code: `const token = '${GITHUB}';`,
      filename: 'src/__test-helpers__/auth.ts',
      errors: [{ messageId: 'secretValue', line: 1, column: 15 }],
    },
    {
      // A sensitive word inside a longer name that says where the value came from or what it is for.
      code: "const authTokenFromHeaders = 'f3a9c2e1b7d84a6f9e0c5b2a';\ndto.refreshTokenValue = 'Qm7Xc2Lp9Vt4Rz8Kw3Nb6Hy1';\nconst seed = { adminPasswordForSeed: 'Adm1n-pass!' };",
      errors: [
        { messageId: 'sensitiveName', line: 1, column: 30, data: { name: 'authTokenFromHeaders' } },
        { messageId: 'sensitiveName', line: 2, column: 25, data: { name: 'refreshTokenValue' } },
        { messageId: 'sensitiveName', line: 3, column: 38, data: { name: 'adminPasswordForSeed' } },
      ],
    },
    {
      // A web session id, alone or as the value of a cookie header, lets anyone in as that user.
      code: "const sessionId = 'j4K9xQ2mP7vR1tL8wZ3nB6cY';",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 19, data: { name: 'sessionId' } }],
    },
    {
      code: "const headers = { cookie: 'connect.sid=s%3Aj4K9xQ2mP7vR1tL8wZ3nB6cY.abcDEF123' };",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 27, data: { name: 'cookie' } }],
    },
    {
      code: "const internalCode = 'abc-123-xyz';",
      options: [{ extraSensitiveNames: ['internalCode'] }],
      errors: [{ messageId: 'sensitiveName', line: 1, column: 22 }],
    },
  ],
};

// `getSecret('NAME', { developmentFallback })`: production refuses to start without NAME, so the fallback is only what
// development runs with; a value in a known format or with the entropy of a generated secret was committed all the
// same and is reported.
const GENERATED = 'Xk3Jq9LmP2vR7tW4zB8nC1dF';
const developmentFallbacks: CaseGroup<MessageIds, Options> = {
  name: 'no-hardcoded-credentials: getSecret development fallbacks',
  valid: [
    "import { getSecret } from '@secure-migrate/runtime';\nconst s = getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' });",
    "import { getSecret } from '@secure-migrate/runtime/secrets';\nconst s = getSecret('JWT_SECRET', { developmentFallback: 'dev-jwt-secret', minLength: 8 });",
    "const { getSecret: readSecret } = require('@secure-migrate/runtime');\nconst password = readSecret('DB_PASSWORD', { developmentFallback: 'postgres' });",
    // By shape: a namespace import, a wrapper of the project named getSecret.
    "import * as rt from '@secure-migrate/runtime';\nconst s = rt.getSecret('API_TOKEN', { developmentFallback: 'local-dev-token' });",
    "const s = secrets.getSecret(name, { developmentFallback: 'changeme' });",
  ],
  invalid: [
    {
      code: `import { getSecret } from '@secure-migrate/runtime';\nconst s = getSecret('SESSION_SECRET', { developmentFallback: '${GENERATED}' });`,
      errors: [{ messageId: 'generatedFallback', line: 2, column: 62, data: { name: 'SESSION_SECRET' } }],
    },
    {
      code: `import { getSecret as readSecret } from '@secure-migrate/runtime/secrets';\nconst s = readSecret('K', { developmentFallback: '${GENERATED}' });`,
      errors: [{ messageId: 'generatedFallback', line: 2, column: 50, data: { name: 'K' } }],
    },
    {
      // A known format is a secret wherever it is written.
      code: `const token = getSecret('GITHUB_TOKEN', { developmentFallback: '${GITHUB}' });`,
      errors: [{ messageId: 'secretValue', line: 1, column: 64 }],
    },
    {
      // Not the fallback of a getSecret call: the literal is judged by the name it is bound to.
      code: "const s = readConfig('SESSION_SECRET', { secret: 'keyboard cat' });",
      errors: [{ messageId: 'sensitiveName', line: 1, column: 50, data: { name: 'secret' } }],
    },
    {
      // Another function's option of the same name is not a getSecret fallback.
      code: `const s = load('SESSION_SECRET', { developmentFallback: 'keyboard cat', sessionSecret: '${GENERATED}' });`,
      errors: [{ messageId: 'sensitiveName', line: 1, column: 88, data: { name: 'sessionSecret' } }],
    },
  ],
};

// The rule is syntactic; one typed run checks it behaves the same with a program. The fixture project lives under
// test/, so name-bound literals need `checkTestFiles`.
const credentialsInTests = [{ checkTestFiles: true }] as const;
const typedCases: CaseGroup<MessageIds, Options> = {
  name: 'no-hardcoded-credentials (typed)',
  valid: [
    "export const X_HEADER = 'x-api-token';",
    "export const dbPassword: string = 'hunter2';",
    {
      code: "import { getSecret } from '@secure-migrate/runtime';\nexport const s: string = getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' });",
      options: credentialsInTests,
    },
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
    {
      code: `import { getSecret } from '@secure-migrate/runtime';\nexport const s: string = getSecret('SESSION_SECRET', { developmentFallback: '${GENERATED}' });`,
      options: credentialsInTests,
      errors: [{ messageId: 'generatedFallback', line: 2, column: 77 }],
    },
  ],
};

export const cases: RuleCases<MessageIds, Options> = {
  untyped: [basics, developmentFallbacks],
  typed: [typedCases],
};
