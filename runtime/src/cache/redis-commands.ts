/**
 * The Redis command table: which arguments of a command carry values (encrypted on write), how its reply is
 * decrypted, and which commands cannot work on ciphertext. Shared by ioredis and node-redis, by their methods,
 * pipelines, transactions and raw-command forms. Names are normalised: lower case, no `_`, no ioredis `Buffer`
 * suffix (`hGetAll`, `HGETALL`, `hgetallBuffer` → `hgetall`).
 */
import type { Codec, LegacyHit } from './codec.js';

/** How one command is handled. */
export interface CommandSpec {
  /**
   * Encrypts the value arguments of `args` (a private copy) in place. `prefix` is the client's key prefix (ioredis
   * `keyPrefix`, else ''): values are bound to the key as written, sensitivity is judged on `prefix + key`.
   */
  readonly seal?: (args: unknown[], codec: Codec, prefix: string) => void;
  /** Decrypts a reply. `args` are the arguments sent (keys and fields unchanged). */
  readonly open?: (
    reply: unknown,
    args: readonly unknown[],
    codec: Codec,
    hits: LegacyHit[] | undefined,
    prefix: string,
  ) => unknown;
  /** When present, the reply is decrypted only if this holds (`SET … GET`). */
  readonly opensIf?: (args: readonly unknown[]) => boolean;
  /** Send this command instead (HVALS is sent as HGETALL: values need their field to decrypt). */
  readonly sendAs?: { readonly lower: string; readonly camel: string };
  /** For commands that cannot work on ciphertext: the keys they touch. */
  readonly unsafeKeys?: (args: readonly unknown[]) => unknown[];
}

/** Text of a key or field argument. */
export const keyText = (k: unknown): string => (Buffer.isBuffer(k) ? k.toString('utf8') : String(k));

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' &&
  x !== null &&
  !Array.isArray(x) &&
  !Buffer.isBuffer(x) &&
  !(x instanceof Map) &&
  !(x instanceof Uint8Array);

/** Arguments with arrays flattened one level (ioredis flattens them; node-redis takes key lists as arrays). */
function flat(args: readonly unknown[], from = 0): unknown[] {
  const out: unknown[] = [];
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (Array.isArray(a)) for (const x of a) out.push(x);
    else out.push(a);
  }
  return out;
}

// ---- writes ---------------------------------------------------------------------------------------------------

const valueAt =
  (i: number) =>
  (args: unknown[], codec: Codec, prefix: string): void => {
    if (args.length > i) args[i] = codec.sealArg(args[i], keyText(args[0]), undefined, prefix);
  };

/**
 * `(name, value)` pairs after `from`, in every form the clients accept: an object, a Map, an array of tuples,
 * a flat array, or flat arguments. The form is kept. `fieldOf` binds the value: for MSET the name is the key, for
 * HSET the name is a field of `args[0]`.
 */
function sealPairs(args: unknown[], from: number, seal: (name: unknown, value: unknown) => unknown): void {
  if (args.length === from + 1) {
    const only = args[from];
    if (only instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [k, v] of only) out.set(k, seal(k, v));
      args[from] = out;
      return;
    }
    if (isPlainObject(only)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(only)) out[k] = seal(k, only[k]);
      args[from] = out;
      return;
    }
    if (Array.isArray(only)) {
      if (only.length > 0 && only.every(Array.isArray)) {
        args[from] = (only as unknown[][]).map(([k, v]) => [k, seal(k, v)]);
      } else {
        const out = only.slice();
        for (let i = 0; i + 1 < out.length; i += 2) out[i + 1] = seal(out[i], out[i + 1]);
        args[from] = out;
      }
      return;
    }
  }
  for (let i = from; i + 1 < args.length; i += 2) args[i + 1] = seal(args[i], args[i + 1]);
}

const sealKeyPairs = (args: unknown[], codec: Codec, prefix: string): void =>
  sealPairs(args, 0, (k, v) => codec.sealArg(v, keyText(k), undefined, prefix));

const sealFieldPairs = (args: unknown[], codec: Codec, prefix: string): void => {
  const key = keyText(args[0]);
  sealPairs(args, 1, (f, v) => codec.sealArg(v, key, keyText(f), prefix));
};

/** HSETNX key field value. */
const sealFieldValue = (args: unknown[], codec: Codec, prefix: string): void => {
  if (args.length > 2) args[2] = codec.sealArg(args[2], keyText(args[0]), keyText(args[1]), prefix);
};

