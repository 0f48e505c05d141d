/**
 * The wrapper for Redis clients (ioredis `Redis`/`Cluster`, node-redis v4/v5 `createClient`/`createCluster`):
 * a Proxy whose value-bearing commands encrypt and decrypt, with pipelines and transactions wrapped the same way.
 * Method wrappers are built once per name and cached; unknown members pass through bound to the client.
 */
import type { Codec, LegacyHit } from './codec.js';
import { UnsafeCacheCommandError } from './errors.js';
import { COMMANDS, keyText, normalizeCommand, type CommandSpec } from './redis-commands.js';
import type { SecureCacheMethods, SetSecureOptions } from './types.js';

/** Which client library the object came from, as far as argument forms matter. */
export type RedisFlavor = 'ioredis' | 'node-redis';

type Fn = (...args: unknown[]) => unknown;
type Obj = Record<PropertyKey, unknown>;

/** A method name resolved against the command table. */
interface Plan {
  readonly spec: CommandSpec;
  /** Method to call on the client (differs from the name called for HVALS → HGETALL). */
  readonly method: string;
  readonly name: string;
}

/** Methods that return a new client to wrap the same way. */
const CLIENT_FACTORIES = new Set([
  'duplicate',
  'withTypeMapping',
  'withCommandOptions',
  'withAbortSignal',
  'asap',
  'isolated',
]);
/** Methods that return a pipeline or transaction. */
const BATCH_FACTORIES = new Set(['pipeline', 'multi', 'MULTI']);
/** Raw command methods: ioredis `call(name, ...args)`, node-redis `sendCommand([name, ...args])`. */
const RAW_IOREDIS = new Set(['call', 'callBuffer']);
/** Exec methods of batches. */
const EXECS = new Set(['exec', 'EXEC', 'execTyped', 'execAsPipeline', 'execAsPipelineTyped']);

const isThenable = (x: unknown): x is Promise<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

// Compare-and-set write-backs for `legacy: 'reencrypt'`: only replace the value if it is still the one read,
// keeping the key's TTL.
const STRING_CAS =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end return false";
const HASH_CAS =
  "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end return false";

/** Shared state of one wrapped client and everything derived from it (pipelines, duplicates share the codec). */
class RedisRuntime {
  readonly codec: Codec;
  readonly flavor: RedisFlavor;
  readonly #plans = new Map<string, Plan | null>();
  readonly reencrypts: boolean;

  constructor(codec: Codec, flavor: RedisFlavor) {
    this.codec = codec;
    this.flavor = flavor;
    this.reencrypts = codec.options.legacy === 'reencrypt';
  }

  /** The command plan of a method name, or null when the name is no command of the table. */
  plan(prop: string): Plan | null {
    let plan = this.#plans.get(prop);
    if (plan !== undefined) return plan;
    let base = prop;
    let suffix = '';
    if (this.flavor === 'ioredis' && prop.endsWith('Buffer') && prop.length > 6) {
      base = prop.slice(0, -6);
      suffix = 'Buffer';
    }
    const name = normalizeCommand(base);
    const spec = COMMANDS.get(name);
    if (!spec) plan = null;
    else {
      let method = prop;
      if (spec.sendAs) {
        if (this.flavor === 'ioredis') method = spec.sendAs.lower + suffix;
        else method = base === base.toUpperCase() ? spec.sendAs.lower.toUpperCase() : spec.sendAs.camel;
      }
      plan = { spec, method, name };
    }
    this.#plans.set(prop, plan);
    return plan;
  }

  /** Refuses an unsafe command on a sensitive key. */
  check(spec: CommandSpec, name: string, args: readonly unknown[]): void {
    if (!spec.unsafeKeys) return;
    for (const k of spec.unsafeKeys(args)) {
      const key = keyText(k);
      if (this.codec.options.isSensitive(key)) throw new UnsafeCacheCommandError(name, key);
    }
  }

  /** Arguments to send: a sealed copy when the command carries values. */
  seal(spec: CommandSpec, args: unknown[]): unknown[] {
    if (!spec.seal) return args;
    const copy = args.slice();
    spec.seal(copy, this.codec);
    return copy;
  }

  /** Whether the reply of this call needs decrypting. */
  opens(spec: CommandSpec, args: readonly unknown[]): boolean {
    return spec.open !== undefined && (spec.opensIf === undefined || spec.opensIf(args));
  }

