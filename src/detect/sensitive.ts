/**
 * Is this expression's value sensitive? One answer for logging, caching and the codemods: by name through the
 * shared classifier, by type when the program has types, by value pattern for string literals, looking through
 * the expressions that carry a value along (templates, `+`, `JSON.stringify`, object literals, spreads, `??`…)
 * and stopping at the ones that do not (safe wrappers, `.length`, `typeof`, comparisons, numbers).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import {
  describeExpression,
  getCalleeName,
  getCalleeObjectName,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  topLevelTypeDeclarations,
  unwrapExpression,
} from './ast.js';
import type { SensitiveCategory, SensitivityClassifier } from './classifier.js';
import type { DetectContext } from './context.js';
import { describeSecretKind } from './secret-kinds.js';
import { getOrigin } from './origin.js';
import { isSafeWrapperCall } from './safe.js';
import { getType, isAnyOrUnknown, isNonSecretPrimitiveType, isObjectType } from './types.js';

/** Why an expression was judged sensitive. */
export type SensitiveReason =
  /** Its name (identifier, property, key, getter) is sensitive. */
  | 'name'
  /** Its type has a sensitive property (`User` with `password`, `IncomingHttpHeaders`). */
  | 'type'
  /** It is a string that looks like a secret (JWT, API key…). */
  | 'value'
  /** It is an HTTP request's headers (`Authorization`, `Cookie`). */
  | 'headers'
  /** Strict mode: a request body or an `any`/`unknown` object whose content is not known. */
  | 'untyped';

/** A sensitive value found in an expression. */
export interface SensitiveFinding {
  /** The short name of what is sensitive: `accessToken`, `user.password`, `req.headers`. */
  name: string;
  /** A phrase for messages: `user.password`, `user (its type has "password")`, `a JWT`. */
  description: string;
  /** The classifier's category. */
  category: SensitiveCategory;
  reason: SensitiveReason;
  /** The innermost node that holds the sensitive value. */
  node: TSESTree.Node;
}

const MAX_DEPTH = 8;

/** Properties that never carry the value of their object. */
const DERIVED_MEMBERS: ReadonlySet<string> = new Set([
  'length',
  'size',
  'byteLength',
  'constructor',
  'name',
  'type',
  'id',
]);

/** Methods that return (a transformation of) their receiver's full content. */
const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'toJSON',
  'valueOf',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'concat',
  'padStart',
  'padEnd',
  'split',
  'join',
  'repeat',
  'at',
  'then',
  'entries',
  'values',
]);

/** Functions that return (a serialisation of) their arguments. */
const PASS_THROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'stringify',
  'String',
  'format',
  'inspect',
  'from',
  'btoa',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'structuredClone',
  'values',
  'entries',
  'assign',
  'freeze',
  'fromEntries',
]);

/** Getter-like call names whose result is what their name says (`getPassword()`, `generateAccessToken()`). */
const GETTER_PREFIX =
  /^(?:get|fetch|load|read|generate|create|issue|mint|sign|refresh|decrypt|reveal|obtain|request)[A-Z_]/;

const GETTER_PREFIX_WORD = /^[a-z]+_?/;

/** Names of values that describe a secret without holding it: `{ password: passwordHash }` logs a hash. */
const DESCRIBED_SECRET = /hash|digest|encrypted|masked|redacted|sanitized|cipher/i;

const REQUEST_NAMES = /^(?:req|request|incomingMessage|ctx|context)$/;

/** A name that says where a value came from after what it is: `authTokenFromHeaders`, `passwordForUser`. */
const PREPOSITION_TAIL = /(?:From|For|Of|In|On|With|By|Via)[A-Z_$].*$/;

/** One-time codes that prove who someone is for a few minutes: `emailCode`, `verificationCode`, `otp_code`. */
const ONE_TIME_CODE =
  /^(?:[a-z0-9]*?_?)?(?:email|verif(?:y|ication)|otp|sms|reset|auth(?:orization)?|confirm(?:ation)?|mfa|2fa|two_?factor|magic|login|activation|recovery|backup)_?code$/i;

/** Names of whole user records, reported in strict mode only (`checkTypes`) when their type is not known. */
const USER_RECORD =
  /^(?:user|profile|account|customer|member|currentUser|authUser|loggedInUser)(?:Doc|Document|Record|Data|Info|Details)?$/i;

