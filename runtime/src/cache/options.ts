/**
 * Options of {@link secureCache}: their public shape, validation, and the resolved form the wrappers use.
 */
import { classifyKeyPrefix } from '../classify/index.js';
import { InvalidArgumentError } from '../errors.js';
import { getDefaultKeyring, type Keyring } from '../keys/index.js';

/** What to do with a value read from the cache that does not carry our envelope (written before the migration). */
export type LegacyMode = 'passthrough' | 'reencrypt' | 'reject';

/**
 * What writes store: `'encrypted'` (default) encrypts; `'plaintext'` is the first phase of a rollout, where reads
 * already decrypt envelopes but writes still store plaintext, so readers not yet wrapped keep working.
 */
export type WritesMode = 'encrypted' | 'plaintext';

/** The client families {@link secureCache} recognises by shape. */
export type CacheClientKind = 'ioredis' | 'node-redis' | 'keyv' | 'cache-manager' | 'map' | 'memory';

/** Keys marked sensitive: prefixes (strings), patterns, or a predicate. */
export type SensitiveCacheKeys = ReadonlyArray<string | RegExp> | ((key: string) => boolean);

/** Options of {@link secureCache}. */
export interface SecureCacheOptions {
  /** Key ring that encrypts and decrypts. Default: the process key ring (`getDefaultKeyring()`), read once. */
  keyring?: Keyring;
  /**
   * Values read that carry no envelope (written before the migration):
   * `'passthrough'` (default) returns them as they are; `'reencrypt'` returns them and writes them back encrypted
   * (TTL kept); `'reject'` throws `ERR_CACHE_LEGACY_VALUE`.
   */
  legacy?: LegacyMode;
  /**
   * Keys on which commands that cannot work on ciphertext (`INCR`, `APPEND`, `SADD`, `EVAL`…) are refused with
   * `ERR_CACHE_UNSAFE_COMMAND`. Strings are key prefixes. Keys the shared classifier marks sensitive by prefix
   * (`session:`, `token:`, `oauth:`…) count too unless `classifyKeys` is `false`.
   */
  sensitiveKeys?: SensitiveCacheKeys;
  /** Whether `classifyKeyPrefix` also marks keys sensitive. Default `true`. */
  classifyKeys?: boolean;
  /**
   * Associated data bound into each ciphertext, so a value copied under another key does not decrypt.
   * A function maps the cache key to the context; a string is a namespace prefixed to the key (`ns:key`).
   * Default: the key itself.
   */
  context?: string | ((key: string) => string);
  /**
   * `true` (default): every value written is encrypted. `false`: only values under sensitive keys are encrypted,
   * others are stored as they are (reads still decrypt whatever carries the envelope).
   */
  encryptAll?: boolean;
  /** Skip shape detection and treat the client as this kind. */
  kind?: CacheClientKind;
  /**
   * `'encrypted'` (default): writes encrypt as `encryptAll` says. `'plaintext'`: the first phase of a rollout —
   * reads decrypt envelopes and pass plaintext through, writes store values as given (`setSecure` still encrypts).
   * Deploy every reader with `'plaintext'`, then switch writers to `'encrypted'`. Only `legacy: 'passthrough'` goes
   * with `'plaintext'`.
   */
  writes?: WritesMode;
}

/** The options after validation, with defaults applied and predicates precompiled. */
export interface ResolvedOptions {
  readonly keyring: Keyring;
  readonly legacy: LegacyMode;
  readonly encryptAll: boolean;
  readonly writes: WritesMode;
  readonly kind: CacheClientKind | undefined;
  readonly isSensitive: (key: string) => boolean;
  readonly contextOf: (key: string) => string;
  /** Source options, kept to wrap duplicates with the same settings. */
  readonly source: SecureCacheOptions;
}

const LEGACY_MODES: readonly LegacyMode[] = ['passthrough', 'reencrypt', 'reject'];
const WRITES_MODES: readonly WritesMode[] = ['encrypted', 'plaintext'];
const KINDS: readonly CacheClientKind[] = ['ioredis', 'node-redis', 'keyv', 'cache-manager', 'map', 'memory'];
const KNOWN_OPTIONS = new Set([
  'keyring',
  'legacy',
  'sensitiveKeys',
  'classifyKeys',
  'context',
  'encryptAll',
  'kind',
  'writes',
]);