  /** Writes legacy values back encrypted (compare-and-set, TTL kept). Failures are ignored: the read succeeded. */
  async writeBack(client: Obj, hits: readonly LegacyHit[]): Promise<void> {
    await Promise.all(
      hits.map(async (hit) => {
        const script = hit.field === undefined ? STRING_CAS : HASH_CAS;
        const argv: unknown[] =
          hit.field === undefined ? [hit.raw, hit.sealed] : [hit.field, hit.raw, hit.sealed];
        try {
          // The clients' own EVAL: it applies ioredis' keyPrefix and routes by key on clusters.
          if (this.flavor === 'ioredis') await (client.eval as Fn).call(client, script, 1, hit.key, ...argv);
          else await (client.eval as Fn).call(client, script, { keys: [hit.key], arguments: argv });
        } catch {
          // e.g. a read-only replica: leave the value as it is, it is re-encrypted by a later read or write.
        }
      }),
    );
  }

  /** Decrypts a reply, then writes back legacy values if any were met. */
  finish(client: Obj, spec: CommandSpec, args: readonly unknown[], reply: unknown): unknown {
    if (!this.reencrypts) return spec.open!(reply, args, this.codec, undefined);
    const hits: LegacyHit[] = [];
    const value = spec.open!(reply, args, this.codec, hits);
    return hits.length ? this.writeBack(client, hits).then(() => value) : value;
  }
}

/** Runs `fn` with an ioredis-style trailing callback, if any. */
function withCallback(args: unknown[], flavor: RedisFlavor): Fn | undefined {
  if (flavor !== 'ioredis' || args.length === 0) return undefined;
  const last = args[args.length - 1];
  if (typeof last !== 'function') return undefined;
  args.pop();
  return last as Fn;
}

function settle(p: Promise<unknown>, cb: Fn | undefined): Promise<unknown> {
  if (cb)
    p.then(
      (r) => cb(null, r),
      (e: unknown) => cb(e),
    );
  return p;
}

/** Wraps a Redis client. */
export function wrapRedis<C extends object>(client: C, codec: Codec, flavor: RedisFlavor): C {
  return wrapClient(client as Obj, new RedisRuntime(codec, flavor)) as C;
}

