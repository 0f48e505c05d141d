/**
 * no-sensitive-logging's RuleTester cases: `untyped` is what the rule reports from syntax alone
 * (test/rules/no-sensitive-logging.test.ts), `typed` what it reports with type information (test/rules/typed.test.ts).
 * test/rules/typed-superset.test.ts runs all of them in both modes.
 */
import { fileURLToPath } from 'node:url';
import { isSensitiveName } from '@secure-migrate/runtime/classify';
import type { MessageIds, Options } from '../../rules/no-sensitive-logging.js';
import type { CaseGroup, RuleCases } from '../helpers/case-groups.js';

/**
 * The name the suggestion keeps for `authTokenFromHeaders` (and `emailCode`): its own when the runtime's redactor recognises it, else
 * the name of what it holds, so that the value is censored at run time either way.
 */
const AUTH_FROM_HEADERS = isSensitiveName('authTokenFromHeaders') ? 'authTokenFromHeaders' : 'token';
const EMAIL_CODE = isSensitiveName('emailCode') ? 'emailCode' : 'password';

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

const basics: CaseGroup<MessageIds, Options> = {
  name: 'no-sensitive-logging',
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
};

/** A file beside the logger modules of `test/fixtures/loggers`, so that relative imports resolve. */
const LOGGERS_DIR = fileURLToPath(new URL('../fixtures/loggers/', import.meta.url));
const beside = (name = 'file.ts') => `${LOGGERS_DIR}${name}`;
const STRICT = [{ checkTypes: true, pii: true }] as const;