/** Objects whose `user` is a user name: `auth`, `options.auth`, `credentials`. */
const AUTH_OBJECT = /(?:^|\.)(?:auth|basicAuth|credentials|creds)$/i;

/** Calls whose result is random (a session id built from one is a real secret). */
const RANDOM_CALL = /random|uuid|nanoid|cuid|ulid|token|secret|generate|sign/i;

/**
 * The classifier's answer for a name, also seeing the sensitive word of a longer name that goes on to say where
 * the value came from (`authTokenFromHeaders` → `authToken`).
 */
export function classifySensitiveName(ctx: DetectContext, name: string): SensitiveCategory | null {
  return classify(ctx, name);
}

function classify(ctx: DetectContext, name: string): SensitiveCategory | null {
  const direct = ctx.classifier.classifyName(name);
  if (direct) return direct;
  const head = name.replace(PREPOSITION_TAIL, '');
  const fromHead = head !== name && head.length > 1 ? ctx.classifier.classifyName(head) : null;
  if (fromHead) return fromHead;
  return ONE_TIME_CODE.test(name) && !ctx.options.allowedNames?.includes(name) ? 'credential' : null;
}

/**
 * Returns the first sensitive value `node` evaluates to or contains, `null` when there is none.
 * Works without type information; with it, also judges objects by the properties of their type and ignores
 * sensitively named values whose type is a number or boolean.
 */
export function isSensitiveExpression(node: TSESTree.Node, ctx: DetectContext): SensitiveFinding | null {
  return check(ctx, node, 0);
}

function finding(
  node: TSESTree.Node,
  name: string,
  category: SensitiveCategory,
  reason: SensitiveReason,
  description = name,
): SensitiveFinding {
  return { name, description, category, reason, node };
}

function check(ctx: DetectContext, raw: TSESTree.Node, depth: number): SensitiveFinding | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return checkIdentifier(ctx, node, depth);
    case AST_NODE_TYPES.MemberExpression:
      return checkMember(ctx, node);
    case AST_NODE_TYPES.CallExpression:
      return checkCall(ctx, node, depth);
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const found = check(ctx, expression, depth + 1);
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return null;
      return check(ctx, node.left, depth + 1) ?? check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&') return check(ctx, node.right, depth + 1);
      return check(ctx, node.left, depth + 1) ?? check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return check(ctx, node.consequent, depth + 1) ?? check(ctx, node.alternate, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return check(ctx, node.argument, depth + 1);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions.at(-1);
      return last ? check(ctx, last, depth + 1) : null;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      return check(ctx, node.right, depth + 1);
    case AST_NODE_TYPES.ObjectExpression:
      return checkObject(ctx, node, depth);
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of node.elements) {
        if (!element) continue;
        const found = check(
          ctx,
          element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element,
          depth + 1,
        );
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.SpreadElement:
      return check(ctx, node.argument, depth + 1);
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? checkStringValue(ctx, node, node.value) : null;
    default:
      return null;
  }
}

function checkStringValue(ctx: DetectContext, node: TSESTree.Node, value: string): SensitiveFinding | null {
  const kind = ctx.classifier.detectSecret(value);
  return kind
    ? finding(node, kind, 'secret', 'value', `a string that looks like ${describeSecretKind(kind, true)}`)
    : null;
}

/** Whether a value with a sensitive name is provably harmless: a number/boolean by type, or built by a safe wrapper. */
function isHarmlessByTypeOrOrigin(ctx: DetectContext, node: TSESTree.Node): boolean {
  const type = getType(ctx, node);
  if (type && isNonSecretPrimitiveType(type)) return true;
  if (type && (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0)) return true;
  // `{ sessionId: thread.id }`, `{ sessionId: `offline_${shop}` }`: the value says what it is.
  if (isOtherId(ctx, node) || isVisiblyBuilt(ctx, node)) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const origin = getOrigin(ctx, node);
    if (origin?.init && origin.kind === 'const' && isHarmlessValue(ctx, origin.init)) return true;
    if (origin?.init && origin.kind === 'const' && isVisiblyBuilt(ctx, origin.init)) return true;
    if (origin?.init && origin.kind === 'const' && isOtherId(ctx, origin.init)) return true;
  }
  return false;
}

