/**
 * Untrusted input: which expressions carry data the program does not control, and how far it flows inside a file.
 *
 * Sources are request data (`req.body/query/params/headers/cookies` and the Koa, Fastify, NestJS, Next.js, Hono and
 * Lambda equivalents), parsed external text (`JSON.parse` of a non-literal, `querystring`/`qs`, `URLSearchParams`),
 * socket and message payloads (`socket.on('x', (data) => …)`), and parameters of functions that this file calls with
 * any of these. Taint follows variables, destructuring, `for…in`/`for…of`, `Object.keys/entries/values`, array
 * callbacks and string operations that keep the text (`slice`, `trim`, case changes, `replace`, `split` elements,
 * template literals, concatenation); `Number()`, `parseInt`, `.length`, comparisons and sanitizers
 * (`sanitize*`, `strip*`, `pick*`, `omit*`, `whitelist*`, `allowlist*`) drop it.
 *
 * Parameters nobody in the file feeds with input are tracked too, as `param` (their value) and `param-keys` (the keys
 * of a parameter, or the segments of a parameter split into a path): that is how a merge, clone or set-by-path helper
 * that is polluting by construction is recognised whoever calls it.
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  getCalleeName,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  isFunctionNode,
  unwrapExpression,
} from './ast.js';
import { resolveVariable, type DetectContext } from './context.js';

/** Where a tainted value comes from. */
export type TaintKind =
  /** Data the program does not control (request, parsed text, message payload). */
  | 'input'
  /** The value of a parameter (or something read from it) that no caller in the file is known to feed with input. */
  | 'param'
  /** The keys of such a parameter, or the segments of a parameter string split into a path. */
  | 'param-keys';

/** A tainted value: its kind, the function whose parameter it is (for `param*`), and a short description. */
export interface Taint {
  kind: TaintKind;
  /** For `param` and `param-keys`: the function that declares the parameter. */
  fn?: TSESTree.Node;
  /** What it comes from, for messages (`req.body`, `JSON.parse()`, `a socket message`). */
  from: string;
}

/** Options of {@link getTaint}. */
export interface InputOptions {
  /** Extra function names whose results are safe subsets of their input (project allow-list pickers). */
  sanitizers?: readonly string[];
}

/** Parts of a request object that hold what the client sent. */
const REQUEST_PARTS = new Set([
  'body',
  'query',
  'params',
  'headers',
  'cookies',
  'signedCookies',
  'files',
  'file',
  'rawBody',
  'payload',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'pathParameters',
  'searchParams',
]);
/** Names a request object goes by (`req`, `request`, `ctx.request`, Lambda's `event`, socket.io's `handshake`). */
const REQUEST_NAME = /^(?:req|request|[a-z]\w*(?:Req|Request))$/;
const EVENT_NAME = /^(?:event|evt|apiEvent|lambdaEvent)$/;
const KOA_CONTEXT = /^(?:ctx|context|koaCtx)$/;
/** NestJS (and similar) parameter decorators whose parameter is request data. */
const INPUT_DECORATORS = new Set([
  'Body',
  'Query',
  'Param',
  'Params',
  'Headers',
  'Cookies',
  'MessageBody',
  'Payload',
  'UploadedFile',
  'UploadedFiles',
]);
/** Methods whose result is request data when called on a request object (`await req.json()`, `c.req.query()`). */
const REQUEST_READERS = new Set([
  'json',
  'formData',
  'text',
  'query',
  'queries',
  'param',
  'header',
  'get',
  'cookie',
  'parseBody',
]);
/** Methods that return (part of) the receiver's text or elements. */
const PRESERVING_METHODS = new Set([
  'slice',
  'substring',
  'substr',
  'trim',
  'trimStart',
  'trimEnd',
  'trimLeft',
  'trimRight',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'replace',
  'replaceAll',
  'normalize',
  'padStart',
  'padEnd',
  'concat',
  'toString',
  'valueOf',
  'join',
  'flat',
  'at',
  'pop',
  'shift',
  'find',
  'findLast',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'values',
  'entries',
  'keys',
  'get',
  'getAll',
]);
/** Global functions that return their argument's text or content. */
const PRESERVING_FUNCTIONS = new Set([
  'String',
  'decodeURIComponent',
  'decodeURI',
  'unescape',
  'structuredClone',
  'cloneDeep',
  'clone',
]);
/** Functions that parse external text into an object. */
const PARSERS = /^(?:parse|parseQuery|parseQs|parseBody|parseJson|parseJSON|deserialize|decode)$/;
const PARSER_OBJECTS = /^(?:JSON|qs|querystring|QueryString|queryString|url|yaml|YAML|toml|JSON5|bson|BSON)$/;
/** Results of these are safe subsets of their input. */
const SANITIZER = /^(?:sanitize|strip|pick|omit|whitelist|allowlist|allowList|whiteList)/i;
/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'flatMap',
]);
/** Events whose payload is not data from a peer. */
const LIFECYCLE_EVENTS =
  /^(?:error|close|end|finish|connect|connection|ready|open|disconnect|drain|listening|exit|timeout|reconnecting|pause|resume)$/;
