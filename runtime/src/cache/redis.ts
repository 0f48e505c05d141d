/**
 * The wrapper for Redis clients (ioredis `Redis`/`Cluster`, node-redis v4/v5 `createClient`/`createCluster`):
 * a Proxy whose value-bearing commands encrypt and decrypt, with pipelines and transactions wrapped the same way.
 * Every entry point a command can take goes through the same command table: methods (array arguments flattened as
 * ioredis does), ioredis `call`/`callBuffer`/`send_command`, `sendCommand(new Command(…))`, `defineCommand`
 * scripts, pipelines and transactions (chained or array forms), node-redis `sendCommand`/`addCommand`, and the
 * clients a client hands out (`duplicate()`, `withTypeMapping()`…, ioredis `Cluster#nodes()`). Sensitivity is judged
 * on the key Redis sees (ioredis `keyPrefix` included). Method wrappers are built once per name and cached; unknown
 * members pass through bound to the client.
 */
import { runtimeAudit } from '../internal/audit-hook.js';
import type { Codec, LegacyHit } from './codec.js';
import { UnsafeCacheCommandError } from './errors.js';
import {
  COMMANDS,
  KEY_ONLY,
  UNLISTED,
  keyText,
  normalizeCommand,
  type CommandSpec,
} from './redis-commands.js';
import type { SecureCacheMethods, SetSecureOptions } from './types.js';

/** The refusal of `command` on sensitive `key`, reported to the process's audit log when one is configured. */
function refuseCommand(command: string, key: string): UnsafeCacheCommandError {
  runtimeAudit()?.emit({ type: 'cache.command.refused', target: key, details: { command } });
  return new UnsafeCacheCommandError(command, key);
}

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
/** Raw command methods of ioredis: `call(name, ...args)` and its aliases. */
const RAW_IOREDIS = new Set(['call', 'callBuffer', 'send_command']);
/** Exec methods of batches. */
const EXECS = new Set(['exec', 'EXEC', 'execTyped', 'execAsPipeline', 'execAsPipelineTyped']);

const isThenable = (x: unknown): x is Promise<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

/** ioredis flattens array arguments one level (`set(['k', 'v'])` is `SET k v`): judge and seal what it sends. */
function flatArgs(args: unknown[]): unknown[] {
  for (let i = 0; i < args.length; i++) if (Array.isArray(args[i])) return args.flat();
  return args;
}

/** The key prefix ioredis puts before every key of this client (`keyPrefix` option), or ''. */
function keyPrefixOf(client: Obj): string {
  const options = client.options;
  if (typeof options !== 'object' || options === null) return '';
  const prefix = (options as Obj).keyPrefix;
  if (typeof prefix === 'string') return prefix;
  return Buffer.isBuffer(prefix) ? prefix.toString('utf8') : '';
}

/** An ioredis `Command` object (`new Command(name, args)`), recognised by shape. */
interface CommandLike {
  name: string;
  args: unknown[];
  resolve: Fn;
  reject: Fn;
  promise: Promise<unknown>;
}

const isCommandLike = (x: unknown): x is CommandLike =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Obj).name === 'string' &&
  Array.isArray((x as Obj).args) &&
  typeof (x as Obj).resolve === 'function' &&
  typeof (x as Obj).reject === 'function';

/** The keys of an ioredis `defineCommand` script call, or null when `prop` is no script of `client`. */
function scriptKeys(client: Obj, prop: string, args: unknown[]): unknown[] | null {
  const scripts = client.scriptsSet;
  if (typeof scripts !== 'object' || scripts === null) return null;
  const own = (name: string): unknown => (Object.hasOwn(scripts, name) ? (scripts as Obj)[name] : undefined);
  const script = own(prop) ?? (prop.endsWith('Buffer') ? own(prop.slice(0, -6)) : undefined);
  if (typeof script !== 'object' || script === null) return null;
  const argv = flatArgs(args);
  const fixed = (script as Obj).numberOfKeys;
  const n = typeof fixed === 'number' ? fixed : Number(argv[0]);
  const from = typeof fixed === 'number' ? 0 : 1;
  return Number.isInteger(n) && n > 0 ? argv.slice(from, from + n) : [];
}