/** LPUSH key element [element …] / lPush(key, element | element[]). */
const sealElements =
  (from: number) =>
  (args: unknown[], codec: Codec, prefix: string): void => {
    const key = keyText(args[0]);
    for (let i = from; i < args.length; i++) {
      const a = args[i];
      args[i] = Array.isArray(a)
        ? a.map((x) => codec.sealArg(x, key, undefined, prefix))
        : codec.sealArg(a, key, undefined, prefix);
    }
  };

// ---- reads ----------------------------------------------------------------------------------------------------

const openOne: CommandSpec['open'] = (reply, args, codec, hits, prefix) =>
  codec.openReply(reply, keyText(args[0]), undefined, hits, prefix);

const openField: CommandSpec['open'] = (reply, args, codec, hits, prefix) =>
  codec.openReply(reply, keyText(args[0]), keyText(args[1]), hits, prefix);

/** MGET: one key per reply entry. */
const openKeys: CommandSpec['open'] = (reply, args, codec, hits, prefix) => {
  if (!Array.isArray(reply)) return reply;
  const keys = flat(args);
  return reply.map((r, i) => codec.openReply(r, keyText(keys[i]), undefined, hits, prefix));
};

/** HMGET: one field per reply entry. */
const openFields: CommandSpec['open'] = (reply, args, codec, hits, prefix) => {
  if (!Array.isArray(reply)) return reply;
  const key = keyText(args[0]);
  const fields = flat(args, 1);
  return reply.map((r, i) => codec.openReply(r, key, keyText(fields[i]), hits, prefix));
};

/** HGETALL: an object (ioredis, node-redis), a Map (node-redis type mapping) or a flat array (raw commands). */
function openHash(
  reply: unknown,
  key: string,
  codec: Codec,
  hits: LegacyHit[] | undefined,
  prefix: string,
): unknown {
  if (reply instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [f, v] of reply) out.set(f, codec.openReply(v, key, keyText(f), hits, prefix));
    return out;
  }
  if (Array.isArray(reply)) {
    const out = reply.slice();
    for (let i = 0; i + 1 < out.length; i += 2)
      out[i + 1] = codec.openReply(out[i + 1], key, keyText(out[i]), hits, prefix);
    return out;
  }
  if (typeof reply === 'object' && reply !== null) {
    const src = reply as Record<string, unknown>;
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(src) as object | null) as Record<
      string,
      unknown
    >;
    for (const f of Object.keys(src)) out[f] = codec.openReply(src[f], key, f, hits, prefix);
    return out;
  }
  return reply;
}

const openAll: CommandSpec['open'] = (reply, args, codec, hits, prefix) =>
  openHash(reply, keyText(args[0]), codec, hits, prefix);

/** HVALS, sent as HGETALL (same order): the values only. */
const openVals: CommandSpec['open'] = (reply, args, codec, hits, prefix) => {
  const all = openHash(reply, keyText(args[0]), codec, hits, prefix);
  if (all instanceof Map) return [...all.values()];
  if (Array.isArray(all)) return all.filter((_, i) => i % 2 === 1);
  return typeof all === 'object' && all !== null ? Object.values(all) : all;
};

/** LRANGE, LPOP/RPOP (with or without count): list elements are bound to the list's key. */
const openElements: CommandSpec['open'] = (reply, args, codec, _hits, prefix) => {
  const key = keyText(args[0]);
  return Array.isArray(reply)
    ? reply.map((r) => codec.openReply(r, key, undefined, undefined, prefix))
    : codec.openReply(reply, key, undefined, undefined, prefix);
};

const openIndex: CommandSpec['open'] = (reply, args, codec, _hits, prefix) =>
  codec.openReply(reply, keyText(args[0]), undefined, undefined, prefix);

/** A key named in a reply is the key Redis sees: without the client's prefix, it is the key values are bound to. */
const replyKey = (k: unknown, prefix: string): string => {
  const key = keyText(k);
  return prefix !== '' && key.startsWith(prefix) ? key.slice(prefix.length) : key;
};

/** BLPOP/BRPOP: `[key, element]` (ioredis) or `{ key, element }` (node-redis v5). */
const openBlockingPop: CommandSpec['open'] = (reply, _args, codec, _hits, prefix) => {
  if (Array.isArray(reply) && reply.length === 2)
    return [reply[0], codec.openReply(reply[1], replyKey(reply[0], prefix), undefined, undefined, prefix)];
  if (typeof reply === 'object' && reply !== null && 'element' in reply && 'key' in reply) {
    const r = reply as { key: unknown; element: unknown };
    return {
      ...r,
      element: codec.openReply(r.element, replyKey(r.key, prefix), undefined, undefined, prefix),
    };
  }
  return reply;
};

