/**
 * createAuditLog and verifyAuditLog: redaction of every field, the HMAC chain and its checkpoints, every kind of
 * tampering (edited, deleted, reordered, duplicated, cut-short lines, a removed tail or head, a removed rotated
 * file), rotation, several async writers in one process, and the stdout, function, pino and winston sinks.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import winston from 'winston';
import {
  createAuditLog,
  verifyAuditLog,
  type AuditLog,
  type AuditRecord,
  type AuditVerification,
} from '@secure-migrate/runtime/audit';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';
import { createRedactor } from '@secure-migrate/runtime/log';
import { getSecret } from '@secure-migrate/runtime/secrets';

const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sm-audit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const records = (file: string): AuditRecord[] => lines(file).map((l) => JSON.parse(l) as AuditRecord);
const writeLines = (file: string, list: string[]): void =>
  writeFileSync(file, list.map((l) => `${l}\n`).join(''));

/** A closed log of `count` login failures (targets user0…), one file, checkpoints every `every` events. */
async function writeLog(count: number, every = 1000): Promise<string> {
  const file = path.join(dir, 'audit.jsonl');
  const log = createAuditLog({ sink: { file }, service: 'api', keyring, checkpoints: { every } });
  for (let i = 0; i < count; i++) await log.record({ type: 'auth.login.failure', target: `user${i}` });
  await log.close();
  return file;
}

function expectProblem(result: AuditVerification, kind: string, line: number, seq: number | null): void {
  expect(result.ok).toBe(false);
  expect(result.first).toMatchObject({ kind, line, seq });
}

