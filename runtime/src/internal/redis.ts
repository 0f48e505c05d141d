/**
 * Raw Redis commands for whatever client the caller passes, recognised by shape (the runtime never imports a
 * client library):
 *
 * - ioredis (`Redis`, `Cluster`): `client.call(command, ...args)`.
 * - node-redis v4/v5 (`createClient()`): `client.sendCommand([command, ...args])`.
 * - node-redis v4/v5 cluster (`createCluster()`): `client.sendCommand(firstKey, isReadonly, [command, ...args])`,
 *   routed by its first key.
 *
 * ioredis also has a `sendCommand`, but it takes a `Command` object, so `call` is checked first.
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors.js';

/** One argument of a raw command. Numbers are sent as their decimal text. */
export type RedisArgument = string | number | Buffer;

/** The ioredis shape: `call(command, ...args)`. */
export interface IoRedisLikeClient {
  call(command: string, ...args: RedisArgument[]): Promise<unknown>;
}

/** The node-redis v4/v5 shape: `sendCommand([command, ...args])`. */
export interface NodeRedisLikeClient {
  sendCommand(args: ReadonlyArray<string | Buffer>): Promise<unknown>;
}

/** The node-redis v4/v5 cluster shape: `sendCommand(firstKey, isReadonly, [command, ...args])`. */
export interface NodeRedisClusterLikeClient {
  sendCommand(
    firstKey: string | Buffer | undefined,
    isReadonly: boolean | undefined,
    args: ReadonlyArray<string | Buffer>,
  ): Promise<unknown>;
  getSlotMaster(slot: number): unknown;
}

/** A Redis client this module can send raw commands through. */
export type RedisLikeClient = IoRedisLikeClient | NodeRedisLikeClient | NodeRedisClusterLikeClient;

const isObject = (x: unknown): x is Record<string, unknown> =>
  (typeof x === 'object' || typeof x === 'function') && x !== null;

/** Whether `x` looks like an ioredis client (has `call`). */
export function isIoRedisLikeClient(x: unknown): x is IoRedisLikeClient {
  return isObject(x) && typeof x.call === 'function';
}

/** Whether `x` looks like a node-redis v4/v5 client (has `sendCommand` and no `call`). */
export function isNodeRedisLikeClient(x: unknown): x is NodeRedisLikeClient {
  return isObject(x) && typeof x.sendCommand === 'function' && typeof x.call !== 'function';
}

/** Whether `x` looks like a node-redis v4/v5 cluster client (`createCluster()`: `getSlotMaster`, `sendCommand`). */
export function isNodeRedisClusterLikeClient(x: unknown): x is NodeRedisClusterLikeClient {
  return isNodeRedisLikeClient(x) && isObject(x) && typeof x.getSlotMaster === 'function';
}

/**
 * Whether `x` is a Redis Cluster client, recognised by shape: ioredis `Cluster` (`isCluster`, `nodes()`) or
 * node-redis `createCluster()`. Keys of one multi-key command must then share a hash slot.
 */
export function isRedisClusterClient(x: unknown): boolean {
  if (isNodeRedisClusterLikeClient(x)) return true;
  return isIoRedisLikeClient(x) && isObject(x) && x.isCluster === true;
}

/** Whether `x` looks like a client raw commands can be sent through (ioredis or node-redis v4/v5). */
export function isRedisLikeClient(x: unknown): x is RedisLikeClient {
  return isIoRedisLikeClient(x) || isNodeRedisLikeClient(x);
}

/**
 * Sends one raw command, e.g. `sendCommand(client, ['SET', 'k', 'v', 'PX', 1000])`.
 * Replies come back as the client decodes them: strings, numbers, `null`, arrays.
 * @throws InvalidArgumentError when `client` is not a recognised Redis client or `args` is empty.
 */