/** Receivers whose events carry what a peer sent. */
const MESSAGE_RECEIVER =
  /socket|^ws$|websocket|^io$|server|channel|consumer|subscriber|^sub$|queue|peer|bot|^client$|conn(?:ection)?$|port$/i;

/** h3 (Nuxt, Nitro) functions that read what the client sent. */
const H3_READERS =
  /^(?:readBody|readRawBody|readFormData|readMultipartFormData|readValidatedBody|getQuery|getValidatedQuery|getRouterParams?|getValidatedRouterParams|getHeaders?|getRequestHeaders?|getCookie|parseCookies)$/;

/** Parts of a parsed URL that start with `/` or a scheme. */
const URL_PARTS = new Set(['pathname', 'href', 'origin', 'protocol', 'host', 'hostname', 'port']);

const MAX_DEPTH = 8;

interface State {
  depth: number;
  visiting: Set<TSESTree.Node>;
}

const caches = new WeakMap<TSESTree.Program, Map<TSESTree.Node, Taint | null>>();

/**
 * The taint of an expression: whether it carries input (or a parameter's value or keys), and from where.
 * `undefined` when nothing untrusted reaches it.
 */
export function getTaint(
  ctx: DetectContext,
  node: TSESTree.Node,
  options: InputOptions = {},
): Taint | undefined {
  return taintOf(ctx, node, options, { depth: 0, visiting: new Set() });
}

/** Whether an expression carries input the program does not control. */
export function isUntrustedInput(
  ctx: DetectContext,
  node: TSESTree.Node,
  options: InputOptions = {},
): boolean {
  return getTaint(ctx, node, options)?.kind === 'input';
}

function cacheFor(ctx: DetectContext, options: InputOptions): Map<TSESTree.Node, Taint | null> | undefined {
  if (options.sanitizers && options.sanitizers.length > 0) return undefined;
  let cache = caches.get(ctx.ast);
  if (!cache) caches.set(ctx.ast, (cache = new Map()));
  return cache;
}

/** The stronger of two taints: input over parameter keys over parameter values. */
function strongest(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a) return b;
  if (!b) return a;
  const rank = (t: Taint): number => (t.kind === 'input' ? 2 : t.kind === 'param-keys' ? 1 : 0);
  return rank(b) > rank(a) ? b : a;
}

/** The taint of the keys of a tainted object: input stays input, a parameter's keys are `param-keys`. */
function keysOf(t: Taint | undefined): Taint | undefined {
  if (!t) return undefined;
  if (t.kind === 'input') return t;
  return { ...t, kind: 'param-keys' };
}

function taintOf(
  ctx: DetectContext,
  raw: TSESTree.Node,
  options: InputOptions,
  state: State,
): Taint | undefined {
  const node = unwrap(raw);
  const cache = cacheFor(ctx, options);
  if (cache?.has(node)) return cache.get(node) ?? undefined;
  if (state.depth > MAX_DEPTH || state.visiting.has(node)) return undefined;
  state.visiting.add(node);
  state.depth++;
  let result: Taint | undefined;
  try {
    result = computeTaint(ctx, node, options, state);
  } finally {
    state.depth--;
    state.visiting.delete(node);
  }
  // Only results computed from the top are complete (a cycle cut short deeper down would be cached as clean).
  if (cache && state.visiting.size === 0) cache.set(node, result ?? null);
  return result;
}

