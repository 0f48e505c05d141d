/**
 * The runtime's own helpers report to the process's audit log (configureAudit): decryption failures of cache
 * values and fields, key rotation sweeps, lost Redis locks (on a real redis-server), refused assignments. Nothing
 * is reported without a configured log, and the log lives in the one process-wide state slot.
 */
import { Redis } from 'ioredis';
import {
  configureAudit,
  createAuditLog,
  getConfiguredAudit,
  type AuditLog,
  type AuditRecord,
} from '@secure-migrate/runtime/audit';
import { guardAssign, secureAssign, secureSet } from '@secure-migrate/runtime/assign';
import { decryptFromCache, encryptForCache, Fernet } from '@secure-migrate/runtime/crypto';
import {
  decryptField,
  encryptField,
  fieldColumn,
  sweepField,
  type SweepRow,
  type SweepStore,
} from '@secure-migrate/runtime/fields';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { createRedisLock } from '@secure-migrate/runtime/lock';
import { secureCache } from '@secure-migrate/runtime/cache';
import { describeWithRedis, useRedisServer } from '../helpers/redis.js';

const k1 = generateKey();
const k2 = generateKey();
const keyring = createKeyring({ keys: [{ id: 'k1', key: k1 }] });

let events: AuditRecord[];
let log: AuditLog;

beforeEach(() => {
  events = [];
  log = createAuditLog({ sink: (record) => void events.push(record), service: 'hooks', keyring });
  configureAudit(log);
});
afterEach(async () => {
  configureAudit(null);
  await log.close();
});

/** Events recorded so far, once the log has taken them. */
async function recorded(): Promise<AuditRecord[]> {
  await log.flush();
  return events;
}

describe('configureAudit', () => {
  it('keeps the log in the process-wide state slot that every copy of the package reads', () => {
    const state = (globalThis as Record<symbol, Record<string, { log: unknown }>>)[
      Symbol.for('secure-migrate.runtime')
    ]!;
    expect(state['audit@1']!.log).toBe(log);
    expect(getConfiguredAudit()).toBe(log);
    expect(configureAudit(null)).toBe(log);
    expect(state['audit@1']!.log).toBeNull();
    expect(() => configureAudit({} as AuditLog)).toThrow(/createAuditLog/);
  });

  it('without a log, helpers report nothing', async () => {
    configureAudit(null);
    expect(() => decryptFromCache('sm1.k1.garbage', { keyring })).toThrow(/Decryption failed/);
    expect(secureAssign({}, '__proto__', 1)).toBe(false);
    expect(await recorded()).toEqual([]);
  });
});

describe('decryption failures', () => {
  it('decryptFromCache: a tampered envelope, a wrong context and a Fernet token no key verifies', async () => {
    const fernetRing = createKeyring({ keys: [{ id: 'k1', key: k1 }], fernetKeys: [Fernet.generateKey()] });
    const token = encryptForCache({ card: 'x' }, { keyring, context: 'user:1' });
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect(() => decryptFromCache(tampered, { keyring, context: 'user:1' })).toThrow(/Decryption failed/);
    expect(() => decryptFromCache(token, { keyring, context: 'user:2' })).toThrow(/Decryption failed/);
    const foreign = new Fernet(Fernet.generateKey()).encrypt('hello');
    expect(() => decryptFromCache(foreign, { keyring: fernetRing })).toThrow(/Decryption failed/);
    // A success reports nothing, nor does a caller's programming error.
    expect(decryptFromCache(token, { keyring, context: 'user:1' })).toEqual({ card: 'x' });
    expect(() => decryptFromCache(token, { keyring, context: 5 as never })).toThrow(/context/);
    const got = await recorded();
    expect(got.map((e) => [e.type, e.outcome, e.target, e.details])).toEqual([
      ['decrypt.failed', 'failure', 'user:1', { area: 'cache' }],
      ['decrypt.failed', 'failure', 'user:2', { area: 'cache' }],
      ['decrypt.failed', 'failure', null, { area: 'cache' }],
    ]);
    expect(got.every((e) => e.service === 'hooks' && e.chain === log.chainId)).toBe(true);
  });

  it('decryptField reports, the column probe on write does not', async () => {
    const stored = encryptField('123-45-6789', { keyring, context: 'users.ssn' });
    expect(() => decryptField(stored, { keyring, context: 'users.tax_id' })).toThrow(/Decryption failed/);
    const column = fieldColumn({ keyring, context: 'users.tax_id' });
    // A value shaped like ciphertext that does not open under this column is encrypted on write, not reported.
    expect(column.encrypt(stored)).not.toBe(stored);
    expect((await recorded()).map((e) => [e.type, e.target, e.details])).toEqual([
      ['decrypt.failed', 'users.tax_id', { area: 'fields' }],
    ]);
  });
});

