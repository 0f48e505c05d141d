/**
 * A small in-memory key-value store with per-entry TTL: the embedded default of `secureCache()`.
 * Map-like (`get`/`set`/`has`/`delete`), so the wrapper treats it like any Map; `raw(key)` shows what is stored.
 */
import { InvalidArgumentError } from '../errors.js';

/** Options of {@link createMemoryStore}. */
export interface CreateMemoryStoreOptions {
  /** Default TTL in milliseconds for `set` without one. Default: none (entries live until deleted). */
  ttl?: number;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Brand that tells `secureCache` a store is ours. */
export const MEMORY_STORE = Symbol.for('secure-migrate.memory-store');

interface Entry {
  value: unknown;
  /** Expiry time in ms, or `Infinity`. */
  expires: number;
}

/** The store returned by {@link createMemoryStore}. */
export interface MemoryStore {
  readonly [MEMORY_STORE]: true;
  /** The value under `key`, or `undefined` when absent or expired. */
  get(key: string): unknown;
  /** Stores `value`; `ttl` in milliseconds (0 or omitted: the store's default TTL, if any). Returns the store. */
  set(key: string, value: unknown, ttl?: number): this;
  has(key: string): boolean;
  delete(key: string): boolean;
  clear(): void;
  /** Remaining time to live in ms: `-1` without expiry, `-2` when absent (Redis `PTTL` convention). */
  ttl(key: string): number;
  /** Live keys. */
  keys(): string[];
  /** Number of live entries. */
  readonly size: number;
  /** What is stored under `key`, without any decoding: on a `secureCache()` store, the ciphertext. */
  raw(key: string): unknown;
  /** Drops expired entries now (they are also dropped lazily on access). */
  prune(): number;
}

function checkTtl(ttl: unknown, where: string): number | undefined {
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0) {
    throw new InvalidArgumentError(
      `${where}: ttl must be a non-negative number of milliseconds, got ${String(ttl)}.`,
    );
  }
  return ttl;
}

class MemoryStoreImpl implements MemoryStore {
  readonly [MEMORY_STORE] = true as const;
  readonly #entries = new Map<string, Entry>();
  readonly #defaultTtl: number | undefined;
  readonly #now: () => number;

  constructor(options: CreateMemoryStoreOptions) {
    this.#defaultTtl = checkTtl(options.ttl, 'createMemoryStore');
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new InvalidArgumentError('createMemoryStore: `now` must be a function returning milliseconds.');
    }
    this.#now = options.now ?? Date.now;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): unknown {
    return this.#live(key)?.value;
  }

  set(key: string, value: unknown, ttl?: number): this {
    const ms = checkTtl(ttl, 'MemoryStore.set') || this.#defaultTtl;
    this.#entries.set(key, { value, expires: ms ? this.#now() + ms : Infinity });
    return this;
  }

  has(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  ttl(key: string): number {
    const entry = this.#live(key);
    if (entry === undefined) return -2;
    return entry.expires === Infinity ? -1 : entry.expires - this.#now();
  }

  keys(): string[] {
    this.prune();
    return [...this.#entries.keys()];
  }

  get size(): number {
    this.prune();
    return this.#entries.size;
  }

  raw(key: string): unknown {
    return this.get(key);
  }

  prune(): number {
    const now = this.#now();
    let dropped = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.expires <= now) {
        this.#entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }
}

/**
 * A new in-memory store with optional TTLs. `secureCache()` without a client wraps one; pass your own to set a
 * default TTL or a test clock: `secureCache(createMemoryStore({ ttl: 60_000 }))`.
 */
export function createMemoryStore(options: CreateMemoryStoreOptions = {}): MemoryStore {
  return new MemoryStoreImpl(options);
}

/** Whether `x` is a store made by {@link createMemoryStore}. */
export function isMemoryStore(x: unknown): x is MemoryStore {
  return typeof x === 'object' && x !== null && (x as Partial<MemoryStore>)[MEMORY_STORE] === true;
}
