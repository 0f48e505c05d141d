/**
 * Is this call a write to a cache (Redis, keyv, cache-manager), and which of its arguments are keys and values?
 * Clients are recognised by type when the program has types, else by how they were created in this module
 * (`new Redis()`, `createClient()`, `new Keyv()`, `caching()`, `@Inject(CACHE_MANAGER)`…), else by name
 * (`redis`, `cache`, `this.cache`, `*Redis`, `*Cache`). `secureCache(...)` clients are recognised as safe: made in
 * this file, typed `SecureCache<…>`, or exported as `secureCache(...)` by a relative module this file imports.
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getCalleeName, getMemberName, getRequireSource, getStaticKeyName, unwrapExpression } from './ast.js';
import type { DetectContext } from './context.js';
import { getAnnotationTypeName, getImportSource, getOrigin } from './origin.js';
import { isExportedCacheClient, isExportedSecureCache } from './peek.js';
import {
  getNonNullableParts,
  getType,
  getTypeNames,
  hasMethods,
  isAnyOrUnknown,
  isProvablyNotSink,
} from './types.js';

/** Modules that export cache clients or their factories. */
export const CACHE_MODULES: ReadonlySet<string> = new Set([
  'ioredis',
  'iovalkey',
  'redis',
  '@redis/client',
  '@upstash/redis',
  '@vercel/kv',
  'keyv',
  '@keyv/redis',
  'cache-manager',
  '@nestjs/cache-manager',
  'cache-manager-ioredis-yet',
  'cache-manager-redis-yet',
  'memjs',
]);

const CACHE_CLASSES: ReadonlySet<string> = new Set([
  'Redis',
  'IORedis',
  'Cluster',
  'Keyv',
  'KeyvRedis',
  'Valkey',
]);
const CACHE_FACTORY_FUNCTIONS: ReadonlySet<string> = new Set([
  'createClient',
  'createCluster',
  'createSentinel',
  'caching',
  'multiCaching',
  'createCache',
  'fromEnv',
  'createKeyv',
]);
const CACHE_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Redis',
  'Cluster',
  'Pipeline',
  'ChainableCommander',
  'RedisClientType',
  'RedisClusterType',
  'RedisClient',
  'RedisCluster',
  'RedisClientMultiCommandType',
  'Keyv',
  'Cache',
  'MemoryCache',
  'RedisCache',
  'Valkey',
]);
/** Methods that start a batch whose commands are written later (`redis.pipeline().set(…)`). */
const BATCH_METHODS: ReadonlySet<string> = new Set(['pipeline', 'multi', 'batch', 'transaction']);
/** Methods that return the same client, connected or copied (`await createClient().connect()`). */
const SAME_CLIENT_METHODS: ReadonlySet<string> = new Set([
  'connect',
  'duplicate',
  'on',
  'once',
  'withTypeMapping',
  'legacy',
]);

const CACHE_NAME =
  /^_?(?:redis|cache|keyv|upstash|valkey|kv)(?:Client|Manager|Service|Store|Conn|Connection|Db|Helper|Helpers|Util|Utils|Wrapper|Provider|Adapter)?$|[a-z0-9](?:Redis|Cache)(?:Client|Store)?$|^[A-Z0-9_]*(?:REDIS|CACHE)$/;

/** Argument layout of a write command. */
type Layout =
  /** `set(key, value, …)` */
  | 'keyValue'
  /** `setex(key, ttl, value)` */
  | 'keyTtlValue'
  /** `hset(key, field, value, …)` or `hset(key, { field: value })` */
  | 'hash'
  /** `mset(k1, v1, k2, v2)`, `mset({ k: v })`, `mSet([[k, v]])`, `mset([{ key, value }])` */
  | 'pairs'
  /** `lpush(key, ...values)` */
  | 'keyValues'
  /** `lset(key, index, value)` */
  | 'keyIndexValue';