describe('key rotation sweeps', () => {
  /** An in-memory table behind the SweepStore interface, compare-and-set on the old value. */
  function memoryStore(rows: Map<number, string>): SweepStore {
    return {
      fetch(after, limit) {
        const ids = [...rows.keys()].filter((id) => after === undefined || id > (after as number));
        return Promise.resolve(ids.slice(0, limit).map((id): SweepRow => ({ id, value: rows.get(id) })));
      },
      update(row, next) {
        if (rows.get(row.id as number) !== row.value) return Promise.resolve(false);
        rows.set(row.id as number, next);
        return Promise.resolve(true);
      },
    };
  }

  it('sweepField reports key.rotated with its counts, and failure when a value did not decrypt', async () => {
    const old = createKeyring({ keys: [{ id: 'k1', key: k1 }] });
    const rotated = createKeyring({
      keys: [
        { id: 'k2', key: k2 },
        { id: 'k1', key: k1 },
      ],
    });
    const rows = new Map<number, string>([
      [1, encryptField('a', { keyring: old, context: 'users.token' })],
      [2, 'plain'],
      [3, encryptField('c', { keyring: old, context: 'users.token' })],
    ]);
    await sweepField(memoryStore(rows), { keyring: rotated, context: 'users.token', batchSize: 2 });
    const stranger = createKeyring({ keys: [{ id: 'k9', key: generateKey() }] });
    rows.set(4, encryptField('d', { keyring: stranger, context: 'users.token' }));
    await sweepField(memoryStore(rows), { keyring: rotated, context: 'users.token' });
    const got = (await recorded()).filter((e) => e.type === 'key.rotated');
    expect(got.map((e) => [e.outcome, e.target, e.details])).toEqual([
      [
        'success',
        'users.token',
        {
          primaryKeyId: 'k2',
          scanned: 3,
          encrypted: 1,
          rotated: 2,
          conflicts: 0,
          failed: 0,
          completed: true,
        },
      ],
      [
        'failure',
        'users.token',
        {
          primaryKeyId: 'k2',
          scanned: 4,
          encrypted: 0,
          rotated: 0,
          conflicts: 0,
          failed: 1,
          completed: true,
        },
      ],
    ]);
  });
});

describe('refused assignments', () => {
  it('secureAssign, secureSet and guardAssign report each refusal with its reason', async () => {
    expect(secureAssign({}, '__proto__', { polluted: true })).toBe(false);
    expect(secureAssign({}, 'password', 'x')).toBe(false);
    expect(() => secureSet({}, 'a.constructor.prototype.x', 1, { strict: true })).toThrow(/Refused/);
    guardAssign({}, 'constructor', 1, { warn: false });
    const got = await recorded();
    expect(got.map((e) => [e.type, e.outcome, e.target, e.details])).toEqual([
      ['assign.refused', 'refused', '__proto__', { refusal: 'forbidden-key' }],
      ['assign.refused', 'refused', 'password', { refusal: 'sensitive' }],
      ['assign.refused', 'refused', 'a.constructor.prototype.x', { refusal: 'forbidden-key' }],
      ['assign.refused', 'refused', 'constructor', { refusal: 'forbidden-key' }],
    ]);
    expect(got[0]!.reason).toMatch(/prototype/);
  });
});

describeWithRedis('lost locks and refused cache commands (real redis-server)', () => {
  const server = useRedisServer();
  let client: Redis;
  let other: Redis;
  beforeAll(() => {
    client = new Redis(server.url);
    other = new Redis(server.url);
  });
  afterAll(async () => {
    await Promise.all([client?.quit(), other?.quit()]);
  });

  it('a lock taken over during its critical section reports lock.lost with resource, reason and token', async () => {
    const locks = createRedisLock(client);
    const error = await locks
      .withLock(
        'audit-hooks:stolen',
        async ({ signal }) => {
          await other.set(locks.keys('audit-hooks:stolen').lock, 'someone-else', 'PX', 5_000);
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        },
        { ttlMs: 300 },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_LOCK_LOST' });
    const got = (await recorded()).filter((e) => e.type === 'lock.lost');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      outcome: 'failure',
      target: 'audit-hooks:stolen',
      details: { fence: 1 },
    });
    expect(got[0]!.reason).toMatch(/extended/);
  });

  it('secureCache reports each command it refuses on a sensitive key, and not the ones it runs', async () => {
    const cache = secureCache(client, { keyring });
    await expect(cache.incr('session:abc')).rejects.toMatchObject({ code: 'ERR_CACHE_UNSAFE_COMMAND' });
    expect(() => cache.pipeline().append('session:abc', 'x')).toThrow(/APPEND/);
    expect(await cache.incr('ratelimit:audit-hooks')).toBe(1);
    await cache.set('session:abc', 'v');
    const got = (await recorded()).filter((e) => e.type === 'cache.command.refused');
    // The key goes through the redactor like every field: a session key names its session id, which is masked.
    expect(got.map((e) => [e.outcome, e.target, e.details])).toEqual([
      ['refused', 'session:[REDACTED]', { command: 'incr' }],
      ['refused', 'session:[REDACTED]', { command: 'append' }],
    ]);
  });
});