/** `session.id`, `req.session.id`: the id of a web session is its credential, not a harmless derivative. */
function isSessionsOwnId(ctx: DetectContext, node: TSESTree.MemberExpression): boolean {
  if (getMemberName(node) !== 'id') return false;
  const owner = unwrapExpression(node.object);
  const ownerName =
    owner.type === AST_NODE_TYPES.Identifier
      ? owner.name
      : owner.type === AST_NODE_TYPES.MemberExpression
        ? getMemberName(owner)
        : undefined;
  if (ownerName === undefined || !/^session$/i.test(ownerName)) return false;
  // A session record whose written type keeps its credential elsewhere (`interface Session { id; token }`): the id
  // is the record's key and the token is the secret. Read from the source, so typed and untyped runs agree.
  if (owner.type === AST_NODE_TYPES.Identifier) {
    const written = checkWrittenType(ctx, owner);
    if (written && written.category !== 'pii' && written.category !== 'financial') return false;
  }
  return true;
}

/** The last word of an identifier's name: `threadId`, `thread_id`, `thread.id`, `conversationID`. */
const ID_NAME = /^(?:id|ID|Id)$|[a-z0-9](?:Id|ID)$|_(?:id|ID)$/;

/** Objects whose `id` says nothing of what it identifies: the parts of a request, generic payloads. */
const ID_CONTAINERS =
  /^(?:req|request|ctx|context|params|query|body|cookies|signedCookies|headers|data|payload|args|input|options|opts|event|this)$/;

/**
 * Whether a value is visibly the id of something that is not a secret: an identifier or property named as an id
 * (`threadId`, `thread.id`, `conversation.id`) whose own name and whose object's name are not sensitive, so that a
 * `sessionId` set from it (`const sessionId = threadId`) is that id. A session's own id (`req.sessionID`,
 * `req.session.id`, a cookie's value) and an id with nothing to say what it identifies (`params.id`) are not.
 */
function isOtherId(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  const text = describeExpression(node);
  if (
    text === undefined ||
    (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression)
  )
    return false;
  const parts = text.split('.');
  const last = parts[parts.length - 1] ?? '';
  if (!ID_NAME.test(last) || parts.some((part) => classify(ctx, part) !== null)) return false;
  if (last.length > 2) return true;
  const owner = parts[parts.length - 2];
  return owner !== undefined && !ID_CONTAINERS.test(owner);
}

/**
 * Whether a value is visibly built from non-secret parts: a template or concatenation with fixed text and only
 * plain, non-sensitive values in it (`offline_${shop}`, `${userId}:${threadId}`), so that a `sessionId` made that
 * way is an identifier, not a credential. Anything random or secret in it (`sess_${randomBytes(16)}`) keeps it one.
 */
function isVisiblyBuilt(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  let parts: TSESTree.Node[];
  let hasText: boolean;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    parts = node.expressions;
    hasText = node.quasis.some((q) => (q.value.cooked ?? q.value.raw).trim() !== '');
  } else if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const flat: TSESTree.Node[] = [];
    const walk = (n: TSESTree.Node): void => {
      const u = unwrapExpression(n);
      if (u.type === AST_NODE_TYPES.BinaryExpression && u.operator === '+') {
        walk(u.left);
        walk(u.right);
      } else flat.push(u);
    };
    walk(node);
    hasText = flat.some(
      (n) => n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string' && n.value.trim() !== '',
    );
    parts = flat.filter((n) => n.type !== AST_NODE_TYPES.Literal);
  } else return false;
  if (!hasText || parts.length === 0) return false;
  return parts.every((part) => {
    const n = unwrapExpression(part);
    if (n.type !== AST_NODE_TYPES.Identifier && n.type !== AST_NODE_TYPES.MemberExpression) return false;
    const text = describeExpression(n) ?? '';
    return !RANDOM_CALL.test(text) && check(ctx, n, MAX_DEPTH - 1) === null;
  });
}

