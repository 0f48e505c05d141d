/**
 * Hard-coded credentials: secrets, not words.
 * - String literals in a known secret format (JWTs, cloud and SaaS keys, PEM private keys, URLs with inline
 *   passwords) are reported wherever they appear, test files included.
 * - `process.env.SECRET || 'fallback'` defaults and literal `jwt.sign` / `createHmac` keys are reported whatever
 *   the literal says (production would run with it), unless it is a location or a template placeholder.
 * - A literal bound to a sensitive name (variable, property, class field, default parameter, assignment) is
 *   reported when it could be the secret itself. Under a password or secret name (`password`, `jwtSecret`,
 *   `secret: 'nodeauthsecret'`) that is any value that is not a word of the program: not an enum-like option
 *   value, a dotted identifier, a key path or prefix (`'redis::otp::'`, `'whsec'`), a UI label, a password hash.
 *   Under a token or key name (`token`, `apiKey`, `credentials`, `cookieKey`, `FLUSH_DB_KEY`), where the value
 *   is more often the name of a key, a token type or a storage key, only a value that looks random is: no spaces,
 *   long enough, not made of words, with enough entropy (the shape and entropy test of gitleaks' generic rule).
 * - In test files and fixtures only known formats are reported: their name-bound literals are dummies.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  getCalleeName,
  getCalleeObjectName,
  getMemberName,
  getStaticKeyName,
  unwrapExpression,
} from './ast.js';
import { splitWords } from '@secure-migrate/runtime/classify';
import type { SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';

/** Options for {@link getHardcodedCredential}. */
export interface CredentialOptions {
  /** Literal values that are never reported (placeholders of this code base, known public ids). */
  allowedValues?: readonly string[];
  /** Also report name-bound literals in test files (value patterns are always reported). Default `false`. */
  checkTestFiles?: boolean;
  /**
   * Names the user declared sensitive (`extraSensitiveNames`): a literal under one of these is judged like a
   * password, not like a token.
   */
  extraSensitiveNames?: readonly string[];
  /** Names the user declared not sensitive (`allowedNames`). */
  allowedNames?: readonly string[];
}

/** How a hard-coded credential was recognised. */
export type CredentialKind =
  /** The value matches a secret pattern (JWT, `ghp_…`, `AKIA…`, PEM, URL with a password…). */
  | 'pattern'
  /** A literal bound to a sensitive name (`password = 'hunter2'`). */
  | 'name'
  /** The literal default of a secret environment variable (`process.env.JWT_SECRET || 'dev'`). */
  | 'envFallback'
  /**
   * The `developmentFallback` of a `getSecret('NAME', { developmentFallback })` call that has the entropy of a
   * generated secret: production never reads it, but a real value was committed (a known format is `pattern`).
   */
  | 'developmentFallback';

/** A hard-coded credential. */
export interface HardcodedCredential {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  kind: CredentialKind;
  /** The sensitive name the value is bound to, or the environment variable name. */
  name?: string;
  /** The kind of secret the value looks like (`jwt`, `github-token`…), for `pattern`. */
  secretKind?: string;
  category: SensitiveCategory;
}

const TEST_FILE =
  /(?:^|[\\/])(?:__tests?__|__mocks__|__fixtures__|__test[-_]helpers__|test[-_]helpers|test|tests|spec|fixtures?|e2e|cypress)[\\/]|[.-](?:test|spec|e2e|e2e-spec|cy)\.[cm]?[jt]sx?$/;

const LOCALE_FILE = /(?:^|[\\/])(?:locales?|i18n|l10n|lang|langs|languages|translations?)[\\/]/i;

/**
 * Whether a file name is a test file or fixture (`*.test.ts`, `*.spec.js`, `*.e2e-spec.ts`, `*.cy.tsx`,
 * `__tests__/`, `__test-helpers__/`, `test/`, `fixtures/`).
 */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename);
}

