import { createKeyedMutex } from '@secure-migrate/runtime/lock';

const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise with its resolve function, to control when a critical section ends. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('runtime/lock: keyed mutex', () => {
  it('serialises calls for one key in arrival order', async () => {
    const mutex = createKeyedMutex();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        mutex.runExclusive('user:1', async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await tick(Math.random() * 3);
          order.push(i);
          running--;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(mutex.size).toBe(0);
  });

  it('runs different keys in parallel', async () => {
    const mutex = createKeyedMutex();
    const both = gate();
    let started = 0;
    const enter = async () => {
      if (++started === 2) both.open();
      await both.promise; // would never resolve if key b had to wait for key a
    };
    await Promise.all([mutex.runExclusive('a', enter), mutex.runExclusive('b', enter)]);
    expect(started).toBe(2);
    expect(mutex.size).toBe(0);
  });

  it('passes results and errors through and keeps the queue moving after an error', async () => {
    const mutex = createKeyedMutex();
    const boom = new Error('boom');
    const first = mutex.runExclusive('k', () => {
      throw boom;
    });
    const second = mutex.runExclusive('k', async () => 42);
    await expect(first).rejects.toBe(boom);
    await expect(second).resolves.toBe(42);
    expect(mutex.size).toBe(0);
  });

  it('frees per-key state when idle: 1,000 distinct keys leave size 0', async () => {
    const mutex = createKeyedMutex<number>();
    const hold = gate();
    const calls = Array.from({ length: 1_000 }, (_, user) => mutex.runExclusive(user, () => hold.promise));
    expect(mutex.size).toBe(1_000);
    expect(mutex.isLocked(7)).toBe(true);
    hold.open();
    await Promise.all(calls);
    expect(mutex.size).toBe(0);
    expect(mutex.isLocked(7)).toBe(false);
  });

  it('aborts a waiter with ERR_LOCK_ABORTED without letting the next waiter overtake the holder', async () => {
    const mutex = createKeyedMutex();
    const hold = gate();
    const events: string[] = [];
    const holder = mutex.runExclusive('k', async () => {
      events.push('holder start');
      await hold.promise;
      events.push('holder end');
    });
    const controller = new AbortController();
    const aborted = mutex.runExclusive('k', () => events.push('aborted ran'), { signal: controller.signal });
    const next = mutex.runExclusive('k', () => events.push('next ran'));
    await tick();
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toMatchObject({ code: 'ERR_LOCK_ABORTED', resource: 'k' });
    await tick(5);
    expect(events).toEqual(['holder start']);
    hold.open();
    await Promise.all([holder, next]);
    expect(events).toEqual(['holder start', 'holder end', 'next ran']);
    expect(mutex.size).toBe(0);

    await expect(mutex.runExclusive('k', () => 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ERR_LOCK_ABORTED',
    });
    expect(mutex.size).toBe(0);
  });

  it('single-flight: concurrent callers share one call, later callers start a new one', async () => {
    const mutex = createKeyedMutex();
    let refreshes = 0;
    const refresh = async () => {
      const n = ++refreshes;
      await tick(5);
      return `token-${n}`;
    };
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => mutex.singleFlight('oauth:user:1', refresh)),
    );
    expect(refreshes).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(mutex.size).toBe(0);

    expect(await mutex.singleFlight('oauth:user:1', refresh)).toBe('token-2');
    const [x, y] = await Promise.all([
      mutex.singleFlight('oauth:user:2', refresh),
      mutex.singleFlight('oauth:user:3', refresh),
    ]);
    expect([x, y].sort()).toEqual(['token-3', 'token-4'].sort());
    expect(mutex.size).toBe(0);
  });

  it('single-flight shares a rejection and then lets the next call retry', async () => {
    const mutex = createKeyedMutex();
    let calls = 0;
    const failing = async () => {
      calls++;
      await tick();
      throw new Error('idp down');
    };
    const results = await Promise.allSettled([
      mutex.singleFlight('k', failing),
      mutex.singleFlight('k', failing),
    ]);
    expect(calls).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(mutex.size).toBe(0);
    await expect(mutex.singleFlight('k', () => 'ok')).resolves.toBe('ok');
    expect(calls).toBe(1);
    // A synchronous throw becomes a rejection too, and leaves no state behind.
    await expect(
      mutex.singleFlight('sync', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(mutex.size).toBe(0);
  });
});
