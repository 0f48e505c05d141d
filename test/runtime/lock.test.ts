import { createRedisLock, fencedGet, fencedSet, type LockLostInfo } from '@secure-migrate/runtime/lock';
import { SecureMigrateError } from '@secure-migrate/runtime/errors';
import { describeWithRedis, useRedisServer } from '../helpers/redis.js';
import { clientKinds, connectMany, delay, type TestClient } from './lock-clients.js';

const codeOf = (error: unknown) => (error instanceof SecureMigrateError ? error.code : error);

describeWithRedis('runtime/lock: Redis lock', () => {
  const server = useRedisServer();

  describe.each(clientKinds)('with $name', (kind) => {
    let a: TestClient;
    let b: TestClient;
    let run = 0;
    // A fresh resource name per test, so tests never see each other's keys.
    const resource = (name: string) => `${kind.name}:${name}:${++run}`;

    beforeAll(async () => {
      [a, b] = (await connectMany(kind, server.url, 2)) as [TestClient, TestClient];
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('loses no update of a non-atomic read-modify-write across 20 concurrent connections', async () => {
      const workers = await connectMany(kind, server.url, 20);
      const perWorker = 8;
      const counter = resource('counter');
      const name = resource('counter-lock');
      try {
        await a.raw('SET', counter, '0');
        await Promise.all(
          workers.map(async (w) => {
            const locks = createRedisLock(w.client, {
              ttlMs: 2_000,
              retry: { retries: 10_000, delayMs: 1, jitterMs: 4 },
            });
            for (let i = 0; i < perWorker; i++) {
              await locks.withLock(name, async () => {
                const current = Number(await w.raw('GET', counter));
                await delay(0);
                await w.raw('SET', counter, String(current + 1));
              });
            }
          }),
        );
        expect(Number(await a.raw('GET', counter))).toBe(workers.length * perWorker);

        // The same work without the lock, printed only: it shows why the lock matters, but a race is not a test.
        const unlocked = resource('unlocked');
        await a.raw('SET', unlocked, '0');
        await Promise.all(
          workers.map(async (w) => {
            for (let i = 0; i < perWorker; i++) {
              const current = Number(await w.raw('GET', unlocked));
              await delay(0);
              await w.raw('SET', unlocked, String(current + 1));
            }
          }),
        );
        console.log(
          `[${kind.name}] without the lock: ${String(await a.raw('GET', unlocked))} of ${workers.length * perWorker} increments survived`,
        );
      } finally {
        await Promise.all(workers.map((w) => w.close()));
      }
    });

    it('mints fencing tokens 1, 2, 3… per resource with SET NX PX, and release does not reset them', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('fence');
      const tokens: number[] = [];
      for (let i = 0; i < 3; i++) {
        await locks.withLock(name, async ({ fencingToken }) => {
          tokens.push(fencingToken);
          const key = locks.keys(name).lock;
          expect(await a.raw('EXISTS', key)).toBe(1);
          const pttl = Number(await a.raw('PTTL', key));
          expect(pttl).toBeGreaterThan(9_000);
          expect(pttl).toBeLessThanOrEqual(10_000);
          expect(String(await a.raw('GET', key))).toMatch(/^[0-9a-f]{32}$/);
        });
      }
      expect(tokens).toEqual([1, 2, 3]);
      expect(await a.raw('EXISTS', locks.keys(name).lock)).toBe(0);
      expect(Number(await a.raw('PTTL', locks.keys(name).fence))).toBe(-1);
      const other = resource('fence-other');
      expect(await locks.withLock(other, ({ fencingToken }) => fencingToken)).toBe(1);
    });

    it('namespaces keys with the prefix options and rejects overlapping namespaces', async () => {
      const locks = createRedisLock(a.client, { prefix: 'app:lock:', fencePrefix: 'app:fence:' });
      const name = resource('ns');
      await locks.withLock(name, async () => {
        expect(await a.raw('EXISTS', `app:lock:${name}`)).toBe(1);
      });
      expect(await a.raw('GET', `app:fence:${name}`)).toBe('1');
      const tagged = createRedisLock(a.client, { hashTag: true });
      expect(tagged.keys('user:1')).toEqual({ lock: 'lock:{user:1}', fence: 'fence:{user:1}' });
      expect(() => tagged.keys('a{b}')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
      expect(() => createRedisLock(a.client, { prefix: 'x:', fencePrefix: 'x:fence:' })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
      expect(() => createRedisLock({})).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
      await expect(locks.withLock('', () => 1)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
      await expect(locks.withLock(name, () => 1, { ttlMs: 5 })).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    });

    it('releases in finally and rethrows the critical section error', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('throws');
      const boom = new Error('boom');
      await expect(
        locks.withLock(name, () => {
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await a.raw('EXISTS', locks.keys(name).lock)).toBe(0);
    });

    it('returns synchronous results, awaits thenables, and releases only after a thenable settled', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('results');
      expect(await locks.withLock(name, () => 7)).toBe(7);
      let heldWhileSettling: unknown;
      const thenable: PromiseLike<string> = {
        then(resolve, reject) {
          return a
            .raw('EXISTS', locks.keys(name).lock)
            .then((exists) => {
              heldWhileSettling = exists;
              return 'from thenable';
            })
            .then(resolve, reject);
        },
      };
      expect(await locks.withLock(name, () => thenable)).toBe('from thenable');
      expect(heldWhileSettling).toBe(1);
      expect(await a.raw('EXISTS', locks.keys(name).lock)).toBe(0);
    });

    it('gives up with ERR_LOCK_TIMEOUT naming the resource and the attempts', async () => {
      const holder = createRedisLock(a.client);
      const waiter = createRedisLock(b.client);
      const name = resource('timeout');
      const handle = await holder.acquire(name, { ttlMs: 2_000 });
      try {
        const error = await waiter
          .withLock(name, () => 'never', { retry: { retries: 2, delayMs: 10, jitterMs: 5 } })
          .catch((e: unknown) => e);
        expect(codeOf(error)).toBe('ERR_LOCK_TIMEOUT');
        expect(error).toMatchObject({ resource: name, attempts: 3 });
        expect((error as Error).message).toContain(`"${name}"`);
        expect((error as Error).message).toContain('3 attempts');
      } finally {
        expect(await handle.release()).toBe(true);
      }
    });

    it('aborts waiting through an AbortSignal with ERR_LOCK_ABORTED', async () => {
      const holder = createRedisLock(a.client);
      const waiter = createRedisLock(b.client);
      const name = resource('abort');
      const handle = await holder.acquire(name, { ttlMs: 2_000 });
      try {
        const controller = new AbortController();
        const reason = new Error('request cancelled');
        setTimeout(() => controller.abort(reason), 60);
        const started = Date.now();
        const error = await waiter
          .withLock(name, () => 'never', {
            signal: controller.signal,
            retry: { retries: Infinity, delayMs: 20, jitterMs: 0 },
          })
          .catch((e: unknown) => e);
        expect(codeOf(error)).toBe('ERR_LOCK_ABORTED');
        expect((error as Error).cause).toBe(reason);
        expect(Date.now() - started).toBeLessThan(1_500);

        const already = AbortSignal.abort();
        await expect(waiter.withLock(resource('free'), () => 1, { signal: already })).rejects.toMatchObject({
          code: 'ERR_LOCK_ABORTED',
        });
      } finally {
        await handle.release();
      }
    });

    it('gives back a lock granted after the signal aborted mid-request', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('abort-in-flight');
      const controller = new AbortController();
      const pending = locks.acquire(name, { signal: controller.signal });
      controller.abort(); // the acquire script is already on its way
      await expect(pending).rejects.toMatchObject({ code: 'ERR_LOCK_ABORTED' });
      expect(await a.raw('GET', locks.keys(name).fence)).toBe('1'); // it was granted…
      expect(await a.raw('EXISTS', locks.keys(name).lock)).toBe(0); // …and released
    });

    it('passes a caller abort during the critical section to its signal and still releases', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('caller-abort');
      const controller = new AbortController();
      const result = await locks.withLock(
        name,
        async ({ signal }) => {
          controller.abort(new Error('shutdown'));
          return { aborted: signal.aborted, reason: (signal.reason as Error).message };
        },
        { signal: controller.signal },
      );
      expect(result).toEqual({ aborted: true, reason: 'shutdown' });
      expect(await a.raw('EXISTS', locks.keys(name).lock)).toBe(0);
    });

    it('hands out a signal read only after the caller aborted already aborted, with the caller reason', async () => {
      const locks = createRedisLock(a.client);
      const controller = new AbortController();
      const reason = new Error('shutdown');
      const handle = await locks.acquire(resource('late-signal-caller'), { signal: controller.signal });
      controller.abort(reason);
      controller.abort(new Error('second abort is ignored'));
      const { signal } = handle;
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(reason);
      expect(handle.signal).toBe(signal);
      expect(await handle.release()).toBe(true);
      expect(handle.lost).toBeUndefined();
    });

    it('hands out a signal read only after the lock was lost already aborted, with the LockLostError', async () => {
      const lost: LockLostInfo[] = [];
      const locks = createRedisLock(a.client, { autoExtend: false, onLockLost: (info) => lost.push(info) });
      const name = resource('late-signal-lost');
      const handle = await locks.acquire(name, { ttlMs: 40 });
      await delay(80);
      expect(lost).toHaveLength(1);
      const { signal } = handle;
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(handle.lost);
      expect(signal.reason).toMatchObject({ code: 'ERR_LOCK_LOST', resource: name });
      expect(await handle.release()).toBe(false);
      expect(lost).toHaveLength(1);
    });

    it('uses a fresh random 128-bit token for every acquisition', async () => {
      const locks = createRedisLock(a.client);
      const name = resource('tokens');
      const tokens = new Set<string>();
      // More acquisitions than one pooled batch of random bytes holds.
      for (let i = 0; i < 300; i++) {
        const handle = await locks.acquire(name);
        tokens.add(String(await a.raw('GET', locks.keys(name).lock)));
        expect(await handle.release()).toBe(true);
      }
      expect(tokens.size).toBe(300);
      for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
    });

    it('keeps the lock alive across several TTLs by extending from the current expiry', async () => {
      const holder = createRedisLock(a.client);
      const rival = createRedisLock(b.client);
      const name = resource('extend');
      const ttlMs = 300;
      const outcome = await holder.withLock(
        name,
        async ({ signal }) => {
          const seen: string[] = [];
          for (let i = 0; i < 4; i++) {
            await delay(ttlMs * 0.75);
            const attempt = await rival
              .withLock(name, () => 'stolen', { retry: { retries: 0 } })
              .catch((e: unknown) => codeOf(e));
            seen.push(String(attempt));
          }
          return { seen, aborted: signal.aborted, pttl: Number(await a.raw('PTTL', holder.keys(name).lock)) };
        },
        { ttlMs },
      );
      expect(outcome.seen).toEqual([
        'ERR_LOCK_TIMEOUT',
        'ERR_LOCK_TIMEOUT',
        'ERR_LOCK_TIMEOUT',
        'ERR_LOCK_TIMEOUT',
      ]);
      expect(outcome.aborted).toBe(false);
      expect(outcome.pttl).toBeGreaterThan(0);
      expect(await a.raw('EXISTS', holder.keys(name).lock)).toBe(0);
    });

    it('extends on demand with extend(ms)', async () => {
      const locks = createRedisLock(a.client, { autoExtend: false });
      const name = resource('manual-extend');
      await locks.withLock(
        name,
        async ({ extend }) => {
          await extend(5_000);
          expect(Number(await a.raw('PTTL', locks.keys(name).lock))).toBeGreaterThan(4_000);
        },
        { ttlMs: 300 },
      );
    });

    it('detects a lock taken over during the critical section: aborts its signal, calls onLockLost, rejects ERR_LOCK_LOST', async () => {
      const lost: LockLostInfo[] = [];
      const locks = createRedisLock(a.client, { onLockLost: (info) => lost.push(info) });
      const name = resource('stolen');
      const cause = new Error('aborted by the lock');
      const error = await locks
        .withLock(
          name,
          async ({ signal, fencingToken }) => {
            // Someone else's token replaces ours (as after an expiry and a new acquisition).
            await b.raw('SET', locks.keys(name).lock, 'someone-else', 'PX', '5000');
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            expect(signal.reason).toMatchObject({ code: 'ERR_LOCK_LOST' });
            expect(fencingToken).toBe(1);
            throw cause;
          },
          { ttlMs: 300 },
        )
        .catch((e: unknown) => e);
      expect(codeOf(error)).toBe('ERR_LOCK_LOST');
      expect((error as Error).cause).toBe(cause);
      expect((error as Error).message).toContain('before it could be extended');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ resource: name, fencingToken: 1 });
      // The other owner's lock was not touched by our release.
      expect(await a.raw('GET', locks.keys(name).lock)).toBe('someone-else');
    });

    it('fences off a holder that stalled past its TTL: the next holder gets a higher token and the stale write is refused', async () => {
      const stale = createRedisLock(a.client, { autoExtend: false });
      const fresh = createRedisLock(b.client);
      const name = resource('stall');
      const dataKey = resource('stall-data');
      let staleToken = 0;
      let freshToken = 0;
      let staleWrite: { written: boolean; fence: number } | undefined;
      let staleSignalAborted = false;
      let freshDone!: () => void;
      const freshFinished = new Promise<void>((resolve) => (freshDone = resolve));

      const stalled = stale.withLock(
        name,
        async ({ fencingToken, signal }) => {
          staleToken = fencingToken;
          await freshFinished; // a long GC pause, a slow disk, a stopped VM…
          staleSignalAborted = signal.aborted;
          staleWrite = await fencedSet(a.client, dataKey, 'from the stale holder', fencingToken);
        },
        { ttlMs: 200 },
      );
      const lateResult = stalled.catch((e: unknown) => e);

      await fresh.withLock(
        name,
        async ({ fencingToken }) => {
          freshToken = fencingToken;
          expect(await fencedSet(b.client, dataKey, 'from the new holder', fencingToken)).toEqual({
            written: true,
            fence: fencingToken,
          });
        },
        { retry: { retries: 200, delayMs: 10, jitterMs: 10 } },
      );
      freshDone();

      expect(codeOf(await lateResult)).toBe('ERR_LOCK_LOST');
      expect(freshToken).toBeGreaterThan(staleToken);
      expect(staleSignalAborted).toBe(true);
      expect(staleWrite).toEqual({ written: false, fence: freshToken });
      expect(await fencedGet(a.client, dataKey)).toEqual({ value: 'from the new holder', fence: freshToken });
    });

    it('lets a non-owner release do nothing', async () => {
      const first = createRedisLock(a.client, { autoExtend: false });
      const second = createRedisLock(b.client);
      const name = resource('non-owner');
      const expired = await first.acquire(name, { ttlMs: 50 });
      await delay(80);
      const current = await second.acquire(name, { retry: { retries: 20, delayMs: 10 } });
      try {
        const ownerToken = await a.raw('GET', second.keys(name).lock);
        expect(await expired.release()).toBe(false);
        expect(expired.lost).toMatchObject({ code: 'ERR_LOCK_LOST' });
        expect(await a.raw('GET', second.keys(name).lock)).toBe(ownerToken);
        expect(current.lost).toBeUndefined();
      } finally {
        expect(await current.release()).toBe(true);
      }
      expect(await current.release()).toBe(true); // idempotent: the same answer, no second DEL
    });

    it('survives a throwing onLockLost callback', async () => {
      const locks = createRedisLock(a.client, {
        onLockLost: () => {
          throw new Error('callback bug');
        },
      });
      const name = resource('throwing-callback');
      await expect(
        locks.withLock(
          name,
          async ({ signal }) => {
            await b.raw('DEL', locks.keys(name).lock);
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            return 'done';
          },
          { ttlMs: 150 },
        ),
      ).rejects.toMatchObject({ code: 'ERR_LOCK_LOST' });
    });

    it('learns from its deadline that the lock is lost when its connection drops, and reports the failed release', async () => {
      const own = await kind.connect(server.url);
      const releaseErrors: string[] = [];
      const locks = createRedisLock(own.client, {
        onReleaseError: (_error, name) => releaseErrors.push(name),
      });
      const name = resource('dropped');
      const error = await locks
        .withLock(
          name,
          async ({ signal }) => {
            await own.close();
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            return (signal.reason as Error).message;
          },
          { ttlMs: 200 },
        )
        .catch((e: unknown) => e);
      expect(codeOf(error)).toBe('ERR_LOCK_LOST');
      expect((error as Error).message).toContain('TTL ran out');
      expect(releaseErrors).toEqual([name]);
    });

    it('rejects ERR_LOCK_LOST when the critical section succeeded but outlived a non-extended lock', async () => {
      const locks = createRedisLock(a.client, { autoExtend: false });
      const name = resource('outlived');
      await expect(locks.withLock(name, () => delay(120), { ttlMs: 50 })).rejects.toMatchObject({
        code: 'ERR_LOCK_LOST',
        resource: name,
      });
    });
  });
});
