import { inspect, types } from 'node:util';
import { createRedactor, sanitizeForLogging, SANITIZE_MARKERS } from '@secure-migrate/runtime/log';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const GH = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const R = '[REDACTED]';

type Rec = Record<string, unknown>;
const sanitize = (value: unknown): Rec => sanitizeForLogging(value) as Rec;

describe('sanitizeForLogging: by name', () => {
  it('censors sensitive keys at any depth and keeps the rest', () => {
    const input = {
      user: { id: 7, name: 'Ada', password: 'hunter2', profile: { apiKey: 'k-123' } },
      headers: { authorization: 'Basic x', 'x-request-id': 'r1', cookie: 'sid=1' },
      accessToken: 'opaque',
      tokenExpiresAt: 1700000000,
      list: [{ refreshToken: 'r' }, { label: 'ok' }],
    };
    expect(sanitize(input)).toEqual({
      user: { id: 7, name: 'Ada', password: R, profile: { apiKey: R } },
      headers: { authorization: R, 'x-request-id': 'r1', cookie: R },
      accessToken: R,
      tokenExpiresAt: 1700000000,
      list: [{ refreshToken: R }, { label: 'ok' }],
    });
  });

  it('censors a whole object held under a sensitive name', () => {
    expect(sanitize({ credentials: { user: 'u', pass: 'p' } })).toEqual({ credentials: R });
  });

  it('keeps a connection string under a credential name readable, masking only its password', () => {
    const clean = 'mongodb://db.internal:27017/app';
    expect(sanitizeForLogging(clean, { name: 'dbURI' })).toBe(clean);
    expect(sanitizeForLogging('postgres://app:s3cr3t-pw@db:5432/app', { name: 'databaseUrl' })).toBe(
      `postgres://app:${R}@db:5432/app`,
    );
    expect(sanitizeForLogging({ redisUrl: 'redis://cache:6379', apiUrl: 'https://x.test/?k=1' })).toEqual({
      redisUrl: 'redis://cache:6379',
      apiUrl: 'https://x.test/?k=1',
    });
    // Other values under a credential name are still censored whole.
    expect(sanitizeForLogging({ databaseUrl: 'https://db.test' })).toEqual({
      databaseUrl: R,
    });

    // The same shapes again (a redactor remembers per shape what it decided): the same decisions.
    const redact = createRedactor();
    for (let i = 0; i < 4; i++) {
      expect(redact({ redisUrl: 'redis://cache:6379' })).toEqual({ redisUrl: 'redis://cache:6379' });
      expect(redact({ redisUrl: 'redis://cache:6379' })).toEqual({ redisUrl: 'redis://cache:6379' });
      expect(redact({ redisUrl: 'hunter2-hunter2' })).toEqual({ redisUrl: R });
      expect(redact({ redisUrl: 'hunter2-hunter2' })).toEqual({ redisUrl: R });
      expect(redact({ redisUrl: 'redis://app:s3cr3t-pw@cache:6379' })).toEqual({
        redisUrl: `redis://app:${R}@cache:6379`,
      });
    }
  });

  it('returns a clean boxed NaN as it is', () => {
    const boxed = { value: new Number(NaN) };
    expect(sanitizeForLogging(boxed)).toBe(boxed);
  });

  it('passes classifier options through', () => {
    const r = createRedactor({ extraNames: ['internalCode'], allowedNames: ['password'] });
    expect(r({ internalCode: 'x', password: 'shown' })).toEqual({ internalCode: R, password: 'shown' });
    expect(createRedactor({ pii: true })({ email: 'a@b.c' })).toEqual({ email: R });
    expect(sanitize({ email: 'a@b.c' })).toEqual({ email: 'a@b.c' });
  });
});

