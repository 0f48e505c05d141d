/**
 * A single-instance Redis lock with fencing tokens: `SET key token NX PX ttl` plus `INCR` of a per-resource fence
 * counter in one Lua script, token-checked release and extension, automatic extension from the current expiry,
 * retry with jitter and AbortSignal support.
 */
import { InvalidArgumentError, LockAbortedError, LockLostError, LockTimeoutError } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import {
  createScriptRunner,
  isRedisClusterClient,
  isRedisLikeClient,
  type ScriptRunner,
} from '../internal/redis.js';
import { ACQUIRE, EXTEND, RELEASE } from './scripts.js';
import { newLockToken } from './token.js';
import { retryDelay, sleep, type RetryOptions } from './wait.js';

/** What `onLockLost` is told. */
export interface LockLostInfo {
  resource: string;
  fencingToken: number;
  error: LockLostError;
}

/** Options of {@link createRedisLock}; `ttlMs`, `retry`, `autoExtend` and `onLockLost` are per-call defaults. */
export interface RedisLockOptions {
  /** Namespace of lock keys: the key of resource `r` is `${prefix}${r}`. Default `'lock:'`. */
  prefix?: string;
  /**
   * Namespace of the fencing counters (`${fencePrefix}${r}`, never expire). Default `'fence:'`. Neither prefix may
   * start with the other, so a resource name can never make a lock key collide with a fence key.
   */
  fencePrefix?: string;
  /**
   * Wrap the resource in a Redis Cluster hash tag (`lock:{r}`, `fence:{r}`) so both keys of a script live in one
   * slot. Resource names may then not contain `{` or `}`. Default: `true` for a cluster client (ioredis `Cluster`,
   * node-redis `createCluster()`), `false` otherwise.
   */
  hashTag?: boolean;
  /** Lock time-to-live in milliseconds (integer ≥ 10). Default 10,000. */
  ttlMs?: number;
  /** Default retry policy: `{ retries: 20, delayMs: 100, jitterMs: 100 }`. */
  retry?: RetryOptions;
  /** Extend the lock every ttl/3 while it is held. Default `true`. */
  autoExtend?: boolean;
  /** Called once when a held lock is found lost. Exceptions it throws are ignored. */
  onLockLost?: (info: LockLostInfo) => void;
  /**
   * Called when the final release fails (e.g. the connection dropped); the lock then expires after its TTL.
   * Default: a process warning. Such a failure never fails `withLock`.
   */
  onReleaseError?: (error: unknown, resource: string) => void;
}

/** Options of one `acquire` / `withLock` call; unset fields fall back to the {@link RedisLockOptions}. */
export interface AcquireOptions {
  ttlMs?: number;
  retry?: RetryOptions;
  autoExtend?: boolean;
  onLockLost?: (info: LockLostInfo) => void;
  /**
   * Aborts waiting for the lock (`ERR_LOCK_ABORTED`). Once the lock is held, aborting it also aborts the
   * critical section's `signal` (with this signal's reason); the lock is still released as usual.
   */
  signal?: AbortSignal;
}

/** Options of `withLock`. */
export type WithLockOptions = AcquireOptions;

/** What the critical section of `withLock` receives. */
export interface LockContext {
  /**
   * Strictly increasing per resource (1, 2, 3, …; never reset by release), so storage can reject writes from a
   * holder that lost the lock without noticing: accept a write only if its token is ≥ the highest one seen.
   * A JavaScript number: exact up to 2^53 − 1 acquisitions of one resource.
   */
  readonly fencingToken: number;
  /** Aborted when the lock is lost (reason: a `LockLostError`) or the caller's signal aborts. */
  readonly signal: AbortSignal;
  /**
   * Resets the lock's expiry to `ms` from now (default: the lock's TTL).
   * @throws LockLostError when the lock is no longer ours.
   */
  extend(ms?: number): Promise<void>;
}

/** A held lock returned by `acquire`. Call `release()` in a `finally`. */
export interface LockHandle extends LockContext {
  readonly resource: string;
  /** Local, conservative estimate (epoch ms) of when the lock expires unless extended. */
  readonly expiresAt: number;
  /** Set once the lock is known to be lost. */
  readonly lost: LockLostError | undefined;
  /**
   * Stops automatic extension and deletes the lock if it still holds our token. Idempotent.
   * @returns whether the lock was still ours (false also marks it lost).
   */
  release(): Promise<boolean>;
}