/** LMPOP: `[key, elements]` or `{ key, elements }`. */
const openMultiPop: CommandSpec['open'] = (reply, _args, codec, _hits, prefix) => {
  if (Array.isArray(reply) && reply.length === 2 && Array.isArray(reply[1])) {
    const key = replyKey(reply[0], prefix);
    return [
      reply[0],
      (reply[1] as unknown[]).map((r) => codec.openReply(r, key, undefined, undefined, prefix)),
    ];
  }
  if (typeof reply === 'object' && reply !== null && 'elements' in reply && 'key' in reply) {
    const r = reply as { key: unknown; elements: unknown };
    const key = replyKey(r.key, prefix);
    return {
      ...r,
      elements: Array.isArray(r.elements)
        ? r.elements.map((e) => codec.openReply(e, key, undefined, undefined, prefix))
        : r.elements,
    };
  }
  return reply;
};

/** SET … GET (ioredis `'GET'` argument, node-redis `{ GET: true }`). */
const setHasGet = (args: readonly unknown[]): boolean => {
  for (let i = 2; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'string' ? a.toUpperCase() === 'GET' : isPlainObject(a) && a.GET === true) return true;
  }
  return false;
};

// ---- unsafe commands --------------------------------------------------------------------------------------------

const firstKey = (args: readonly unknown[]): unknown[] => (args.length ? [args[0]] : []);
const firstTwo = (args: readonly unknown[]): unknown[] => args.slice(0, 2);
const allKeys = (args: readonly unknown[]): unknown[] => flat(args);
const afterFirst = (args: readonly unknown[]): unknown[] => flat(args, 1);
/** EVAL script numkeys key… arg… (ioredis, raw) or eval(script, { keys }) (node-redis). */
const scriptKeys = (args: readonly unknown[]): unknown[] => {
  const second = args[1];
  if (isPlainObject(second)) return Array.isArray(second.keys) ? (second.keys as unknown[]) : [];
  const n = Number(second);
  return Number.isInteger(n) && n > 0 ? args.slice(2, 2 + n) : [];
};

/** `numkeys key…` at `at`, after the keys before it (ZMPOP, ZUNION…: at 0; ZUNIONSTORE dest numkeys key…: at 1). */
const numkeysAt =
  (at: number) =>
  (args: readonly unknown[]): unknown[] => {
    const flatArgs = flat(args);
    const n = Number(flatArgs[at]);
    const keys = flatArgs.slice(0, at);
    return Number.isInteger(n) && n > 0 ? keys.concat(flatArgs.slice(at + 1, at + 1 + n)) : keys;
  };

const UNSAFE: ReadonlyArray<[string[], (args: readonly unknown[]) => unknown[]]> = [
  [
    [
      'incr',
      'incrby',
      'incrbyfloat',
      'decr',
      'decrby',
      'append',
      'setrange',
      'getrange',
      'substr',
      'strlen',
      'setbit',
      'getbit',
      'bitcount',
      'bitpos',
      'bitfield',
      'bitfieldro',
      'lcs',
      'sadd',
      'srem',
      'smembers',
      'sismember',
      'smismember',
      'spop',
      'srandmember',
      'sscan',
      'zadd',
      'zincrby',
      'zrem',
      'zscore',
      'zmscore',
      'zrank',
      'zrevrank',
      'zrange',
      'zrangebyscore',
      'zrevrange',
      'zrevrangebyscore',
      'zrangebylex',
      'zrevrangebylex',
      'zscan',
      'hincrby',
      'hincrbyfloat',
      'hstrlen',
      'hrandfield',
      'hscan',
      'lrem',
      'lpos',
      'linsert',
      'sort',
      'sortro',
      'pfadd',
      'geoadd',
      'xadd',
      // store or return values without the wrapper: RESTORE writes a serialized value as it is; Redis 8 hash commands
      'restore',
      'hsetex',
      'hgetex',
      'hgetdel',
      'zpopmin',
      'zpopmax',
      'bzpopmin',
      'bzpopmax',
      'zrandmember',
      // the clients' scan helpers (ioredis streams, node-redis iterators) return stored members and values
      'hscanstream',
      'hscanbufferstream',
      'sscanstream',
      'sscanbufferstream',
      'zscanstream',
      'zscanbufferstream',
      'hscaniterator',
      'hscanvaluesiterator',
      'sscaniterator',
      'zscaniterator',
    ],
    firstKey,
  ],
  [['zmpop', 'bzmpop', 'zunion', 'zinter', 'zdiff', 'zintercard'], numkeysAt(0)],
  [['zunionstore', 'zinterstore', 'zdiffstore'], numkeysAt(1)],
  [['rename', 'renamenx', 'copy', 'rpoplpush', 'brpoplpush', 'lmove', 'blmove', 'smove'], firstTwo],
  [['sinter', 'sunion', 'sdiff', 'sinterstore', 'sunionstore', 'sdiffstore', 'sintercard'], allKeys],
  [['bitop'], afterFirst],
  [['eval', 'evalsha', 'evalro', 'evalsharo', 'fcall', 'fcallro'], scriptKeys],
];