describe('sanitizeForLogging: by value', () => {
  it('censors secret values under innocent keys', () => {
    expect(
      sanitize({ note: JWT, auth: `Bearer ${JWT}`, gh: GH, plain: 'hello world, nothing here' }),
    ).toEqual({
      note: R,
      auth: R,
      gh: R,
      plain: 'hello world, nothing here',
    });
  });

  it('masks only the secret span inside longer text', () => {
    const out = sanitize({
      msg: `login failed for token ${JWT} at gateway`,
      endpoint: 'redis://app:s3cr3t-pw@cache.internal:6379/0',
    });
    expect(out.msg).toBe(`login failed for token ${R} at gateway`);
    expect(out.endpoint).toBe(`redis://app:${R}@cache.internal:6379/0`);
  });

  it('masks secrets in array items and top-level strings', () => {
    expect(sanitizeForLogging([GH, 'ok'])).toEqual([R, 'ok']);
    expect(sanitizeForLogging(`Bearer ${JWT}`)).toBe(R);
    expect(sanitizeForLogging('short')).toBe('short');
  });

  it('can turn value scanning off', () => {
    expect(createRedactor({ values: false })({ note: JWT, password: 'x' })).toEqual({
      note: JWT,
      password: R,
    });
  });

  it('remembers clean strings without ever remembering a secret', () => {
    const r = createRedactor({ valueCacheSize: 2 });
    for (let i = 0; i < 5; i++) {
      expect(r({ a: 'a clean string value', b: `x ${JWT}`, c: `clean ${i} string value` })).toEqual({
        a: 'a clean string value',
        b: `x ${R}`,
        c: `clean ${i} string value`,
      });
    }
  });

  it('never takes a secret for a remembered clean string that shares its memory slot', () => {
    const r = createRedactor({ valueCacheSize: 1 });
    const secret = `a ${JWT} z`;
    const n = secret.length;
    // Same length and the same characters where the slot index looks (first, middle, last): the same slot.
    const clean = [...secret]
      .map((c, i) => (i === 0 || i === n >> 1 || i === n - 1 || c === ' ' ? c : 'q'))
      .join('');
    expect(r({ v: clean })).toEqual({ v: clean });
    expect(r({ v: secret })).toEqual({ v: `a ${R} z` });
    expect(r({ w: clean })).toEqual({ w: clean });
    expect(r({ w: secret })).toEqual({ w: `a ${R} z` });
  });

  it('caps the memory of clean strings', () => {
    const r = createRedactor({ valueCacheSize: Number.MAX_SAFE_INTEGER });
    expect(r({ a: 'a clean string value', b: `x ${JWT}` })).toEqual({
      a: 'a clean string value',
      b: `x ${R}`,
    });
  });

  it('supports extra value patterns', () => {
    const r = createRedactor({ extraPatterns: [{ kind: 'internal', pattern: /INT-\d{4}/ }] });
    expect(r({ ref: 'see INT-1234 now', id: 'INT-9999' })).toEqual({ ref: `see ${R} now`, id: R });
  });
});

describe('sanitizeForLogging: the name a value is known by', () => {
  it('censors a value whose name is sensitive, in its place, and redacts others as usual', () => {
    expect(sanitizeForLogging('opaque-value', { name: 'accessToken' })).toBe(R);
    expect(`token ${sanitizeForLogging('opaque-value', { name: 'token' })} issued`).toBe(`token ${R} issued`);
    expect(sanitizeForLogging({ id: 1 }, { name: 'credentials' })).toBe(R);
    const clean = { id: 1 };
    expect(sanitizeForLogging(clean, { name: 'user' })).toBe(clean);
    expect(sanitizeForLogging('plain text', { name: 'status' })).toBe('plain text');
    expect(sanitizeForLogging(`Bearer ${JWT}`, { name: 'status' })).toBe(R);
    expect(sanitizeForLogging('a@b.c', { name: 'email' })).toBe('a@b.c');
    expect(sanitizeForLogging('a@b.c', { name: 'email', pii: true })).toBe(R);
    expect(sanitizeForLogging('x', { name: 'password', censor: '***' })).toBe('***');
    expect(createRedactor().named('apiKey', 'k')).toBe(R);
  });
});