// Compare-and-set write-backs for `legacy: 'reencrypt'`: only replace the value if it is still the one read,
// keeping the key's TTL.
const STRING_CAS =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end return false";
const HASH_CAS =
  "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end return false";

/** One command whose reply needs decrypting: its spec, the arguments sent and the client's key prefix. */
interface Queued {
  readonly spec: CommandSpec;
  readonly args: readonly unknown[];
  readonly prefix: string;
}

/** A command queued in a batch whose reply needs decrypting, with the index of its reply (-1: by position). */
interface Slot extends Queued {
  readonly at: number;
}

/** Shared state of one wrapped client and everything derived from it (pipelines, duplicates share the codec). */
class RedisRuntime {
  readonly codec: Codec;
  readonly flavor: RedisFlavor;
  readonly #plans = new Map<string, Plan | null>();
  readonly #rawPlans = new Map<string, Plan | null>();
  /** ioredis' own list of command methods (`getBuiltinCommands()`), lower case. */
  readonly #builtin: ReadonlySet<string>;
  /** Wrappers of clients handed out by a client (cluster nodes), one per client object. */
  readonly #derived = new WeakMap<object, Obj>();
  readonly reencrypts: boolean;

  constructor(codec: Codec, flavor: RedisFlavor, client: Obj) {
    this.codec = codec;
    this.flavor = flavor;
    this.reencrypts = codec.options.legacy === 'reencrypt';
    const list =
      flavor === 'ioredis' && typeof client.getBuiltinCommands === 'function'
        ? ((client.getBuiltinCommands as Fn).call(client) as unknown)
        : undefined;
    this.#builtin = new Set(Array.isArray(list) ? list.map((n) => String(n).toLowerCase()) : []);
  }

