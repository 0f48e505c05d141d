/**
 * Safe wrappers: calls whose result no longer carries the secret they were given (redaction, encryption,
 * hashing, masking). A sensitive value passed through one of them is not reported by any rule.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getCalleeObjectName, getMemberName, unwrapExpression } from './ast.js';
import type { DetectContext } from './context.js';

/** Runtime helpers that redact or encrypt. */
export const RUNTIME_SAFE_WRAPPERS: readonly string[] = [
  'sanitizeForLogging',
  'encryptForCache',
  'encryptFernet',
  'redact',
  'createRedactor',
];

/** Functions that hash or derive (one-way). Methods are matched by name on any object (`bcrypt.hash`, `argon2.hash`). */
const HASH_FUNCTIONS: ReadonlySet<string> = new Set([
  'hash',
  'hashSync',
  'pbkdf2',
  'pbkdf2Sync',
  'scrypt',
  'scryptSync',
  'digest',
  'sha256',
  'sha512',
  'sha1',
  'md5',
  'hmac',
  'createHash',
  'createHmac',
  'hashPassword',
  'hashToken',
  'fingerprint',
]);

/**
 * Names that say the function removes the secret: `mask*`, `redact*`, `obfuscate*`, `anonymi[sz]e*`, `scrub*`,
 * `sanitize…Log*`, `encrypt*`, `hash*`, `censor*`, and `*Hash`/`*Fingerprint` results. Truncation is NOT on the list:
 * `truncate(token, 40)` may keep the whole token.
 */
const SAFE_NAME =
  /^(?:mask|redact|obfuscat|anonymi[sz]|pseudonymi[sz]|scrub|encrypt|seal|hash|censor|elide)|^sanitize\w*(?:Log|Secret|Sensitive)/i;

/** Whether `call` is a safe wrapper (its result does not carry the secret passed in). */
export function isSafeWrapperCall(
  ctx: DetectContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const name = getCalleeName(call.callee);
  if (name === undefined) return isHashChain(call);
  if (RUNTIME_SAFE_WRAPPERS.includes(name)) return true;
  if (ctx.options.safeWrappers?.includes(name)) return true;
  if (HASH_FUNCTIONS.has(name)) return true;
  if (SAFE_NAME.test(name)) return true;
  // `createHash('sha256').update(x).digest('hex')` is matched by `digest`; `.update(x)` alone still holds state only.
  const objectName = getCalleeObjectName(call.callee);
  // `bcrypt.hash`, `argon2.hash`, `bcrypt.genSalt`: password-hashing libraries return nothing secret. Not `crypto.*`:
  // `crypto.randomUUID()` and `crypto.randomBytes()` make secrets.
  if (objectName !== undefined && /^(?:bcrypt|bcryptjs|argon2)$/i.test(objectName)) {
    return true;
  }
  return isHashChain(call);
}

/** `crypto.createHash(…).update(x).digest()` and `createHmac(…)…`: any call in a chain that ends in `.digest()`. */
function isHashChain(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  let current: TSESTree.Node = call;
  for (let i = 0; i < 6; i++) {
    const n = unwrapExpression(current);
    if (n.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrapExpression(n.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = getMemberName(callee);
    if (name === 'digest' || name === 'createHash' || name === 'createHmac') return true;
    current = callee.object;
  }
  return false;
}

/** Whether `call` is inside the argument list of a safe wrapper (`sanitizeForLogging({ token })`). */
export function isInsideSafeWrapper(ctx: DetectContext, node: TSESTree.Node, stop?: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  let child: TSESTree.Node = node;
  while (current && current !== stop) {
    if (
      (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) &&
      current.callee !== child &&
      isSafeWrapperCall(ctx, current)
    ) {
      return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}
