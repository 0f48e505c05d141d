import { secureAssign, secureAssignAll, secureSet } from '@secure-migrate/runtime/assign';
import { AssignmentRefusedError, SecureMigrateError } from '@secure-migrate/runtime/errors';

/** Snapshot of Object.prototype's own names, to prove no payload added one. */
const protoNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const before = protoNames();

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(protoNames()).toEqual(before);
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
  expect(Object.getOwnPropertyNames(Function.prototype)).not.toContain('polluted');
}

afterEach(() => {
  expectNoPollution();
});

describe('secureAssign', () => {
  it('assigns ordinary keys like target[key] = value', () => {
    const user: Record<string, unknown> = { name: 'a' };
    expect(secureAssign(user, 'name', 'b')).toBe(true);
    expect(secureAssign(user, 'nickname', 'c')).toBe(true);
    expect(user).toEqual({ name: 'b', nickname: 'c' });
    expect(Object.getOwnPropertyDescriptor(user, 'nickname')).toMatchObject({
      writable: true,
      enumerable: true,
    });
  });

  it('writes array indices and treats numbers and their text as one key', () => {
    const arr: unknown[] = ['a', 'b'];
    expect(secureAssign(arr, 1, 'B')).toBe(true);
    expect(secureAssign(arr, '2', 'C')).toBe(true);
    expect(arr).toEqual(['a', 'B', 'C']);
    expect(secureAssign(arr, 0, 'A', { allow: ['0'] })).toBe(true);
    expect(secureAssign({}, '3', 1, { allow: [3] })).toBe(true);
    expect(secureAssign({}, '4', 1, { allow: new Set([4]) })).toBe(true);
    expect(arr[0]).toBe('A');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s', (key) => {
    const target: Record<string, unknown> = {};
    expect(secureAssign(target, key, { polluted: 1 })).toBe(false);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(target, key)).toBe(false);
  });

  it('refuses forbidden keys even when they are in the allow list', () => {
    expect(
      secureAssign({}, '__proto__', { polluted: 1 }, { allow: ['__proto__'], allowSensitive: true }),
    ).toBe(false);
  });

  it('refuses keys that are not strings, numbers or symbols (an array key would coerce to __proto__)', () => {
    const reasons: string[] = [];
    const onRefuse = (_key: string, reason: string) => reasons.push(reason);
    expect(secureAssign({}, ['__proto__'] as unknown as string, { polluted: 1 }, { onRefuse })).toBe(false);
    expect(secureAssign({}, null as unknown as string, 1, { onRefuse })).toBe(false);
    expect(secureAssign({}, { toString: () => 'a' } as unknown as string, 1, { onRefuse })).toBe(false);
    expect(reasons).toEqual(['invalid-key', 'invalid-key', 'invalid-key']);
  });

  it('accepts symbol keys unless an allow list leaves them out', () => {
    const s = Symbol('tag');
    const target: Record<symbol, unknown> = {};
    expect(secureAssign(target, s, 1)).toBe(true);
    expect(target[s]).toBe(1);
    expect(secureAssign(target, Symbol('other'), 1, { allow: ['name'] })).toBe(false);
    expect(secureAssign(target, s, 2, { allow: [s] })).toBe(true);
  });

  it('refuses sensitive names unless allowSensitive', () => {
    const user: Record<string, unknown> = {};
    expect(secureAssign(user, 'password', 'x')).toBe(false);
    expect(secureAssign(user, 'apiKey', 'x')).toBe(false);
    expect(secureAssign(user, 'accessToken', 'x', { allow: ['accessToken'] })).toBe(false);
    expect(user).toEqual({});
    expect(secureAssign(user, 'password', 'x', { allowSensitive: true })).toBe(true);
    expect(user).toEqual({ password: 'x' });
  });

  it('passes classifier options through (extraNames, allowedNames)', () => {
    expect(secureAssign({}, 'isAdmin', true, { extraNames: ['isAdmin'] })).toBe(false);
    expect(secureAssign({}, 'password', 'x', { allowedNames: ['password'] })).toBe(true);
  });

  it('enforces allow and deny lists', () => {
    const user: Record<string, unknown> = {};
    const refused: Array<[string, string]> = [];
    const options = {
      allow: ['name', 'email', 'role'],
      deny: new Set<PropertyKey>(['role']),
      onRefuse: (key: string, reason: string) => refused.push([key, reason]),
    };
    expect(secureAssign(user, 'name', 'n', options)).toBe(true);
    expect(secureAssign(user, 'isAdmin', true, options)).toBe(false);
    expect(secureAssign(user, 'role', 'admin', options)).toBe(false);
    expect(user).toEqual({ name: 'n' });
    expect(refused).toEqual([
      ['isAdmin', 'not-allowed'],
      ['role', 'denied'],
    ]);
  });

  it('throws ERR_ASSIGN_REFUSED naming the key and the reason in strict mode', () => {
    let error: unknown;
    try {
      secureAssign({}, 'isAdmin', true, { allow: ['name'], strict: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssignmentRefusedError);
    expect(error).toBeInstanceOf(SecureMigrateError);
    const e = error as AssignmentRefusedError;
    expect(e.code).toBe('ERR_ASSIGN_REFUSED');
    expect(e.key).toBe('isAdmin');
    expect(e.reason).toBe('not-allowed');
    expect(e.message).toContain('"isAdmin"');
    expect(e.message).toContain('allow list');
    expect(() => secureAssign({}, '__proto__', 1, { strict: true })).toThrow(/"__proto__".*prototype/);
    expect(() => secureAssign({}, 'password', 1, { strict: true })).toThrow(/"password".*sensitive/);
  });

  it('escapes and cuts hostile keys in error messages', () => {
    const key = `bad\n${'k'.repeat(500)}`;
    expect(() => secureAssign({}, key, 1, { allow: [], strict: true })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^Refused to assign "bad\\nk{96}…"/) }),
    );
  });

  it('refuses prototype objects and non-objects as targets', () => {
    expect(secureAssign(Object.prototype, 'polluted', 1)).toBe(false);
    expect(secureAssign(Array.prototype, 'polluted', 1)).toBe(false);
    class Model {}
    expect(secureAssign(Model.prototype, 'polluted', 1)).toBe(false);
    expect(Object.getOwnPropertyNames(Model.prototype)).toEqual(['constructor']);
    expect(secureAssign(null as unknown as object, 'a', 1)).toBe(false);
    expect(secureAssign('str' as unknown as object, 'a', 1)).toBe(false);
    // An object with an own, unrelated `constructor` value is an ordinary target.
    expect(secureAssign({ constructor: 'x' }, 'a', 1)).toBe(true);
  });

  it('reports frozen targets and read-only properties as not-writable instead of throwing', () => {
    const frozen = Object.freeze({ a: 1 });
    const reasons: string[] = [];
    expect(secureAssign(frozen, 'a', 2, { onRefuse: (_k, r) => reasons.push(r) })).toBe(false);
    expect(frozen.a).toBe(1);
    expect(reasons).toEqual(['not-writable']);
  });

  it('runs setters like a plain assignment', () => {
    const seen: unknown[] = [];
    const target = {
      set email(v: string) {
        seen.push(v.toLowerCase());
      },
    };
    expect(secureAssign(target, 'email', 'A@B.C')).toBe(true);
    expect(seen).toEqual(['a@b.c']);
  });

  it('treats unicode look-alikes of __proto__ as ordinary keys', () => {
    const target: Record<string, unknown> = {};
    for (const key of ['＿＿proto＿＿', '__proto\u200b__', '__PROTO__', 'Constructor']) {
      expect(secureAssign(target, key, { polluted: 1 })).toBe(true);
      expect(Object.prototype.hasOwnProperty.call(target, key)).toBe(true);
    }
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});