function unwrap(raw: TSESTree.Node): TSESTree.Node {
  let node = unwrapExpression(raw);
  while (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrapExpression(node.argument);
  return node;
}

function computeTaint(
  ctx: DetectContext,
  node: TSESTree.Node,
  options: InputOptions,
  state: State,
): Taint | undefined {
  const of = (n: TSESTree.Node | null | undefined): Taint | undefined =>
    n ? taintOf(ctx, n, options, state) : undefined;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierTaint(ctx, node, options, state);
    case AST_NODE_TYPES.MemberExpression:
      return memberTaint(ctx, node, options, state);
    case AST_NODE_TYPES.CallExpression:
      return callTaint(ctx, node, options, state);
    case AST_NODE_TYPES.NewExpression: {
      const name = getCalleeName(node.callee);
      const first = node.arguments[0];
      // `new URLSearchParams(text)` parses external text, like `querystring.parse`.
      if (name === 'URLSearchParams') {
        if (!first || first.type === AST_NODE_TYPES.SpreadElement || getStaticString(first) !== undefined)
          return undefined;
        const unwrapped = unwrap(first);
        if (unwrapped.type === AST_NODE_TYPES.ObjectExpression) return of(first);
        return { kind: 'input', from: 'URLSearchParams' };
      }
      if (name === 'Map' || name === 'Set') return of(first);
      return undefined;
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      let t: Taint | undefined;
      for (const e of node.expressions) t = strongest(t, of(e));
      return t;
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return undefined;
      return strongest(of(node.left), of(node.right));
    case AST_NODE_TYPES.LogicalExpression:
      return strongest(of(node.left), of(node.right));
    case AST_NODE_TYPES.ConditionalExpression:
      return strongest(of(node.consequent), of(node.alternate));
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator === '=' ? of(node.right) : undefined;
    case AST_NODE_TYPES.SequenceExpression:
      return of(node.expressions.at(-1));
    case AST_NODE_TYPES.ObjectExpression: {
      let t: Taint | undefined;
      for (const p of node.properties) {
        if (p.type === AST_NODE_TYPES.SpreadElement) t = strongest(t, of(p.argument));
      }
      return t;
    }
    case AST_NODE_TYPES.ArrayExpression: {
      let t: Taint | undefined;
      for (const e of node.elements) {
        if (!e) continue;
        t = strongest(t, of(e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e));
      }
      return t;
    }
    default:
      return undefined;
  }
}

/** `req`, `request`, `ctx.request`, `event` (Lambda), `socket.handshake`: objects whose parts are what a client sent. */
function isRequestRoot(raw: TSESTree.Node, part: string): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (REQUEST_NAME.test(node.name)) return true;
    if (EVENT_NAME.test(node.name)) {
      return (
        part === 'body' ||
        part === 'queryStringParameters' ||
        part === 'multiValueQueryStringParameters' ||
        part === 'pathParameters' ||
        part === 'headers'
      );
    }
    if (KOA_CONTEXT.test(node.name)) {
      return part === 'query' || part === 'params' || part === 'headers' || part === 'cookies';
    }
    return false;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(node);
    if (name === 'request' || name === 'req') return true;
    if (name === 'handshake') return part === 'query' || part === 'headers' || part === 'auth';
    // h3 `event.context.params`
    if (name === 'context' && part === 'params') {
      const inner = unwrapExpression(node.object);
      return inner.type === AST_NODE_TYPES.Identifier && EVENT_NAME.test(inner.name);
    }
  }
  return false;
}

function memberTaint(
  ctx: DetectContext,
  node: TSESTree.MemberExpression,
  options: InputOptions,
  state: State,
): Taint | undefined {
  const name = getMemberName(node);
  if (name === 'length' || name === 'size' || name === 'byteLength') return undefined;
  if (!node.computed && name !== undefined && REQUEST_PARTS.has(name) && isRequestRoot(node.object, name)) {
    return { kind: 'input', from: describe(node) };
  }
  if (node.object.type === AST_NODE_TYPES.Super) return undefined;
  // The path or origin of a parsed URL starts with `/` or a scheme: never a prototype name.
  if (!node.computed && name !== undefined && URL_PARTS.has(name)) return undefined;
  const t = taintOf(ctx, node.object, options, state);
  if (t) return t;
  return undefined;
}

