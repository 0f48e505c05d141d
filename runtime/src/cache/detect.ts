/**
 * Recognises cache clients by shape (the runtime never imports a client library).
 */
import type { CacheClientKind } from './options.js';
import { isMemoryStore } from './memory-store.js';

type Obj = Record<PropertyKey, unknown>;
const fns = (c: Obj, ...names: string[]): boolean => names.every((n) => typeof c[n] === 'function');

/**
 * The client family of `client`, or `null`:
 * - `ioredis`: `pipeline`, `multi` and the Buffer variants ioredis generates (`getBuffer`); `Redis` and `Cluster`.
 * - `node-redis`: camelCase commands (`hGetAll`) and `sendCommand`; `createClient`, `createCluster`.
 * - `cache-manager`: `wrap`, `get`, `set`, `del` (v5 `caching()`, v6 `createCache()`).
 * - `keyv`: `get`, `set`, `delete`, `clear` with keyv's `getMany`/`opts`.
 * - `map`: `get`, `set`, `has`, `delete`.
 */
export function detectCacheClientKind(client: unknown): CacheClientKind | null {
  if (typeof client !== 'object' || client === null) return null;
  if (isMemoryStore(client)) return 'memory';
  const c = client as Obj;
  if (fns(c, 'pipeline', 'multi', 'getBuffer')) return 'ioredis';
  if (fns(c, 'sendCommand', 'multi') && (fns(c, 'hGetAll') || fns(c, 'HGETALL'))) return 'node-redis';
  if (fns(c, 'wrap', 'get', 'set', 'del')) return 'cache-manager';
  if (fns(c, 'get', 'set', 'delete', 'clear') && (fns(c, 'getMany') || 'opts' in c)) return 'keyv';
  if (fns(c, 'get', 'set', 'has', 'delete')) return 'map';
  return null;
}
