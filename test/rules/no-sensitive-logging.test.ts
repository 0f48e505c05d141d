import rule from '../../rules/no-sensitive-logging.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';

const IMPORT = "import { sanitizeForLogging } from '@secure-migrate/runtime';\n";

/** One error at `line:column` with the wrap suggestion producing `output`. */
function error(line: number, column: number, output: string) {
  return {
    messageId: 'sensitiveLog' as const,
    line,
    column,
    suggestions: [{ messageId: 'wrapInSanitizeForLogging' as const, output }],
  };
}

createUntypedRuleTester().run('no-sensitive-logging', rule, {
  valid: [
    // Names that describe a secret rather than hold one.
    'console.log(user.tokenExpiresAt, tokenCount, secretName, tokenType, keyId);',
    'console.log(isPasswordValid, passwordChanged, hashedPassword, tokenizer, authorized, csrfToken);',
    // Derivatives that do not carry the value.
    "console.log(token.length, typeof password, !!secret, password ? 'set' : 'unset', Boolean(apiKey));",
    'logger.info({ hasToken: token !== undefined, passwordLength: password.length });',
    "console.log(token.slice(0, 6), card.slice(-4), password.replace(/./g, '*'));",
    // Safe wrappers.
    'console.log(sanitizeForLogging({ token, user }));',
    'logger.info(bcrypt.hashSync(password, 10), argon2.hash(password));',
    "logger.info(crypto.createHash('sha256').update(token).digest('hex'));",
    'logger.info(maskToken(token), redactSecrets(config), encryptForCache(session));',
    // The condition of console.assert is not written.
    "console.assert(token, 'missing token');",
    // The value under a sensitive key is a hash.
    'logger.info({ password: passwordHash, token: user.tokenDigest });',
    // Not a logger.
    'list.push(token); res.json({ token }); store.info(token);',
    // A local `console` that is not the global one and not created as a logger.
    'const console = { log(x) { return x; } }; function f(c) { return c; }',
    // Literal values under sensitive keys are not runtime secrets.
    "logger.info({ password: '[REDACTED]', token: undefined, apiKey: null });",
    { code: 'audit.info(token);', options: [{ allowedNames: ['token'] }] },
    { code: 'console.log(scrubbed(token));', options: [{ safeWrappers: ['scrubbed'] }] },
    // Request bodies only in strict mode.
    'console.log(req.body);',
    // Not PII unless asked.
    'console.log(user.email);',
  ],
  invalid: [
    {
      code: 'console.log(accessToken);',
      errors: [
        error(1, 13, `${IMPORT}console.log(sanitizeForLogging(accessToken, { name: 'accessToken' }));`),
      ],
    },
    {
      code: "logger.info({ token }, 'logged in');",
      errors: [error(1, 13, `${IMPORT}logger.info(sanitizeForLogging({ token }), 'logged in');`)],
    },
    {
      code: 'logger.info({ password: p });',
      errors: [error(1, 13, `${IMPORT}logger.info(sanitizeForLogging({ password: p }));`)],
    },
    // A message built from a secret: only the secret is masked, the rest of the text stays as it was.
    {
      code: 'logger.warn(`auth header: ${req.headers.authorization}`);',
      errors: [
        error(
          1,
          13,
          `${IMPORT}logger.warn(\`auth header: \${sanitizeForLogging(req.headers.authorization, { name: 'authorization' })}\`);`,
        ),
      ],
    },
    {
      code: "log.debug('key ' + headers['x-api-key']);",
      errors: [
        error(
          1,
          11,
          `${IMPORT}log.debug('key ' + sanitizeForLogging(headers['x-api-key'], { name: 'x-api-key' }));`,
        ),
      ],
    },
    {
      code: 'logger.info(`token ${token}`);',
      errors: [
        error(1, 13, `${IMPORT}logger.info(\`token \${sanitizeForLogging(token, { name: 'token' })}\`);`),
      ],
    },
    {
      code: "console.log('pw: ' + password);",
      errors: [
        error(1, 13, `${IMPORT}console.log('pw: ' + sanitizeForLogging(password, { name: 'password' }));`),
      ],
    },
    {
      // Every secret part is masked; clean parts (user, attempts, the 'none' branch) stay.
      code: "console.warn('user ' + user + ' sent ' + password + ' and ' + `${ok ? apiKey : 'none'} x${attempts}`);",
      errors: [
        error(
          1,
          14,
          `${IMPORT}console.warn('user ' + user + ' sent ' + sanitizeForLogging(password, { name: 'password' }) + ' and ' + \`\${ok ? sanitizeForLogging(apiKey, { name: 'apiKey' }) : 'none'} x\${attempts}\`);`,
        ),
      ],
    },
    {
      // An object inside the message is wrapped inside JSON.stringify, so its clean properties still show.
      code: 'logger.info(`login ${JSON.stringify({ password, attempts })}`);',
      errors: [
        error(
          1,
          13,
          `${IMPORT}logger.info(\`login \${JSON.stringify(sanitizeForLogging({ password, attempts }))}\`);`,
        ),
      ],
    },
    {
      code: "console.assert(ok, 'bad token', token);",
      errors: [
        error(
          1,
          33,
          `${IMPORT}console.assert(ok, 'bad token', sanitizeForLogging(token, { name: 'token' }));`,
        ),
      ],
    },
    {
      // A fresh random id is a session id like any other.
      code: 'const sid = crypto.randomUUID();\nfastify.log.info({ sid });',
      errors: [
        error(
          2,
          18,
          `${IMPORT}const sid = crypto.randomUUID();\nfastify.log.info(sanitizeForLogging({ sid }));`,
        ),
      ],
    },
    {
      // A child logger is a logger.
      code: 'const child = logger.child({ requestId });\nchild.warn(apiToken);',
      errors: [
        error(
          2,
          12,
          `${IMPORT}const child = logger.child({ requestId });\nchild.warn(sanitizeForLogging(apiToken, { name: 'apiToken' }));`,
        ),
      ],
    },
    {
      code: 'console.log(process.env);',
      errors: [error(1, 13, `${IMPORT}console.log(sanitizeForLogging(process.env));`)],
    },
    {
      code: 'console.log(req.headers);',
      errors: [error(1, 13, `${IMPORT}console.log(sanitizeForLogging(req.headers));`)],
    },
    {
      code: 'console.error(JSON.stringify(credentials));',
      errors: [
        error(
          1,
          15,
          `${IMPORT}console.error(JSON.stringify(sanitizeForLogging(credentials, { name: 'credentials' })));`,
        ),
      ],
    },
    {
      code: 'console.log({ ...tokens.refreshToken });',
      errors: [error(1, 13, `${IMPORT}console.log(sanitizeForLogging({ ...tokens.refreshToken }));`)],
    },
    {
      code: "console.log(user ? user.password : 'none');",
      errors: [
        error(
          1,
          13,
          `${IMPORT}console.log(sanitizeForLogging(user ? user.password : 'none', { name: 'password' }));`,
        ),
      ],
    },
    {
      // Created by a factory: the receiver is a logger whatever its name.
      code: "import pino from 'pino';\nconst out = pino();\nout.info(apiKey);",
      errors: [
        error(
          3,
          10,
          "import pino from 'pino';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nconst out = pino();\nout.info(sanitizeForLogging(apiKey, { name: 'apiKey' }));",
        ),
      ],
    },
    {
      // Merged into an existing import of the runtime.
      code: "import { secureCache } from '@secure-migrate/runtime';\nconst w = winston.createLogger({});\nw.error('login', { secret });",
      errors: [
        error(
          3,
          18,
          "import { secureCache, sanitizeForLogging } from '@secure-migrate/runtime';\nconst w = winston.createLogger({});\nw.error('login', sanitizeForLogging({ secret }));",
        ),
      ],
    },
    {
      // NestJS: `this.logger` declared as a field.
      code: "import { Logger } from '@nestjs/common';\nclass AuthService {\n  private readonly audit = new Logger(AuthService.name);\n  login(refreshToken: string) {\n    this.audit.log(refreshToken);\n  }\n}",
      errors: [
        error(
          5,
          20,
          "import { Logger } from '@nestjs/common';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nclass AuthService {\n  private readonly audit = new Logger(AuthService.name);\n  login(refreshToken: string) {\n    this.audit.log(sanitizeForLogging(refreshToken, { name: 'refreshToken' }));\n  }\n}",
        ),
      ],
    },
    {
      code: "const debug = require('debug')('app:auth');\ndebug('session %o', session);",
      errors: [
        error(
          2,
          21,
          "const debug = require('debug')('app:auth');\nconst { sanitizeForLogging } = require('@secure-migrate/runtime');\ndebug('session %o', sanitizeForLogging(session, { name: 'session' }));",
        ),
      ],
    },
    {
      code: 'req.log.info({ cookie: req.cookies });',
      errors: [error(1, 14, `${IMPORT}req.log.info(sanitizeForLogging({ cookie: req.cookies }));`)],
    },
    {
      code: 'const pw = user.password;\nconsole.log(pw);',
      errors: [
        error(
          2,
          13,
          `${IMPORT}const pw = user.password;\nconsole.log(sanitizeForLogging(pw, { name: 'password' }));`,
        ),
      ],
    },
    {
      code: 'console.log(getPassword(), jwt.sign(payload, key));',
      errors: [
        error(
          1,
          13,
          `${IMPORT}console.log(sanitizeForLogging(getPassword(), { name: 'password' }), jwt.sign(payload, key));`,
        ),
        error(
          1,
          28,
          `${IMPORT}console.log(getPassword(), sanitizeForLogging(jwt.sign(payload, key), { name: 'token' }));`,
        ),
      ],
    },
    {
      code: "'use strict';\nconsole.log(apiKey);",
      filename: 'server.cjs',
      errors: [
        error(
          2,
          13,
          "'use strict';\nconst { sanitizeForLogging } = require('@secure-migrate/runtime');\nconsole.log(sanitizeForLogging(apiKey, { name: 'apiKey' }));",
        ),
      ],
    },
    {
      // A local binding named like the helper: the import is aliased.
      code: 'const sanitizeForLogging = (x) => x;\nconsole.log(sanitizeForLogging, token);',
      errors: [
        error(
          2,
          33,
          "import { sanitizeForLogging as sanitizeForLogging_1 } from '@secure-migrate/runtime';\nconst sanitizeForLogging = (x) => x;\nconsole.log(sanitizeForLogging, sanitizeForLogging_1(token, { name: 'token' }));",
        ),
      ],
    },
    {
      code: 'audit.warn(internalCode);',
      options: [
        { extraLoggers: ['audit'], extraSensitiveNames: ['internalCode'], runtimeImport: '#runtime' },
      ],
      errors: [
        error(
          1,
          12,
          "import { sanitizeForLogging } from '#runtime';\naudit.warn(sanitizeForLogging(internalCode, { name: 'secret' }));",
        ),
      ],
    },
    {
      code: 'console.log(req.body);',
      options: [{ checkTypes: true }],
      errors: [error(1, 13, `${IMPORT}console.log(sanitizeForLogging(req.body, { pii: true }));`)],
    },
    {
      code: 'console.log(user.email);',
      options: [{ pii: true }],
      errors: [
        error(1, 13, `${IMPORT}console.log(sanitizeForLogging(user.email, { name: 'email', pii: true }));`),
      ],
    },
  ],
});