/** A lock manager bound to one Redis client. */
export interface RedisLock {
  /** Acquires the lock on `resource`, retrying as configured. Prefer {@link RedisLock.withLock}. */
  acquire(resource: string, options?: AcquireOptions): Promise<LockHandle>;
  /**
   * Runs `fn` while holding the lock on `resource` and releases it afterwards, also when `fn` throws (its error
   * is rethrown).
   * @throws LockTimeoutError (`ERR_LOCK_TIMEOUT`) when the lock stayed taken through all retries.
   * @throws LockAbortedError (`ERR_LOCK_ABORTED`) when `signal` aborted the wait.
   * @throws LockLostError (`ERR_LOCK_LOST`) after `fn` settled, when the lock was lost while it ran (`cause` is
   *   `fn`'s error if it threw).
   */
  withLock<T>(
    resource: string,
    fn: (context: LockContext) => PromiseLike<T> | T,
    options?: WithLockOptions,
  ): Promise<T>;
  /** The Redis keys used for `resource`. */
  keys(resource: string): { lock: string; fence: string };
}

const DEFAULT_TTL_MS = 10_000;
const DEFAULT_RETRY: Required<RetryOptions> = { retries: 20, delayMs: 100, jitterMs: 100 };

/** Local validity: the server's expiry minus a clock-drift margin (1% + 2 ms, as Redlock), from the request start. */
const validUntil = (startedAt: number, ttlMs: number): number =>
  startedAt + ttlMs - (Math.ceil(ttlMs * 0.01) + 2);

function checkTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs < 10) {
    throw new InvalidArgumentError(`ttlMs must be an integer of at least 10 milliseconds, got ${ttlMs}.`);
  }
  return ttlMs;
}

function checkRetry(
  retry: RetryOptions | undefined,
  fallback: Required<RetryOptions>,
): Required<RetryOptions> {
  const merged = { ...fallback, ...retry };
  const { retries, delayMs, jitterMs } = merged;
  if (!(retries >= 0) || (!Number.isInteger(retries) && retries !== Infinity)) {
    throw new InvalidArgumentError(
      `retry.retries must be a non-negative integer or Infinity, got ${retries}.`,
    );
  }
  if (!(delayMs >= 0) || !(jitterMs >= 0) || !Number.isFinite(delayMs) || !Number.isFinite(jitterMs)) {
    throw new InvalidArgumentError('retry.delayMs and retry.jitterMs must be finite, non-negative numbers.');
  }
  return merged;
}

const isThenable = <T>(x: PromiseLike<T> | T): x is PromiseLike<T> =>
  (typeof x === 'object' || typeof x === 'function') &&
  x !== null &&
  typeof (x as { then?: unknown }).then === 'function';

const toPair = (reply: unknown): [number, number] => {
  if (!Array.isArray(reply) || reply.length !== 2) {
    throw new TypeError(`Unexpected reply from the lock script: ${String(reply)}`);
  }
  return [Number(reply[0]), Number(reply[1])];
};

interface LeaseSettings {
  run: ScriptRunner;
  resource: string;
  lockKey: string;
  token: string;
  fencingToken: number;
  ttlMs: number;
  startedAt: number;
  autoExtend: boolean;
  onLockLost: ((info: LockLostInfo) => void) | undefined;
  signal: AbortSignal | undefined;
}

/**
 * One held lock. A single timer serves both the next automatic extension and the local deadline (whichever is
 * due first), and the holder's AbortController is only created when someone reads `signal`: an abort that
 * happened before that is applied to it on creation, so what a reader observes is the same.
 */
class Lease implements LockHandle {
  readonly resource: string;
  readonly fencingToken: number;
  expiresAt: number;
  lost: LockLostError | undefined;
  readonly #settings: LeaseSettings;
  #controller: AbortController | undefined;
  #aborted = false;
  #abortReason: unknown;
  #released: Promise<boolean> | undefined;
  #started = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Epoch ms at which the next automatic extension is due; `Infinity` when none is scheduled. */
  #extendAt = Infinity;
  #onCallerAbort: (() => void) | undefined;