function compileSensitive(
  option: SensitiveCacheKeys | undefined,
  classify: boolean,
): (key: string) => boolean {
  let own: ((key: string) => boolean) | undefined;
  if (typeof option === 'function') {
    own = option;
  } else if (option !== undefined) {
    if (!Array.isArray(option)) {
      throw new InvalidArgumentError(
        'secureCache: `sensitiveKeys` must be an array of key prefixes (strings) and RegExps, or a function (key) => boolean.',
      );
    }
    const prefixes: string[] = [];
    const patterns: RegExp[] = [];
    for (const entry of option as ReadonlyArray<unknown>) {
      if (typeof entry === 'string' && entry.length > 0) prefixes.push(entry);
      else if (entry instanceof RegExp)
        patterns.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')));
      else {
        throw new InvalidArgumentError(
          `secureCache: every \`sensitiveKeys\` entry must be a non-empty string prefix or a RegExp, got ${describe(entry)}.`,
        );
      }
    }
    own = (key) => prefixes.some((p) => key.startsWith(p)) || patterns.some((re) => re.test(key));
  }
  if (!classify) return own ?? (() => false);
  if (!own) return (key) => classifyKeyPrefix(key) !== null;
  const mine = own;
  return (key) => mine(key) || classifyKeyPrefix(key) !== null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/**
 * Validates `options` and applies defaults.
 * @throws InvalidArgumentError naming the option and what it accepts.
 */
export function resolveOptions(options: SecureCacheOptions | undefined): ResolvedOptions {
  const o: SecureCacheOptions = options ?? {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new InvalidArgumentError(`secureCache: options must be an object, got ${describe(o)}.`);
  }
  for (const name of Object.keys(o)) {
    if (!KNOWN_OPTIONS.has(name)) {
      throw new InvalidArgumentError(
        `secureCache: unknown option \`${name}\`. Known options: ${[...KNOWN_OPTIONS].join(', ')}.`,
      );
    }
  }
  const legacy = o.legacy ?? 'passthrough';
  if (!LEGACY_MODES.includes(legacy)) {
    throw new InvalidArgumentError(
      `secureCache: \`legacy\` must be one of ${LEGACY_MODES.map((m) => `'${m}'`).join(', ')}, got ${describe(legacy)}.`,
    );
  }
  const writes = o.writes ?? 'encrypted';
  if (!WRITES_MODES.includes(writes)) {
    throw new InvalidArgumentError(
      `secureCache: \`writes\` must be one of ${WRITES_MODES.map((m) => `'${m}'`).join(', ')}, got ${describe(writes)}.`,
    );
  }
  if (writes === 'plaintext' && legacy !== 'passthrough') {
    throw new InvalidArgumentError(
      `secureCache: \`writes: 'plaintext'\` stores plaintext, so \`legacy\` must be 'passthrough' (got '${legacy}'): ` +
        "'reencrypt' would write ciphertext that readers not yet wrapped cannot read, and 'reject' would refuse the " +
        "values this client writes. Switch to `writes: 'encrypted'` first.",
    );
  }
  if (o.kind !== undefined && !KINDS.includes(o.kind)) {
    throw new InvalidArgumentError(
      `secureCache: \`kind\` must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}, got ${describe(o.kind)}.`,
    );
  }
  for (const flag of ['encryptAll', 'classifyKeys'] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== 'boolean') {
      throw new InvalidArgumentError(`secureCache: \`${flag}\` must be a boolean, got ${describe(o[flag])}.`);
    }
  }
  let contextOf: (key: string) => string;
  const ctx = o.context;
  if (ctx === undefined) contextOf = (key) => key;
  else if (typeof ctx === 'string') {
    if (ctx.length === 0) {
      throw new InvalidArgumentError('secureCache: a `context` namespace must be a non-empty string.');
    }
    const prefix = `${ctx}:`;
    contextOf = (key) => prefix + key;
  } else if (typeof ctx === 'function') {
    contextOf = (key) => {
      const out: unknown = ctx(key);
      if (typeof out !== 'string') {
        throw new InvalidArgumentError(
          `secureCache: the \`context\` function must return a string, got ${describe(out)} for key ${JSON.stringify(key)}.`,
        );
      }
      return out;
    };
  } else {
    throw new InvalidArgumentError(
      `secureCache: \`context\` must be a namespace string or a function (key) => string, got ${describe(ctx)}.`,
    );
  }
  const keyring = o.keyring ?? getDefaultKeyring();
  return {
    keyring,
    legacy,
    encryptAll: o.encryptAll ?? true,
    writes,
    kind: o.kind,
    isSensitive: compileSensitive(o.sensitiveKeys, o.classifyKeys ?? true),
    contextOf,
    source: o,
  };
}
