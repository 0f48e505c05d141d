/**
 * @secure-migrate/runtime/cache: `secureCache(client)` wraps ioredis, node-redis, keyv, cache-manager, Map-like
 * stores and a built-in memory store, so values are encrypted on write and decrypted on read.
 */
export { secureCache, isSecureCache, unwrapSecureCache, type SecureCache } from './secure-cache.js';
export {
  type SecureCacheOptions,
  type LegacyMode,
  type WritesMode,
  type CacheClientKind,
  type SensitiveCacheKeys,
} from './options.js';
export type { SecureCacheMethods, SetSecureOptions } from './types.js';
export {
  createMemoryStore,
  isMemoryStore,
  type MemoryStore,
  type CreateMemoryStoreOptions,
} from './memory-store.js';
export { detectCacheClientKind } from './detect.js';
export { UnsafeCacheCommandError, LegacyCacheValueError, CacheClientError } from './errors.js';