/** Write methods and their argument layouts (ioredis lower case, node-redis camelCase, keyv, cache-manager). */
export const CACHE_WRITE_METHODS: ReadonlyMap<string, Layout> = new Map<string, Layout>([
  ['set', 'keyValue'],
  ['setnx', 'keyValue'],
  ['setNX', 'keyValue'],
  ['getset', 'keyValue'],
  ['getSet', 'keyValue'],
  ['append', 'keyValue'],
  ['setex', 'keyTtlValue'],
  ['setEx', 'keyTtlValue'],
  ['psetex', 'keyTtlValue'],
  ['pSetEx', 'keyTtlValue'],
  ['hset', 'hash'],
  ['hSet', 'hash'],
  ['hmset', 'hash'],
  ['hMSet', 'hash'],
  ['hsetnx', 'hash'],
  ['hSetNX', 'hash'],
  ['mset', 'pairs'],
  ['mSet', 'pairs'],
  ['msetnx', 'pairs'],
  ['mSetNX', 'pairs'],
  ['lpush', 'keyValues'],
  ['rpush', 'keyValues'],
  ['lpushx', 'keyValues'],
  ['rpushx', 'keyValues'],
  ['lPush', 'keyValues'],
  ['rPush', 'keyValues'],
  ['lPushX', 'keyValues'],
  ['rPushX', 'keyValues'],
  ['lset', 'keyIndexValue'],
  ['lSet', 'keyIndexValue'],
]);

/**
 * Methods of project cache wrappers (`redisHelper.setValue(key, value, ttl)`, `cacheService.setItem(key, value)`),
 * written as `(key, value, …)`: cache clients themselves have no such methods.
 */
const WRAPPER_WRITE_METHODS: ReadonlySet<string> = new Set([
  'setValue',
  'setItem',
  'setKey',
  'setData',
  'setJson',
  'setJSON',
  'setObject',
  'setCache',
  'setWithExpiry',
  'setWithTTL',
  'setWithTtl',
]);

/**
 * Whether a source text may hold a cache write the rule would look at (a write method, its promisified `…Async`
 * form or a project wrapper's method, called): a cheap filter for tools that skip files, so that they skip none
 * the rule would report in.
 */
export const CACHE_WRITE_CALL_TEXT = new RegExp(
  `\\.(?:${[...CACHE_WRITE_METHODS.keys(), ...WRAPPER_WRITE_METHODS].join('|')})(?:Async)?\\s*\\(`,
);

/** A value written by a cache command, with the key (or hash field) it is written under when known. */
export interface CacheWriteEntry {
  /** The cache key expression (first argument), or the `key` of an `mset` entry. */
  key: TSESTree.Node | undefined;
  /** A hash field name expression (`hset(key, field, value)`), or an object-literal key. */
  field: TSESTree.Node | undefined;
  /** The value expression. */
  value: TSESTree.Node;
}

/** How a cache client was recognised. */
export interface CacheClientInfo {
  evidence: 'type' | 'creation' | 'name' | 'option';
  /** The client is a `secureCache(...)` wrapper: its writes are encrypted. */
  secure: boolean;
  /** The expression in this file that created the client (`new Redis(...)`), to wrap in `secureCache(...)`. */
  creation?: TSESTree.Expression;
}

/** A recognised cache write call. */
export interface CacheWrite {
  call: TSESTree.CallExpression;
  method: string;
  /** The receiver of the write (`redis`, `redis.pipeline()`, `this.cache`). */
  receiver: TSESTree.Expression;
  client: CacheClientInfo;
  /** The cache key argument (first argument), when the command has one. */
  key: TSESTree.Node | undefined;
  entries: CacheWriteEntry[];
}

/** Returns the cache write `call` is (also through `pipeline()`/`multi()` chains), or `null`. */
export function getCacheWrite(ctx: DetectContext, call: TSESTree.CallExpression): CacheWrite | null {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getMemberName(callee);
  if (method === undefined) return null;
  const wrapper = WRAPPER_WRITE_METHODS.has(method);
  const layout = CACHE_WRITE_METHODS.get(method) ?? CACHE_WRITE_METHODS.get(method.replace(/Async$/, ''));
  if (!layout && !wrapper) return null;
  if (call.arguments.length === 0 || (wrapper && call.arguments.length < 2)) return null;
  const client = getCacheClient(ctx, callee.object);
  if (!client) return null;
  const entries = getEntries(call.arguments, layout ?? 'keyValue');
  const key = layout === 'pairs' ? undefined : call.arguments[0];
  return { call, method, receiver: callee.object, client, key, entries };
}

