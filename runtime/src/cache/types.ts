/** Public types shared by the cache wrappers. */

/** Options of {@link SecureCacheMethods.setSecure}. */
export interface SetSecureOptions {
  /** Time to live in milliseconds (Redis `PX`; the `ttl` argument of keyv, cache-manager and the memory store). */
  ttl?: number;
}

/** Explicit methods every wrapper adds to the client's own. */
export interface SecureCacheMethods {
  /**
   * Encrypts `value` whatever the key and the `encryptAll` option, keeping its type (objects, numbers, Dates,
   * Buffers…, also on Redis), and stores it. Resolves to what the client's own `set` resolves to.
   */
  setSecure(key: string, value: unknown, options?: SetSecureOptions): Promise<unknown>;
  /**
   * Reads and decrypts a value with its type. A miss resolves to the client's miss value (`null` on Redis,
   * `undefined` elsewhere). A value without our envelope is refused with `ERR_CACHE_LEGACY_VALUE` whatever the
   * `legacy` option; an envelope that does not decrypt throws `DecryptionError`.
   */
  getSecure<T = unknown>(key: string): Promise<T>;
}