const everyLogger: CaseGroup<MessageIds, Options> = {
  name: 'no-sensitive-logging: every logger, names inside names, written types',
  valid: [
    // A project module that does not make a logger; its `info` stores, it does not log.
    { code: "import store from './store';\nstore.info(token);", filename: beside() },
    { code: "import store from '@log/store';\nstore.info(token);", filename: beside('aliased/file.ts') },
    // An unresolved relative module under a neutral name is not assumed to be a logger.
    { code: "import out from './missing';\nout.info(token);", filename: beside() },
    // Identifiers visibly built from non-secret parts are ids, not credentials, whatever their name.
    'const sessionId = `offline_${shop}`;\nlogger.info({ sessionId });',
    "const sessionId = 'thread-' + thread.id;\nconsole.log(sessionId);",
    // …or visibly the id of something else: a thread's, a conversation's.
    'export function f(threadId) {\n  const sessionId = threadId;\n  console.log({ sessionId });\n}',
    'logger.info({ sessionId: thread.id, sid: `offline_${shop}` });\nconst session_id = conversation.id;\nconsole.log(session_id);',
    // A session record whose written type keeps its credential in another property: the id is the record's key.
    'interface Session {\n  id: string;\n  token: string;\n}\nexport function f(session: Session) {\n  console.log(`session ${session.id} opened`);\n}',
    // The written type says there is no credential, or that it is only a flag.
    'const body: { username: string; remember: boolean } = read();\nconsole.log(body);',
    'const flags: { password: boolean; token: number } = read();\nconsole.log(flags);',
    // Codes that are not one-time credentials; a `code` that is not an OAuth callback's.
    'console.log(zipCode, statusCode, errorCode, countryCode, promoCode);',
    'const { code, message } = err;\nconsole.log(code, message);',
    'const { code } = req.query;\nconsole.log(code);',
    { code: 'console.log(emailCode);', options: [{ allowedNames: ['emailCode'] }] },
    // Whole user records by name only are for strict mode.
    'console.log(user, JSON.stringify(profile), req.user);',
    // In strict mode, the `user` of an auth object is a user name, not a user record.
    { code: 'console.log(transport.options.auth.user);', options: STRICT },
    // A local function that returns no credential.
    'function getUser() {\n  return { id: 1, name: "a" };\n}\nconst user = getUser();\nconsole.log(user);',
  ],
  invalid: [
    {
      // Named like a logger, whatever module it comes from.
      code: "const winston = require('../config/winston');\nwinston.info(`login ${password}`);",
      errors: [
        error(
          2,
          14,
          `const winston = require('../config/winston');\nconst { sanitizeForLogging } = require('@secure-migrate/runtime');\nwinston.info(\`login \${sanitizeForLogging(password, { name: 'password' })}\`);`,
        ),
      ],
    },
    {
      code: 'pino.info(token);\nbunyan.warn(secret);\nauditLog.error(apiKey);\nLogger.debug(dbURI);',
      errors: [
        error(
          1,
          11,
          `${IMPORT}pino.info(sanitizeForLogging(token, { name: 'token' }));\nbunyan.warn(secret);\nauditLog.error(apiKey);\nLogger.debug(dbURI);`,
        ),
        error(
          2,
          13,
          `${IMPORT}pino.info(token);\nbunyan.warn(sanitizeForLogging(secret, { name: 'secret' }));\nauditLog.error(apiKey);\nLogger.debug(dbURI);`,
        ),
        error(
          3,
          16,
          `${IMPORT}pino.info(token);\nbunyan.warn(secret);\nauditLog.error(sanitizeForLogging(apiKey, { name: 'apiKey' }));\nLogger.debug(dbURI);`,
        ),
        error(
          4,
          14,
          `${IMPORT}pino.info(token);\nbunyan.warn(secret);\nauditLog.error(apiKey);\nLogger.debug(sanitizeForLogging(dbURI, { name: 'dbURI' }));`,
        ),
      ],
    },
    {
      // A logger assigned after its declaration.
      code: "let out;\nout = require('winston');\nout.error({ apiKey });",
      errors: [
        error(
          3,
          11,
          `${IMPORT}let out;\nout = require('winston');\nout.error(sanitizeForLogging({ apiKey }));`,
        ),
      ],
    },
    {
      // Followed to the project module that makes it: a default export…
      code: "const out = require('./config/winston');\nout.info(accessToken);",
      filename: beside('file.js'),
      errors: [
        error(
          2,
          10,
          `const out = require('./config/winston');\nconst { sanitizeForLogging } = require('@secure-migrate/runtime');\nout.info(sanitizeForLogging(accessToken, { name: 'accessToken' }));`,
        ),
      ],
    },
    {
      // …a named export, and one re-exported through an index module.
      code: "import { audit } from './app-logger';\nimport out from '.';\naudit.warn(refreshToken);\nout.debug(password);",
      filename: beside(),
      errors: [
        error(
          3,
          12,
          `import { audit } from './app-logger';\nimport out from '.';\n${IMPORT}audit.warn(sanitizeForLogging(refreshToken, { name: 'refreshToken' }));\nout.debug(password);`,
        ),
        error(
          4,
          11,
          `import { audit } from './app-logger';\nimport out from '.';\n${IMPORT}audit.warn(refreshToken);\nout.debug(sanitizeForLogging(password, { name: 'password' }));`,
        ),
      ],
    },
    {
      // …and one imported through the tsconfig's `paths`.
      code: "import out from '@log/app-logger';\nout.info(password);",
      filename: beside('aliased/file.ts'),
      errors: [
        error(
          2,
          10,
          `import out from '@log/app-logger';\n${IMPORT}out.info(sanitizeForLogging(password, { name: 'password' }));`,
        ),
      ],
    },
    {
      // A sensitive word inside a longer name; a web session id.
      code: 'console.log(authTokenFromHeaders, dto.refreshTokenValue, req.sessionID);',
      errors: [
        error(
          1,
          13,
          `${IMPORT}console.log(sanitizeForLogging(authTokenFromHeaders, { name: '${AUTH_FROM_HEADERS}' }), dto.refreshTokenValue, req.sessionID);`,
        ),
        error(
          1,
          35,
          `${IMPORT}console.log(authTokenFromHeaders, sanitizeForLogging(dto.refreshTokenValue, { name: 'refreshTokenValue' }), req.sessionID);`,
        ),
        error(
          1,
          58,
          `${IMPORT}console.log(authTokenFromHeaders, dto.refreshTokenValue, sanitizeForLogging(req.sessionID, { name: 'sessionID' }));`,
        ),
      ],
    },
    {
      // One-time codes, and the authorization code of an OAuth callback.
      code: "console.log(body.emailCode, verificationCode);\nconst { code, state } = req.body;\nctx.log.info('code %s state %s', code, state);",
      errors: [
        error(
          1,
          13,
          `${IMPORT}console.log(sanitizeForLogging(body.emailCode, { name: '${EMAIL_CODE}' }), verificationCode);\nconst { code, state } = req.body;\nctx.log.info('code %s state %s', code, state);`,
        ),
        error(
          1,
          29,
          `${IMPORT}console.log(body.emailCode, sanitizeForLogging(verificationCode, { name: 'verificationCode' }));\nconst { code, state } = req.body;\nctx.log.info('code %s state %s', code, state);`,
        ),
        error(
          3,
          34,
          `${IMPORT}console.log(body.emailCode, verificationCode);\nconst { code, state } = req.body;\nctx.log.info('code %s state %s', sanitizeForLogging(code, { name: 'password' }), state);`,
        ),
      ],
    },
    {
      // A session's id with nothing written to say the session keeps its credential elsewhere: the web session id.
      code: 'export function f(session: { id: string; email: string }) {\n  console.log(session.id);\n}',
      errors: [
        error(
          2,
          15,
          `${IMPORT}export function f(session: { id: string; email: string }) {\n  console.log(sanitizeForLogging(session.id, { name: 'session' }));\n}`,
        ),
      ],
    },
    {
      // A web session's own id, from the session or its cookie, is a credential whatever it is copied into; so is an
      // id that says nothing of what it identifies.
      code: "const sessionId = req.session.id;\nconsole.log(sessionId);\nlogger.info({ sessionId: req.cookies['connect.sid'], sid: params.id });",
      errors: [
        error(
          2,
          13,
          `${IMPORT}const sessionId = req.session.id;\nconsole.log(sanitizeForLogging(sessionId, { name: 'sessionId' }));\nlogger.info({ sessionId: req.cookies['connect.sid'], sid: params.id });`,
        ),
        error(
          3,
          13,
          `${IMPORT}const sessionId = req.session.id;\nconsole.log(sessionId);\nlogger.info(sanitizeForLogging({ sessionId: req.cookies['connect.sid'], sid: params.id }));`,
        ),
      ],
    },
    {
      // A session id built from a random value is a secret.
      code: "const sessionId = `sess_${crypto.randomBytes(16).toString('hex')}`;\nconsole.log(sessionId);",
      errors: [
        error(
          2,
          13,
          `${IMPORT}const sessionId = \`sess_\${crypto.randomBytes(16).toString('hex')}\`;\nconsole.log(sanitizeForLogging(sessionId, { name: 'sessionId' }));`,
        ),
      ],
    },
    {
      // Types written in the source count without the checker: a literal type, an interface, a local function's result.
      code: 'const body: { username: string; password: string } = read();\nconsole.log(body);',
      errors: [
        error(
          2,
          13,
          `${IMPORT}const body: { username: string; password: string } = read();\nconsole.log(sanitizeForLogging(body));`,
        ),
      ],
    },
    {
      code: 'interface LoginBody { username: string; password: string }\nexport function f(body: LoginBody) {\n  console.log(body);\n}',
      errors: [
        error(
          3,
          15,
          `${IMPORT}interface LoginBody { username: string; password: string }\nexport function f(body: LoginBody) {\n  console.log(sanitizeForLogging(body));\n}`,
        ),
      ],
    },
    {
      code: 'async function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(user);\n}',
      errors: [
        error(
          6,
          15,
          `${IMPORT}async function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(sanitizeForLogging(user));\n}`,
        ),
      ],
    },
    {
      // Strict: whole user records by their name.
      code: 'console.log(user, JSON.stringify(profile), req.user);',
      options: STRICT,
      errors: [
        error(
          1,
          13,
          `${IMPORT}console.log(sanitizeForLogging(user, { pii: true }), JSON.stringify(profile), req.user);`,
        ),
        error(
          1,
          19,
          `${IMPORT}console.log(user, JSON.stringify(sanitizeForLogging(profile, { pii: true })), req.user);`,
        ),
        error(
          1,
          44,
          `${IMPORT}console.log(user, JSON.stringify(profile), sanitizeForLogging(req.user, { pii: true }));`,
        ),
      ],
    },
  ],
};