function wrapClient(target: Obj, rt: RedisRuntime): Obj {
  const extra = redisSecureMethods(target, rt.codec, rt.flavor);
  const cache = new Map<PropertyKey, { orig: unknown; fn: unknown }>();

  const command = (plan: Plan): Fn =>
    function securedCommand(...args: unknown[]): unknown {
      const cb = withCallback(args, rt.flavor);
      let sent: unknown[];
      try {
        rt.check(plan.spec, plan.name, args);
        sent = rt.seal(plan.spec, args);
      } catch (error) {
        return settle(Promise.reject(error), cb);
      }
      const res = (target[plan.method] as Fn).apply(target, sent);
      if (!rt.opens(plan.spec, sent)) return cb ? settle(res as Promise<unknown>, cb) : res;
      return settle(
        Promise.resolve(res).then((reply) => rt.finish(target, plan.spec, sent, reply)),
        cb,
      );
    };

  /** ioredis `call('SET', …)` / node-redis `sendCommand(['SET', …])`. */
  const raw = (orig: Fn): Fn => {
    if (rt.flavor === 'ioredis') {
      return function securedCall(...args: unknown[]): unknown {
        const plan = typeof args[0] === 'string' ? rt.plan(args[0]) : null;
        if (!plan) return orig.apply(target, args);
        const cb = withCallback(args, rt.flavor);
        let sent: unknown[];
        try {
          rt.check(plan.spec, plan.name, args.slice(1));
          sent = rt.seal(plan.spec, args.slice(1));
        } catch (error) {
          return settle(Promise.reject(error), cb);
        }
        const name = plan.spec.sendAs ? plan.spec.sendAs.lower : (args[0] as string);
        const res = orig.call(target, name, ...sent) as Promise<unknown>;
        if (!rt.opens(plan.spec, sent)) return settle(res, cb);
        return settle(
          res.then((reply) => rt.finish(target, plan.spec, sent, reply)),
          cb,
        );
      };
    }
    return function securedSendCommand(...args: unknown[]): unknown {
      // node-redis: sendCommand(args[], options?); its cluster: sendCommand(firstKey, isReadonly, args[], …).
      const at = Array.isArray(args[0]) ? 0 : Array.isArray(args[2]) ? 2 : -1;
      const argv = at >= 0 ? (args[at] as unknown[]) : undefined;
      const plan = argv && typeof argv[0] === 'string' ? rt.plan(argv[0]) : null;
      if (!argv || !plan) return orig.apply(target, args);
      let sent: unknown[];
      try {
        rt.check(plan.spec, plan.name, argv.slice(1));
        sent = rt.seal(plan.spec, argv.slice(1));
      } catch (error) {
        return Promise.reject(error);
      }
      const name = plan.spec.sendAs ? plan.spec.sendAs.lower.toUpperCase() : (argv[0] as string);
      const call = args.slice();
      call[at] = [name, ...sent];
      const res = orig.apply(target, call) as Promise<unknown>;
      if (!rt.opens(plan.spec, sent)) return res;
      return res.then((reply) => rt.finish(target, plan.spec, sent, reply));
    };
  };

  const passthrough = (prop: PropertyKey, orig: Fn): Fn => {
    if (typeof prop === 'string' && CLIENT_FACTORIES.has(prop)) {
      return function securedFactory(...args: unknown[]): unknown {
        const res = orig.apply(target, args);
        return typeof res === 'object' && res !== null && res !== target
          ? wrapClient(res as Obj, rt)
          : res === target
            ? proxy
            : res;
      };
    }
    if (typeof prop === 'string' && BATCH_FACTORIES.has(prop)) {
      return function securedBatch(...args: unknown[]): unknown {
        const initial =
          rt.flavor === 'ioredis' && Array.isArray(args[0]) ? (args[0] as unknown[][]) : undefined;
        if (initial) args[0] = [];
        const res = orig.apply(target, args);
        if (
          typeof res !== 'object' ||
          res === null ||
          isThenable(res) ||
          typeof (res as Obj).exec !== 'function'
        )
          return res;
        const batch = wrapBatch(res as Obj, target, rt);
        if (initial) for (const [name, ...rest] of initial) (batch[name as string] as Fn)(...rest);
        return batch;
      };
    }
    if (prop === 'executeIsolated') {
      // node-redis v4: the callback receives an isolated client, wrapped too.
      return function securedExecuteIsolated(fn: unknown, ...rest: unknown[]): unknown {
        if (typeof fn !== 'function') return orig.call(target, fn, ...rest);
        return orig.call(target, (isolated: Obj) => (fn as Fn)(wrapClient(isolated, rt)), ...rest);
      };
    }
    if (prop === 'connect') {
      return function securedConnect(...args: unknown[]): unknown {
        const res = orig.apply(target, args);
        if (res === target) return proxy;
        return isThenable(res) ? res.then((v) => (v === target ? proxy : v)) : res;
      };
    }
    return function passthroughMethod(...args: unknown[]): unknown {
      const res = orig.apply(target, args);
      return res === target ? proxy : res;
    };
  };

  const proxy: Obj = new Proxy(target, {
    get(t, prop) {
      if (prop === 'setSecure') return extra.setSecure;
      if (prop === 'getSecure') return extra.getSecure;
      if (prop === UNWRAP) return t;
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function') return value;
      const hit = cache.get(prop);
      if (hit && hit.orig === value) return hit.fn;
      let fn: unknown;
      const plan = typeof prop === 'string' ? rt.plan(prop) : null;
      if (plan) fn = command(plan);
      else if (
        typeof prop === 'string' &&
        (RAW_IOREDIS.has(prop)
          ? rt.flavor === 'ioredis'
          : prop === 'sendCommand' && rt.flavor === 'node-redis')
      ) {
        fn = raw(value as Fn);
      } else fn = passthrough(prop, value as Fn);
      cache.set(prop, { orig: value, fn });
      return fn;
    },
    set(t, prop, value) {
      return Reflect.set(t, prop, value, t);
    },
  });
  return proxy;
}

/** Symbol under which a wrapper exposes the client it wraps. */
export const UNWRAP = Symbol.for('secure-migrate.secure-cache.unwrap');

/** One queued command of a batch: how to decrypt its reply (null: as it is). */
interface Queued {
  readonly spec: CommandSpec;
  readonly args: readonly unknown[];
}

/**
 * Wraps an ioredis Pipeline / transaction or a node-redis multi: commands seal their values as they are queued,
 * and `exec` decrypts each reply in order. For ioredis, the queue length tells which calls queued a command
 * (non-value commands included), so replies line up whatever is mixed in.
 */