const PLACEHOLDER =
  /^<[^>]*>$|\$\{[^}]*\}|\{\{[^}]*\}\}|^%[sd(]|^\$[A-Z_]+$|your[-_ ]?|placeholder|example|replace[-_ ]?me|insert[-_ ]|xxxx|redacted|^[x*•.#_-]+$|^\*+$/i;
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'undefined',
  'none',
  'required',
  'optional',
  'hidden',
  'string',
  'secret',
  'password',
  'token',
  'bearer',
  'basic',
  'n/a',
  'tbd',
  'todo',
  'test',
  'dummy',
  'fake',
  'mock',
  'sample',
]);

/** Whether a literal value is a placeholder or obviously not a secret value (empty, keyword, path, prose). */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return true;
  if (KEYWORDS.has(v.toLowerCase())) return true;
  if (PLACEHOLDER.test(v)) return true;
  return isLocatorOrName(v);
}

/** Environment-variable and header names, paths and URLs without credentials, and prose. */
function isLocatorOrName(v: string): boolean {
  // Environment variable names (`GITHUB_TOKEN`) and header names (`x-api-key`).
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  if (/^x-[a-z0-9]+(?:-[a-z0-9]+)*$/i.test(v)) return true;
  // Paths and URLs without credentials: the recommended way to point at a secret.
  if (/^(?:\.{0,2}\/|~\/|[a-z]:\\|file:)/i.test(v) && !/\s/.test(v)) return true;
  // `redis://localhost:6379`, `postgres://app@localhost/app`: a user name without a password is no secret.
  if (/^[a-z][a-z0-9+.-]*:\/\/(?:[^:@/\s]*@)?[^@\s]*$/i.test(v)) return true;
  if (/\.(?:pem|key|crt|cer|p12|pfx|json|txt|env|ya?ml)$/i.test(v)) return true;
  // `localhost:5432/app`, `db.internal:1521/ORCL`: a host and port (and database) without credentials.
  if (/^[a-z0-9][\w.-]*:\d{1,5}(?:\/[\w.-]*)?$/i.test(v)) return true;
  // Prose: messages, labels, descriptions.
  if (/\s/.test(v) && (v.split(/\s+/).length >= 4 || /[.!?:,]$/.test(v) || /^[A-Z][a-z]+ [a-z]/.test(v)))
    return true;
  return false;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Returns the hard-coded credential a string literal is, or `null`. */
export function getHardcodedCredential(
  ctx: DetectContext,
  node: TSESTree.Literal | TSESTree.TemplateLiteral,
  options: CredentialOptions = {},
): HardcodedCredential | null {
  const value = literalValue(node);
  if (value === undefined || value.trim() === '') return null;
  if (options.allowedValues?.includes(value)) return null;
  if (isIgnoredPosition(node)) return null;

  const secretKind = ctx.classifier.detectSecret(value);
  if (secretKind && !PLACEHOLDER.test(value)) {
    return { node, kind: 'pattern', secretKind, category: 'secret' };
  }

  if (isTestFile(ctx.filename) && !options.checkTestFiles) return null;
  // `getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' })`: production refuses to start without the
  // variable, so a word or a phrase is only what development runs with; a generated value is a real secret that was
  // committed (a known format was reported above).
  const fallbackOf = getSecretFallbackName(node);
  if (fallbackOf !== undefined) {
    return isRealSecretValue(ctx.classifier, value)
      ? { node, kind: 'developmentFallback', name: fallbackOf, category: 'secret' }
      : null;
  }
  // Translation files: `{ password: 'Passwort' }` is the word for the thing.
  if (LOCALE_FILE.test(ctx.filename)) return null;
  const binding = getBinding(node);
  if (!binding) return null;
  // A fallback for a secret is a vulnerability whatever it says (`|| 'dev'`, `?? 'changeme'`), unless it is a
  // location (`'redis://localhost:6379'`) or a template placeholder.
  const trimmed = value.trim();
  const nonSecret =
    binding.kind === 'env'
      ? isLocatorOrName(trimmed) || /\$\{[^}]*\}|\{\{[^}]*\}\}|^<[^>]*>$/.test(trimmed)
      : isNonSecretValue(value);
  if (nonSecret) return null;
  if (binding.kind === 'key') return { node, kind: 'name', name: binding.name, category: 'secret' };
  const category = ctx.classifier.classifyName(binding.name);
  // `key: 'GCMUDiuY5a7W…'`, `INTEG_TEST_KEY = 'cf667c93…'`: a bare key name is no evidence alone (cache keys,
  // list keys, storage keys), but with a long random value it is gitleaks' generic key.
  if (category === null && binding.kind === 'name' && isKeyHoldingName(binding.name, options)) {
    return looksGenerated(trimmed) ? { node, kind: 'name', name: binding.name, category: 'secret' } : null;
  }
  // A web session id is a credential: its cookie lets anyone in as that user. Under a session name
  // (`sessionId`, `sid`, `cookie`), a value that looks generated, alone or as a cookie's value (`sid=…`), is one;
  // the cookie's name, a label or sample words are not.
  if (category === 'session') {
    return isSessionValue(trimmed)
      ? { node, kind: 'name', name: binding.name, category: 'credential' }
      : null;
  }
  // PII names bound to literals are sample data, not credentials.
  if (category !== 'credential' && category !== 'secret' && category !== 'token') return null;
  // `const ACCESS_TOKEN = 'access_token'`: the value is the name of the thing, not the thing.
  if (normalise(value) === normalise(binding.name)) return null;
  if (binding.kind === 'name' && !couldBeSecret(trimmed, nameKind(binding.name, options))) return null;
  return { node, kind: binding.kind === 'env' ? 'envFallback' : 'name', name: binding.name, category };
}