describe('sanitizeForLogging: censor, remove, paths', () => {
  it('uses a custom censor string or function with the path', () => {
    expect(createRedactor({ censor: '***' })({ password: 'x', n: JWT })).toEqual({
      password: '***',
      n: '***',
    });
    const seen: unknown[] = [];
    const r = createRedactor({
      censor: (value, path) => {
        seen.push([value, path.join('.')]);
        return `<${path.join('.')}>`;
      },
    });
    expect(r({ a: { password: 'p' }, list: [`t ${JWT}`] })).toEqual({
      a: { password: '<a.password>' },
      list: ['t <list.0>'],
    });
    expect(seen).toEqual([
      ['p', 'a.password'],
      [JWT, 'list.0'],
    ]);
  });

  it('removes redacted properties with remove: true', () => {
    const out = createRedactor({ remove: true })({ password: 'x', note: JWT, keep: 1, list: ['ok', GH] });
    expect(out).toEqual({ keep: 1, list: ['ok', undefined] });
    expect(Object.keys(out as object)).toEqual(['keep', 'list']);
  });

  it('redacts extra exact paths, with * for one level', () => {
    const r = createRedactor({ paths: ['user.ssnLast4', 'items[*].code', 'meta["x-sig"]', '*.internal'] });
    expect(
      r({
        user: { ssnLast4: '1234', name: 'n', internal: 'i' },
        items: [{ code: 'c1', qty: 1 }, { code: 'c2' }],
        meta: { 'x-sig': 's', other: 'o', internal: 'i2' },
        internal: 'top',
      }),
    ).toEqual({
      user: { ssnLast4: R, name: 'n', internal: R },
      items: [{ code: R, qty: 1 }, { code: R }],
      meta: { 'x-sig': R, other: 'o', internal: R },
      internal: 'top',
    });
  });

  it('rejects malformed options when the redactor is created', () => {
    expect(() => createRedactor({ paths: ['a..b'] })).toThrow(/Invalid redaction path/);
    expect(() => createRedactor({ maxDepth: -1 })).toThrow(/maxDepth/);
  });
});

describe('sanitizeForLogging: never mutates', () => {
  it('returns a copy where something was redacted and leaves the input as it was', () => {
    const input = { password: 'x', nested: { token: JWT, list: [1, { apiKey: 'k' }] }, ok: 'fine' };
    const snapshot = structuredClone(input);
    const out = sanitize(input);
    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
    expect(out.nested).not.toBe(input.nested);
    (out.nested as Rec).extra = 1;
    expect(input.nested).not.toHaveProperty('extra');
    // A clean value is returned as it is, and a copy shares the clean parts: loggers print them unchanged.
    const clean = { a: 1, b: { c: 'd' } };
    expect(sanitize(clean)).toBe(clean);
    const mixed = { clean, password: 'x' };
    const copy = sanitize(mixed);
    expect(copy).toEqual({ clean, password: R });
    expect(copy.clean).toBe(clean);
    expect(mixed.password).toBe('x');
  });
});

