/**
 * `hardcoded-credentials`: marks the sites `no-hardcoded-credentials` reports with a `// secure-migrate: TODO`
 * comment. A secret written in source code has no mechanical fix: where to load it from (an environment
 * variable, a secret manager, a mounted file) and how to rotate the leaked value are decisions, so the migration
 * puts each one in front of the reviewer instead of rewriting it. Every site is listed in the reports with a
 * redacted form of its value: a committed value stays in the history and must be rotated.
 *
 * One rewrite, opt-in because it changes what a production process does (`refuseMissingSecrets`,
 * `--refuse-missing-secrets`): `process.env.X || 'literal'` becomes
 * `getSecret('X', { developmentFallback: 'literal' })`. Development and tests read the same value as before; a
 * production process without `X` refuses to start instead of running with the published value. `??` is left with
 * a TODO: it keeps an empty `X`, which `getSecret` treats as missing.
 * jscodeshift: `jscodeshift -t dist/codemods/hardcoded-credentials.js --no-babel src`
 * (`--refuseMissingSecrets=true` for the rewrite).
 */
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { rules } from 'eslint-plugin-secure-migrate';
import { getClassifier, looksGenerated } from 'eslint-plugin-secure-migrate/detect';
import { mayHoldCredential } from './lib/credential-filter.js';
import type { TransformDefinition } from './lib/definition.js';
import type { CommittedSecret, Refinement } from './lib/engine.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