/**
 * How a sensitive name is judged: `password` names hold chosen words, `phrase` names (`secret`, `jwtSecret`)
 * chosen words or a short phrase, `token` names generated values.
 */
type NameKind = 'password' | 'phrase' | 'token';

const PASSWORD_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'pass',
  'secret',
  'secrets',
]);

/**
 * `password`, `dbPassword`, `jwtSecret`, `SECRET`: a person chose the value, so a plain word can be the secret.
 * Token, key and credential names (`token`, `apiKey`, `credentials`, `cookieKey`, `FLUSH_DB_KEY`) more often
 * hold the name of a key, a token type, a storage key or an option value; there only a random value is a secret.
 */
function nameKind(name: string, options: CredentialOptions): NameKind {
  const own = normalise(name);
  if (options.extraSensitiveNames?.some((extra) => normalise(extra) === own)) return 'password';
  const words = splitWords(name);
  if (words[words.length - 1] === 'secret') return 'phrase';
  return words.some((word) => PASSWORD_WORDS.has(word)) ? 'password' : 'token';
}

/** Values of options and enums that sensitive names take (`credentials: 'include'`, `tokenType: 'access'`). */
const ENUM_WORDS = new Set([
  'include',
  'omit',
  'same-origin',
  'same-site',
  'cross-origin',
  'use-credentials',
  'anonymous',
  'strict',
  'lax',
  'auto',
  'default',
  'enabled',
  'disabled',
  'enable',
  'disable',
  'on',
  'off',
  'yes',
  'no',
  'always',
  'never',
  'public',
  'private',
  'internal',
  'access',
  'refresh',
  'id',
  'jwt',
  'oauth',
  'oauth2',
  'apikey',
  'api-key',
  'api_key',
  'header',
  'headers',
  'cookie',
  'cookies',
  'query',
  'body',
  'session',
  'local',
  'localstorage',
  'sessionstorage',
  'memory',
  'text',
  'plain',
  'hash',
  'hashed',
  'bcrypt',
  'argon2',
  'scrypt',
  'sha256',
  'sha512',
  'hex',
  'base64',
  'utf8',
  'utf-8',
  'new-password',
  'current-password',
  'one-time-code',
  'changed',
  'expired',
  'invalid',
  'valid',
  'missing',
  'empty',
  'unknown',
]);

/**
 * Prefixes of published key formats, written alone to build or recognise keys (`{ webhookSecret: 'whsec' }`):
 * the prefix is public, the key is what follows it.
 */