describe('sanitizeForLogging: survives anything', () => {
  it('keeps cycles in a copy (the plain form marks them) and does not mark shared references', () => {
    const a: Rec = { name: 'a' };
    a.self = a;
    const shared = { v: 1 };
    const input = { a, x: shared, y: shared, arr: [a] };
    expect(sanitize(input)).toBe(input);
    const b: Rec = { name: 'b', password: 'p' };
    b.self = b;
    b.list = [b, shared];
    const out = sanitize({ b, x: shared, y: shared });
    const copy = out.b as Rec;
    expect(copy).not.toBe(b);
    expect(copy.password).toBe(R);
    expect(copy.self).toBe(copy);
    expect((copy.list as unknown[])[0]).toBe(copy);
    expect(out.x).toBe(shared);
    expect(out.y).toBe(shared);
    const plain = createRedactor().plain({ a, x: shared, y: shared, arr: [a] }) as Rec;
    expect(plain.a).toEqual({ name: 'a', self: SANITIZE_MARKERS.circular });
    expect(plain.x).toEqual({ v: 1 });
    expect(plain.y).toEqual({ v: 1 });
    expect(plain.arr).toEqual([{ name: 'a', self: SANITIZE_MARKERS.circular }]);
  });

  it('cuts very deep objects', () => {
    let deep: Rec = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const json = JSON.stringify(sanitizeForLogging(deep));
    expect(json.split('"d"').length - 1).toBe(10);
    expect(json).toContain(SANITIZE_MARKERS.depth);
    expect(createRedactor({ maxDepth: 1 })({ a: { b: 1 }, c: 2 })).toEqual({
      a: SANITIZE_MARKERS.depth,
      c: 2,
    });
  });

  it('cuts very wide objects, arrays, sets and maps with a count', () => {
    const wide: Rec = {};
    for (let i = 0; i < 30; i++) wide[`k${i}`] = i;
    const r = createRedactor({ maxKeys: 10, maxArrayLength: 5 });
    const out = r(wide) as Rec;
    expect(Object.keys(out)).toHaveLength(11);
    expect(out[SANITIZE_MARKERS.truncatedKey]).toBe('20 more keys');
    expect(r(Array.from({ length: 12 }, (_, i) => i))).toEqual([0, 1, 2, 3, 4, '[Truncated: 7 more items]']);
    const set = new Set(Array.from({ length: 7 }, (_, i) => i));
    expect(r(set)).toEqual(new Set([0, 1, 2, 3, 4, '[Truncated: 2 more items]']));
    expect(r.plain(set)).toEqual([0, 1, 2, 3, 4, '[Truncated: 2 more items]']);
    const map = new Map(Array.from({ length: 12 }, (_, i) => [`m${i}`, i] as const));
    expect((r(map) as Map<string, unknown>).get(SANITIZE_MARKERS.truncatedKey)).toBe('2 more entries');
    expect((r(map) as Map<string, unknown>).size).toBe(11);
    expect((r.plain(map) as Rec)[SANITIZE_MARKERS.truncatedKey]).toBe('2 more entries');
  });

  it('cuts huge strings and still masks a secret near the cut', () => {
    const r = createRedactor({ maxStringLength: 100 });
    const out = r({ s: `${'x'.repeat(80)} ${JWT} ${'y'.repeat(5000)}` }) as Rec;
    expect(out.s).not.toContain(JWT.slice(0, 20));
    expect(out.s).toMatch(/^x{80} \[REDACTED\] y{8}… \[Truncated: \d+ more chars\]$/);
    expect(String(sanitize({ s: 'a'.repeat(20_000) }).s)).toHaveLength(
      10_000 + '… [Truncated: 10000 more chars]'.length,
    );
  });

  it('keeps Errors as Errors of the same class, with message, stack, cause and props redacted', () => {
    const inner = new TypeError(`inner ${GH}`);
    const err = new Error(`request failed: Bearer ${JWT}`, { cause: inner }) as Error & Rec;
    err.code = 'E_FAIL';
    err.config = { headers: { authorization: 'Bearer abcdefghijklmnopqrstu', accept: 'json' } };
    const out = sanitize({ err }).err as Error & Rec;
    expect(out).toBeInstanceOf(Error);
    expect(out).not.toBe(err);
    expect(types.isNativeError(out)).toBe(true);
    expect(out.message).toBe(`request failed: ${R}`);
    expect(out.stack).toMatch(/^Error: request failed: \[REDACTED\]\n\s+at /);
    expect(out.code).toBe('E_FAIL');
    expect(out.config).toEqual({ headers: { authorization: R, accept: 'json' } });
    expect(out.cause).toBeInstanceOf(TypeError);
    expect((out.cause as Error).message).toBe(`inner ${R}`);
    // Same property flags as the original: message, stack and cause stay non-enumerable.
    expect(Object.keys(out)).toEqual(['code', 'config']);
    expect(err.message).toContain(JWT);
    const agg = sanitize(new AggregateError([new Error(JWT), 'x'], 'many')) as unknown as AggregateError;
    expect(agg).toBeInstanceOf(AggregateError);
    expect(agg.message).toBe('many');
    expect(agg.errors).toHaveLength(2);
    expect((agg.errors[0] as Error).message).toBe(R);
    class HttpError extends Error {
      status = 500;
    }
    const clean = new HttpError('boom');
    expect(sanitizeForLogging(clean)).toBe(clean);
    const original = new HttpError(`boom ${JWT}`);
    const dirty = sanitizeForLogging(original);
    expect(dirty).toBeInstanceOf(HttpError);
    expect(inspect(dirty)).toBe(inspect(original).replace(JWT, R));
    expect(inspect(dirty)).toMatch(/^HttpError: boom \[REDACTED\]\n[\s\S]*\{\n {2}status: 500\n\}$/);
    expect(inspect(sanitize({ err }))).not.toContain(JWT);
    expect(inspect(sanitize({ err }))).not.toContain(GH);
  });

  it('turns Errors into plain data in the plain form', () => {
    const inner = new TypeError(`inner ${GH}`);
    const err = new Error(`request failed: Bearer ${JWT}`, { cause: inner }) as Error & Rec;
    err.code = 'E_FAIL';
    const plain = createRedactor().plain;
    const out = (plain({ err }) as Rec).err as Rec;
    expect(out.type).toBe('Error');
    expect(out.message).toBe(`request failed: ${R}`);
    expect(out.stack).toMatch(/^Error: request failed: \[REDACTED\]\n\s+at /);
    expect(out.code).toBe('E_FAIL');
    expect(out.cause).toMatchObject({ type: 'TypeError', message: `inner ${R}` });
    const agg = plain(new AggregateError([new Error(JWT), 'x'], 'many'));
    expect(agg).toMatchObject({ type: 'AggregateError', message: 'many', errors: [{ message: R }, 'x'] });
    class HttpError extends Error {}
    expect((plain(new HttpError('boom')) as Rec).type).toBe('HttpError');
    expect(JSON.stringify(plain({ err }))).not.toContain(JWT);
  });

  it('keeps Map, Set, Buffer, typed arrays, Date, BigInt, symbols and functions, redacting what they hold', () => {
    const fn = function namedFn(): void {};
    const input = {
      map: new Map<unknown, unknown>([
        ['apiKey', 'k'],
        ['n', 1],
        [2, 'two'],
      ]),
      set: new Set(['a', JWT]),
      buf: Buffer.from('plain bytes'),
      secretBuf: Buffer.from(`token ${JWT}`),
      u8: new Uint8Array(4),
      ab: new ArrayBuffer(8),
      date: new Date('2024-01-02T03:04:05.000Z'),
      big: 2n ** 70n,
      sym: Symbol('tag'),
      fn,
      re: /abc/g,
      weak: new WeakMap(),
      boxed: Object('text') as string,
    };
    const out = sanitize(input);
    expect(out.map).toBeInstanceOf(Map);
    expect([...(out.map as Map<unknown, unknown>)]).toEqual([
      ['apiKey', R],
      ['n', 1],
      [2, 'two'],
    ]);
    expect(out.set).toEqual(new Set(['a', R]));
    expect(out.secretBuf).toBe(R);
    for (const key of ['buf', 'u8', 'ab', 'date', 'big', 'sym', 'fn', 're', 'weak', 'boxed'] as const) {
      expect(out[key], key).toBe(input[key]);
    }
    const clean = { map: new Map([['n', 1]]), set: new Set([1, 'a']), buf: input.buf, date: input.date };
    expect(sanitize(clean)).toBe(clean);
  });

  it('converts Map, Set, Buffer, typed arrays, Date, BigInt, symbols and functions in the plain form', () => {
    const out = createRedactor().plain({
      map: new Map<unknown, unknown>([
        ['apiKey', 'k'],
        ['n', 1],
        [2, 'two'],
      ]),
      set: new Set(['a', JWT]),
      buf: Buffer.from('secret bytes'),
      u8: new Uint8Array(4),
      ab: new ArrayBuffer(8),
      date: new Date('2024-01-02T03:04:05.000Z'),
      bad: new Date(Number.NaN),
      big: 2n ** 70n,
      sym: Symbol('tag'),
      fn: function namedFn() {},
      arrow: (
        () => () =>
          1
      )(),
      re: /abc/g,
      weak: new WeakMap(),
      boxed: Object('text'),
    });
    expect(out).toEqual({
      map: { apiKey: R, n: 1, '2': 'two' },
      set: ['a', R],
      buf: '[Buffer 12 bytes]',
      u8: '[Uint8Array 4 bytes]',
      ab: '[ArrayBuffer 8 bytes]',
      date: '2024-01-02T03:04:05.000Z',
      bad: 'Invalid Date',
      big: '1180591620717411303424',
      sym: 'Symbol(tag)',
      fn: '[Function: namedFn]',
      arrow: '[Function: anonymous]',
      re: '/abc/g',
      weak: '[WeakMap]',
      boxed: 'text',
    });
    expect(JSON.stringify(out)).not.toContain('secret bytes');
  });

  it('copies class instances as their own enumerable properties and respects toJSON', () => {
    class User {
      name = 'Ada';
      password = 'p';
      greet(): string {
        return 'hi';
      }
    }
    class Money {
      toJSON() {
        return { amount: 1, apiKey: 'k', note: JWT };
      }
    }
    expect(sanitize({ u: new User(), m: new Money(), o: { toJSON: () => `Bearer ${JWT}` } })).toEqual({
      u: { name: 'Ada', password: R },
      m: { amount: 1, apiKey: R, note: R },
      o: R,
    });
    const url = new URL('https://user:pa55word@example.com/x');
    expect(sanitizeForLogging(url)).toBe(`https://user:${R}@example.com/x`);
  });

  it('survives getters that throw, Proxies that throw on every trap and revoked proxies', () => {
    const getter = {
      ok: 1,
      get bad(): never {
        throw new Error('nope');
      },
    };
    expect(sanitize({ getter })).toEqual({ getter: { ok: 1, bad: SANITIZE_MARKERS.getterThrew } });
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('gopd');
        },
        has: () => {
          throw new Error('has');
        },
      },
    );
    expect(sanitize({ hostile, after: 'kept' })).toEqual({
      hostile: SANITIZE_MARKERS.unreadable,
      after: 'kept',
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(sanitize({ proxy })).toEqual({ proxy: SANITIZE_MARKERS.unreadable });
    expect(sanitizeForLogging(hostile)).toBe(SANITIZE_MARKERS.unreadable);
  });

  it('never throws, even when the censor function does', () => {
    const r = createRedactor({
      censor: () => {
        throw new Error('censor');
      },
    });
    expect(() => r({ password: 'x' })).not.toThrow();
    expect(JSON.stringify(r({ password: 'x' }))).not.toContain('"x"');
  });

  it('handles null-prototype objects, own __proto__ keys and symbol keys', () => {
    const bare = Object.assign(Object.create(null) as Rec, { a: 1, secret: 's' });
    expect(sanitize(bare)).toEqual({ a: 1, secret: R });
    const parsed = JSON.parse('{"__proto__":{"password":"x","polluted":1},"b":2}') as Rec;
    const out = sanitize(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ password: R, polluted: 1 });
    expect(({} as Rec).polluted).toBeUndefined();
    const sym = Symbol('s');
    const withSymbol = sanitize({ [sym]: JWT, a: 1 }) as Record<PropertyKey, unknown>;
    expect(withSymbol[sym]).toBe(R);
    expect(inspect(withSymbol)).not.toContain(JWT);
    const dropped = createRedactor({ symbols: 'drop' })({ [sym]: 'x', a: 1 }) as Rec;
    expect(Object.getOwnPropertySymbols(dropped)).toEqual([]);
    expect(dropped).toEqual({ a: 1 });
    const plain = createRedactor().plain({ [sym]: JWT, a: 1 }) as Rec;
    expect(Object.getOwnPropertySymbols(plain)).toEqual([]);
    expect(Object.getPrototypeOf(sanitizeForLogging(bare))).toBe(null);
  });

  it('keeps primitives as they are', () => {
    for (const v of [1, 0, -0, Number.NaN, true, false, null, undefined, 'text']) {
      expect(sanitizeForLogging(v)).toBe(v);
    }
  });

  it('reuses its shape memory safely across objects that share a first key', () => {
    const r = createRedactor();
    expect(r({ a: 1, password: 'x' })).toEqual({ a: 1, password: R });
    expect(r({ a: 1, label: 'x' })).toEqual({ a: 1, label: 'x' });
    expect(r({ a: 1, label: 'x', token: 't' })).toEqual({ a: 1, label: 'x', token: R });
    expect(r({ a: 1 })).toEqual({ a: 1 });
    expect(r({ a: 1, password: 'y' })).toEqual({ a: 1, password: R });
    const note = { a: 'clean value here' };
    expect(r(note)).toEqual(note);
    expect(r({ a: `Bearer ${JWT}` })).toEqual({ a: R });
  });

  it('does not walk inherited properties even when Object.prototype is polluted', () => {
    const proto = Object.prototype as Rec;
    proto.pollutedForTest = JWT;
    try {
      const out = sanitize({ a: 1, nested: { b: 2 } });
      expect(Object.keys(out)).toEqual(['a', 'nested']);
      expect(Object.keys(out.nested as object)).toEqual(['b']);
    } finally {
      delete proto.pollutedForTest;
    }
  });

  it('exposes redactString and isSensitiveKey', () => {
    const r = createRedactor();
    expect(r.redactString(`token ${JWT}`)).toBe(`token ${R}`);
    expect(r.redactString(`Bearer ${JWT}`)).toBe(R);
    expect(r.isSensitiveKey('clientSecret')).toBe(true);
    expect(r.isSensitiveKey('clientName')).toBe(false);
  });
});