  /**
   * The command plan of a method name, or null when the name is no command to check: not in the table, and (ioredis)
   * not one of the client's command methods, or a key-only command.
   */
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
    if (!spec) {
      plan =
        this.#builtin.has(base.toLowerCase()) && !KEY_ONLY.has(name)
          ? { spec: UNLISTED, method: prop, name }
          : null;
    } else {
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

  /** The plan of a raw command name (`call('SET', …)`, `sendCommand(['SET', …])`): every command is checked. */
  rawPlan(command: string): Plan | null {
    let plan = this.#rawPlans.get(command);
    if (plan !== undefined) return plan;
    const name = normalizeCommand(command);
    const spec = COMMANDS.get(name) ?? (KEY_ONLY.has(name) ? undefined : UNLISTED);
    plan = spec ? { spec, method: command, name } : null;
    this.#rawPlans.set(command, plan);
    return plan;
  }

  /** Refuses an unsafe command on a sensitive key; `prefix` makes the key the one Redis sees. */
  check(spec: CommandSpec, name: string, args: readonly unknown[], prefix: string): void {
    if (!spec.unsafeKeys) return;
    for (const k of spec.unsafeKeys(args)) {
      const key = prefix + keyText(k);
      if (this.codec.options.isSensitive(key)) throw refuseCommand(name, key);
    }
  }

  /** Refuses a `defineCommand` script call on a sensitive key, as EVAL is. */
  checkScript(client: Obj, prop: string, args: unknown[], prefix: string): boolean {
    const keys = scriptKeys(client, prop, args);
    if (keys === null) return false;
    for (const k of keys) {
      const key = prefix + keyText(k);
      if (this.codec.options.isSensitive(key)) throw refuseCommand(prop, key);
    }
    return true;
  }

  /**
   * Seals the value arguments of `args` in place and returns it. Every caller passes an array of its own (rest
   * parameters, a flattened or sliced copy, a Command's own argument array), never the program's.
   */
  seal(spec: CommandSpec, args: unknown[], prefix: string): unknown[] {
    spec.seal?.(args, this.codec, prefix);
    return args;
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
  finish(client: Obj, entry: Queued, reply: unknown): unknown {
    if (!this.reencrypts) return entry.spec.open!(reply, entry.args, this.codec, undefined, entry.prefix);
    const hits: LegacyHit[] = [];
    const value = entry.spec.open!(reply, entry.args, this.codec, hits, entry.prefix);
    return hits.length ? this.writeBack(client, hits).then(() => value) : value;
  }

  /**
   * Puts an ioredis `Command` object under the policy: refuses it (throws), seals its value arguments in place
   * and returns how to decrypt its reply (null: as it is). Its keys are the keys Redis sees (ioredis adds no
   * `keyPrefix` to a Command built by hand), and its values are bound to them. With `hook`, the command's own
   * `resolve` decrypts, so both `sendCommand`'s result and `command.promise` are plaintext; in a batch, `exec`
   * decrypts instead.
   */
  secureCommand(command: CommandLike, hook: boolean, client: Obj): Queued | null {
    const plan = this.rawPlan(command.name);
    if (!plan) return null;
    const args = command.args;
    this.check(plan.spec, plan.name, args, '');
    const sent = this.seal(plan.spec, args, '');
    if (!this.opens(plan.spec, sent)) return null;
    const entry: Queued = { spec: plan.spec, args: sent, prefix: '' };
    const name = command.name;
    if (plan.spec.sendAs) command.name = plan.spec.sendAs.lower;
    if (!hook) return entry;
    const resolve = command.resolve;
    command.resolve = (reply: unknown): unknown => {
      let value: unknown;
      try {
        value = this.finish(client, entry, reply);
      } catch (error) {
        return command.reject(error);
      }
      // The reply transformer of the command as called (HVALS was sent as HGETALL).
      command.name = name;
      if (isThenable(value)) return value.then((v) => resolve.call(command, v));
      return resolve.call(command, value);
    };
    return null;
  }

  /** The wrapper of a client handed out by a wrapped client (one per client object). */
  derived(client: Obj): Obj {
    let wrapped = this.#derived.get(client);
    if (!wrapped) {
      wrapped = wrapClient(client, this);
      this.#derived.set(client, wrapped);
    }
    return wrapped;
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
  return wrapClient(client as Obj, new RedisRuntime(codec, flavor, client as Obj)) as C;
}

function wrapClient(target: Obj, rt: RedisRuntime): Obj {
  const ioredis = rt.flavor === 'ioredis';
  const prefix = ioredis ? keyPrefixOf(target) : '';
  const extra = redisSecureMethods(target, rt.codec, rt.flavor);
  const cache = new Map<PropertyKey, { orig: unknown; fn: unknown }>();

  const command = (plan: Plan): Fn =>
    function securedCommand(...args: unknown[]): unknown {
      const cb = withCallback(args, rt.flavor);
      let sent: unknown[];
      try {
        const argv = ioredis ? flatArgs(args) : args;
        rt.check(plan.spec, plan.name, argv, prefix);
        sent = rt.seal(plan.spec, argv, prefix);
      } catch (error) {
        return settle(Promise.reject(error), cb);
      }
      const res = (target[plan.method] as Fn).apply(target, sent);
      if (!rt.opens(plan.spec, sent)) return cb ? settle(res as Promise<unknown>, cb) : res;
      const entry: Queued = { spec: plan.spec, args: sent, prefix };
      return settle(
        Promise.resolve(res).then((reply) => rt.finish(target, entry, reply)),
        cb,
      );
    };

  /** ioredis `call('SET', …)` / node-redis `sendCommand(['SET', …])`. */
  const raw = (orig: Fn): Fn => {
    if (ioredis) {
      return function securedCall(...args: unknown[]): unknown {
        const plan = typeof args[0] === 'string' ? rt.rawPlan(args[0]) : null;
        if (!plan) return orig.apply(target, args);
        const cb = withCallback(args, rt.flavor);
        let sent: unknown[];
        try {
          const argv = flatArgs(args.slice(1));
          rt.check(plan.spec, plan.name, argv, prefix);
          sent = rt.seal(plan.spec, argv, prefix);
        } catch (error) {
          return settle(Promise.reject(error), cb);
        }
        const name = plan.spec.sendAs ? plan.spec.sendAs.lower : (args[0] as string);
        const res = orig.call(target, name, ...sent) as Promise<unknown>;
        if (!rt.opens(plan.spec, sent)) return settle(res, cb);
        const entry: Queued = { spec: plan.spec, args: sent, prefix };
        return settle(
          res.then((reply) => rt.finish(target, entry, reply)),
          cb,
        );
      };
    }
    return function securedSendCommand(...args: unknown[]): unknown {
      // node-redis: sendCommand(args[], options?); its cluster: sendCommand(firstKey, isReadonly, args[], …).
      const at = Array.isArray(args[0]) ? 0 : Array.isArray(args[2]) ? 2 : -1;
      const argv = at >= 0 ? (args[at] as unknown[]) : undefined;
      const plan = argv && typeof argv[0] === 'string' ? rt.rawPlan(argv[0]) : null;
      if (!argv || !plan) return orig.apply(target, args);
      let sent: unknown[];
      try {
        rt.check(plan.spec, plan.name, argv.slice(1), '');
        sent = rt.seal(plan.spec, argv.slice(1), '');
      } catch (error) {
        return Promise.reject(error);
      }
      const name = plan.spec.sendAs ? plan.spec.sendAs.lower.toUpperCase() : (argv[0] as string);
      const call = args.slice();
      call[at] = [name, ...sent];
      const res = orig.apply(target, call) as Promise<unknown>;
      if (!rt.opens(plan.spec, sent)) return res;
      const entry: Queued = { spec: plan.spec, args: sent, prefix: '' };
      return res.then((reply) => rt.finish(target, entry, reply));
    };
  };

  /** ioredis `sendCommand(new Command(…))`: the command object itself is checked, sealed and decrypted. */
  const sendCommandObject = (orig: Fn): Fn =>
    function securedSendCommandObject(command: unknown, ...rest: unknown[]): unknown {
      if (!isCommandLike(command)) return orig.call(target, command, ...rest);
      try {
        rt.secureCommand(command, true, target);
      } catch (error) {
        command.reject(error);
        return command.promise;
      }
      return orig.call(target, command, ...rest);
    };

  /** A `defineCommand` script: refused on sensitive keys, as EVAL is. */
  const script = (prop: string, orig: Fn): Fn =>
    function securedScript(...args: unknown[]): unknown {
      try {
        rt.checkScript(target, prop, args, prefix);
      } catch (error) {
        const cb = withCallback(args, rt.flavor);
        return settle(Promise.reject(error), cb);
      }
      return orig.apply(target, args);
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
        const initial = ioredis && Array.isArray(args[0]) ? (args[0] as unknown[][]) : undefined;
        if (initial) args[0] = [];
        const res = orig.apply(target, args);
        if (
          typeof res !== 'object' ||
          res === null ||
          isThenable(res) ||
          typeof (res as Obj).exec !== 'function'
        )
          return res;
        const batch = wrapBatch(res as Obj, target, rt, prefix);
        if (initial) for (const [name, ...rest] of initial) (batch[name as string] as Fn)(...rest);
        return batch;
      };
    }
    if (prop === 'nodes' && ioredis) {
      // ioredis Cluster#nodes(role): the node clients, wrapped (each once) so commands sent to a node are too.
      return function securedNodes(...args: unknown[]): unknown {
        const res = orig.apply(target, args);
        return Array.isArray(res)
          ? res.map((node: unknown) =>
              typeof node === 'object' && node !== null ? rt.derived(node as Obj) : node,
            )
          : res;
      };
    }
    if (prop === 'nodeClient' && !ioredis) {
      // node-redis createCluster().nodeClient(node): resolves to the node's client, wrapped (each once).
      return function securedNodeClient(...args: unknown[]): unknown {
        const res = orig.apply(target, args);
        const wrap = (node: unknown): unknown =>
          typeof node === 'object' && node !== null ? rt.derived(node as Obj) : node;
        return isThenable(res) ? res.then(wrap) : wrap(res);
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

  /** The wrapper of one member, built once per name (and again only if the member changes). */
  const member = (prop: PropertyKey, value: Fn): unknown => {
    if (typeof prop !== 'string') return passthrough(prop, value);
    if (ioredis ? RAW_IOREDIS.has(prop) : prop === 'sendCommand') return raw(value);
    if (ioredis && prop === 'sendCommand') return sendCommandObject(value);
    if (CLIENT_FACTORIES.has(prop) || BATCH_FACTORIES.has(prop)) return passthrough(prop, value);
    const plan = rt.plan(prop);
    if (plan) return command(plan);
    if (ioredis && scriptKeys(target, prop, []) !== null) return script(prop, value);
    return passthrough(prop, value);
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
      const fn = member(prop, value as Fn);
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

/**
 * Wraps an ioredis Pipeline / transaction or a node-redis multi: commands seal their values as they are queued,
 * and `exec` decrypts each reply in order. For ioredis, the queue length tells which calls queued a command
 * (non-value commands included), so replies line up whatever is mixed in. Refusals are thrown as commands are
 * queued.
 */
function wrapBatch(target: Obj, client: Obj, rt: RedisRuntime, prefix: string): Obj {
  const ioredis = rt.flavor === 'ioredis';
  const cache = new Map<PropertyKey, { orig: unknown; fn: unknown }>();

  // ioredis: a command queued when the queue was `before` long has its reply at `before - base` (a transaction
  // starts with MULTI queued, whose reply exec leaves out). Only calls whose reply is decrypted are recorded, with
  // that index, so the length is read only for them; its getter (an own accessor of each pipeline) is taken once.
  // Without a length (node-redis), every call records its entry or null, and replies line up by position.
  const counted = ioredis && typeof target.length === 'number';
  const queued: Array<Slot | null> = [];
  const own = counted ? Object.getOwnPropertyDescriptor(target, 'length') : undefined;
  const getter = typeof own?.get === 'function' ? own.get : undefined;
  const lengthOf = getter
    ? (): number => getter.call(target) as number
    : (): number => target.length as number;
  const base = counted ? Math.max(lengthOf(), 0) : 0;

  const queue = (plan: Plan, orig: Fn, method: string): Fn => {
    const { spec, name } = plan;
    const same = plan.method === method;
    return function securedQueue(...args: unknown[]): unknown {
      const argv = ioredis ? flatArgs(args) : args;
      if (spec.unsafeKeys) rt.check(spec, name, argv, prefix);
      spec.seal?.(argv, rt.codec, prefix);
      const fn = same ? orig : (target[plan.method] as Fn);
      if (!rt.opens(spec, argv)) {
        const res = fn.apply(target, argv);
        if (!counted) queued.push(null);
        return res === target ? proxy : res;
      }
      const entry: Slot = { spec, args: argv, prefix, at: counted ? lengthOf() - base : -1 };
      const res = fn.apply(target, argv);
      queued.push(entry);
      return res === target ? proxy : res;
    };
  };

  /** After a call that queued `entry` (null: nothing to decrypt); `at` is its reply's index when counted. */
  const record = (at: number, entry: Queued | null): void => {
    if (entry) queued.push({ spec: entry.spec, args: entry.args, prefix: entry.prefix, at });
    else if (!counted) queued.push(null);
  };

  /** Members that queue no checked command (and `defineCommand` scripts, checked like EVAL). */
  const other = (prop: string, orig: Fn): Fn => {
    const isScript = ioredis && scriptKeys(client, prop, []) !== null;
    return function securedOther(...args: unknown[]): unknown {
      if (isScript) rt.checkScript(client, prop, args, prefix);
      const res = orig.apply(target, args);
      if (!counted) queued.push(null);
      return res === target ? proxy : res;
    };
  };

  /** Raw commands in a batch: ioredis `call(name, …)`; node-redis `addCommand(args)` / `sendCommand(args)`. */
  const queueRaw = (orig: Fn): Fn =>
    function securedQueueRaw(...args: unknown[]): unknown {
      const argv = ioredis ? args : Array.isArray(args[0]) ? (args[0] as unknown[]) : [];
      const plan = typeof argv[0] === 'string' ? rt.rawPlan(argv[0]) : null;
      let entry: Queued | null = null;
      let call = args;
      if (plan) {
        const p = ioredis ? prefix : '';
        const rest = ioredis ? flatArgs(argv.slice(1)) : argv.slice(1);
        rt.check(plan.spec, plan.name, rest, p);
        const sent = rt.seal(plan.spec, rest, p);
        if (rt.opens(plan.spec, sent)) entry = { spec: plan.spec, args: sent, prefix: p };
        const name = plan.spec.sendAs ? plan.spec.sendAs.lower.toUpperCase() : (argv[0] as string);
        call = ioredis ? [name, ...sent] : [[name, ...sent], ...args.slice(1)];
      }
      const at = entry && counted ? lengthOf() - base : -1;
      const res = orig.apply(target, call);
      record(at, entry);
      return res === target ? proxy : res;
    };

  /** ioredis `pipeline.sendCommand(new Command(…))`. */
  const queueCommand = (orig: Fn): Fn =>
    function securedQueueCommand(command: unknown, ...rest: unknown[]): unknown {
      const entry = isCommandLike(command) ? rt.secureCommand(command, false, client) : null;
      const at = entry && counted ? lengthOf() - base : -1;
      const res = orig.call(target, command, ...rest);
      record(at, entry);
      return res === target ? proxy : res;
    };

  const open = (entry: Queued, reply: unknown, hits: LegacyHit[] | undefined): unknown =>
    entry.spec.open!(reply, entry.args, rt.codec, hits, entry.prefix);

  const exec = (orig: Fn): Fn =>
    function securedExec(...args: unknown[]): unknown {
      const cb = withCallback(args, rt.flavor);
      const hits: LegacyHit[] | undefined = rt.reencrypts ? [] : undefined;
      const p = (orig.apply(target, args) as Promise<unknown>).then(async (results) => {
        if (!Array.isArray(results)) return results;
        let out: unknown[];
        if (ioredis) {
          // The reply pairs are ioredis' own, made for this exec: decrypted in place.
          out = results;
          for (let k = 0; k < queued.length; k++) {
            const entry = queued[k];
            const pair: unknown = entry ? results[counted ? entry.at : k] : undefined;
            if (!entry || !Array.isArray(pair) || pair[0]) continue;
            try {
              pair[1] = open(entry, pair[1], hits);
            } catch (error) {
              pair[0] = error;
              pair[1] = null;
            }
          }
        } else out = results.map((reply: unknown, i) => (queued[i] ? open(queued[i], reply, hits) : reply));
        if (hits?.length) await rt.writeBack(client, hits);
        return out;
      });
      return settle(p, cb);
    };

  const member = (prop: string, value: Fn): unknown => {
    if (EXECS.has(prop)) return exec(value);
    if (ioredis ? RAW_IOREDIS.has(prop) : prop === 'addCommand' || prop === 'sendCommand')
      return queueRaw(value);
    if (ioredis && prop === 'sendCommand') return queueCommand(value);
    if (prop === 'addBatch') {
      return function securedAddBatch(commands: unknown[][]): unknown {
        for (const [name, ...rest] of commands) (proxy[name as string] as Fn)(...rest);
        return proxy;
      };
    }
    const plan = rt.plan(prop);
    return plan ? queue(plan, value, prop) : other(prop, value);
  };

  const proxy: Obj = new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const hit = cache.get(prop);
      if (hit && hit.orig === value) return hit.fn;
      const fn = member(prop, value as Fn);
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
