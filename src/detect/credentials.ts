/**
 * Hard-coded credentials: string literals that look like secrets (JWTs, cloud and SaaS keys, PEM private keys,
 * URLs with inline passwords), non-empty literals bound to sensitive names (variables, properties, class fields,
 * default parameters, assignments), `process.env.SECRET || 'fallback'` defaults and literal `jwt.sign` /
 * `createHmac` keys. Placeholders, environment-variable and header names, paths, prose and comparisons are not.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  getCalleeName,
  getCalleeObjectName,
  getMemberName,
  getStaticKeyName,
  unwrapExpression,
} from './ast.js';
import type { SensitiveCategory } from './classifier.js';
import type { DetectContext } from './context.js';

/** Options for {@link getHardcodedCredential}. */
export interface CredentialOptions {
  /** Literal values that are never reported (placeholders of this code base, known public ids). */
  allowedValues?: readonly string[];
  /** Also report name-bound literals in test files (value patterns are always reported). Default `false`. */
  checkTestFiles?: boolean;
}

/** How a hard-coded credential was recognised. */
export type CredentialKind =
  /** The value matches a secret pattern (JWT, `ghp_…`, `AKIA…`, PEM, URL with a password…). */
  | 'pattern'
  /** A literal bound to a sensitive name (`password = 'hunter2'`). */
  | 'name'
  /** The literal default of a secret environment variable (`process.env.JWT_SECRET || 'dev'`). */
  | 'envFallback';

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
  /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|test|tests|spec|fixtures?)[\\/]|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

/** Whether a file name is a test file (`*.test.ts`, `*.spec.js`, `__tests__/`, `test/`, `fixtures/`). */
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
  // Session and PII names bound to literals are cookie names and sample data, not credentials.
  if (category !== 'credential' && category !== 'secret' && category !== 'token') return null;
  // `const ACCESS_TOKEN = 'access_token'`: the value is the name of the thing, not the thing.
  if (normalise(value) === normalise(binding.name)) return null;
  return { node, kind: binding.kind === 'env' ? 'envFallback' : 'name', name: binding.name, category };
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