function getEntries(args: readonly TSESTree.CallExpressionArgument[], layout: Layout): CacheWriteEntry[] {
  const key = args[0];
  const entries: CacheWriteEntry[] = [];
  const push = (
    k: TSESTree.Node | undefined,
    field: TSESTree.Node | undefined,
    value: TSESTree.Node | undefined,
  ): void => {
    if (value && value.type !== AST_NODE_TYPES.SpreadElement) entries.push({ key: k, field, value });
    else if (value) entries.push({ key: k, field, value: value.argument });
  };
  switch (layout) {
    case 'keyValue':
      push(key, undefined, args[1]);
      break;
    case 'keyTtlValue':
    case 'keyIndexValue':
      push(key, undefined, args[2]);
      break;
    case 'keyValues':
      for (const value of args.slice(1)) push(key, undefined, value);
      break;
    case 'hash': {
      const second = args[1] ? unwrapExpression(args[1]) : undefined;
      if (args.length === 2 && second?.type === AST_NODE_TYPES.ObjectExpression) {
        pushObjectEntries(second, key, push);
      } else if (args.length === 2) {
        push(key, undefined, args[1]);
      } else {
        for (let i = 1; i + 1 < args.length; i += 2) push(key, args[i], args[i + 1]);
      }
      break;
    }
    case 'pairs': {
      const first = key ? unwrapExpression(key) : undefined;
      if (args.length === 1 && first?.type === AST_NODE_TYPES.ObjectExpression) {
        pushObjectEntries(first, undefined, (_k, field, value) => push(field, undefined, value));
      } else if (args.length === 1 && first?.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of first.elements) {
          const el = element ? unwrapExpression(element) : undefined;
          if (el?.type === AST_NODE_TYPES.ArrayExpression)
            push(el.elements[0] ?? undefined, undefined, el.elements[1] ?? undefined);
          else if (el?.type === AST_NODE_TYPES.ObjectExpression) {
            let k: TSESTree.Node | undefined;
            let v: TSESTree.Node | undefined;
            for (const p of el.properties) {
              if (p.type !== AST_NODE_TYPES.Property) continue;
              const name = getStaticKeyName(p.key, p.computed);
              if (name === 'key') k = p.value;
              if (name === 'value') v = p.value;
            }
            push(k, undefined, v);
          } else if (el) push(undefined, undefined, el);
        }
      } else if (args.length === 1 && first) {
        push(undefined, undefined, first);
      } else {
        for (let i = 0; i + 1 < args.length; i += 2) push(args[i], undefined, args[i + 1]);
      }
      break;
    }
  }
  return entries;
}

function pushObjectEntries(
  object: TSESTree.ObjectExpression,
  key: TSESTree.Node | undefined,
  push: (
    k: TSESTree.Node | undefined,
    field: TSESTree.Node | undefined,
    value: TSESTree.Node | undefined,
  ) => void,
): void {
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) push(key, undefined, prop.argument);
    else push(key, prop.computed ? prop.key : prop.key, prop.value);
  }
}

/** Whether (and how) an expression is a cache client. `null` when it is not one (or not recognisably). */
export function getCacheClient(ctx: DetectContext, raw: TSESTree.Node, depth = 0): CacheClientInfo | null {
  if (depth > 5) return null;
  let node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrapExpression(node.argument);

  // Chains: `redis.pipeline()`, `client.multi().set(…)`, `redis.pipeline().set(…).hset(…)`.
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = getMemberName(callee);
      if (
        method !== undefined &&
        (BATCH_METHODS.has(method) ||
          CACHE_WRITE_METHODS.has(method) ||
          SAME_CLIENT_METHODS.has(method) ||
          method === 'expire')
      ) {
        const inner = getCacheClient(ctx, callee.object, depth + 1);
        if (inner) return { evidence: inner.evidence, secure: inner.secure };
      }
    }
  }

  if (isSecureCacheCall(node)) return { evidence: 'creation', secure: true };
  if (isCacheCreation(ctx, node)) return { evidence: 'creation', secure: false };

  const name = clientName(node);
  if (name !== undefined && ctx.options.extraCacheClients?.includes(name))
    return { evidence: 'option', secure: false };

  const origin = getOrigin(ctx, node);
  if (origin?.init) {
    const init = unwrapExpression(origin.init);
    const creation = init.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(init.argument) : init;
    if (isSecureCacheCall(creation)) return { evidence: 'creation', secure: true };
    if (isCacheCreation(ctx, creation)) return { evidence: 'creation', secure: false, creation: origin.init };
    if (creation.type === AST_NODE_TYPES.CallExpression || creation.type === AST_NODE_TYPES.NewExpression) {
      const inner = getCacheClient(ctx, creation, depth + 1);
      if (inner) return { evidence: inner.evidence, secure: inner.secure };
    }
  }

  const byType = getCacheClientType(ctx, node);
  if (byType === 'secure') return { evidence: 'type', secure: true };
  if (byType === 'cache') return { evidence: 'type', secure: false };

  if (origin) {
    // `import { redis } from './redis'` where that module exports `secureCache(new Redis())`.
    if (
      origin.imported &&
      isExportedSecureCache(ctx.physicalFilename, origin.imported.source, origin.imported.name)
    ) {
      return { evidence: 'creation', secure: true };
    }
    // `import redis from '../config/redis'`, `const redis = require('./redis')`: a project module that makes one.
    if (
      origin.imported &&
      isExportedCacheClient(ctx.physicalFilename, origin.imported.source, origin.imported.name)
    ) {
      return { evidence: 'creation', secure: false };
    }
    if (origin.decorators?.some(isCacheInjection)) return { evidence: 'creation', secure: false };
    const annotated = getAnnotationTypeName(origin.typeAnnotation);
    if (annotated !== undefined && CACHE_TYPE_NAMES.has(annotated))
      return { evidence: 'creation', secure: false };
    if (annotated !== undefined && /^Secure/.test(annotated)) return { evidence: 'creation', secure: true };
    // Known to be created by something else in this file (`new Map()`, `new LRUCache()`): not a cache client.
    // A `require()` of another module is not known: its name still counts, as for an `import`.
    if (origin.init && getRequireSource(origin.init) === undefined) return null;
  }
  // A type overrules the name only when it proves the receiver is no cache client (a `Map`, `Headers`, an in-memory
  // `LRUCache`…); a structural type of the project's own (`{ set(k, v): Promise<void> }`) is not such proof.
  if (byType === 'other' && isProvablyNotSink(ctx, node, IN_MEMORY_CACHE_TYPES)) return null;
  if (name !== undefined && CACHE_NAME.test(name)) return { evidence: 'name', secure: false };
  return null;
}