// ---- the table --------------------------------------------------------------------------------------------------

const entries: Array<[string, CommandSpec]> = [
  ['get', { open: openOne }],
  ['getdel', { open: openOne }],
  ['getex', { open: openOne }],
  ['set', { seal: valueAt(1), open: openOne, opensIf: setHasGet }],
  ['setnx', { seal: valueAt(1) }],
  ['getset', { seal: valueAt(1), open: openOne }],
  ['setex', { seal: valueAt(2) }],
  ['psetex', { seal: valueAt(2) }],
  ['mset', { seal: sealKeyPairs }],
  ['msetnx', { seal: sealKeyPairs }],
  ['mget', { open: openKeys }],
  ['hset', { seal: sealFieldPairs }],
  ['hmset', { seal: sealFieldPairs }],
  ['hsetnx', { seal: sealFieldValue }],
  ['hget', { open: openField }],
  ['hmget', { open: openFields }],
  ['hgetall', { open: openAll }],
  ['hvals', { open: openVals, sendAs: { lower: 'hgetall', camel: 'hGetAll' } }],
  ['lpush', { seal: sealElements(1) }],
  ['rpush', { seal: sealElements(1) }],
  ['lpushx', { seal: sealElements(1) }],
  ['rpushx', { seal: sealElements(1) }],
  ['lset', { seal: valueAt(2) }],
  ['lrange', { open: openElements }],
  ['lindex', { open: openIndex }],
  ['lpop', { open: openElements }],
  ['rpop', { open: openElements }],
  ['lpopcount', { open: openElements }],
  ['rpopcount', { open: openElements }],
  ['blpop', { open: openBlockingPop }],
  ['brpop', { open: openBlockingPop }],
  ['lmpop', { open: openMultiPop }],
  ['blmpop', { open: openMultiPop }],
];
for (const [names, keys] of UNSAFE) for (const n of names) entries.push([n, { unsafeKeys: keys }]);

/**
 * Normalised command name → how it is handled. A raw command (ioredis `call`, `sendCommand(new Command(…))`,
 * node-redis `sendCommand`, `addCommand`) or an ioredis command method not listed here nor in {@link KEY_ONLY} is
 * handled as {@link UNLISTED}.
 */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(entries);

/**
 * Commands that never read or write a stored value (keys, metadata, expiry, lengths, channels, patterns, cursors):
 * they pass through on every key.
 */
export const KEY_ONLY: ReadonlySet<string> = new Set([
  'del',
  'unlink',
  'exists',
  'type',
  'touch',
  'ttl',
  'pttl',
  'expire',
  'pexpire',
  'expireat',
  'pexpireat',
  'expiretime',
  'pexpiretime',
  'persist',
  'dump',
  'move',
  'migrate',
  'watch',
  'unwatch',
  'object',
  'memory',
  'hdel',
  'hexists',
  'hkeys',
  'hlen',
  'hexpire',
  'hpexpire',
  'hexpireat',
  'hpexpireat',
  'hexpiretime',
  'hpexpiretime',
  'httl',
  'hpttl',
  'hpersist',
  'llen',
  'ltrim',
  'scard',
  'zcard',
  'zcount',
  'zlexcount',
  'xlen',
  'pfcount',
  'keys',
  'scan',
  'scanstream',
  'scanbufferstream',
  'scaniterator',
  'randomkey',
  'publish',
  'spublish',
  'subscribe',
  'ssubscribe',
  'psubscribe',
  'unsubscribe',
  'sunsubscribe',
  'punsubscribe',
  'echo',
  'ping',
  'wait',
  'waitaof',
]);

/** A command in neither table: refused when its first argument is a sensitive key. */
export const UNLISTED: CommandSpec = { unsafeKeys: firstKey };

/** Normalises a method or command name (`hGetAll`, `HGETALL`, `hgetall` → `hgetall`). */
export const normalizeCommand = (name: string): string => name.toLowerCase().replace(/_/g, '');