function checkIdentifier(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  depth: number,
): SensitiveFinding | null {
  if (node.name === 'undefined') return null;
  const category = classify(ctx, node.name);
  if (category) {
    if (isHarmlessByTypeOrOrigin(ctx, node)) return null;
    return finding(node, node.name, category, 'name');
  }
  // `const t = user.password; log(t)`: one step of const aliasing.
  if (depth < 3) {
    const origin = getOrigin(ctx, node);
    if (origin?.init && origin.kind === 'const' && !origin.loop) {
      const init = unwrapExpression(origin.init);
      if (
        init.type === AST_NODE_TYPES.MemberExpression ||
        init.type === AST_NODE_TYPES.Identifier ||
        init.type === AST_NODE_TYPES.TemplateLiteral ||
        init.type === AST_NODE_TYPES.BinaryExpression ||
        init.type === AST_NODE_TYPES.AwaitExpression
      ) {
        const found = check(ctx, init, depth + 2);
        if (found && found.reason !== 'value') {
          return { ...found, node, description: `${node.name} (from ${found.name})` };
        }
      }
    }
  }
  if (node.name === 'code' && isOAuthCallbackCode(ctx, node)) {
    return finding(node, 'code', 'credential', 'name', 'code (an OAuth authorization code)');
  }
  return checkByType(ctx, node) ?? checkWrittenType(ctx, node) ?? checkUserRecord(ctx, node, node.name);
}

/** `const { code, state } = req.query` (or `req.body`): the authorization code of an OAuth callback. */
function isOAuthCallbackCode(ctx: DetectContext, node: TSESTree.Identifier): boolean {
  const origin = getOrigin(ctx, node);
  const declarator = origin?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) return false;
  const keys = declarator.id.properties.map((p) =>
    p.type === AST_NODE_TYPES.Property ? getStaticKeyName(p.key, p.computed) : undefined,
  );
  if (!keys.includes('state')) return false;
  const init = unwrapExpression(declarator.init);
  if (init.type !== AST_NODE_TYPES.MemberExpression) return false;
  const source = getMemberName(init);
  return (source === 'query' || source === 'body') && isRequestObject(init.object);
}

/**
 * Without the checker, the type written in the source: an annotation (`body: { password: string }`, an interface,
 * type alias or class of this file) or the object a function of this file returns (`const user = await getUser()`).
 */
function checkWrittenType(ctx: DetectContext, node: TSESTree.Identifier): SensitiveFinding | null {
  const origin = getOrigin(ctx, node);
  if (!origin) return null;
  let hit = origin.typeAnnotation ? sensitiveMemberOfTypeNode(ctx, origin.typeAnnotation, 0) : null;
  if (!hit && origin.init && origin.kind === 'const') {
    let init = unwrapExpression(origin.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrapExpression(init.argument);
    if (init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
      const fn = localFunction(ctx, init.callee);
      if (fn) hit = sensitiveMemberOfReturn(ctx, fn);
    }
  }
  if (!hit) return null;
  return finding(node, node.name, hit.category, 'type', `${node.name} (its type has "${hit.prop}")`);
}

type Hit = { prop: string; category: SensitiveCategory };

const NON_SECRET_KEYWORDS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSFunctionType,
]);

function sensitiveMemberOfTypeNode(ctx: DetectContext, raw: TSESTree.TypeNode, depth: number): Hit | null {
  if (depth > 2) return null;
  switch (raw.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      return sensitiveMemberOfElements(ctx, raw.members, depth);
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      for (const part of raw.types) {
        const hit = sensitiveMemberOfTypeNode(ctx, part, depth + 1);
        if (hit) return hit;
      }
      return null;
    case AST_NODE_TYPES.TSArrayType:
      return sensitiveMemberOfTypeNode(ctx, raw.elementType, depth + 1);
    case AST_NODE_TYPES.TSTypeReference: {
      if (raw.typeName.type !== AST_NODE_TYPES.Identifier) return null;
      const declared = topLevelTypeDeclarations(ctx.ast).get(raw.typeName.name);
      if (!declared) return null;
      if (declared.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
        return sensitiveMemberOfElements(ctx, declared.body.body, depth);
      }
      if (declared.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
        return sensitiveMemberOfTypeNode(ctx, declared.typeAnnotation, depth + 1);
      }
      for (const member of declared.body.body) {
        if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static) continue;
        const hit = sensitiveKey(ctx, member.key, member.computed, member.typeAnnotation?.typeAnnotation);
        if (hit) return hit;
      }
      return null;
    }
    default:
      return null;
  }
}