const TYPES = `interface User { id: string; name: string; password: string }
interface Stats { tokenCount: number; secretRotated: boolean }
`;

const typedCases: CaseGroup<MessageIds, Options> = {
  name: 'no-sensitive-logging (typed)',
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
    // Visibly built from non-secret parts, or a thread's id.
    'declare const shop: string;\nconst sessionId = `offline_${shop}`;\nconsole.log({ sessionId });',
    'export function f(threadId: string) {\n  const sessionId = threadId;\n  console.log({ sessionId });\n}',
  ],
  invalid: [
    {
      // Typed mode finds what untyped mode finds: a logger-named receiver whose type does not prove otherwise.
      code: 'class Store { info(x: unknown) { return x; } }\nconst logger = new Store();\ndeclare const token: string;\nlogger.info(token);',
      errors: [
        error(
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
        error(
          3,
          12,
          `${IMPORT}const log = { info(m: unknown) { return m; }, warn(m: unknown) { return m; } };\nexport function f(token: string) {\n  log.info(sanitizeForLogging(token, { name: 'token' }));\n}`,
        ),
      ],
    },
    {
      // A `log` declared with a structural type of two methods: the type proves nothing, the name decides.
      code: 'declare function makeLog(): never;\nconst log: { info(m: string): void; warn(m: string): void } = makeLog();\nexport function f(token: string) {\n  log.warn(token);\n}',
      errors: [
        error(
          4,
          12,
          `${IMPORT}declare function makeLog(): never;\nconst log: { info(m: string): void; warn(m: string): void } = makeLog();\nexport function f(token: string) {\n  log.warn(sanitizeForLogging(token, { name: 'token' }));\n}`,
        ),
      ],
    },
    {
      // A `log` imported from a module the program cannot resolve.
      code: "import { log } from './missing-module';\nexport function f(password: string) {\n  log.info(password);\n}",
      errors: [
        error(
          3,
          12,
          `import { log } from './missing-module';\n${IMPORT}export function f(password: string) {\n  log.info(sanitizeForLogging(password, { name: 'password' }));\n}`,
        ),
      ],
    },
    {
      // Named like a logger, typed `any` (a project module without types).
      code: 'declare const winston: any;\ndeclare const authTokenFromHeaders: string;\nwinston.info(authTokenFromHeaders);',
      errors: [
        error(
          3,
          14,
          `${IMPORT}declare const winston: any;\ndeclare const authTokenFromHeaders: string;\nwinston.info(sanitizeForLogging(authTokenFromHeaders, { name: '${AUTH_FROM_HEADERS}' }));`,
        ),
      ],
    },
    {
      // express-session's id on a typed request.
      code: "import type { Request } from 'express';\nexport function f(req: Request) {\n  console.log(req.sessionID);\n}",
      errors: [
        error(
          3,
          15,
          `import type { Request } from 'express';\n${IMPORT}export function f(req: Request) {\n  console.log(sanitizeForLogging(req.sessionID, { name: 'sessionID' }));\n}`,
        ),
      ],
    },
    {
      // A written literal type, and a local function's returned object.
      code: 'declare function read(): never;\nconst body: { username: string; password: string } = read();\nconsole.log(body);',
      errors: [
        error(
          3,
          13,
          `${IMPORT}declare function read(): never;\nconst body: { username: string; password: string } = read();\nconsole.log(sanitizeForLogging(body));`,
        ),
      ],
    },
    {
      code: 'declare function read(): string;\nasync function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(user);\n}',
      errors: [
        error(
          7,
          15,
          `${IMPORT}declare function read(): string;\nasync function getUser() {\n  return { id: 1, authToken: read() };\n}\nexport async function f() {\n  const user = await getUser();\n  console.log(sanitizeForLogging(user));\n}`,
        ),
      ],
    },
    {
      code: `${TYPES}declare const user: User;\nconsole.log(user);`,
      errors: [
        error(4, 13, `${IMPORT}${TYPES}declare const user: User;\nconsole.log(sanitizeForLogging(user));`),
      ],
    },
    {
      code: "import type { IncomingMessage } from 'node:http';\nexport function handle(request: IncomingMessage) {\n  console.info(request.headers);\n}",
      errors: [
        error(
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
        error(
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
        error(
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
        error(
          3,
          12,
          "import type { Logger } from 'pino';\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\nexport function f(out: Logger, apiKey: string) {\n  out.info(sanitizeForLogging({ apiKey }));\n}",
        ),
      ],
    },
  ],
};

export const cases: RuleCases<MessageIds, Options> = { untyped: [basics, everyLogger], typed: [typedCases] };