export function sendCommand(client: unknown, args: readonly RedisArgument[]): Promise<unknown> {
  const [command, ...rest] = args;
  if (command === undefined) throw new InvalidArgumentError('sendCommand needs at least a command name.');
  if (isIoRedisLikeClient(client)) return client.call(String(command), ...rest);
  if (isNodeRedisClusterLikeClient(client)) {
    const argv = args.map((a) => (typeof a === 'number' ? String(a) : a));
    return client.sendCommand(argv[1], false, argv);
  }
  if (isNodeRedisLikeClient(client)) {
    return client.sendCommand(args.map((a) => (typeof a === 'number' ? String(a) : a)));
  }
  throw new InvalidArgumentError(
    'Expected a Redis client (ioredis with `call`, or node-redis v4/v5 with `sendCommand`).',
  );
}

/** A Lua script with its SHA-1, for EVALSHA. Build it once with {@link defineScript}. */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

/** Prepares a Lua script for {@link runScript}: computes its SHA-1 once. */
export function defineScript(source: string): RedisScript {
  return Object.freeze({ source, sha1: createHash('sha1').update(source).digest('hex') });
}

const isNoScriptError = (error: unknown): boolean =>
  isObject(error) && typeof error.message === 'string' && error.message.startsWith('NOSCRIPT');

/** Runs a prepared Lua script: `run(script, keys, args)`. */
export type ScriptRunner = (
  script: RedisScript,
  keys: readonly RedisArgument[],
  args: readonly RedisArgument[],
) => Promise<unknown>;

/**
 * Binds {@link runScript} to one client, recognising its shape once instead of on every call (for hot paths that
 * run scripts on the same client many times).
 * @throws InvalidArgumentError when `client` is not a recognised Redis client.
 */
export function createScriptRunner(client: unknown): ScriptRunner {
  let send: (command: string, sha1OrSource: string, tail: RedisArgument[]) => Promise<unknown>;
  if (isIoRedisLikeClient(client)) {
    send = (command, head, tail) => client.call(command, head, ...tail);
  } else if (isNodeRedisClusterLikeClient(client)) {
    // Routed by the first key: tail is [numkeys, key…, arg…].
    send = (command, head, tail) => {
      const args: (string | Buffer)[] = [command, head];
      for (const a of tail) args.push(typeof a === 'number' ? String(a) : a);
      const firstKey = Number(tail[0]) > 0 ? args[3] : undefined;
      return client.sendCommand(firstKey, false, args);
    };
  } else if (isNodeRedisLikeClient(client)) {
    send = (command, head, tail) => {
      const args: (string | Buffer)[] = [command, head];
      for (const a of tail) args.push(typeof a === 'number' ? String(a) : a);
      return client.sendCommand(args);
    };
  } else {
    throw new InvalidArgumentError(
      'Expected a Redis client (ioredis with `call`, or node-redis v4/v5 with `sendCommand`).',
    );
  }
  return (script, keys, args) => {
    const tail: RedisArgument[] = [keys.length];
    for (const k of keys) tail.push(k);
    for (const a of args) tail.push(a);
    return send('EVALSHA', script.sha1, tail).catch((error: unknown) => {
      if (!isNoScriptError(error)) throw error;
      return send('EVAL', script.source, tail);
    });
  };
}

const runners = new WeakMap<object, ScriptRunner>();

/**
 * Runs a Lua script with EVALSHA and, when the server does not have it cached yet (NOSCRIPT), with EVAL, which
 * also caches it. Errors raised by the script itself are passed through. The client's shape is recognised once
 * per client object.
 */
export async function runScript(
  client: unknown,
  script: RedisScript,
  keys: readonly RedisArgument[],
  args: readonly RedisArgument[],
): Promise<unknown> {
  if (!isObject(client)) return createScriptRunner(client)(script, keys, args);
  let run = runners.get(client);
  if (!run) {
    run = createScriptRunner(client);
    runners.set(client, run);
  }
  return run(script, keys, args);
}