describe('secureAssignAll', () => {
  it('blocks the JSON.parse __proto__ payload and copies the rest', () => {
    const payload: unknown = JSON.parse(
      '{"__proto__":{"polluted":1},"name":"n","constructor":{"prototype":{"polluted":1}}}',
    );
    const user: Record<string, unknown> = {};
    const result = secureAssignAll(user, payload);
    expect(result.assigned).toEqual(['name']);
    expect(result.refused).toEqual([
      { key: '__proto__', reason: 'forbidden-key' },
      { key: 'constructor', reason: 'forbidden-key' },
    ]);
    expect(user).toEqual({ name: 'n' });
    expect(Object.getPrototypeOf(user)).toBe(Object.prototype);
    // Object.assign would have replaced the prototype of the target:
    const naive = Object.assign({}, payload) as Record<string, unknown>;
    expect(naive.polluted).toBe(1);
  });

  it('migrates Object.assign(user, req.body) with an allow list', () => {
    const user = { id: 1, name: 'old', isAdmin: false };
    const body = { name: 'new', isAdmin: true, password: 'p' };
    const result = secureAssignAll(user, body, { allow: ['name', 'email'] });
    expect(user).toEqual({ id: 1, name: 'new', isAdmin: false });
    expect(result).toEqual({
      assigned: ['name'],
      refused: [
        { key: 'isAdmin', reason: 'not-allowed' },
        { key: 'password', reason: 'not-allowed' },
      ],
    });
  });

  it('refuses sensitive keys without an allow list', () => {
    const result = secureAssignAll({}, { apiKey: 'k', theme: 'dark' });
    expect(result.assigned).toEqual(['theme']);
    expect(result.refused).toEqual([{ key: 'apiKey', reason: 'sensitive' }]);
  });

  it('writes nothing in strict mode when any key is refused', () => {
    const user: Record<string, unknown> = {};
    expect(() =>
      secureAssignAll(user, { name: 'n', isAdmin: true }, { allow: ['name'], strict: true }),
    ).toThrow(AssignmentRefusedError);
    expect(user).toEqual({});
  });

  it('ignores null and undefined sources and rejects primitives', () => {
    expect(secureAssignAll({}, null)).toEqual({ assigned: [], refused: [] });
    expect(secureAssignAll({}, undefined)).toEqual({ assigned: [], refused: [] });
    expect(() => secureAssignAll({}, 'ab')).toThrow(/source must be an object/);
  });

  it('only reads own enumerable string keys', () => {
    const source = Object.create({ inherited: 1 }) as Record<string | symbol, unknown>;
    source.own = 2;
    source[Symbol('s')] = 3;
    Object.defineProperty(source, 'hidden', { value: 4, enumerable: false });
    const target: Record<string, unknown> = {};
    expect(secureAssignAll(target, source).assigned).toEqual(['own']);
    expect(target).toEqual({ own: 2 });
  });

  it('refuses every key when the target is a prototype', () => {
    const result = secureAssignAll(Object.prototype, { polluted: 1 });
    expect(result.refused).toEqual([{ key: 'polluted', reason: 'prototype-target' }]);
  });
});

