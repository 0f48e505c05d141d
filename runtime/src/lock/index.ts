/**
 * @secure-migrate/runtime/lock: a Redis lock with fencing tokens, an in-process keyed mutex / single-flight, and
 * optimistic (version compare-and-set) updates for Redis values and SQL rows.
 */
export {
  createRedisLock,
  type AcquireOptions,
  type LockContext,
  type LockHandle,
  type LockLostInfo,
  type RedisLock,
  type RedisLockOptions,
  type WithLockOptions,
} from './redis-lock.js';
export { createKeyedMutex, type KeyedMutex, type RunExclusiveOptions } from './keyed-mutex.js';
export {
  compareAndSet,
  getVersioned,
  optimisticUpdate,
  versionedRowUpdated,
  type CompareAndSetOptions,
  type OptimisticResult,
  type OptimisticRetryOptions,
  type OptimisticUpdateOptions,
  type VersionedValue,
} from './optimistic.js';
export {
  fencedGet,
  fencedSet,
  type FencedSetOptions,
  type FencedSetResult,
  type FencedValue,
} from './fenced.js';
export type { RetryOptions as LockRetryOptions } from './wait.js';
export { CasConflictError, LockAbortedError, LockLostError, LockTimeoutError } from '../errors.js';
