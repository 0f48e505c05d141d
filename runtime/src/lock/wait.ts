/** Small timing helpers shared by the lock primitives. */

/** Retry policy for acquiring a lock or repeating an optimistic update. */
export interface RetryOptions {
  /** Further attempts after the first one. `Infinity` waits until the signal aborts. */
  retries?: number;
  /** Base pause between attempts, in milliseconds. */
  delayMs?: number;
  /** A random 0..jitterMs is added to each pause, so contenders do not retry in lockstep. */
  jitterMs?: number;
}

/** The pause before the next attempt: `delayMs` plus a uniformly random `0..jitterMs`. */
export function retryDelay(delayMs: number, jitterMs: number): number {
  return delayMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
}

/**
 * Resolves after `ms`, or rejects with `onAbort()` as soon as `signal` aborts. Removes its listener either way.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