function callTaint(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  options: InputOptions,
  state: State,
): Taint | undefined {
  const of = (n: TSESTree.Node | null | undefined): Taint | undefined =>
    n && n.type !== AST_NODE_TYPES.SpreadElement ? taintOf(ctx, n, options, state) : undefined;
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return undefined;
  if (SANITIZER.test(name) || options.sanitizers?.includes(name)) return undefined;
  const object =
    callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : undefined;
  const objectName = object?.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
  const first = node.arguments[0];

  // `JSON.parse(text)`, `qs.parse(text)`, `querystring.parse(text)`: parsed external text.
  if (PARSERS.test(name) && objectName !== undefined && PARSER_OBJECTS.test(objectName)) {
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (getStaticString(first) !== undefined) return undefined;
    const inner = unwrap(first);
    // `JSON.parse(JSON.stringify(x))` is a deep copy of x.
    if (inner.type === AST_NODE_TYPES.CallExpression && getCalleeName(inner.callee) === 'stringify') {
      return of(inner.arguments[0]);
    }
    return strongest({ kind: 'input', from: `${objectName}.${name}()` }, of(first));
  }
  if (objectName === 'Object' || objectName === 'Reflect') {
    if (name === 'keys' || name === 'getOwnPropertyNames' || name === 'ownKeys') return keysOf(of(first));
    if (name === 'entries') return keysOf(of(first));
    if (name === 'values' || name === 'fromEntries' || name === 'assign' || name === 'freeze') {
      let t: Taint | undefined;
      for (const a of node.arguments) t = strongest(t, of(a));
      return t;
    }
    return undefined;
  }
  if (objectName === 'Array' && name === 'from') return of(first);
  // h3 / Nuxt / Nitro: `await readBody(event)`, `getQuery(event)`, `getRouterParams(event)`
  if (callee.type === AST_NODE_TYPES.Identifier && H3_READERS.test(name))
    return { kind: 'input', from: `${name}()` };
  if (callee.type === AST_NODE_TYPES.Identifier && PRESERVING_FUNCTIONS.has(name)) return of(first);
  if (object) {
    // `await req.json()`, `c.req.query('x')`, `req.get('x-header')`
    if (REQUEST_READERS.has(name) && isRequestRoot(object, 'body') && !isKoaLike(object)) {
      return { kind: 'input', from: `${describe(callee)}()` };
    }
    if (name === 'split') return keysOf(of(object)) ?? undefined;
    if (name === 'filter') {
      const t = of(object);
      if (t && first && isFunctionNode(first) && filterGuards(ctx, first)) return undefined;
      return t;
    }
    if (PRESERVING_METHODS.has(name)) return of(object);
  }
  return undefined;
}

function isKoaLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && KOA_CONTEXT.test(node.name);
}

/**
 * A `filter` callback that keeps only safe keys (`(k) => ALLOWED.includes(k)`, `(k) => k !== '__proto__'`): decided by
 * the guard module, which registers itself here to keep the dependency one-way.
 */
let filterGuardJudge: ((ctx: DetectContext, fn: TSESTree.Node) => boolean) | undefined;

/** Lets the guard logic judge `filter` callbacks (set once by the assignment module). */
export function setFilterGuardJudge(judge: (ctx: DetectContext, fn: TSESTree.Node) => boolean): void {
  filterGuardJudge = judge;
}

function filterGuards(ctx: DetectContext, fn: TSESTree.Node): boolean {
  return filterGuardJudge?.(ctx, fn) ?? false;
}

function identifierTaint(
  ctx: DetectContext,
  node: TSESTree.Identifier,
  options: InputOptions,
  state: State,
): Taint | undefined {
  const variable = resolveVariable(ctx, node);
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  if (def.type === 'Parameter') return parameterTaint(ctx, def.node, node.name, options, state);
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node;
  const declaration = declarator.parent;
  const loop = declaration.parent;
  let t: Taint | undefined;
  if (
    (loop.type === AST_NODE_TYPES.ForInStatement || loop.type === AST_NODE_TYPES.ForOfStatement) &&
    loop.left === declaration
  ) {
    const right = taintOf(ctx, loop.right, options, state);
    t = loop.type === AST_NODE_TYPES.ForInStatement ? keysOf(right) : right;
  } else if (declarator.init) {
    t = patternTaint(ctx, declarator.id, node.name, declarator.init, options, state);
  }
  for (const ref of variable.references) {
    if (t?.kind === 'input') break;
    if (!ref.isWrite() || ref.init) continue;
    const write = ref.writeExpr;
    if (write) t = strongest(t, taintOf(ctx, write, options, state));
  }
  return t;
}

/** The taint of `name` bound by `pattern = init` (an identifier, or a destructuring pattern). */
function patternTaint(
  ctx: DetectContext,
  pattern: TSESTree.Node,
  name: string,
  init: TSESTree.Node,
  options: InputOptions,
  state: State,
): Taint | undefined {
  if (pattern.type === AST_NODE_TYPES.Identifier) return taintOf(ctx, init, options, state);
  const path = findInPattern(pattern, name);
  if (!path) return undefined;
  const base = taintOf(ctx, init, options, state);
  if (base) return base;
  // `const { body } = req`, `const { query: { id } } = ctx.request`
  const [first] = path;
  if (first !== undefined && REQUEST_PARTS.has(first) && isRequestRoot(init, first)) {
    return { kind: 'input', from: `${describe(init) ?? 'request'}.${first}` };
  }
  return undefined;
}