const KEY_PREFIXES = new Set([
  'sk',
  'pk',
  'rk',
  'whsec',
  'pmk',
  'ghp',
  'gho',
  'ghu',
  'ghs',
  'ghr',
  'github_pat',
  'glpat',
  'xoxb',
  'xoxp',
  'xoxa',
  'xapp',
  'npm',
  'akia',
  'asia',
  'aiza',
  'sg',
  'sk_live',
  'sk_test',
  'pk_live',
  'pk_test',
  'rk_live',
  'rk_test',
  'bearer',
]);

/** Password hashes: bcrypt, argon2, scrypt, PBKDF2 and crypt(3) (`$2b$10$…`, `$argon2id$…`, `$6$…`). */
const PASSWORD_HASH =
  /^(?:\$2[abxy]?\$\d{1,2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$\S+|\$(?:scrypt|s0|7|pbkdf2(?:-sha\d+)?|[156]|y|gy|sha1|md5)\$\S+|(?:pbkdf2_sha\d+|scrypt|argon2)\$\S+)$/;

/** Whether a value has the shape of a password hash (stored to compare with, not a usable secret). */
export function isPasswordHash(value: string): boolean {
  return PASSWORD_HASH.test(value);
}

/** `delimiter.curly`, `auth.token`, `config.jwt.secret`: a dotted path of identifiers. */
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)+$/;

/**
 * The name of a key rather than a key: a namespace or prefix (`'redis::phone::otp::'`, `'refresh:'`,
 * `'token_'`), a sentinel (`'__flush_db__'`), a storage or cookie key made of words (`'i18n_redirected'`).
 */
function isKeyName(v: string): boolean {
  if (v.includes('::')) return true;
  if (/^__\w+__$/.test(v)) return true;
  if (/^[\w-]+[:_./-]$/.test(v) && v.length <= 40) return true;
  return /^[a-z][\w-]*:[\w:.-]*$/i.test(v) && !/\d{4}/.test(v);
}

/** A UI label (`'OAuth Bearer Token'`, `'API Key'`): words each starting with a capital letter. */
function isLabel(v: string): boolean {
  return /\s/.test(v) && v.split(/\s+/).every((word) => /^[A-Z0-9(]/.test(word));
}

/** Every part between separators is a word (letters), a short number or a short code: `auth_token`, `i18n-key`. */
function isMadeOfWords(v: string): boolean {
  return v
    .split(/[\s_.:/\\@#|,;=+\-[\]()]+/)
    .filter((part) => part.length > 0)
    .every((part) => /^\p{L}+$/u.test(part) || part.length <= 4);
}

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A generated value: no spaces, at least 10 characters, not made of words, and random enough (entropy of at
 * least 3 bits a character, with a digit or mixed case) — the shape and entropy test of gitleaks' generic rule.
 */
export function looksRandom(v: string): boolean {
  if (v.length < 10 || v.length > 1000 || /\s/.test(v)) return false;
  if (isMadeOfWords(v)) return false;
  if (!/\d/.test(v) && !(/[a-z]/.test(v) && /[A-Z]/.test(v))) return false;
  return shannonEntropy(v) >= 3;
}

/** Words before `key` that say the key is public or the name of an entry, not a secret. */
const NOT_SECRET_KEY_WORDS = new Set([
  'public',
  'pub',
  'cache',
  'storage',
  'store',
  'cookie',
  'primary',
  'foreign',
  'sort',
  'partition',
  'range',
  'hash',
  'idempotency',
  'lookup',
  'map',
  'route',
  'query',
  'translation',
  'i18n',
  'locale',
  'message',
  'react',
  'list',
  'item',
  'row',
  'column',
  'field',
  'object',
  's3',
  'file',
  'bucket',
  'redis',
  'lock',
  'event',
  'queue',
  'job',
  'site',
  'recaptcha',
  'captcha',
  'vapid',
  'license',
]);

/** A name whose last word is `key` (`key`, `INTEG_TEST_KEY`, `serviceKey`), not a public or lookup key. */
function isKeyHoldingName(name: string, options: CredentialOptions): boolean {
  if (options.allowedNames?.some((allowed) => normalise(allowed) === normalise(name))) return false;
  const words = splitWords(name);
  if (words[words.length - 1] !== 'key') return false;
  return !words.some((word) => NOT_SECRET_KEY_WORDS.has(word));
}

/** A long generated value: random by {@link looksRandom}, 16 characters or more, at least 3.5 bits a character. */
export function looksGenerated(v: string): boolean {
  return v.length >= 16 && looksRandom(v) && shannonEntropy(v) >= 3.5 && !isPasswordHash(v);
}

/** A session id, or a cookie header whose value is one (`connect.sid=s%3A…`, `sid=…; Path=/`). */
function isSessionValue(v: string): boolean {
  const values = v.includes('=') ? v.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim()) : [v];
  return values.some((value) => {
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not URI-encoded: judged as written.
    }
    // express-session signs its cookie: `s:<id>.<signature>`.
    const id = decoded.replace(/^s:/, '').split('.')[0] ?? '';
    return looksGenerated(id);
  });
}

/** Whether a literal under a sensitive name could be the secret itself. */
function couldBeSecret(v: string, kind: NameKind): boolean {
  const lower = v.toLowerCase();
  if (ENUM_WORDS.has(lower) || KEY_PREFIXES.has(lower.replace(/[_-]$/, ''))) return false;
  if (isPasswordHash(v) || DOTTED_IDENTIFIER.test(v) || isKeyName(v) || isLabel(v)) return false;
  // A token: random, or long enough to be no identifier of the program (`'gh-token-for-local-dev'`).
  if (kind === 'token') return looksRandom(v) || (v.length >= 20 && !/\s/.test(v) && /[^\w]/.test(v));
  // A code about a password (`'auth/wrong-password'`), not one.
  if (v.includes('/') && isMadeOfWords(v)) return false;
  // A chosen password or secret: four characters or more, no spaces; a signing secret may be a short lower-case
  // phrase (`secret: 'keyboard cat'`), where a password name with spaces holds a message or a label.
  if (v.length < 4) return false;
  if (/\s/.test(v)) return kind === 'phrase' && v.split(/\s+/).length <= 3 && v === lower;
  return true;
}

function literalValue(node: TSESTree.Literal | TSESTree.TemplateLiteral): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.expressions.length > 0) return undefined;
  return node.quasis[0]?.value.cooked ?? undefined;
}

