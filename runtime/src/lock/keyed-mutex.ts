/**
 * In-process coordination per key: a mutex that serialises work on one key while other keys run in parallel, and
 * single-flight, where concurrent callers for one key share a single in-flight promise. State exists only while a
 * key is busy, so a process that touches millions of keys (one per user) does not keep one entry per key forever.
 */
import { InvalidArgumentError, LockAbortedError } from '../errors.js';

/** Options of `runExclusive`. */
export interface RunExclusiveOptions {
  /** Aborts waiting for the key (`ERR_LOCK_ABORTED`); does not interrupt `fn` once it runs. */
  signal?: AbortSignal;
}

/** An in-process keyed mutex with single-flight. Keys are compared with `Map` semantics (SameValueZero). */
export interface KeyedMutex<K = string> {
  /**
   * Runs `fn` when no other `runExclusive` call for `key` is running, in arrival order (FIFO). Different keys do
   * not wait for each other. Resolves or rejects with `fn`'s outcome.
   * @throws LockAbortedError (`ERR_LOCK_ABORTED`) when `signal` aborts while waiting.
   */
  runExclusive<T>(key: K, fn: () => Promise<T> | T, options?: RunExclusiveOptions): Promise<T>;
  /**
   * Calls `fn` unless a call for `key` is already in flight, in which case the caller gets that call's promise
   * (same value, same rejection). Once it settles, the next caller starts a new call: results are not cached.
   * Typical use: refresh an expired OAuth token once, not once per concurrent request.
   */
  singleFlight<T>(key: K, fn: () => Promise<T> | T): Promise<T>;
  /** Whether `key` has a running or waiting `runExclusive` call. */
  isLocked(key: K): boolean;
  /** Keys that currently hold state (mutex queues plus in-flight calls); 0 when idle. */
  readonly size: number;
}

interface Queue {
  /** Resolves when the last queued holder has finished. Never rejects. */
  tail: Promise<void>;
  /** Running plus waiting callers. The entry is deleted when this drops to 0. */
  users: number;
}

/**
 * Creates an in-process keyed mutex / single-flight group.
 *
 * @example
 * const refreshes = createKeyedMutex();
 * const token = await refreshes.singleFlight(userId, () => refreshAccessToken(userId));
 */
export function createKeyedMutex<K = string>(): KeyedMutex<K> {
  const queues = new Map<K, Queue>();
  const inFlight = new Map<K, Promise<unknown>>();

  async function runExclusive<T>(
    key: K,
    fn: () => Promise<T> | T,
    options: RunExclusiveOptions = {},
  ): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('runExclusive needs a function to run.');
    const { signal } = options;
    if (signal?.aborted) throw new LockAbortedError(String(key), { cause: signal.reason });

    let queue = queues.get(key);
    if (!queue) {
      queue = { tail: Promise.resolve(), users: 0 };
      queues.set(key, queue);
    }
    const entry = queue;
    entry.users++;
    const previous = entry.tail;
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    entry.tail = previous.then(() => mine);

    const leave = () => {
      done();
      entry.users--;
      if (entry.users === 0 && queues.get(key) === entry) queues.delete(key);
    };

    if (signal) {
      const turn = await new Promise<boolean>((resolve) => {
        const onAbort = () => resolve(false);
        signal.addEventListener('abort', onAbort, { once: true });
        void previous.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        });
      });
      if (!turn) {
        // Give up our place without letting the next caller overtake whoever runs now.
        entry.users--;
        void previous.then(() => {
          done();
          if (entry.users === 0 && queues.get(key) === entry) queues.delete(key);
        });
        throw new LockAbortedError(String(key), { cause: signal.reason });
      }
    } else {
      await previous;
    }

    try {
      return await fn();
    } finally {
      leave();
    }
  }

  function singleFlight<T>(key: K, fn: () => Promise<T> | T): Promise<T> {
    if (typeof fn !== 'function') {
      return Promise.reject(new InvalidArgumentError('singleFlight needs a function to run.'));
    }
    const existing = inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const shared: Promise<T> = Promise.resolve()
      .then(fn)
      .finally(() => {
        if (inFlight.get(key) === shared) inFlight.delete(key);
      });
    inFlight.set(key, shared);
    return shared;
  }

  return {
    runExclusive,
    singleFlight,
    isLocked: (key: K) => queues.has(key),
    get size() {
      return queues.size + inFlight.size;
    },
  };
}