describe('createAuditLog events', () => {
  it('writes typed events with time, actor, target, outcome, correlation id, process and chain', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({
      sink: { file },
      service: 'billing',
      keyring,
      correlationId: () => 'req-from-context',
    });
    await log.record({ type: 'auth.login.success', actor: 'u-1', details: { method: 'password' } });
    await log.record({
      type: 'access.denied',
      actor: { id: 'u-2', ip: '10.0.0.7' },
      target: 'invoice:42',
      correlationId: 'req-7',
      reason: 'not the owner',
    });
    await log.record({ type: 'payment.refund.approved', outcome: 'success', target: 'refund:9' });
    await log.close();
    const [login, denied, custom] = records(file);
    expect(login).toMatchObject({
      v: 1,
      type: 'auth.login.success',
      service: 'billing',
      outcome: 'success',
      actor: 'u-1',
      target: null,
      correlationId: 'req-from-context',
      details: { method: 'password' },
      pid: process.pid,
      chain: log.chainId,
      seq: 0,
      prev: null,
      kid: 'k1',
    });
    expect(Date.parse(login!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(denied).toMatchObject({
      outcome: 'denied',
      actor: { id: 'u-2', ip: '10.0.0.7' },
      target: 'invoice:42',
      correlationId: 'req-7',
      reason: 'not the owner',
      seq: 1,
      prev: login!.mac,
    });
    expect(custom).toMatchObject({ type: 'payment.refund.approved', outcome: 'success', seq: 2 });
  });

  it('never writes a secret: every field goes through the redactor', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({ sink: { file }, service: 'api', keyring });
    await log.record({
      type: 'auth.login.failure',
      actor: { id: 'u-1', password: 'correct horse battery staple' },
      target: `session Bearer ${JWT}`,
      reason: `token=${JWT} rejected`,
      correlationId: JWT,
      details: { apiKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', nested: [{ secret: 'hunter2hunter2' }] },
    });
    await log.close();
    const text = readFileSync(file, 'utf8');
    for (const secret of [JWT, 'correct horse', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'hunter2hunter2']) {
      expect(text).not.toContain(secret);
    }
    const [event] = records(file);
    expect(event).toMatchObject({
      actor: { id: 'u-1', password: '[REDACTED]' },
      details: { apiKey: '[REDACTED]', nested: [{ secret: '[REDACTED]' }] },
    });
    expect((await verifyAuditLog(file, { keyring })).ok).toBe(true);
  });

  it('never writes a value loaded through getSecret, under whatever name or inside whatever text', async () => {
    const value = `vendor-${generateKey().slice(0, 24)}`;
    process.env.AUDIT_TEST_VENDOR_SECRET = value;
    try {
      expect(getSecret('AUDIT_TEST_VENDOR_SECRET')).toBe(value);
    } finally {
      delete process.env.AUDIT_TEST_VENDOR_SECRET;
    }
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({ sink: { file }, service: 'api', keyring });
    await log.record({
      type: 'config.changed',
      target: value,
      reason: `vendor client rebuilt with ${value}`,
      details: { setting: 'vendor', to: value },
    });
    await log.close();
    expect(readFileSync(file, 'utf8')).not.toContain(value);
    expect((await verifyAuditLog(file, { keyring })).ok).toBe(true);
  });

  it('takes redactor options or a redactor of the application', async () => {
    const got: AuditRecord[] = [];
    const byOptions = createAuditLog({
      sink: (r) => void got.push(r),
      service: 'api',
      keyring,
      redact: { paths: ['details.note'], censor: '***' },
    });
    await byOptions.record({ type: 'config.changed', details: { note: 'internal', password: 'x-y-z-w' } });
    const byRedactor = createAuditLog({
      sink: (r) => void got.push(r),
      service: 'api',
      keyring,
      redact: createRedactor({ extraNames: ['employeeNumber'] }),
    });
    await byRedactor.record({ type: 'access.denied', actor: { employeeNumber: 'E-1234' } });
    expect(got.map((r) => [r.details, r.actor])).toEqual([
      [{ note: '***', password: '***' }, null],
      [null, { employeeNumber: '[REDACTED]' }],
    ]);
  });

  it('refuses malformed types and outcomes, from record synchronously and from emit through onError', async () => {
    const errors: unknown[] = [];
    const log = createAuditLog({
      sink: () => undefined,
      service: 'api',
      keyring,
      onError: (e) => errors.push(e),
    });
    expect(() => log.record({ type: 'Not A Type' })).toThrow(/custom dotted name/);
    expect(() => log.record({ type: 'audit.forged' })).toThrow(/reserved/);
    expect(() => log.record({ type: 'access.denied', outcome: 'maybe' as never })).toThrow(/outcome/);
    log.emit({ type: 'nodots' });
    expect(errors).toHaveLength(1);
    await log.close();
    await expect(log.record({ type: 'access.denied' })).rejects.toThrow(/closed/);
  });

  it('validates its options', () => {
    expect(() => createAuditLog({ sink: { file: '' }, service: 'api', keyring })).toThrow(/sink.file/);
    expect(() => createAuditLog({ sink: 42 as never, service: 'api', keyring })).toThrow(/sink must be/);
    expect(() => createAuditLog({ sink: 'stdout', service: '', keyring })).toThrow(/service/);
    const file = path.join(dir, 'a.jsonl');
    expect(() => createAuditLog({ sink: { file }, service: 'api', keyring, checkpoints: { file } })).toThrow(
      /must not be the log file/,
    );
  });
});

describe('verifyAuditLog finds tampering', () => {
  it('verifies an untouched log', async () => {
    const file = await writeLog(10);
    const result = await verifyAuditLog(file, { keyring });
    expect(result).toMatchObject({
      ok: true,
      events: 10,
      chains: 1,
      checkpoints: 1,
      problems: [],
      first: null,
    });
    expect(result.checkpointFiles).toEqual([`${file}.checkpoints`]);
  });

  it('finds an edited line', async () => {
    const file = await writeLog(10);
    const list = lines(file);
    list[3] = list[3]!.replace('"user3"', '"user9"');
    writeLines(file, list);
    expectProblem(await verifyAuditLog(file, { keyring }), 'bad-mac', 4, 3);
  });

  it('finds a line re-signed with another key under the same key id', async () => {
    const file = await writeLog(4);
    const other = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
    const forged = path.join(dir, 'forged.jsonl');
    const log = createAuditLog({ sink: { file: forged }, service: 'api', keyring: other });
    await log.record({ type: 'auth.login.success', target: 'user0' });
    await log.close();
    const list = lines(file);
    list[0] = lines(forged)[0]!.replace(/"chain":"[^"]+"/, `"chain":"${records(file)[0]!.chain}"`);
    writeLines(file, list);
    expectProblem(await verifyAuditLog(file, { keyring }), 'bad-mac', 1, 0);
  });

  it('finds a deleted line, and a deleted first line', async () => {
    const file = await writeLog(10);
    const list = lines(file);
    writeLines(file, [...list.slice(0, 4), ...list.slice(5)]);
    const result = await verifyAuditLog(file, { keyring });
    expectProblem(result, 'missing', 5, 5);
    expect(result.first!.message).toMatch(/event 4 is missing/);
    writeLines(file, list.slice(1));
    expectProblem(await verifyAuditLog(file, { keyring }), 'missing', 1, 1);
  });

  it('finds reordered lines, and a duplicated one', async () => {
    const file = await writeLog(10);
    const list = lines(file);
    writeLines(file, [...list.slice(0, 3), list[4]!, list[3]!, ...list.slice(5)]);
    const result = await verifyAuditLog(file, { keyring });
    expectProblem(result, 'reordered', 4, 4);
    expect(result.problems.map((p) => p.kind)).toEqual(['reordered', 'reordered']);
    writeLines(file, [...list.slice(0, 6), list[2]!, ...list.slice(6)]);
    expectProblem(await verifyAuditLog(file, { keyring }), 'duplicate', 7, 2);
  });

  it('finds a line cut short', async () => {
    const file = await writeLog(10);
    const list = lines(file);
    list[9] = list[9]!.slice(0, 40);
    writeLines(file, list);
    expectProblem(await verifyAuditLog(file, { keyring }), 'malformed', 10, null);
  });

  it('finds a removed tail through the checkpoint, which the chain alone cannot', async () => {
    const file = await writeLog(10, 4);
    const checkpoints = lines(`${file}.checkpoints`).map(
      (l) => JSON.parse(l) as { seq: number; reason: string },
    );
    expect(checkpoints.map((c) => [c.seq, c.reason])).toEqual([
      [3, 'interval'],
      [7, 'interval'],
      [9, 'close'],
    ]);
    writeLines(file, lines(file).slice(0, 8));
    const result = await verifyAuditLog(file, { keyring });
    expect(result.first).toMatchObject({ kind: 'truncated', file: `${file}.checkpoints`, line: 3, seq: 9 });
    expect(result.first!.message).toMatch(/ends at event 7: its tail was removed/);
    // Without the checkpoint file the shortened chain looks whole: that is what checkpoints are for.
    expect((await verifyAuditLog(file, { keyring, checkpoints: false })).ok).toBe(true);
    // A checkpoint file named but gone is a problem, not a pass.
    rmSync(`${file}.checkpoints`);
    expect((await verifyAuditLog(file, { keyring, checkpoints: `${file}.checkpoints` })).first).toMatchObject(
      {
        kind: 'missing-file',
      },
    );
  });

  it('finds an edited or removed checkpoint', async () => {
    const file = await writeLog(10, 4);
    const cps = lines(`${file}.checkpoints`);
    writeLines(`${file}.checkpoints`, [cps[0]!.replace('"seq":3', '"seq":2'), cps[1]!, cps[2]!]);
    expectProblem(await verifyAuditLog(file, { keyring }), 'bad-checkpoint', 1, 2);
    writeLines(`${file}.checkpoints`, [cps[0]!, cps[2]!]);
    expectProblem(await verifyAuditLog(file, { keyring }), 'missing', 2, 9);
  });

  it('reports a key id the key ring does not hold', async () => {
    const file = await writeLog(2);
    const stranger = createKeyring({ keys: [{ id: 'k2', key: generateKey() }] });
    const result = await verifyAuditLog(file, { keyring: stranger });
    expect(result.first).toMatchObject({ kind: 'unknown-key', line: 1 });
  });
});

describe('rotation', () => {
  it('rotates by size into <file>.1, .2…, checkpoints each rotation, and the rotated set verifies', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({ sink: { file, maxBytes: 2_000 }, service: 'api', keyring });
    for (let i = 0; i < 40; i++) await log.record({ type: 'config.changed', details: { setting: `s${i}` } });
    await log.close();
    const names = readdirSync(dir).sort();
    expect(names).toEqual(
      expect.arrayContaining(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2', 'audit.jsonl.checkpoints']),
    );
    const rotated = names.filter((n) => /^audit\.jsonl\.\d+$/.test(n));
    for (const name of rotated) expect(readFileSync(path.join(dir, name)).length).toBeLessThanOrEqual(2_000);
    const reasons = lines(`${file}.checkpoints`).map((l) => (JSON.parse(l) as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'rotation')).toHaveLength(rotated.length);
    const result = await verifyAuditLog(file, { keyring });
    expect(result).toMatchObject({ ok: true, events: 40, chains: 1 });
    expect(result.files).toEqual([...rotated.map((n) => path.join(dir, n)).sort(byIndex), file]);

    // A whole rotated file removed: its events are missing from the chain.
    rmSync(`${file}.2`);
    const gap = await verifyAuditLog(file, { keyring });
    expect(gap.first).toMatchObject({ kind: 'missing', file: path.join(dir, 'audit.jsonl.3') });
  });

  it('takes over a rotation lock left by a crashed process, and writes on without rotating while one is held', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const lock = `${file}.lock`;
    writeFileSync(lock, '999999');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const log = createAuditLog({ sink: { file, maxBytes: 600 }, service: 'api', keyring });
    for (let i = 0; i < 4; i++) await log.record({ type: 'access.denied', target: `r${i}` });
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(lock)).toBe(false);
    // A live holder (a fresh lock file): after waiting for it, the batch goes to the current file, nothing is lost.
    writeFileSync(lock, '1');
    const before = readdirSync(dir).length;
    await log.record({ type: 'access.denied', target: 'r4' });
    await log.close();
    expect(readdirSync(dir).length).toBe(before);
    expect(await verifyAuditLog(file, { keyring })).toMatchObject({ ok: true, events: 5 });
  });

  it('reopens a file removed under it (never writes on into a deleted file), and the removal shows', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({
      sink: { file, maxBytes: 0 },
      service: 'api',
      keyring,
      checkpoints: { every: 3 },
    });
    for (let i = 0; i < 3; i++) await log.record({ type: 'access.denied', target: `r${i}` });
    rmSync(file);
    for (let i = 3; i < 5; i++) await log.record({ type: 'access.denied', target: `r${i}` });
    await log.close();
    expect(records(file).map((r) => r.seq)).toEqual([3, 4]);
    const reasons = lines(`${file}.checkpoints`).map((l) => (JSON.parse(l) as { reason: string }).reason);
    expect(reasons).toEqual(['interval', 'reopen', 'close']);
    expect((await verifyAuditLog(file, { keyring })).first).toMatchObject({
      kind: 'missing',
      line: 1,
      seq: 3,
    });
  });

  it('continues numbering after the highest rotated file and verifies a list given in order', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const first = createAuditLog({ sink: { file, maxBytes: 1_000 }, service: 'api', keyring });
    for (let i = 0; i < 10; i++) await first.record({ type: 'auth.login.success', actor: `u${i}` });
    await first.close();
    const before = readdirSync(dir).filter((n) => /\.\d+$/.test(n)).length;
    const second = createAuditLog({ sink: { file, maxBytes: 1_000 }, service: 'api', keyring });
    for (let i = 0; i < 10; i++) await second.record({ type: 'auth.login.success', actor: `v${i}` });
    await second.close();
    const rotated = readdirSync(dir)
      .filter((n) => /\.\d+$/.test(n))
      .map((n) => path.join(dir, n))
      .sort(byIndex);
    expect(rotated.length).toBeGreaterThan(before);
    expect(await verifyAuditLog([...rotated, file], { keyring })).toMatchObject({
      ok: true,
      events: 20,
      chains: 2,
    });
    expect((await verifyAuditLog([file, ...rotated], { keyring })).first?.kind).toBe('reordered');
  });
});

