import rule from '../../rules/no-hardcoded-credentials.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';

// Built at run time so that secret scanners do not flag this file.
const GITHUB = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');
const STRIPE = ['sk', 'live', 'abcdefghijklmnop1234'].join('_');
const JWT = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
].join('.');

createUntypedRuleTester().run('no-hardcoded-credentials', rule, {
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
      code: "const internalCode = 'abc-123-xyz';",
      options: [{ extraSensitiveNames: ['internalCode'] }],
      errors: [{ messageId: 'sensitiveName', line: 1, column: 22 }],
    },
  ],
});