describe('secureSet', () => {
  it('sets nested paths, creating objects and arrays', () => {
    const target: Record<string, unknown> = {};
    expect(secureSet(target, 'a.b.c', 1)).toBe(true);
    expect(secureSet(target, 'list[1].name', 'x')).toBe(true);
    expect(secureSet(target, 'm.0', 'first')).toBe(true);
    expect(secureSet(target, ['k.with.dots', 'v'], 2)).toBe(true);
    expect(secureSet(target, 'h["x-request-id"]', 'r')).toBe(true);
    expect(target).toEqual({
      a: { b: { c: 1 } },
      list: [undefined, { name: 'x' }],
      m: ['first'],
      'k.with.dots': { v: 2 },
      h: { 'x-request-id': 'r' },
    });
  });

  it('keeps existing intermediates', () => {
    const target = { a: { keep: true } as Record<string, unknown> };
    expect(secureSet(target, 'a.b', 1)).toBe(true);
    expect(target).toEqual({ a: { keep: true, b: 1 } });
  });

  it.each([
    '__proto__.polluted',
    'a.__proto__.polluted',
    'constructor.prototype.polluted',
    'a.constructor.prototype.polluted',
    '["__proto__"].polluted',
    "a['constructor']['prototype'].polluted",
    'prototype.polluted',
  ])('refuses the pollution path %s', (path) => {
    const target: Record<string, unknown> = { a: {} };
    const reasons: string[] = [];
    expect(secureSet(target, path, 1, { onRefuse: (_k, r) => reasons.push(r) })).toBe(false);
    expect(reasons).toEqual(['forbidden-key']);
    expect(target).toEqual({ a: {} });
  });

  it.each([
    [['__proto__', 'polluted']],
    [['constructor', 'prototype', 'polluted']],
    [['a', '__proto__', 'polluted']],
  ])('refuses the segment array %j', (path) => {
    expect(secureSet({ a: {} }, path, 1)).toBe(false);
  });

  it('refuses malformed paths', () => {
    for (const path of ['', 'a..b', 'a.', '.a', 'a[', 'a[]', 'a["x]', 'a]b', 'a[0]b']) {
      expect(secureSet({}, path, 1), path).toBe(false);
    }
    expect(secureSet({}, [] as string[], 1)).toBe(false);
    expect(secureSet({}, [{}] as unknown as string[], 1)).toBe(false);
  });

  it('does not write through inherited built-ins (a lodash set hazard)', () => {
    const target: Record<string, unknown> = {};
    expect(secureSet(target, 'toString.polluted', 1)).toBe(true);
    expect((Object.prototype.toString as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(target.toString).toEqual({ polluted: 1 });
  });

  it('refuses to run through primitives, functions and prototypes', () => {
    expect(secureSet({ a: 'text' }, 'a.b', 1)).toBe(false);
    expect(secureSet({ a: () => 1 }, 'a.b', 1)).toBe(false);
    expect(secureSet({ a: Object.prototype }, 'a.polluted', 1)).toBe(false);
    expect(secureSet({ a: { b: Array.prototype } }, 'a.b.polluted', 1)).toBe(false);
  });

  it('refuses sensitive segments anywhere unless allowSensitive', () => {
    expect(secureSet({}, 'user.password', 'x')).toBe(false);
    expect(secureSet({}, 'credentials.user', 'x')).toBe(false);
    const t: Record<string, unknown> = {};
    expect(secureSet(t, 'user.password', 'x', { allowSensitive: true })).toBe(true);
    expect(t).toEqual({ user: { password: 'x' } });
  });

  it('matches allow and deny entries as paths and subtrees, with * for one segment', () => {
    const options = { allow: ['profile', 'items[*].qty'], deny: ['profile.verified'] };
    const t: Record<string, unknown> = { items: [{ qty: 1 }] };
    expect(secureSet(t, 'profile.name', 'n', options)).toBe(true);
    expect(secureSet(t, 'items[0].qty', 2, options)).toBe(true);
    expect(secureSet(t, 'items.0.price', 0, options)).toBe(false);
    expect(secureSet(t, 'profile.verified', true, options)).toBe(false);
    expect(secureSet(t, 'isAdmin', true, options)).toBe(false);
    expect(t).toEqual({ profile: { name: 'n' }, items: [{ qty: 2 }] });
  });

  it('throws in strict mode with the path in the message', () => {
    expect(() => secureSet({}, 'a.__proto__.x', 1, { strict: true })).toThrow(/"a\.__proto__\.x"/);
  });
});

describe('package root', () => {
  it('re-exports the assign and log helpers', async () => {
    const root = await import('@secure-migrate/runtime');
    const assign = await import('@secure-migrate/runtime/assign');
    const log = await import('@secure-migrate/runtime/log');
    expect(root.secureAssign).toBe(assign.secureAssign);
    expect(root.secureAssignAll).toBe(assign.secureAssignAll);
    expect(root.secureSet).toBe(assign.secureSet);
    expect(root.sanitizeForLogging).toBe(log.sanitizeForLogging);
    expect(root.createRedactor).toBe(log.createRedactor);
    expect(root.AssignmentRefusedError).toBe(AssignmentRefusedError);
  });
});

describe('array length a plain assignment would refuse with a RangeError', () => {
  const bad: [string, unknown][] = [
    ['text', 'x'],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['2^32', 2 ** 32],
    ['NaN', Number.NaN],
  ];

  it.each(bad)('secureAssign([], "length", %s) is refused as invalid-value', (_label, value) => {
    const target = [1, 2];
    const reasons: string[] = [];
    expect(secureAssign(target, 'length', value, { onRefuse: (_k, r) => reasons.push(r) })).toBe(false);
    expect(reasons).toEqual(['invalid-value']);
    expect(target).toEqual([1, 2]);
    const e = refusal(() => secureAssign(target, 'length', value, { strict: true }));
    expect(e.reason).toBe('invalid-value');
    expect(e.key).toBe('length');
    expect(e.message).toContain('an array length must be an integer');
  });

  it.each(bad)('secureSet({ arr: [] }, "arr.length", %s) is refused as invalid-value', (_label, value) => {
    const target = { arr: [1] };
    expect(secureSet(target, 'arr.length', value)).toBe(false);
    expect(target.arr).toEqual([1]);
    expect(refusal(() => secureSet(target, 'arr.length', value, { strict: true })).reason).toBe(
      'invalid-value',
    );
  });

  it('secureAssignAll onto an array reports the bad length and writes the rest', () => {
    const target: unknown[] = [1, 2];
    const result = secureAssignAll(target, { 0: 'a', length: -1 });
    expect(result.assigned).toEqual(['0']);
    expect(result.refused).toEqual([{ key: 'length', reason: 'invalid-value' }]);
    expect(target).toEqual(['a', 2]);
    // In strict mode every key is checked before writing, but a value's validity shows only when written.
    expect(refusal(() => secureAssignAll([1], { length: 1.5 }, { strict: true })).reason).toBe(
      'invalid-value',
    );
  });

  it('a valid length works as in plain code: truncates, extends, accepts numeric text', () => {
    const a = [1, 2, 3];
    expect(secureAssign(a, 'length', 1)).toBe(true);
    expect(a).toEqual([1]);
    const b = { arr: [1, 2, 3] };
    expect(secureSet(b, 'arr.length', '2')).toBe(true);
    expect(b.arr).toEqual([1, 2]);
    expect(secureAssign(b.arr, 'length', 0)).toBe(true);
    expect(b.arr).toEqual([]);
  });

  it("a setter's own RangeError still reaches the caller, as in plain code", () => {
    const target = {
      set size(v: number) {
        if (v < 0) throw new RangeError('size must be positive');
      },
    };
    expect(() => secureAssign(target, 'size', -1)).toThrow(RangeError);
  });
});

function refusal(fn: () => unknown): AssignmentRefusedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AssignmentRefusedError);
    return error as AssignmentRefusedError;
  }
  throw new Error('expected an AssignmentRefusedError');
}