function sensitiveMemberOfElements(
  ctx: DetectContext,
  members: readonly TSESTree.TypeElement[],
  depth: number,
): Hit | null {
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature) continue;
    const annotation = member.typeAnnotation?.typeAnnotation;
    const hit = sensitiveKey(ctx, member.key, member.computed, annotation);
    if (hit) return hit;
    if (annotation && depth < 1) {
      const nested = sensitiveMemberOfTypeNode(ctx, annotation, depth + 1);
      if (nested) return nested;
    }
  }
  return null;
}

function sensitiveKey(
  ctx: DetectContext,
  key: TSESTree.Node,
  computed: boolean,
  annotation: TSESTree.TypeNode | undefined,
): Hit | null {
  const name = getStaticKeyName(key, computed);
  if (name === undefined) return null;
  const category = classify(ctx, name);
  if (!category) return null;
  if (annotation && NON_SECRET_KEYWORDS.has(annotation.type)) return null;
  return { prop: name, category };
}

type LocalFunction =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function localFunction(ctx: DetectContext, callee: TSESTree.Identifier): LocalFunction | undefined {
  const origin = getOrigin(ctx, callee);
  if (!origin) return undefined;
  if (origin.node.type === AST_NODE_TYPES.FunctionDeclaration) return origin.node;
  const init = origin.init ? unwrapExpression(origin.init) : undefined;
  return init?.type === AST_NODE_TYPES.FunctionExpression ||
    init?.type === AST_NODE_TYPES.ArrowFunctionExpression
    ? init
    : undefined;
}

/** The first sensitive property of what a local function returns: its written return type or returned objects. */
function sensitiveMemberOfReturn(ctx: DetectContext, fn: LocalFunction): Hit | null {
  let annotation = fn.returnType?.typeAnnotation;
  // `Promise<User>`
  if (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Promise'
  ) {
    annotation = annotation.typeArguments?.params[0];
  }
  if (annotation) return sensitiveMemberOfTypeNode(ctx, annotation, 0);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return sensitiveMemberOfObject(ctx, fn.body);
  let hit: Hit | null = null;
  const visit = (node: TSESTree.Node): void => {
    if (hit) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) hit = sensitiveMemberOfObject(ctx, node.argument);
      return;
    }
    if (
      node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      node.type === AST_NODE_TYPES.ClassBody
    ) {
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child as TSESTree.Node);
      } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
        visit(value as TSESTree.Node);
      }
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return hit;
}

function sensitiveMemberOfObject(ctx: DetectContext, raw: TSESTree.Node): Hit | null {
  const node = unwrapExpression(raw);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const prop of node.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.kind !== 'init' || prop.method) continue;
    const name = getStaticKeyName(prop.key, prop.computed);
    if (name === undefined) continue;
    const category = classify(ctx, name);
    if (category && !isHarmlessValue(ctx, prop.value)) return { prop: name, category };
  }
  return null;
}

/**
 * Strict mode (`checkTypes`): a whole user record judged by its name alone (`user`, `req.user`, `profile`), when no
 * type tells what it holds. With a known type, the type decides (see {@link checkByType}).
 */
function checkUserRecord(ctx: DetectContext, node: TSESTree.Node, name: string): SensitiveFinding | null {
  if (!ctx.options.checkTypes || !USER_RECORD.test(name)) return null;
  // `options.auth.user` (SMTP, basic auth) is a user name, not a record.
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    AUTH_OBJECT.test(describeExpression(node.object) ?? '')
  ) {
    return null;
  }
  const type = getType(ctx, node);
  if (type && !isAnyOrUnknown(type)) return null;
  const described = describeExpression(node) ?? name;
  return finding(node, described, 'pii', 'untyped', `${described} (a whole user record)`);
}

function isProcess(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.Identifier && n.name === 'process';
}

function isRequestObject(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Identifier) return REQUEST_NAMES.test(n.name);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(n);
    return name === 'request' || name === 'req';
  }
  return false;
}