/** Positions where a string is code, not data: module specifiers, types, keys, comparisons, directives. */
function isIgnoredPosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.ImportAttribute:
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.TSPropertySignature:
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ExportSpecifier:
      return true;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive !== undefined;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.MethodDefinition:
      return parent.key === node;
    case AST_NODE_TYPES.TSEnumMember:
      return parent.id === node;
    case AST_NODE_TYPES.MemberExpression:
      return parent.property === node;
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '!==', '==', '!=', 'in', 'instanceof'].includes(parent.operator);
    case AST_NODE_TYPES.CallExpression:
      return getCalleeName(parent.callee) === 'require';
    default:
      return false;
  }
}

interface Binding {
  name: string;
  /** `name`: bound to a variable/property/field; `env`: fallback of `process.env[name]`; `key`: a key argument. */
  kind: 'name' | 'env' | 'key';
}

function getBinding(node: TSESTree.Node): Binding | undefined {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  // Look through `'x' as string`, `'x'!`.
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier
        ? { name: parent.id.name, kind: 'name' }
        : undefined;
    case AST_NODE_TYPES.Property: {
      if (parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const name = getStaticKeyName(parent.key, parent.computed);
      return name === undefined ? undefined : { name, kind: 'name' };
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      const name = parent.value === child ? getStaticKeyName(parent.key, parent.computed) : undefined;
      return name === undefined ? undefined : { name, kind: 'name' };
    }
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern: {
      if (parent.right !== child) return undefined;
      const left = unwrapExpression(parent.left);
      if (left.type === AST_NODE_TYPES.Identifier) return { name: left.name, kind: 'name' };
      if (left.type === AST_NODE_TYPES.MemberExpression) {
        const name = getMemberName(left);
        return name === undefined ? undefined : { name, kind: 'name' };
      }
      return undefined;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      if (parent.right !== child || parent.operator === '&&') return undefined;
      const env = getEnvName(parent.left);
      if (env !== undefined) return { name: env, kind: 'env' };
      return getBinding(parent);
    }
    case AST_NODE_TYPES.CallExpression: {
      // `jwt.sign(payload, 'secret')`, `jwt.verify(token, 'secret')`, `createHmac('sha256', 'key')`
      const name = getCalleeName(parent.callee);
      const object = getCalleeObjectName(parent.callee);
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (
        (name === 'sign' || name === 'verify') &&
        object !== undefined &&
        /^(?:jwt|jsonwebtoken)$/i.test(object) &&
        index === 1
      ) {
        return { name: `${object}.${name}() secret`, kind: 'key' };
      }
      if (
        (name === 'createHmac' || name === 'createCipheriv' || name === 'createDecipheriv') &&
        index === 1
      ) {
        return { name: `${name}() key`, kind: 'key' };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether a value has the shape of a real secret, not of a development placeholder: a known format (the
 * classifier's value patterns) or the length and entropy of a generated value.
 */
export function isRealSecretValue(
  classifier: Pick<DetectContext['classifier'], 'detectSecret'>,
  value: string,
): boolean {
  const trimmed = value.trim();
  if (classifier.detectSecret(value) !== null && !PLACEHOLDER.test(value)) return true;
  return looksGenerated(trimmed);
}

/** The runtime modules `getSecret` is imported from. */
const SECRETS_MODULE = /^@secure-migrate\/runtime(?:\/secrets)?$/;

/**
 * For the `developmentFallback` literal of `getSecret('NAME', { developmentFallback: '…' })`, the secret's name
 * (`NAME`, or `getSecret()` when the name is not a literal); otherwise undefined. The callee is `getSecret`, a
 * member `….getSecret`, or a local name imported or required as `getSecret` from the runtime.
 */
export function getSecretFallbackName(node: TSESTree.Node): string | undefined {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (
    parent?.type !== AST_NODE_TYPES.Property ||
    parent.value !== child ||
    getStaticKeyName(parent.key, parent.computed) !== 'developmentFallback'
  ) {
    return undefined;
  }
  const options = parent.parent;
  const call = options?.parent;
  if (
    options?.type !== AST_NODE_TYPES.ObjectExpression ||
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.arguments[1] !== options ||
    !isGetSecretCallee(call.callee)
  ) {
    return undefined;
  }
  const first = call.arguments[0];
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
    ? first.value
    : 'getSecret()';
}

function isGetSecretCallee(raw: TSESTree.Node): boolean {
  const callee = unwrapExpression(raw);
  if (getCalleeName(callee) === 'getSecret') return true;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  // `import { getSecret as readSecret } from '@secure-migrate/runtime'`, `const { getSecret: s } = require(…)`.
  let program: TSESTree.Node = callee;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return false;
  for (const statement of program.body) {
    if (
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      SECRETS_MODULE.test(String(statement.source.value))
    ) {
      for (const specifier of statement.specifiers) {
        if (
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.local.name === callee.name &&
          getStaticKeyName(specifier.imported, false) === 'getSecret'
        ) {
          return true;
        }
      }
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
        if (
          declarator.id.type !== AST_NODE_TYPES.ObjectPattern ||
          init?.type !== AST_NODE_TYPES.CallExpression ||
          getCalleeName(init.callee) !== 'require' ||
          init.arguments[0]?.type !== AST_NODE_TYPES.Literal ||
          !SECRETS_MODULE.test(String(init.arguments[0].value))
        ) {
          continue;
        }
        for (const property of declarator.id.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            getStaticKeyName(property.key, property.computed) === 'getSecret' &&
            property.value.type === AST_NODE_TYPES.Identifier &&
            property.value.name === callee.name
          ) {
            return true;
          }
        }
      }
    }
  }
  return false;
}

/** `process.env.X` / `process.env['X']` → `X`. */
function getEnvName(raw: TSESTree.Node): string | undefined {
  const node = unwrapExpression(raw);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrapExpression(node.object);
  if (
    object.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(object) === 'env' &&
    unwrapExpression(object.object).type === AST_NODE_TYPES.Identifier &&
    (unwrapExpression(object.object) as TSESTree.Identifier).name === 'process'
  ) {
    return getMemberName(node);
  }
  return undefined;
}