function byIndex(a: string, b: string): number {
  return Number(/\.(\d+)$/.exec(a)![1]) - Number(/\.(\d+)$/.exec(b)![1]);
}

describe('several async writers in one process', () => {
  it('lose nothing and keep one verifiable chain through rotations', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = createAuditLog({
      sink: { file, maxBytes: 8_000 },
      service: 'api',
      keyring,
      checkpoints: { every: 25 },
    });
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < 100; i++) {
        if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
        // Not awaited every time: appends from many pending calls must still come out whole and in order.
        const done = log.record({ type: 'access.denied', actor: `writer${w}`, details: { w, i } });
        if (i % 2 === 0) await done;
      }
    };
    await Promise.all([0, 1, 2, 3, 4].map(writer));
    await log.close();
    const result = await verifyAuditLog(file, { keyring });
    expect(result).toMatchObject({ ok: true, events: 500, chains: 1 });
    expect(result.files.length).toBeGreaterThan(2);
    const seen = new Set(
      result.files.flatMap((f) => records(f).map((r) => `${String(r.details!.w)}:${String(r.details!.i)}`)),
    );
    expect(seen.size).toBe(500);
  });
});

describe('sinks', () => {
  /** Writes the captured lines to a file and verifies them (other lines of the logger skipped). */
  async function verifyLines(captured: string[]): Promise<AuditVerification> {
    const file = path.join(dir, 'captured.log');
    writeFileSync(file, captured.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join(''));
    return verifyAuditLog([file], { keyring, otherLines: 'skip', checkpoints: false });
  }

  async function three(log: AuditLog): Promise<void> {
    await log.record({ type: 'auth.login.success', actor: 'u-1' });
    await log.record({ type: 'auth.login.failure', actor: { id: 'u-1', password: 'pw-in-the-clear-1' } });
    await log.record({ type: 'key.rotated', details: { primaryKeyId: 'k2', rotated: 12 } });
    await log.close();
  }

  it('pino: one line per event under `audit`, info or warn by outcome, verifiable', async () => {
    const captured: string[] = [];
    const logger = pino({ base: { app: 'demo' } }, { write: (s: string) => captured.push(s) });
    logger.info('an unrelated line');
    await three(createAuditLog({ sink: logger, service: 'api', keyring }));
    const parsed = captured.map((l) => JSON.parse(l) as { level: number; msg: string; audit?: AuditRecord });
    expect(parsed.slice(1).map((p) => [p.level, p.msg])).toEqual([
      [30, 'audit auth.login.success'],
      [40, 'audit auth.login.failure'],
      [30, 'audit key.rotated'],
    ]);
    expect(captured.join('')).not.toContain('pw-in-the-clear-1');
    expect(await verifyLines(captured)).toMatchObject({ ok: true, events: 3 });
    captured[2] = captured[2]!.replace('"u-1"', '"u-2"');
    expect((await verifyLines(captured)).first?.kind).toBe('bad-mac');
  });

  it('winston: a log entry with the record under `audit`, verifiable though its JSON format sorts keys', async () => {
    const captured: string[] = [];
    const logger = winston.createLogger({
      format: winston.format.json(),
      transports: [
        new winston.transports.Stream({
          stream: new Writable({
            write(chunk: Buffer, _encoding, callback) {
              captured.push(chunk.toString());
              callback();
            },
          }),
        }),
      ],
    });
    await three(createAuditLog({ sink: logger, service: 'api', keyring }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(captured).toHaveLength(3);
    expect(captured.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['info', 'warn', 'info']);
    expect(captured.join('')).not.toContain('pw-in-the-clear-1');
    expect(await verifyLines(captured)).toMatchObject({ ok: true, events: 3 });
  });

  it('a function: called in order, one event at a time, awaited; checkpoints to a function too', async () => {
    const got: number[] = [];
    let active = 0;
    const checkpoints: number[] = [];
    const log = createAuditLog({
      sink: async (record) => {
        active++;
        expect(active).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 1));
        got.push(record.seq);
        active--;
      },
      service: 'api',
      keyring,
      checkpoints: { every: 5, sink: (cp) => checkpoints.push(cp.seq) },
    });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => log.record({ type: 'access.denied', target: `r${i}` })),
    );
    await log.close();
    expect(got).toEqual([...Array(12).keys()]);
    expect(checkpoints[checkpoints.length - 1]).toBe(11);
  });

  it('stdout: one JSON line per event', async () => {
    const captured: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((
      chunk: string | Uint8Array,
      cb?: () => void,
    ) => {
      captured.push(chunk.toString());
      cb?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      await three(createAuditLog({ sink: 'stdout', service: 'api', keyring }));
    } finally {
      spy.mockRestore();
    }
    const text = captured.join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(3);
    expect(await verifyLines([text])).toMatchObject({ ok: true, events: 3 });
  });
});