  constructor(settings: LeaseSettings) {
    this.#settings = settings;
    this.resource = settings.resource;
    this.fencingToken = settings.fencingToken;
    this.expiresAt = validUntil(settings.startedAt, settings.ttlMs);
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Arms the timer and links the caller's signal: from here on the lock is the caller's. */
  start(): void {
    this.#started = true;
    const { signal } = this.#settings;
    if (signal) {
      if (signal.aborted) this.#abort(signal.reason);
      else {
        this.#onCallerAbort = () => this.#abort(signal.reason);
        signal.addEventListener('abort', this.#onCallerAbort, { once: true });
      }
    }
    this.#arm();
  }

  extend = async (ms: number = this.#settings.ttlMs): Promise<void> => {
    checkTtl(ms);
    if (this.lost) throw this.lost;
    if (this.#released)
      throw new InvalidArgumentError(`The lock on "${this.resource}" was already released.`);
    const startedAt = Date.now();
    const reply = await this.#settings.run(EXTEND, [this.#settings.lockKey], [this.#settings.token, ms]);
    if (this.#released) return;
    if (Number(reply) === 1) {
      if (!this.lost) {
        this.expiresAt = validUntil(startedAt, ms);
        this.#arm();
      }
      return;
    }
    this.#markLost('it expired or another owner took it before it could be extended');
    throw this.lost;
  };

  release(): Promise<boolean> {
    this.#released ??= this.#release();
    return this.#released;
  }

  async #release(): Promise<boolean> {
    this.#clearTimer();
    this.#extendAt = Infinity;
    if (this.#onCallerAbort) this.#settings.signal?.removeEventListener('abort', this.#onCallerAbort);
    const { run, lockKey, token } = this.#settings;
    const reply = await run(RELEASE, [lockKey], [token]);
    const stillOurs = Number(reply) === 1;
    // A lock never handed out (given back during acquisition) cannot be "lost" by anyone.
    if (!stillOurs && this.#started) {
      this.#markLost('it was no longer held when released (it expired or another owner took it)');
    }
    return stillOurs;
  }

  /**
   * (Re)schedules from the current expiry: the deadline watchdog and, if enabled, the next extension, due once a
   * third of the TTL has passed since the last successful extension (i.e. when two thirds remain).
   */
  #arm(): void {
    if (this.#settings.autoExtend) {
      this.#extendAt = Math.max(Date.now(), this.expiresAt - (this.#settings.ttlMs * 2) / 3);
    }
    this.#schedule();
  }

  /** Points the one timer at the earlier of the next extension and the deadline. */
  #schedule(): void {
    this.#clearTimer();
    const now = Date.now();
    const extendIn = this.#extendAt - now;
    const deadlineIn = this.expiresAt - now;
    this.#timer =
      extendIn < deadlineIn
        ? setTimeout(Lease.#onExtendDue, Math.max(0, extendIn), this)
        : setTimeout(Lease.#onDeadline, Math.max(0, deadlineIn), this);
    this.#timer.unref?.();
  }

  /** Timer callbacks are static (the lease is the timer's argument): no closures per lock. */
  static #onDeadline(lease: Lease): void {
    lease.#timer = undefined;
    lease.#markLost('its TTL ran out before it was extended');
  }

  static #onExtendDue(lease: Lease): void {
    lease.#timer = undefined;
    lease.#extendAt = Infinity;
    lease.extend().catch(() => {
      // Lost: already recorded by extend(). A transport error: try again soon; the deadline watchdog declares
      // the lock lost if no extension gets through in time.
      if (!lease.lost && !lease.#released) {
        const now = Date.now();
        lease.#extendAt = now + Math.min(lease.#settings.ttlMs / 10, Math.max(0, lease.expiresAt - now));
        lease.#schedule();
      }
    });
    // Until the extension answers, the deadline watchdog stands.
    if (!lease.lost && !lease.#released) lease.#schedule();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  #markLost(reason: string): void {
    if (this.lost) return;
    this.lost = new LockLostError(this.resource, reason);
    this.#clearTimer();
    this.#extendAt = Infinity;
    this.#abort(this.lost);
    runtimeAudit()?.emit({
      type: 'lock.lost',
      target: this.resource,
      reason,
      details: { fence: this.fencingToken },
    });
    try {
      this.#settings.onLockLost?.({
        resource: this.resource,
        fencingToken: this.fencingToken,
        error: this.lost,
      });
    } catch {
      // A throwing callback must not turn into an uncaught exception in a timer.
    }
  }
}

/**
 * Creates a lock manager on one Redis server. `client` is an ioredis or node-redis v4/v5 client, recognised by
 * shape. Single-instance semantics: see the guarantees in the docs (use the fencing token for correctness).
 *
 * @example
 * const locks = createRedisLock(redis);
 * await locks.withLock(`invoice:${id}`, async ({ fencingToken, signal }) => {
 *   await db.invoices.update(id, data, { fencingToken, signal });
 * });
 */
export function createRedisLock(client: unknown, options: RedisLockOptions = {}): RedisLock {
  if (!isRedisLikeClient(client)) {
    throw new InvalidArgumentError(
      'createRedisLock expects a Redis client (ioredis Redis or Cluster, or node-redis v4/v5 createClient() or createCluster()).',
    );
  }
  const run = createScriptRunner(client);
  const prefix = options.prefix ?? 'lock:';
  const fencePrefix = options.fencePrefix ?? 'fence:';
  if (prefix.startsWith(fencePrefix) || fencePrefix.startsWith(prefix)) {
    throw new InvalidArgumentError(
      `prefix "${prefix}" and fencePrefix "${fencePrefix}" must be distinct namespaces (neither may start with the other).`,
    );
  }
  // On a cluster both keys of the acquire script must share a slot, or Redis answers CROSSSLOT.
  const hashTag = options.hashTag ?? isRedisClusterClient(client);
  const defaultTtl = checkTtl(options.ttlMs ?? DEFAULT_TTL_MS);
  const defaultRetry = checkRetry(options.retry, DEFAULT_RETRY);
  const onReleaseError =
    options.onReleaseError ??
    ((error: unknown, resource: string) =>
      process.emitWarning(
        `Releasing the lock on "${resource}" failed (${String(error)}); it expires after its TTL.`,
        'SecureMigrateLockWarning',
      ));

  const keys = (resource: string) => {
    if (typeof resource !== 'string' || resource === '') {
      throw new InvalidArgumentError('A lock resource must be a non-empty string.');
    }
    if (hashTag && /[{}]/.test(resource)) {
      throw new InvalidArgumentError(`With hashTag, a resource may not contain "{" or "}": "${resource}".`);
    }
    const name = hashTag ? `{${resource}}` : resource;
    return { lock: `${prefix}${name}`, fence: `${fencePrefix}${name}` };
  };

  async function acquire(resource: string, call: AcquireOptions = {}): Promise<LockHandle> {
    const { lock: lockKey, fence: fenceKey } = keys(resource);
    const ttlMs = checkTtl(call.ttlMs ?? defaultTtl);
    const { retries, delayMs, jitterMs } =
      call.retry === undefined ? defaultRetry : checkRetry(call.retry, defaultRetry);
    const { signal } = call;
    const aborted = () => new LockAbortedError(resource, { cause: signal?.reason });
    const token = newLockToken();

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw aborted();
      const startedAt = Date.now();
      const [fencingToken] = toPair(await run(ACQUIRE, [lockKey, fenceKey], [token, ttlMs]));
      if (fencingToken > 0) {
        const lease = new Lease({
          run,
          resource,
          lockKey,
          token,
          fencingToken,
          ttlMs,
          startedAt,
          autoExtend: call.autoExtend ?? options.autoExtend ?? true,
          onLockLost: call.onLockLost ?? options.onLockLost,
          signal,
        });
        if (signal?.aborted) {
          await lease.release();
          throw aborted();
        }
        // A reply that took longer than the TTL leaves nothing valid to hold: give it back and count a miss.
        if (lease.expiresAt > Date.now()) {
          lease.start();
          return lease;
        }
        await lease.release();
      }
      if (attempt > retries) throw new LockTimeoutError(resource, attempt);
      await sleep(retryDelay(delayMs, jitterMs), signal, aborted);
    }
  }

  async function withLock<T>(
    resource: string,
    fn: (context: LockContext) => PromiseLike<T> | T,
    call: WithLockOptions = {},
  ): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('withLock needs a function to run.');
    const lease = await acquire(resource, call);
    const context: LockContext = {
      fencingToken: lease.fencingToken,
      // Read lazily: the abort controller behind it is only created for a critical section that uses it.
      get signal() {
        return lease.signal;
      },
      extend: lease.extend,
    };
    let result: T | undefined;
    let failed = false;
    let failure: unknown;
    try {
      const out = fn(context);
      // A synchronous result needs no extra trip through the microtask queue.
      result = isThenable(out) ? await out : out;
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      try {
        await lease.release();
      } catch (error) {
        try {
          onReleaseError(error, resource);
        } catch {
          // The release error handler must not mask the critical section's outcome.
        }
      }
    }
    if (lease.lost) {
      throw failed ? new LockLostError(resource, lease.lost.reason, { cause: failure }) : lease.lost;
    }
    if (failed) throw failure;
    return result as T;
  }

  return { acquire, withLock, keys };
}
