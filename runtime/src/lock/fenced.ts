/**
 * Fenced writes to Redis: the storage-side half of fencing tokens. A write carries the writer's fencing token and
 * is accepted only if that token is at least the highest one the key has seen, so a lock holder that stalled,
 * lost its lock and woke up (lower token) cannot overwrite the newer holder's data.
 */
import { InvalidArgumentError } from '../errors.js';
import { isRedisLikeClient, runScript, sendCommand } from '../internal/redis.js';
import { FENCED_SET } from './scripts.js';

/** Options of {@link fencedSet}. */
export interface FencedSetOptions {
  /** Sets the key's expiry (milliseconds) on every accepted write; by default the expiry is left as it is. */
  ttlMs?: number;
}

/** The outcome of {@link fencedSet}. */
export interface FencedSetResult {
  /** `false` when the key has already seen a higher fencing token: the write was refused. */
  written: boolean;
  /** The highest fencing token the key has seen after this call. */
  fence: number;
}

/** A value stored by {@link fencedSet}; `null` and fence 0 when the key does not exist. */
export interface FencedValue {
  value: string | null;
  fence: number;
}

/**
 * Writes `value` to `key` (a hash `{ value, fence }`) only if `fencingToken` ≥ the stored fence, atomically.
 * Pass the `fencingToken` that `withLock` handed to the critical section.
 */
export async function fencedSet(
  client: unknown,
  key: string,
  value: string,
  fencingToken: number,
  options: FencedSetOptions = {},
): Promise<FencedSetResult> {
  if (!isRedisLikeClient(client)) {
    throw new InvalidArgumentError('fencedSet expects a Redis client (ioredis or node-redis v4/v5).');
  }
  if (!Number.isSafeInteger(fencingToken) || fencingToken < 1) {
    throw new InvalidArgumentError(`fencingToken must be a positive integer, got ${fencingToken}.`);
  }
  const ttlMs = options.ttlMs ?? 0;
  if (!Number.isInteger(ttlMs) || ttlMs < 0) {
    throw new InvalidArgumentError(`ttlMs must be a non-negative integer, got ${ttlMs}.`);
  }
  const reply = await runScript(client, FENCED_SET, [key], [value, fencingToken, ttlMs]);
  const [written, fence] = Array.isArray(reply) ? reply.map(Number) : [0, 0];
  return { written: written === 1, fence: fence ?? 0 };
}

/** Reads a value written by {@link fencedSet}. */
export async function fencedGet(client: unknown, key: string): Promise<FencedValue> {
  const reply = await sendCommand(client, ['HMGET', key, 'value', 'fence']);
  const [value, fence] = Array.isArray(reply) ? reply : [];
  return {
    value: value === null || value === undefined ? null : String(value),
    fence: fence === null || fence === undefined ? 0 : Number(fence),
  };
}