/** The property names leading to `name` in a destructuring pattern (`[]` for array elements), or `undefined`. */
function findInPattern(pattern: TSESTree.Node, name: string): string[] | undefined {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern.name === name ? [] : undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return findInPattern(pattern.left, name);
    case AST_NODE_TYPES.RestElement:
      return findInPattern(pattern.argument, name);
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of pattern.elements) {
        const found = e ? findInPattern(e, name) : undefined;
        if (found) return ['[]', ...found];
      }
      return undefined;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of pattern.properties) {
        if (p.type === AST_NODE_TYPES.RestElement) {
          const found = findInPattern(p.argument, name);
          if (found) return ['...', ...found];
          continue;
        }
        const found = findInPattern(p.value, name);
        if (found) return [getStaticKeyName(p.key, p.computed) ?? '?', ...found];
      }
      return undefined;
    default:
      return undefined;
  }
}

function parameterTaint(
  ctx: DetectContext,
  fn: TSESTree.Node,
  name: string,
  options: InputOptions,
  state: State,
): Taint | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const index = fn.params.findIndex((p) => findInPattern(paramPattern(p), name) !== undefined);
  const param = fn.params[index];
  if (index < 0 || !param) return undefined;
  const pattern = paramPattern(param);
  const path = findInPattern(pattern, name) ?? [];

  // NestJS `@Body() dto`, `@Query('q') q`, `@MessageBody() data`
  const decorators = paramDecorators(param);
  for (const d of decorators) {
    const dn = getCalleeName(
      d.expression.type === AST_NODE_TYPES.CallExpression ? d.expression.callee : d.expression,
    );
    if (dn !== undefined && INPUT_DECORATORS.has(dn)) return { kind: 'input', from: `@${dn}()` };
  }
  // `({ body, query }, res) => …` as a route handler
  const [first] = path;
  if (index === 0 && first !== undefined && REQUEST_PARTS.has(first) && isRouteHandler(fn)) {
    return { kind: 'input', from: `request.${first}` };
  }
  // `socket.on('update', (data) => …)`: what a peer sent
  const message = isBrowserModule(ctx) ? undefined : messagePayload(fn);
  if (message) return { kind: 'input', from: message };

  const parent = fn.parent;
  // Array callbacks: `Object.keys(body).forEach((k) => …)`, `list.reduce((acc, item) => …)`
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
    const method = getCalleeName(parent.callee);
    const callee = unwrapExpression(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && method !== undefined) {
      const elementIndex =
        method === 'reduce' || method === 'reduceRight' ? 1 : ELEMENT_CALLBACKS.has(method) ? 0 : -1;
      if (elementIndex === index) {
        const t = taintOf(ctx, callee.object, options, state);
        if (t) return t;
      }
      if (elementIndex >= 0) return undefined;
    }
  }
  // Callers in this file that pass input.
  const fromCallers = callerTaint(ctx, fn, index, options, state);
  if (fromCallers) return fromCallers;
  // An inline callback (an event handler, a promise continuation) is no helper anyone calls with their own data.
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(fn as TSESTree.Expression)
  )
    return undefined;
  return { kind: 'param', fn, from: name };
}

function paramPattern(param: TSESTree.Parameter): TSESTree.Node {
  return param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
}

function paramDecorators(param: TSESTree.Parameter): readonly TSESTree.Decorator[] {
  const decorators = (param as { decorators?: readonly TSESTree.Decorator[] }).decorators;
  if (decorators && decorators.length > 0) return decorators;
  if (param.type === AST_NODE_TYPES.TSParameterProperty) return param.parameter.decorators ?? [];
  return [];
}

const ROUTE_METHODS = /^(?:get|post|put|patch|delete|del|all|use|head|options|route|handler|handle|on)$/;

/** A function passed to `app.get(path, fn)`, `router.post(…)`, `fastify.route({ handler })`. */
function isRouteHandler(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(fn as TSESTree.Expression)
  ) {
    const name = getCalleeName(parent.callee);
    return name !== undefined && ROUTE_METHODS.test(name);
  }
  if (parent?.type === AST_NODE_TYPES.Property)
    return getStaticKeyName(parent.key, parent.computed) === 'handler';
  return false;
}