/** In-process caches that the name alone would take for a cache client. */
const IN_MEMORY_CACHE_TYPES: ReadonlySet<string> = new Set(['LRUCache']);

function clientName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return getMemberName(node);
  return undefined;
}

/** `secureCache(...)` (any import style: `secureCache()`, `runtime.secureCache()`). */
export function isSecureCacheCall(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === AST_NODE_TYPES.CallExpression && getCalleeName(n.callee) === 'secureCache';
}

/** `@Inject(CACHE_MANAGER)`, `@InjectRedis()`, `@InjectCache()`. */
function isCacheInjection(decorator: TSESTree.Decorator): boolean {
  const expr = unwrapExpression(decorator.expression);
  if (expr.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(expr.callee);
  if (name === 'InjectRedis' || name === 'InjectCache' || name === 'InjectKeyv') return true;
  if (name !== 'Inject') return false;
  const arg = expr.arguments[0];
  const argName = arg ? getCalleeName(arg) : undefined;
  return argName === 'CACHE_MANAGER' || argName === 'REDIS_CLIENT' || argName === 'REDIS';
}

/** Whether an expression creates a cache client: `new Redis()`, `createClient()`, `new Keyv()`, `caching()`… */
export function isCacheCreation(ctx: DetectContext, raw: TSESTree.Node): boolean {
  let node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrapExpression(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name !== undefined && ctx.options.extraCacheFactories?.includes(name)) return true;
  const imported = getImportSource(ctx, callee);
  if (imported) {
    if (!CACHE_MODULES.has(imported.source)) return false;
    if (node.type === AST_NODE_TYPES.NewExpression) return true;
    return name !== undefined && (CACHE_FACTORY_FUNCTIONS.has(name) || CACHE_CLASSES.has(name));
  }
  if (name === undefined) return false;
  if (node.type === AST_NODE_TYPES.NewExpression) return CACHE_CLASSES.has(name);
  if (name === 'fromEnv') {
    return callee.type === AST_NODE_TYPES.MemberExpression && getCalleeName(callee.object) === 'Redis';
  }
  // Locally declared functions named like a factory are someone else's `createClient`.
  if (callee.type === AST_NODE_TYPES.Identifier && getOrigin(ctx, callee)) return false;
  return CACHE_FACTORY_FUNCTIONS.has(name);
}

const cacheTypeCache = new WeakMap<ts.Type, 'cache' | 'secure' | 'other'>();

/** With types: `'cache'`, `'secure'` (a `secureCache` result), `'other'`, or `undefined` when unknown. */
export function getCacheClientType(
  ctx: DetectContext,
  node: TSESTree.Node,
): 'cache' | 'secure' | 'other' | undefined {
  const type = getType(ctx, node);
  if (!type || isAnyOrUnknown(type)) return undefined;
  const cached = cacheTypeCache.get(type);
  if (cached) return cached;
  const parts = getNonNullableParts(type);
  let result: 'cache' | 'secure' | 'other' = 'other';
  for (const part of parts) {
    const names = getTypeNames(part);
    if (names.some((n) => /^Secure/.test(n))) {
      result = 'secure';
      break;
    }
    if (names.some((n) => n === 'Map' || n === 'WeakMap' || n === 'Set' || n === 'LRUCache')) continue;
    if (names.some((n) => CACHE_TYPE_NAMES.has(n))) result = 'cache';
    else if (
      hasMethods(ctx, part, ['get', 'set', 'del', 'setex', 'setEx', 'hset', 'hSet', 'wrap', 'expire'], 4)
    ) {
      result = 'cache';
    }
  }
  cacheTypeCache.set(type, result);
  return result;
}

/**
 * The expression in this file that creates the client `receiver` refers to (`new Redis(url)` in
 * `const redis = new Redis(url)`), for wrapping in `secureCache(...)`; `undefined` when it is not in this file.
 */
export function findCacheClientCreation(
  ctx: DetectContext,
  receiver: TSESTree.Node,
): TSESTree.Expression | undefined {
  let node = unwrapExpression(receiver);
  for (let i = 0; i < 6; i++) {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = getMemberName(callee);
      if (method === undefined || !(BATCH_METHODS.has(method) || CACHE_WRITE_METHODS.has(method)))
        return undefined;
      node = unwrapExpression(callee.object);
      continue;
    }
    const origin = getOrigin(ctx, node);
    if (!origin?.init) return undefined;
    const init = unwrapExpression(origin.init);
    if (isCacheCreation(ctx, init)) return origin.init;
    if (init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.CallExpression) {
      node = init;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** A cache client constructed in a file (`export const redis = new Redis(url)`). */
export interface CacheClientCreation {
  /** The creation expression to wrap in `secureCache(...)` (`new Redis(url)`, `await caching(...)`). */
  node: TSESTree.Expression;
  /** The variable or class field it is stored in, when it is stored (`redis`, `this.cache` → `cache`). */
  name: string | undefined;
  /** The binding is exported (`export const redis = …`, `export default new Redis()`), so other files may use it. */
  exported: boolean;
}

/**
 * Every cache client constructed in the file that is not already wrapped in `secureCache(...)`: what a codemod wraps
 * so that every write in every file that imports the client is encrypted.
 */
export function findCacheClientCreations(ctx: DetectContext): CacheClientCreation[] {
  const found: CacheClientCreation[] = [];
  simpleTraverse(
    ctx.ast,
    {
      enter(node) {
        if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return;
        if (!isCacheCreation(ctx, node)) return;
        let wrapped: TSESTree.Node = node;
        // `await createClient().on('error', log).connect()`: the whole chain is the client.
        for (;;) {
          const member: TSESTree.Node | undefined = wrapped.parent;
          const call: TSESTree.Node | undefined = member?.parent;
          const method = member?.type === AST_NODE_TYPES.MemberExpression ? getMemberName(member) : undefined;
          if (
            member?.type !== AST_NODE_TYPES.MemberExpression ||
            member.object !== wrapped ||
            method === undefined ||
            !SAME_CLIENT_METHODS.has(method) ||
            call?.type !== AST_NODE_TYPES.CallExpression ||
            call.callee !== member
          ) {
            break;
          }
          wrapped = call;
        }
        if (wrapped.parent?.type === AST_NODE_TYPES.AwaitExpression) wrapped = wrapped.parent;
        const parent = wrapped.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && isSecureCacheCall(parent)) return;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === wrapped) return;
        let name: string | undefined;
        let exported = false;
        if (
          parent?.type === AST_NODE_TYPES.VariableDeclarator &&
          parent.id.type === AST_NODE_TYPES.Identifier
        ) {
          name = parent.id.name;
          exported =
            parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
            isExportedName(ctx.ast, name);
        } else if (parent?.type === AST_NODE_TYPES.PropertyDefinition) {
          name = getStaticKeyName(parent.key, parent.computed);
        } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression) {
          const left = unwrapExpression(parent.left);
          name =
            left.type === AST_NODE_TYPES.Identifier
              ? left.name
              : left.type === AST_NODE_TYPES.MemberExpression
                ? getMemberName(left)
                : undefined;
        } else if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
          exported = true;
        }
        found.push({ node: wrapped as TSESTree.Expression, name, exported });
      },
    },
    true,
  );
  return found;
}

function isExportedName(program: TSESTree.Program, name: string): boolean {
  return program.body.some(
    (s) =>
      s.type === AST_NODE_TYPES.ExportNamedDeclaration &&
      s.source === null &&
      s.specifiers.some((spec) => spec.local.type === AST_NODE_TYPES.Identifier && spec.local.name === name),
  );
}