function checkMember(ctx: DetectContext, node: TSESTree.MemberExpression): SensitiveFinding | null {
  const name = getMemberName(node);
  if (name === undefined) return null;
  if (isSessionsOwnId(ctx, node)) {
    const described = describeExpression(node) ?? name;
    return finding(node, described, 'session', 'name');
  }
  if (DERIVED_MEMBERS.has(name)) return null;
  const category = classify(ctx, name);
  const described = describeExpression(node) ?? name;
  if (category) {
    if (isHarmlessByTypeOrOrigin(ctx, node)) return null;
    return finding(node, described, category, 'name');
  }
  if (name === 'env' && isProcess(node.object)) {
    return finding(
      node,
      described,
      'secret',
      'type',
      `${described} (every environment variable, secrets included)`,
    );
  }
  if (name === 'headers' && isRequestObject(node.object)) {
    return finding(
      node,
      described,
      'credential',
      'headers',
      `${described} (Authorization and Cookie headers)`,
    );
  }
  if (ctx.options.checkTypes && (name === 'body' || name === 'query') && isRequestObject(node.object)) {
    return finding(node, described, 'pii', 'untyped', `${described} (unvalidated request data)`);
  }
  return checkByType(ctx, node) ?? checkUserRecord(ctx, node, name);
}

function isMaskingReplace(call: TSESTree.CallExpression): boolean {
  const replacement = call.arguments[1];
  const value = replacement ? getStaticString(replacement) : undefined;
  return value !== undefined && !value.includes('$');
}

function isBoundedSlice(call: TSESTree.CallExpression): boolean {
  const numbers: number[] = [];
  for (const arg of call.arguments) {
    const n = unwrapExpression(arg);
    if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'number') numbers.push(n.value);
    else if (
      n.type === AST_NODE_TYPES.UnaryExpression &&
      n.operator === '-' &&
      n.argument.type === AST_NODE_TYPES.Literal &&
      typeof n.argument.value === 'number'
    ) {
      numbers.push(-n.argument.value);
    } else return false;
  }
  const [start, end] = numbers;
  if (start === undefined) return false;
  if (end === undefined) return start < 0 && start >= -6;
  return Math.sign(start) === Math.sign(end) || start === 0 ? Math.abs(end - start) <= 8 : false;
}

function checkCall(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  depth: number,
): SensitiveFinding | null {
  if (isSafeWrapperCall(ctx, node)) return null;
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return null;
  const objectName = getCalleeObjectName(callee);

  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (name === 'replace' || name === 'replaceAll') {
      return isMaskingReplace(node) ? null : check(ctx, callee.object, depth + 1);
    }
    if (name === 'slice' || name === 'substring' || name === 'substr') {
      return isBoundedSlice(node) ? null : check(ctx, callee.object, depth + 1);
    }
    if (PASS_THROUGH_METHODS.has(name)) {
      const fromObject = check(ctx, callee.object, depth + 1);
      if (fromObject) return fromObject;
      if (name === 'concat' || name === 'join') return checkArguments(ctx, node, depth);
      return null;
    }
    if (name === 'sign' && objectName !== undefined && /^(?:jwt|jsonwebtoken|jose)$/i.test(objectName)) {
      return finding(node, `${objectName}.sign()`, 'token', 'name', `a token from ${objectName}.sign()`);
    }
  }
  if (PASS_THROUGH_FUNCTIONS.has(name)) {
    if (name === 'from' && objectName !== 'Buffer' && objectName !== 'Array') return null;
    if (
      (name === 'values' ||
        name === 'entries' ||
        name === 'assign' ||
        name === 'freeze' ||
        name === 'fromEntries') &&
      objectName !== 'Object'
    ) {
      return null;
    }
    return checkArguments(ctx, node, depth);
  }
  if (GETTER_PREFIX.test(name)) {
    const category =
      ctx.classifier.classifyName(name) ?? ctx.classifier.classifyName(name.replace(GETTER_PREFIX_WORD, ''));
    if (category && !isHarmlessByTypeOrOrigin(ctx, node)) {
      return finding(node, `${describeExpression(callee) ?? name}()`, category, 'name');
    }
  }
  return checkByType(ctx, node);
}