/** Modules that run in a browser: their sockets hear the application's own server, not untrusted peers. */
const BROWSER_MODULE = /^(?:socket\.io-client|vue|react|react-dom|preact|svelte|@angular\/|@vue\/|solid-js)/;
const browserModules = new WeakMap<TSESTree.Program, boolean>();

function isBrowserModule(ctx: DetectContext): boolean {
  const cached = browserModules.get(ctx.ast);
  if (cached !== undefined) return cached;
  let browser = false;
  for (const statement of ctx.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && BROWSER_MODULE.test(statement.source.value)) {
      browser = true;
      break;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      const init = statement.declarations[0]?.init;
      const call = init ? unwrap(init) : undefined;
      if (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.Identifier &&
        call.callee.name === 'require' &&
        BROWSER_MODULE.test(getStaticString(call.arguments[0]) ?? '')
      ) {
        browser = true;
        break;
      }
    }
  }
  browserModules.set(ctx.ast, browser);
  return browser;
}

/** `socket.on('event', (data) => …)`: the description of the payload, when `fn` receives one. */
function messagePayload(fn: TSESTree.Node): string | undefined {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.Expression))
    return undefined;
  const name = getCalleeName(parent.callee);
  if (name !== 'on' && name !== 'once' && name !== 'addEventListener' && name !== 'addListener')
    return undefined;
  const event = getStaticString(parent.arguments[0]);
  if (event !== undefined && LIFECYCLE_EVENTS.test(event)) return undefined;
  const callee = unwrapExpression(parent.callee);
  const receiver =
    callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : undefined;
  const receiverName =
    receiver?.type === AST_NODE_TYPES.Identifier
      ? receiver.name
      : receiver?.type === AST_NODE_TYPES.MemberExpression
        ? getMemberName(receiver)
        : undefined;
  if (event === 'message' || (receiverName !== undefined && MESSAGE_RECEIVER.test(receiverName))) {
    return `a ${event ?? 'message'} payload`;
  }
  return undefined;
}

/** Input passed at `index` by a call of `fn` in this file (`update(req.body)`, `this.apply(body)`). */
function callerTaint(
  ctx: DetectContext,
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
  index: number,
  options: InputOptions,
  state: State,
): Taint | undefined {
  for (const call of findCalls(ctx, fn)) {
    const arg = call.arguments[index];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const t = taintOf(ctx, arg, options, state);
    if (t?.kind === 'input') return t;
  }
  return undefined;
}

/** Calls of `fn` in this file: by its name, by the variable it is assigned to, or as `this.method(…)`. */
function findCalls(
  ctx: DetectContext,
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let id: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) id = fn.id;
  const parent = fn.parent;
  if (
    !id &&
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    id = parent.id;
  if (id) {
    const variable = resolveVariable(ctx, id);
    for (const ref of variable?.references ?? []) {
      const call = ref.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier) calls.push(call);
    }
    return calls;
  }
  // A class method: `this.name(…)` anywhere in the class.
  if (
    parent?.type === AST_NODE_TYPES.MethodDefinition ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    const methodName = getStaticKeyName(parent.key, parent.computed);
    const body = parent.parent;
    if (methodName === undefined || !body) return calls;
    return thisCallsIn(body).get(methodName) ?? [];
  }
  return calls;
}

/** `this.name(…)` calls in a class body, by method name: one walk per class, however many parameters are asked about. */
const thisCallIndex = new WeakMap<TSESTree.Node, Map<string, TSESTree.CallExpression[]>>();

function thisCallsIn(body: TSESTree.Node): Map<string, TSESTree.CallExpression[]> {
  const cached = thisCallIndex.get(body);
  if (cached) return cached;
  const index = new Map<string, TSESTree.CallExpression[]>();
  simpleTraverse(body, {
    enter(n) {
      if (n.type !== AST_NODE_TYPES.CallExpression) return;
      const c = unwrapExpression(n.callee);
      if (c.type !== AST_NODE_TYPES.MemberExpression) return;
      if (unwrapExpression(c.object).type !== AST_NODE_TYPES.ThisExpression) return;
      const name = getMemberName(c);
      if (name === undefined) return;
      index.set(name, [...(index.get(name) ?? []), n]);
    },
  });
  thisCallIndex.set(body, index);
  return index;
}

function describe(node: TSESTree.Node): string {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(n);
    return `${describe(n.object)}.${name ?? '[…]'}`;
  }
  return 'input';
}