const STRING_LITERAL = /['"`]/;

export const definition: TransformDefinition = {
  name: 'hardcoded-credentials',
  rule: 'no-hardcoded-credentials',
  summary:
    'Mark secrets written in source code with a TODO and list the values to rotate; with --refuse-missing-secrets, read process.env.X || fallback with getSecret',
  mayApply: (source) => STRING_LITERAL.test(source),
  mayApplyToTree: mayHoldCredential,
  entries: (options) => [
    {
      name: 'no-hardcoded-credentials',
      rule: rules['no-hardcoded-credentials'] as unknown as Rule.RuleModule,
      todoHint:
        'Load it from the environment or a secret manager (fail at start-up when it is missing), and rotate the value that was committed.',
      todoFor: todoForReport,
      committedSecret,
      ...(options?.refuseMissingSecrets ? { rewrite: rewriteEnvFallback } : {}),
    },
  ],
};

/** What to decide for one report: a fallback is removed, a known-format key is revoked, a chosen value is moved. */
export function todoForReport(descriptor: Rule.ReportDescriptor): string | undefined {
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  if (messageId === 'envFallback') {
    return 'Remove the fallback so that the app fails at start-up when the variable is missing (or read it from a secret manager; secure-migrate --refuse-missing-secrets rewrites it to getSecret), and rotate the value if it ever ran outside development.';
  }
  if (messageId === 'secretValue') {
    return 'Load it from the environment or a secret manager (fail at start-up when it is missing), and revoke this key with its issuer: it stays in the history.';
  }
  if (messageId === 'generatedFallback') {
    return 'Rotate this value wherever it was used (it stays in the history), and replace it with a placeholder.';
  }
  return undefined;
}

/** The behaviour change of the rewrite, as the reports say it for each site. */
export function behaviourChange(name: string): string {
  return `rewritten to getSecret('${name}'): behaviour change (--refuse-missing-secrets): a production process (NODE_ENV neither development nor test) without ${name} now refuses to start; development and tests still get the fallback`;
}

/** Names `getSecret` accepts (the runtime refuses others). */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

/** `process.env.X` / `process.env['X']` (nothing around it) → `X`. */
function envName(node: TSESTree.Node): string | undefined {
  if (node.type !== 'MemberExpression' || node.optional) return undefined;
  const object = node.object;
  if (
    object.type !== 'MemberExpression' ||
    object.computed ||
    object.optional ||
    object.property.type !== 'Identifier' ||
    object.property.name !== 'env' ||
    object.object.type !== 'Identifier' ||
    object.object.name !== 'process'
  ) {
    return undefined;
  }
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
  const key = node.property;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function literalValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * `--refuse-missing-secrets`: `process.env.X || 'literal'` → `getSecret('X', { developmentFallback: 'literal' })`.
 * `getSecret` reads a missing or empty `X` as missing, as `||` does; `??` keeps an empty `X`, so it stays a TODO.
 * A fallback that looks like a real secret (a known format, or the entropy of a generated value) is rewritten and
 * keeps a TODO to rotate it.
 */
export function rewriteEnvFallback(context: {
  source: string;
  node: TSESTree.Node | undefined;
}): Refinement | undefined {
  const { node, source } = context;
  const value = literalValue(node);
  const parent = node?.parent;
  if (!node || value === undefined || parent?.type !== 'LogicalExpression' || parent.right !== node)
    return undefined;
  const name = envName(parent.left);
  if (name === undefined) return undefined;
  if (parent.operator === '??') {
    return {
      todo: `process.env.${name} ?? … keeps an empty ${name}, where getSecret('${name}') treats an empty value as missing, so it is not rewritten. If an empty value is no secret, write getSecret('${name}', { developmentFallback: … }) (a production process without ${name} then refuses to start); otherwise remove the fallback. Rotate the value if it ever ran outside development.`,
    };
  }
  if (parent.operator !== '||' || !SECRET_NAME.test(name)) return undefined;
  const fallback = source.slice(node.range[0], node.range[1]);
  const quote = fallback.startsWith('"') ? '"' : "'";
  const text = `getSecret(${quote}${name}${quote}, { developmentFallback: ${fallback} })`;
  const edits = [{ range: parent.range, text }];
  const note = behaviourChange(name);
  if (!isRealSecret(value)) return { edits, note };
  return {
    edits,
    note: `${note}; the fallback looks like a real secret: a TODO beside it says to rotate it`,
    todo: `This development fallback of ${name} looks like a real secret: it was committed, so rotate it wherever it was used (it stays in the history), and replace it with a placeholder.`,
  };
}

/**
 * Whether a value has the shape of a real secret (a known format, or the length and entropy of a generated value):
 * the test no-hardcoded-credentials applies to a `developmentFallback`, so such a site keeps a TODO to rotate it.
 */
export function isRealSecret(value: string): boolean {
  return getClassifier().detectSecret(value) !== null || looksGenerated(value.trim());
}

/** At most three characters of a value, fewer for short ones, and its length: enough to find it, not to use it. */
export function redactValue(value: string): string {
  const chars = [...value];
  // A published prefix (`ghp_`, `sk_live_`, `xoxb-`, `AKIA`) says what the key is and hides nothing.
  const prefix = /^(?:[a-z]{2,4}_(?:live_|test_)?|xox[abp]-|AKIA|ASIA|AIza|glpat-|whsec_|SG\.|eyJ)/.exec(
    value,
  )?.[0];
  const shown = prefix ?? chars.slice(0, Math.min(3, Math.floor(chars.length / 6))).join('');
  return `${shown}…(${chars.length} chars)`;
}

/** The name a literal is bound to: the variable, property, field or assignment target around it. */
function boundName(node: TSESTree.Node): string | undefined {
  for (let current: TSESTree.Node | undefined = node.parent, depth = 0; current && depth < 4; depth++) {
    if (current.type === 'VariableDeclarator' && current.id.type === 'Identifier') return current.id.name;
    if ((current.type === 'Property' || current.type === 'PropertyDefinition') && !current.computed) {
      if (current.key.type === 'Identifier') return current.key.name;
      if (current.key.type === 'Literal') return String(current.key.value);
    }
    if (current.type === 'AssignmentExpression') {
      const left = current.left;
      if (left.type === 'Identifier') return left.name;
      if (left.type === 'MemberExpression' && !left.computed && left.property.type === 'Identifier')
        return left.property.name;
    }
    if (
      current.type === 'ExpressionStatement' ||
      current.type === 'CallExpression' ||
      current.type === 'NewExpression'
    )
      return undefined;
    current = current.parent;
  }
  return undefined;
}

/** The committed value a site of `no-hardcoded-credentials` holds, for the list of values to rotate. */
export function committedSecret(
  node: TSESTree.Node | undefined,
  descriptor: Rule.ReportDescriptor,
): CommittedSecret | undefined {
  const value = literalValue(node);
  if (!node || value === undefined) return undefined;
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  const data = (descriptor.data ?? {}) as Record<string, unknown>;
  const dataName = typeof data.name === 'string' && data.name !== '' ? data.name : undefined;
  const redacted = redactValue(value);
  const parent = node.parent;
  const env =
    parent?.type === 'LogicalExpression' && parent.right === node ? envName(parent.left) : undefined;
  if (messageId === 'envFallback' || env !== undefined) {
    const name = env ?? dataName;
    const kind =
      messageId === 'secretValue' && typeof data.kind === 'string'
        ? `${data.kind.replace(/^an? /, '')}, fallback of process.env.${name}`
        : `fallback of process.env.${name}`;
    return { ...(name ? { name } : {}), kind, redacted };
  }
  if (messageId === 'generatedFallback') {
    return { ...(dataName ? { name: dataName } : {}), kind: 'generated development fallback', redacted };
  }
  if (messageId === 'secretValue') {
    const name = boundName(node);
    const kind = typeof data.kind === 'string' ? data.kind.replace(/^an? /, '') : 'secret';
    return { ...(name ? { name } : {}), kind, redacted };
  }
  const category = dataName ? getClassifier().classifyName(dataName) : null;
  return { ...(dataName ? { name: dataName } : {}), kind: `hard-coded ${category ?? 'secret'}`, redacted };
}

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