function checkArguments(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  depth: number,
): SensitiveFinding | null {
  for (const arg of node.arguments) {
    const found = check(ctx, arg, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Whether a value written under a sensitive key is harmless to log or store (literals, booleans, counts…). */
export function isHarmlessValue(ctx: DetectContext, raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value !== 'string' || ctx.classifier.detectSecret(node.value) === null;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((e) => isHarmlessValue(ctx, e));
    case AST_NODE_TYPES.Identifier:
      if (node.name === 'undefined' || DESCRIBED_SECRET.test(node.name)) return true;
      break;
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return true;
      return isHarmlessValue(ctx, node.left) && isHarmlessValue(ctx, node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isHarmlessValue(ctx, node.consequent) && isHarmlessValue(ctx, node.alternate);
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      if (isSafeWrapperCall(ctx, node)) return true;
      if (
        node.callee.type === AST_NODE_TYPES.Identifier &&
        (node.callee.name === 'Boolean' || node.callee.name === 'Number')
      ) {
        return true;
      }
      break;
    case AST_NODE_TYPES.NewExpression:
      if (isSafeWrapperCall(ctx, node)) return true;
      if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date') return true;
      break;
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(node);
      if (isSessionsOwnId(ctx, node)) return false;
      if (name !== undefined && (DERIVED_MEMBERS.has(name) || DESCRIBED_SECRET.test(name))) return true;
      break;
    }
    default:
      break;
  }
  const type = getType(ctx, node);
  return type !== undefined && isNonSecretPrimitiveType(type);
}

function checkObject(
  ctx: DetectContext,
  node: TSESTree.ObjectExpression,
  depth: number,
): SensitiveFinding | null {
  for (const prop of node.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      const found = check(ctx, prop.argument, depth + 1);
      if (found) return found;
      continue;
    }
    if (prop.kind !== 'init' || prop.method) continue;
    const value = prop.value;
    const key = getStaticKeyName(prop.key, prop.computed);
    if (key !== undefined) {
      const category = classify(ctx, key);
      if (category && !isHarmlessValue(ctx, value) && !isHarmlessByTypeOrOrigin(ctx, value)) {
        return finding(prop, key, category, 'name');
      }
    }
    const found = check(ctx, value, depth + 1);
    if (found) return found;
  }
  return null;
}

const typeCache = new WeakMap<
  SensitivityClassifier,
  WeakMap<ts.Type, { prop: string; category: SensitiveCategory } | null>
>();

/** With type information: the first sensitively named property of the value's type (arrays by their elements). */
function checkByType(ctx: DetectContext, node: TSESTree.Node): SensitiveFinding | null {
  const checker = ctx.checker;
  if (!checker) return null;
  const type = getType(ctx, node);
  if (!type) return null;
  const described = describeExpression(node) ?? 'this value';
  if (ctx.options.checkTypes && isAnyOrUnknown(type) && !isErrorLike(node)) {
    return finding(node, described, 'pii', 'untyped', `${described} (an untyped object)`);
  }
  const hit = sensitivePropertyOfType(ctx, checker, type, 0);
  if (!hit) return null;
  return finding(node, described, hit.category, 'type', `${described} (its type has "${hit.prop}")`);
}

function isErrorLike(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.Identifier && /^(?:e|err|error|ex|exception|reason|cause)$/i.test(n.name);
}

function sensitivePropertyOfType(
  ctx: DetectContext,
  checker: ts.TypeChecker,
  type: ts.Type,
  depth: number,
): { prop: string; category: SensitiveCategory } | null {
  let perClassifier = typeCache.get(ctx.classifier);
  if (!perClassifier) {
    perClassifier = new WeakMap();
    typeCache.set(ctx.classifier, perClassifier);
  }
  const cached = perClassifier.get(type);
  if (cached !== undefined) return cached;
  perClassifier.set(type, null); // cycles
  const result = computeSensitiveProperty(ctx, checker, type, depth);
  perClassifier.set(type, result);
  return result;
}

function computeSensitiveProperty(
  ctx: DetectContext,
  checker: ts.TypeChecker,
  type: ts.Type,
  depth: number,
): { prop: string; category: SensitiveCategory } | null {
  if (depth > 1) return null;
  if (type.isUnion() || type.isIntersection()) {
    for (const part of type.types) {
      const hit = sensitivePropertyOfType(ctx, checker, part, depth);
      if (hit) return hit;
    }
    return null;
  }
  if (!isObjectType(type)) return null;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return null;
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    for (const arg of checker.getTypeArguments(type as ts.TypeReference)) {
      const hit = sensitivePropertyOfType(ctx, checker, arg, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  const props = type.getProperties();
  if (props.length > 300) return null;
  for (const prop of props) {
    const name = prop.getName();
    const category = ctx.classifier.classifyName(name);
    if (!category) continue;
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    const propType = checker.getTypeOfSymbolAtLocation(prop, decl);
    if (isNonSecretPrimitiveType(propType)) continue;
    if (propType.getCallSignatures().length > 0) continue;
    return { prop: name, category };
  }
  return null;
}
