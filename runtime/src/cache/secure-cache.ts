/**
 * `secureCache(client, options)`: the client, same methods and signatures, with values encrypted on write and
 * decrypted on read. Wrapping the client where it is created is the whole migration.
 */
import { Codec } from './codec.js';
import { detectCacheClientKind } from './detect.js';
import { CacheClientError } from './errors.js';
import { wrapKv } from './kv.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { resolveOptions, type SecureCacheOptions } from './options.js';
import { UNWRAP, wrapRedis } from './redis.js';
import type { SecureCacheMethods } from './types.js';

/** A client wrapped by {@link secureCache}: the client's own type plus `setSecure`/`getSecure`. */
export type SecureCache<C> = C & SecureCacheMethods;

/**
 * Wraps a cache client so that values are encrypted (AES-256-GCM, bound to their key) on write and decrypted on
 * read. Recognised by shape: ioredis `Redis`/`Cluster`, node-redis v4/v5 clients, keyv, cache-manager v5/v6,
 * any Map-like store. Without a client, wraps a new in-memory store ({@link createMemoryStore}).
 *
 * ```ts
 * const redis = secureCache(new Redis(process.env.REDIS_URL));
 * await redis.set('session:42', JSON.stringify(session), 'EX', 3600); // stored encrypted
 * JSON.parse(await redis.get('session:42'));                         // plaintext again
 * ```
 * @throws CacheClientError (`ERR_CACHE_CLIENT`) when the client is of no recognised shape.
 * @throws InvalidArgumentError for invalid options; KeyError when no key ring can be loaded.
 */
export function secureCache(client?: undefined, options?: SecureCacheOptions): SecureCache<MemoryStore>;
export function secureCache<C extends object>(client: C, options?: SecureCacheOptions): SecureCache<C>;
export function secureCache<C extends object>(
  client?: C,
  options?: SecureCacheOptions,
): SecureCache<C | MemoryStore> {
  const resolved = resolveOptions(options);
  if (client === undefined)
    return wrapKv(createMemoryStore(), new Codec(resolved), 'memory') as SecureCache<MemoryStore>;
  if (isSecureCache(client)) {
    throw new CacheClientError(
      'secureCache: this client is already wrapped; wrap it once, where it is created.',
    );
  }
  const kind = resolved.kind ?? detectCacheClientKind(client);
  if (kind === null) {
    throw new CacheClientError(
      'secureCache: unrecognised client. Expected an ioredis Redis/Cluster, a node-redis v4/v5 client, keyv, a ' +
        'cache-manager cache, or a Map-like store (get/set/has/delete); pass `kind` to force one.',
    );
  }
  const codec = new Codec(resolved);
  if (kind === 'ioredis' || kind === 'node-redis') return wrapRedis(client, codec, kind) as SecureCache<C>;
  return wrapKv(client, codec, kind) as SecureCache<C>;
}

/** Whether `x` is a client returned by {@link secureCache}. */
export function isSecureCache(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as Record<PropertyKey, unknown>)[UNWRAP] !== undefined;
}

/**
 * The client a {@link secureCache} wrapper wraps (writes through it are NOT encrypted), e.g. to show the stored
 * ciphertext in a test. Returns `x` itself when it is no wrapper.
 */
export function unwrapSecureCache<C>(x: C): C {
  if (typeof x !== 'object' || x === null) return x;
  const inner = (x as Record<PropertyKey, unknown>)[UNWRAP];
  return inner === undefined ? x : (inner as C);
}