describe('createRedactor: repeated and nested calls', () => {
  it('a censor function may call the same redactor; paths and cycles stay per call', () => {
    const paths: string[] = [];
    const redact = createRedactor({
      paths: ['meta'],
      censor: (value, path) => {
        paths.push(path.join('.'));
        return typeof value === 'object' && value !== null ? redact(value) : '[X]';
      },
    });
    const shared = { password: 'p1', ok: 1 };
    const input = { meta: shared, password: 'p2', next: { token: 't', again: shared } };
    expect(redact(input)).toEqual({
      meta: { password: '[X]', ok: 1 },
      password: '[X]',
      next: { token: '[X]', again: { password: '[X]', ok: 1 } },
    });
    expect(paths).toEqual(['meta', 'password', 'password', 'next.token', 'next.again.password']);
    // The next call starts clean: the same object again is not taken for a cycle.
    expect(redact({ a: shared, b: shared })).toEqual({
      a: { password: '[X]', ok: 1 },
      b: { password: '[X]', ok: 1 },
    });
  });

  it('a call that hit an unreadable value leaves nothing behind for the next one', () => {
    const redact = createRedactor();
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    const value = { a: { b: hostile } };
    expect(redact(value)).toEqual({ a: { b: SANITIZE_MARKERS.unreadable } });
    expect(redact({ x: value.a, y: value.a })).toEqual({
      x: { b: SANITIZE_MARKERS.unreadable },
      y: { b: SANITIZE_MARKERS.unreadable },
    });
  });
});
