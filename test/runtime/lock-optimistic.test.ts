import {
  compareAndSet,
  getVersioned,
  optimisticUpdate,
  versionedRowUpdated,
} from '@secure-migrate/runtime/lock';
import { describeWithRedis, useRedisServer } from '../helpers/redis.js';
import { clientKinds, connectMany, type TestClient } from './lock-clients.js';

describeWithRedis('runtime/lock: compareAndSet on Redis', () => {
  const server = useRedisServer();

  describe.each(clientKinds)('with $name', (kind) => {
    let a: TestClient;
    let run = 0;
    const key = (name: string) => `cas:${kind.name}:${name}:${++run}`;

    beforeAll(async () => {
      a = await kind.connect(server.url);
    });
    afterAll(async () => {
      await a?.close();
    });

    it('creates, reads and versions a value', async () => {
      const k = key('basic');
      expect(await getVersioned(a.client, k)).toEqual({ value: null, version: 0 });
      const seen: Array<[string | null, number]> = [];
      const first = await compareAndSet(a.client, k, (current, version) => {
        seen.push([current, version]);
        return 'v1';
      });
      expect(first).toEqual({ updated: true, value: 'v1', version: 1, attempts: 1 });
      const second = await compareAndSet(a.client, k, (current, version) => {
        seen.push([current, version]);
        return `${current}+v2`;
      });
      expect(second).toEqual({ updated: true, value: 'v1+v2', version: 2, attempts: 1 });
      expect(seen).toEqual([
        [null, 0],
        ['v1', 1],
      ]);
      expect(await getVersioned(a.client, k)).toEqual({ value: 'v1+v2', version: 2 });
    });

    it('writes nothing when update returns undefined, and sets the TTL when asked', async () => {
      const k = key('noop');
      await compareAndSet(a.client, k, () => 'x', { ttlMs: 60_000 });
      const pttl = Number(await a.raw('PTTL', k));
      expect(pttl).toBeGreaterThan(50_000);
      const result = await compareAndSet(a.client, k, () => undefined);
      expect(result).toEqual({ updated: false, value: 'x', version: 1, attempts: 1 });
      expect(await getVersioned(a.client, k)).toEqual({ value: 'x', version: 1 });
    });

    it('loses no increment under contention from 10 connections', async () => {
      const k = key('counter');
      const workers = await connectMany(kind, server.url, 10);
      const perWorker = 10;
      let attempts = 0;
      try {
        await Promise.all(
          workers.map(async (w) => {
            for (let i = 0; i < perWorker; i++) {
              const r = await compareAndSet(w.client, k, (current) => String(Number(current ?? '0') + 1), {
                retry: { retries: 1_000, delayMs: 0, jitterMs: 2 },
              });
              attempts += r.attempts;
            }
          }),
        );
      } finally {
        await Promise.all(workers.map((w) => w.close()));
      }
      const total = workers.length * perWorker;
      expect(await getVersioned(a.client, k)).toEqual({ value: String(total), version: total });
      expect(attempts).toBeGreaterThanOrEqual(total);
      console.log(
        `[${kind.name}] CAS: ${total} increments took ${attempts} attempts (${attempts - total} conflicts)`,
      );
    });

    it('gives up with ERR_CAS_CONFLICT after the bounded retries', async () => {
      const k = key('conflict');
      await compareAndSet(a.client, k, () => '0');
      let calls = 0;
      const error = await compareAndSet(
        a.client,
        k,
        (current) => {
          calls++;
          // A concurrent writer bumps the version between our read and our write, every time. Sent on the same
          // connection, it is guaranteed to reach the server before our conditional write.
          void a.raw('HINCRBY', k, 'version', '1');
          return `${current}!`;
        },
        { retry: { retries: 2, delayMs: 0, jitterMs: 0 } },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_CAS_CONFLICT', key: k, attempts: 3 });
      expect(calls).toBe(3);
      expect(await getVersioned(a.client, k)).toEqual({ value: '0', version: 4 });
    });

    it('validates its arguments', async () => {
      await expect(compareAndSet({}, 'k', () => 'x')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
      await expect(compareAndSet(a.client, key('bad'), () => 42 as unknown as string)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    });
  });
});

/**
 * A fake SQL executor for a single `accounts` table, good enough to show the version-column pattern: it answers
 * exactly the two statements below and yields between calls so that concurrent updates interleave.
 */
function fakeAccounts(initial: Record<string, { balance: number; version: number }>) {
  const rows = new Map(Object.entries(initial).map(([id, row]) => [id, { ...row }]));
  const select = 'SELECT balance, version FROM accounts WHERE id = $1';
  const update = 'UPDATE accounts SET balance = $1, version = version + 1 WHERE id = $2 AND version = $3';
  async function execute(sql: string, params: unknown[]): Promise<{ rows: unknown[]; rowCount: number }> {
    await new Promise((resolve) => setImmediate(resolve));
    if (sql === select) {
      const row = rows.get(String(params[0]));
      return { rows: row ? [{ ...row }] : [], rowCount: row ? 1 : 0 };
    }
    if (sql === update) {
      const [balance, id, version] = params as [number, string, number];
      const row = rows.get(id);
      if (!row || row.version !== version) return { rows: [], rowCount: 0 };
      row.balance = balance;
      row.version += 1;
      return { rows: [], rowCount: 1 };
    }
    throw new Error(`unexpected SQL: ${sql}`);
  }
  return { rows, execute, select, update };
}

describe('runtime/lock: optimistic updates of SQL rows (fake executor)', () => {
  it('applies every concurrent withdrawal exactly once through the version column', async () => {
    const db = fakeAccounts({ acc1: { balance: 1_000, version: 1 } });
    const withdraw = (amount: number) =>
      optimisticUpdate<number, number>({
        name: 'accounts:acc1',
        load: async () => {
          const { rows } = await db.execute(db.select, ['acc1']);
          const row = rows[0] as { balance: number; version: number };
          return { value: row.balance, version: row.version };
        },
        update: (balance) => (balance >= amount ? balance - amount : undefined),
        save: async (balance, version) =>
          versionedRowUpdated(await db.execute(db.update, [balance, 'acc1', version])) && {
            version: version + 1,
          },
        retry: { retries: 50, delayMs: 0, jitterMs: 1 },
      });
    const results = await Promise.all(Array.from({ length: 12 }, () => withdraw(100)));
    expect(results.filter((r) => r.updated)).toHaveLength(10);
    expect(results.filter((r) => !r.updated)).toHaveLength(2); // insufficient funds: no write
    expect(db.rows.get('acc1')).toEqual({ balance: 0, version: 11 });
    expect(results.some((r) => r.attempts > 1)).toBe(true);
  });

  it('throws ERR_CAS_CONFLICT after the retries and passes an abort through', async () => {
    let saves = 0;
    const options = {
      name: 'row:1',
      load: async () => ({ value: 1, version: 1 }),
      update: (v: number) => v + 1,
      save: async () => {
        saves++;
        return false as const;
      },
      retry: { retries: 4, delayMs: 0, jitterMs: 0 },
    };
    await expect(optimisticUpdate(options)).rejects.toMatchObject({ code: 'ERR_CAS_CONFLICT', attempts: 5 });
    expect(saves).toBe(5);
    const reason = new Error('stop');
    await expect(optimisticUpdate({ ...options, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(optimisticUpdate({ ...options, retry: { retries: -1 } })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('reads the row count of common drivers', () => {
    expect(versionedRowUpdated({ rowCount: 1 })).toBe(true);
    expect(versionedRowUpdated({ rowCount: 0 })).toBe(false);
    expect(versionedRowUpdated({ rowCount: null })).toBe(false);
    expect(versionedRowUpdated({ affectedRows: 1 })).toBe(true);
    expect(versionedRowUpdated({ changes: 0 })).toBe(false);
    expect(versionedRowUpdated({ count: 1 })).toBe(true);
    expect(versionedRowUpdated(1)).toBe(true);
    expect(versionedRowUpdated(undefined)).toBe(false);
    expect(() => versionedRowUpdated({ rowCount: 3 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
