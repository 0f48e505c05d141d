/**
 * Optimistic concurrency: read a value with its version, compute the next value, write it only if the version is
 * unchanged, and retry a bounded number of times when a concurrent writer got there first. No lock is held.
 */
import { CasConflictError, InvalidArgumentError } from '../errors.js';
import { isRedisLikeClient, runScript, sendCommand } from '../internal/redis.js';
import { COMPARE_AND_SET } from './scripts.js';
import { retryDelay, sleep, type RetryOptions } from './wait.js';

/** Retry policy of optimistic updates. Defaults: `{ retries: 10, delayMs: 0, jitterMs: 10 }`. */
export type OptimisticRetryOptions = RetryOptions;

/** The outcome of an optimistic update. */
export interface OptimisticResult<T, V> {
  /** `false` when `update` returned `undefined` (nothing to change); nothing was written then. */
  updated: boolean;
  /** The value now stored: the one written, or the current one when nothing changed. */
  value: T;
  /** The version the value is stored under. */
  version: V;
  /** Read-compute-write rounds used (1 when there was no conflict). */
  attempts: number;
}

/** The storage-independent parts of an optimistic update. */
export interface OptimisticUpdateOptions<T, V> {
  /** A name for error messages (a key, `table:id`). */
  name: string;
  /** Reads the current value and its version. */
  load: () => Promise<{ value: T; version: V }>;
  /** Computes the next value; `undefined` means "leave it as it is". Called once per attempt: keep it pure. */
  update: (current: T, version: V) => T | undefined;
  /**
   * Writes `next` only if the stored version still equals `expectedVersion`. Returns the new version when it
   * wrote, `false`/`null` on a version conflict. (For SQL, see {@link versionedRowUpdated}.)
   */
  save: (next: T, expectedVersion: V) => Promise<{ version: V } | false | null>;
  retry?: OptimisticRetryOptions;
  /** Aborts between attempts; the rejection is the signal's reason. */
  signal?: AbortSignal;
}

const DEFAULT_RETRY: Required<RetryOptions> = { retries: 10, delayMs: 0, jitterMs: 10 };

/**
 * The retry loop of optimistic concurrency, for any store with a version: load → update → conditional save,
 * repeated on conflict.
 * @throws CasConflictError (`ERR_CAS_CONFLICT`) when every attempt lost to a concurrent writer.
 */
export async function optimisticUpdate<T, V>(
  options: OptimisticUpdateOptions<T, V>,
): Promise<OptimisticResult<T, V>> {
  const { retries, delayMs, jitterMs } = { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isInteger(retries) || retries < 0) {
    throw new InvalidArgumentError(`retry.retries must be a non-negative integer, got ${retries}.`);
  }
  const { signal } = options;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const { value, version } = await options.load();
    const next = options.update(value, version);
    if (next === undefined) return { updated: false, value, version, attempts: attempt };
    const saved = await options.save(next, version);
    if (saved) return { updated: true, value: next, version: saved.version, attempts: attempt };
    if (attempt > retries) throw new CasConflictError(options.name, attempt);
    if (delayMs > 0 || jitterMs > 0) {
      await sleep(retryDelay(delayMs, jitterMs), signal, () => signal?.reason as Error);
    }
  }
}

/** Options of {@link compareAndSet}. */
export interface CompareAndSetOptions {
  retry?: OptimisticRetryOptions;
  /** Sets the key's expiry (milliseconds) on every successful write; by default the expiry is left as it is. */
  ttlMs?: number;
  signal?: AbortSignal;
}

/** A value stored by {@link compareAndSet}: `null` with version 0 when the key does not exist. */
export interface VersionedValue {
  value: string | null;
  version: number;
}

/**
 * Reads a value written by {@link compareAndSet}: the hash fields `value` and `version` of `key`.
 */
export async function getVersioned(client: unknown, key: string): Promise<VersionedValue> {
  const reply = await sendCommand(client, ['HMGET', key, 'value', 'version']);
  const [value, version] = Array.isArray(reply) ? reply : [];
  return {
    value: value === null || value === undefined ? null : String(value),
    version: version === null || version === undefined ? 0 : Number(version),
  };
}

/**
 * Versioned compare-and-set on a Redis key. The key holds a hash `{ value, version }` (read it with
 * {@link getVersioned}); a missing key is `(null, 0)`. `update(current, version)` returns the next string value,
 * or `undefined` to change nothing. The write is a Lua script that succeeds only if the version is still the one
 * read, and increments it; on a conflict the read-update-write round is repeated, up to `retry.retries` more times.
 *
 * @returns `{ updated, value, version, attempts }`.
 * @throws CasConflictError (`ERR_CAS_CONFLICT`) when all attempts lost to concurrent writers.
 *
 * @example
 * await compareAndSet(redis, 'quota:42', (current) => String(Number(current ?? 0) + 1));
 */
export async function compareAndSet(
  client: unknown,
  key: string,
  update: (current: string | null, version: number) => string | undefined,
  options: CompareAndSetOptions = {},
): Promise<OptimisticResult<string | null, number>> {
  if (!isRedisLikeClient(client)) {
    throw new InvalidArgumentError('compareAndSet expects a Redis client (ioredis or node-redis v4/v5).');
  }
  const ttlMs = options.ttlMs ?? 0;
  if (!Number.isInteger(ttlMs) || ttlMs < 0) {
    throw new InvalidArgumentError(`ttlMs must be a non-negative integer, got ${ttlMs}.`);
  }
  return optimisticUpdate<string | null, number>({
    name: key,
    load: () => getVersioned(client, key),
    update: (current, version) => {
      const next = update(current, version);
      if (next !== undefined && typeof next !== 'string') {
        throw new InvalidArgumentError('compareAndSet: update must return a string or undefined.');
      }
      return next;
    },
    save: async (next, expected) => {
      const reply = await runScript(client, COMPARE_AND_SET, [key], [expected, next as string, ttlMs]);
      const [ok, version] = Array.isArray(reply) ? reply.map(Number) : [0, 0];
      return ok === 1 ? { version: version as number } : false;
    },
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * For SQL stores: whether a conditional `UPDATE … SET …, version = version + 1 WHERE id = $1 AND version = $2`
 * changed its row. Accepts what drivers return: `{ rowCount }` (pg), `{ affectedRows }` (mysql2),
 * `{ changes }` (better-sqlite3), `{ count }` (Prisma `updateMany`), or a number.
 * @throws InvalidArgumentError when more than one row changed (the WHERE clause does not pin one row).
 */
export function versionedRowUpdated(
  result:
    | number
    | { rowCount?: number | null; affectedRows?: number; changes?: number; count?: number }
    | null
    | undefined,
): boolean {
  const rows =
    typeof result === 'number'
      ? result
      : (result?.rowCount ?? result?.affectedRows ?? result?.changes ?? result?.count ?? 0);
  if (rows > 1) {
    throw new InvalidArgumentError(
      `A versioned update changed ${rows} rows; its WHERE clause must select exactly one row by key and version.`,
    );
  }
  return rows === 1;
}