function wrapBatch(target: Obj, client: Obj, rt: RedisRuntime): Obj {
  const queued: Array<Queued | null> = [];
  const ioredis = rt.flavor === 'ioredis';
  const lengthOf = (): number => (typeof target.length === 'number' ? target.length : -1);
  const cache = new Map<PropertyKey, { orig: unknown; fn: unknown }>();

  const record = (before: number, entry: Queued | null): void => {
    if (ioredis && before >= 0) {
      const added = lengthOf() - before;
      for (let i = 0; i < added; i++) queued.push(i === 0 ? entry : null);
    } else queued.push(entry);
  };

  const queue = (plan: Plan | null, orig: Fn, method: string): Fn =>
    function securedQueue(...args: unknown[]): unknown {
      const before = ioredis ? lengthOf() : -1;
      let sent = args;
      let entry: Queued | null = null;
      if (plan) {
        rt.check(plan.spec, plan.name, args);
        sent = rt.seal(plan.spec, args);
        if (rt.opens(plan.spec, sent)) entry = { spec: plan.spec, args: sent };
      }
      const fn = plan && plan.method !== method ? (target[plan.method] as Fn) : orig;
      const res = fn.apply(target, sent);
      record(before, entry);
      return res === target ? proxy : res;
    };

  /** Raw commands in a batch: ioredis `call(name, …)`; node-redis `addCommand(args)` / `sendCommand(args)`. */
  const queueRaw = (orig: Fn): Fn =>
    function securedQueueRaw(...args: unknown[]): unknown {
      const before = ioredis ? lengthOf() : -1;
      const argv = ioredis ? args : Array.isArray(args[0]) ? (args[0] as unknown[]) : [];
      const plan = typeof argv[0] === 'string' ? rt.plan(argv[0]) : null;
      let entry: Queued | null = null;
      let call = args;
      if (plan) {
        rt.check(plan.spec, plan.name, argv.slice(1));
        const sent = rt.seal(plan.spec, argv.slice(1));
        if (rt.opens(plan.spec, sent)) entry = { spec: plan.spec, args: sent };
        const name = plan.spec.sendAs ? plan.spec.sendAs.lower.toUpperCase() : (argv[0] as string);
        call = ioredis ? [name, ...sent] : [[name, ...sent], ...args.slice(1)];
      }
      const res = orig.apply(target, call);
      record(before, entry);
      return res === target ? proxy : res;
    };

  const open = (entry: Queued, reply: unknown, hits: LegacyHit[] | undefined): unknown =>
    entry.spec.open!(reply, entry.args, rt.codec, hits);

  const exec = (orig: Fn): Fn =>
    function securedExec(...args: unknown[]): unknown {
      const cb = withCallback(args, rt.flavor);
      const hits: LegacyHit[] | undefined = rt.reencrypts ? [] : undefined;
      const p = (orig.apply(target, args) as Promise<unknown>).then(async (results) => {
        if (!Array.isArray(results)) return results;
        let out: unknown[];
        if (ioredis) {
          out = results.map((pair: unknown, i) => {
            const entry = queued[i];
            if (!entry || !Array.isArray(pair) || pair[0]) return pair;
            try {
              return [null, open(entry, pair[1], hits)];
            } catch (error) {
              return [error, null];
            }
          });
        } else out = results.map((reply: unknown, i) => (queued[i] ? open(queued[i], reply, hits) : reply));
        if (hits?.length) await rt.writeBack(client, hits);
        return out;
      });
      return settle(p, cb);
    };

  const proxy: Obj = new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const hit = cache.get(prop);
      if (hit && hit.orig === value) return hit.fn;
      let fn: unknown;
      if (EXECS.has(prop)) fn = exec(value as Fn);
      else if (ioredis ? RAW_IOREDIS.has(prop) : prop === 'addCommand' || prop === 'sendCommand')
        fn = queueRaw(value as Fn);
      else if (prop === 'addBatch') {
        fn = function securedAddBatch(commands: unknown[][]): unknown {
          for (const [name, ...rest] of commands) (proxy[name as string] as Fn)(...rest);
          return proxy;
        };
      } else fn = queue(rt.plan(prop), value as Fn, prop);
      cache.set(prop, { orig: value, fn });
      return fn;
    },
    set(t, prop, value) {
      return Reflect.set(t, prop, value, t);
    },
  });
  return proxy;
}

/** `setSecure`/`getSecure` for a Redis client: typed values, always encrypted, strict on read. */
function redisSecureMethods(client: Obj, codec: Codec, flavor: RedisFlavor): SecureCacheMethods {
  return {
    setSecure(key: string, value: unknown, options?: SetSecureOptions): Promise<unknown> {
      let token: string;
      try {
        token = codec.sealTyped(value, key);
      } catch (error) {
        return Promise.reject(error);
      }
      const ttl = options?.ttl;
      const args: unknown[] = [key, token];
      if (ttl !== undefined && ttl > 0)
        args.push(...(flavor === 'ioredis' ? ['PX', Math.ceil(ttl)] : [{ PX: Math.ceil(ttl) }]));
      return Promise.resolve((client.set as Fn).apply(client, args));
    },
    getSecure<T>(key: string): Promise<T> {
      return Promise.resolve((client.get as Fn).call(client, key)).then(
        (raw) => codec.openStrict(raw, key) as T,
      );
    },
  };
}
