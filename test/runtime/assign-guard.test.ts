/**
 * The prototype guards the secure-assign codemod writes: for legitimate input they do exactly what the plain
 * operation does (same result, same target, same prototype, same side effects, same errors); they refuse only the
 * three prototype keys and prototype targets, warn once per (key, call site), and throw in strict mode.
 */
import fc from 'fast-check';
import {
  configureGuards,
  guardAssign,
  guardAssignAll,
  guardAssignAllWith,
  resetGuardWarnings,
  GUARD_WARNED_LIMIT,
} from '@secure-migrate/runtime/assign';
import { AssignmentRefusedError, isSecureMigrateError } from '@secure-migrate/runtime/errors';

type Bag = Record<PropertyKey, unknown>;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const SYM = Symbol('sym');
const protoNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const pristine = protoNames();

afterEach(async () => {
  // Warnings are delivered on a later tick: let them arrive before the next test listens.
  await new Promise((resolve) => setImmediate(resolve));
  configureGuards({});
  resetGuardWarnings();
  vi.restoreAllMocks();
  expect(protoNames()).toEqual(pristine);
  expect(({} as Bag).polluted).toBeUndefined();
});

// ---------------------------------------------------------------------------------------------------------------
// Running the plain operation and the guard side by side.

interface Snapshot {
  primitive?: unknown;
  proto?: object | null;
  extensible?: boolean;
  keys?: PropertyKey[];
  props?: { kind: 'data' | 'accessor'; value?: unknown; enumerable?: boolean; writable?: boolean }[];
}

function snapshot(value: unknown): Snapshot {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function')
    return { primitive: value };
  const keys = Reflect.ownKeys(value);
  return {
    proto: Object.getPrototypeOf(value) as object | null,
    extensible: Object.isExtensible(value),
    keys,
    props: keys.map((key) => {
      const d = Reflect.getOwnPropertyDescriptor(value, key)!;
      return 'value' in d
        ? { kind: 'data', value: d.value as unknown, enumerable: d.enumerable, writable: d.writable }
        : { kind: 'accessor', enumerable: d.enumerable };
    }),
  };
}

interface Outcome {
  error?: { type: unknown; message: string };
  result?: Snapshot | 'the target' | { value: unknown };
  target: Snapshot;
  log: unknown[];
}

/** Builds a fresh target (and a log its accessors write to), runs `op` on it and records everything visible. */
function outcome<T>(make: (log: unknown[]) => T, op: (target: T, log: unknown[]) => unknown): Outcome {
  const log: unknown[] = [];
  const target = make(log);
  try {
    const result = op(target, log);
    return {
      result:
        result === target
          ? 'the target'
          : typeof result === 'object' && result !== null
            ? snapshot(result)
            : { value: result },
      target: snapshot(target),
      log,
    };
  } catch (error) {
    const e = error as Error;
    return { error: { type: e.constructor, message: e.message }, target: snapshot(target), log };
  }
}

/** Values compared with Object.is (NaN, -0, identity of objects), everything else deep-equal. */
function expectSameSnapshot(a: Snapshot, b: Snapshot): void {
  expect(Object.is(a.primitive, b.primitive)).toBe(true);
  expect(a.proto).toBe(b.proto);
  expect(a.extensible).toBe(b.extensible);
  expect(a.keys).toEqual(b.keys);
  expect(a.props?.map((p) => ({ ...p, value: undefined }))).toEqual(
    b.props?.map((p) => ({ ...p, value: undefined })),
  );
  a.props?.forEach((p, i) => {
    const other = b.props![i]!.value;
    // The same value, or (for objects each run's target made afresh, such as a function's `prototype`) an equal one.
    if (!Object.is(p.value, other)) expect(other, String(a.keys![i])).toEqual(p.value);
  });
}

function expectSame<T>(
  make: (log: unknown[]) => T,
  plain: (target: T, log: unknown[]) => unknown,
  guarded: (target: T, log: unknown[]) => unknown,
): void {
  const a = outcome(make, plain);
  const b = outcome(make, guarded);
  expect(b.error).toEqual(a.error);
  expect(b.log).toEqual(a.log);
  expectSameSnapshot(b.target, a.target);
  if (a.result === undefined || b.result === undefined) {
    expect(b.result).toBe(a.result);
  } else if (a.result === 'the target' || b.result === 'the target') {
    expect(b.result).toBe(a.result);
  } else if ('value' in a.result) {
    expect('value' in b.result && Object.is(b.result.value, a.result.value)).toBe(true);
  } else {
    expectSameSnapshot(b.result as Snapshot, a.result);
  }
}

/** `target[key] = value` next to `guardAssign(target, key, value)`, both as expressions. */
function expectAssignSame<T extends object>(make: (log: unknown[]) => T, key: unknown, value: unknown): void {
  expectSame(
    make,
    (t) => ((t as Bag)[key as PropertyKey] = value),
    (t) => guardAssign(t, key as PropertyKey, value),
  );
}

/** `Object.assign(target, ...sources)` next to `guardAssignAll(target, ...sources)`. */
function expectAssignAllSame<T>(make: (log: unknown[]) => T, sources: (log: unknown[]) => unknown[]): void {
  expectSame(
    make,
    (t, log) => Object.assign(t as object, ...sources(log)) as unknown,
    (t, log) => guardAssignAll(t as object, ...sources(log)) as unknown,
  );
}

const plainObject = (): Bag => ({ name: 'a', count: 1 });

// ---------------------------------------------------------------------------------------------------------------

describe('guardAssign: legitimate input behaves exactly like target[key] = value', () => {
  it('writes strings, sensitive names and look-alikes of the forbidden keys', () => {
    for (const key of ['name', 'new', '', 'password', 'passwordHash', 'isAdmin', 'role', 'token', 'apiKey']) {
      expectAssignSame(plainObject, key, 'v');
    }
    for (const key of [
      '__PROTO__',
      '__proto',
      'proto',
      '__proto__ ',
      'Constructor',
      'prototypes',
      '＿＿proto＿＿',
    ]) {
      expectAssignSame(plainObject, key, { nested: true });
    }
    const o: Bag = {};
    expect(guardAssign(o, 'password', 'hunter2')).toBe('hunter2');
    expect(o).toEqual({ password: 'hunter2' });
  });

  it('converts numbers, booleans, null, undefined and objects as JavaScript does, calling toString once', () => {
    for (const key of [0, 1, -0, 1.5, NaN, Infinity, 2 ** 53, true, null, undefined, 10n]) {
      expectAssignSame(plainObject, key, 1);
    }
    expectSame(
      () => ({}),
      (t: Bag, log) => (t[{ toString: () => (log.push('toString'), 'name') } as unknown as string] = 1),
      (t: Bag, log) =>
        guardAssign(t, { toString: () => (log.push('toString'), 'name') } as unknown as string, 1),
    );
    expectAssignSame(plainObject, ['a', 'b'], 1);
    expectAssignSame(plainObject, { [Symbol.toPrimitive]: () => SYM }, 1);
  });

  it('writes symbol keys', () => {
    expectAssignSame(plainObject, SYM, 'v');
    expectAssignSame(plainObject, Symbol.iterator, 'v');
  });

  it('returns the assigned value, not what a getter reads back', () => {
    const clamp = { set v(x: number) {}, get v() { return 0; } }; // prettier-ignore
    expect(guardAssign(clamp, 'v', 42)).toBe(42);
    expectSame(
      () => clamp,
      (t: Bag) => (t.v = 42),
      (t) => guardAssign(t, 'v', 42),
    );
  });

  it('runs setters on the target and on its prototype chain', () => {
    const withSetter = (log: unknown[]) => ({
      set price(v: number) {
        log.push(['set', v]);
      },
    });
    expectAssignSame(withSetter, 'price', 5);
    class Account {
      #balance = 0;
      set balance(v: number) {
        this.#balance = v;
      }
      get balance(): number {
        return this.#balance;
      }
    }
    expectAssignSame(() => new Account(), 'balance', 10);
    const account = new Account();
    guardAssign(account, 'balance', 7);
    expect(account.balance).toBe(7);
  });

  it('throws the same TypeError as a strict-mode write to frozen, sealed, read-only and getter-only targets', () => {
    expectAssignSame(() => Object.freeze({ a: 1 }), 'a', 2);
    expectAssignSame(() => Object.freeze({ a: 1 }), 'b', 2);
    expectAssignSame(() => Object.seal({ a: 1 }), 'b', 2);
    expectAssignSame(() => Object.preventExtensions({ a: 1 }), 'b', 2);
    expectAssignSame(() => Object.defineProperty({}, 'ro', { value: 1, writable: false }), 'ro', 2);
    expectAssignSame(() => ({ get only() { return 1; } }), 'only', 2); // prettier-ignore
    expect(
      outcome(
        () => Object.freeze({ a: 1 }),
        (t) => guardAssign(t, 'a', 2),
      ).error?.type,
    ).toBe(TypeError);
  });

  it('writes array indices and length (growing, truncating, and the RangeError of an invalid length)', () => {
    const arr = (): unknown[] => ['a', 'b', 'c'];
    expectAssignSame(arr, 1, 'B');
    expectAssignSame(arr, '5', 'F');
    expectAssignSame(arr, 'length', 1);
    expectAssignSame(arr, 'length', 10);
    expectAssignSame(arr, 'length', -1);
    expectAssignSame(arr, 'extra', true);
    const a = arr();
    guardAssign(a, 'length', 1);
    expect(a).toEqual(['a']);
  });

  it('keeps class instances, null-prototype objects and functions as they are', () => {
    class Point {
      x = 1;
      y = 2;
    }
    expectAssignSame(() => new Point(), 'x', 5);
    expectAssignSame(() => new Point(), 'z', 5);
    expectAssignSame(() => Object.create(null) as Bag, 'name', 'v');
    expectAssignSame(() => Object.create(null) as Bag, 'toString', 'v');
    expectAssignSame(() => new Map<string, number>(), 'size2', 1);
    expectAssignSame(() => function named() {}, 'displayName', 'x');
    const p = new Point();
    guardAssign(p, 'x', 9);
    expect(Object.getPrototypeOf(p)).toBe(Point.prototype);
  });

  it('throws what the plain write throws on null, undefined and primitive targets', () => {
    expectAssignSame(() => null as unknown as object, 'a', 1);
    expectAssignSame(() => undefined as unknown as object, 'a', 1);
    expectAssignSame(() => 'text' as unknown as object, 'a', 1);
    expectAssignSame(() => 5 as unknown as object, 'a', 1);
  });

  it('is the plain write for random records of keys and values (property)', () => {
    const key = fc.oneof(
      fc.string().filter((k) => !FORBIDDEN.has(k)),
      fc.integer(),
      fc.constantFrom('length', 'password', 'toString', 'valueOf', '__defineGetter__', SYM),
    );
    fc.assert(
      fc.property(
        // The starting record never holds `length`: copying a non-number `length` into an array throws before either
        // write runs (that is Object.assign's RangeError, not the guard's).
        fc.dictionary(
          fc.string().filter((k) => !FORBIDDEN.has(k) && k !== 'length'),
          fc.anything(),
        ),
        fc.array(fc.tuple(key, fc.anything()), { maxLength: 8 }),
        fc.boolean(),
        (start, writes, asArray) => {
          const make = (): Bag => (asArray ? Object.assign([], start) : { ...start }) as Bag;
          expectSame(
            make,
            (t) => writes.map(([k, v]) => (t[k] = v)),
            (t) => writes.map(([k, v]) => guardAssign(t, k, v)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('guardAssignAll: legitimate input behaves exactly like Object.assign', () => {
  it('copies several sources in order, later ones winning, and returns the target', () => {
    expectAssignAllSame(plainObject, () => [{ a: 1, name: 'b' }, { a: 2 }, { password: 'x', isAdmin: true }]);
    const t = { a: 0 };
    expect(guardAssignAll(t, { b: 1 }, { c: 2 })).toBe(t);
    expect(t).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('skips null and undefined sources and wraps primitive ones (a string copies its indices)', () => {
    expectAssignAllSame(plainObject, () => [null, undefined, { a: 1 }]);
    expectAssignAllSame(plainObject, () => ['abc', 5, true, SYM, 10n]);
    expectAssignAllSame(
      () => [] as unknown[],
      () => ['xy'],
    );
  });

  it('copies symbol keys after string keys, integer keys first, and skips non-enumerable and inherited keys', () => {
    const source = (): object => {
      const s = Object.create({ inherited: 1 }) as Bag;
      s[SYM] = 'sym';
      s.b = 'b';
      s[2] = 'two';
      s.a = 'a';
      s[1] = 'one';
      Object.defineProperty(s, 'hidden', { value: 'h', enumerable: false });
      Object.defineProperty(s, Symbol('hidden'), { value: 'h', enumerable: false });
      return s;
    };
    expectAssignAllSame(plainObject, () => [source()]);
    const t = guardAssignAll({} as Bag, source());
    expect(Reflect.ownKeys(t)).toEqual(['1', '2', 'b', 'a', SYM]);
  });

  it('reads each getter once, runs target setters, and follows the same Proxy traps in the same order', () => {
    const getterSource = (log: unknown[]) => [
      {
        get x() {
          log.push('get x');
          return 1;
        },
      },
    ];
    const setterTarget = (log: unknown[]) => ({
      set x(v: unknown) {
        log.push(['set x', v]);
      },
    });
    expectAssignAllSame(setterTarget, getterSource);
    const proxy = (log: unknown[]) => [
      new Proxy(
        { a: 1, [SYM]: 2 },
        {
          ownKeys: (t) => (log.push('ownKeys'), Reflect.ownKeys(t)),
          getOwnPropertyDescriptor: (t, k) => (log.push(['gOPD', k]), Reflect.getOwnPropertyDescriptor(t, k)),
          get: (t, k, r) => (log.push(['get', k]), Reflect.get(t, k, r) as unknown),
        },
      ),
    ];
    expectAssignAllSame(plainObject, proxy);
  });

  it('throws the same TypeError for null/undefined targets and frozen targets; wraps primitive targets', () => {
    expectAssignAllSame(
      () => null,
      () => [{ a: 1 }],
    );
    expectAssignAllSame(
      () => undefined,
      () => [],
    );
    expectAssignAllSame(
      () => Object.freeze({ a: 1 }),
      () => [{ b: 1, a: 2 }],
    );
    expectAssignAllSame(
      () => Object.freeze({ a: 1 }),
      () => [{}],
    );
    expectAssignAllSame(
      () => 5,
      () => [{ a: 1 }],
    );
    expectAssignAllSame(
      () => 'str',
      () => [{ a: 1 }],
    );
    expect(() => guardAssignAll(null as unknown as object, {})).toThrow(TypeError);
  });

  it('writes arrays, their length and class instances like Object.assign', () => {
    expectAssignAllSame(
      () => ['a', 'b', 'c'],
      () => [{ length: 1 }],
    );
    expectAssignAllSame(
      () => ['a'],
      () => [['x', 'y', 'z']],
    );
    class Model {
      id = 0;
    }
    expectAssignAllSame(
      () => new Model(),
      () => [{ id: 5, extra: true }],
    );
    expectAssignAllSame(
      () => Object.create(null) as Bag,
      () => [{ toString: 1, valueOf: 2 }],
    );
  });

  it('copies every other key of a source that holds a forbidden key exactly as Object.assign copies them', () => {
    /** The same source with or without an own forbidden key at position `at`. */
    const build = (forbidden: string | undefined, at: number) => (log: unknown[]) => {
      const s = {} as Bag;
      const put = (i: number): void => {
        if (i === at && forbidden !== undefined) {
          Object.defineProperty(s, forbidden, { value: { polluted: 1 }, enumerable: true, writable: true });
        }
      };
      put(0);
      s.b = 'b';
      put(1);
      Object.defineProperty(s, 'g', { get: () => (log.push('get g'), 'g'), enumerable: true });
      s[3] = 'three';
      put(2);
      s[SYM] = 'sym';
      Object.defineProperty(s, 'hidden', { value: 'h', enumerable: false });
      return [s, 'xy'];
    };
    const setterTarget = (log: unknown[]) => ({
      set g(v: unknown) {
        log.push(['set g', v]);
      },
    });
    for (const forbidden of ['__proto__', 'constructor', 'prototype']) {
      for (const at of [0, 1, 2]) {
        expectSame(
          setterTarget,
          (t, log) => Object.assign(t, ...build(undefined, at)(log)) as unknown,
          (t, log) => guardAssignAllWith({ warn: false }, t, ...build(forbidden, at)(log)) as unknown,
        );
      }
    }
  });

  it('drops only the forbidden key from random records that hold one (property)', () => {
    const record = fc.dictionary(
      fc.string().filter((k) => !FORBIDDEN.has(k)),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(
        record,
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.nat(),
        (data, forbidden, position) => {
          const entries = Object.entries(data).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
          entries.splice(position % (entries.length + 1), 0, `${JSON.stringify(forbidden)}:{"polluted":1}`);
          const payload = JSON.parse(`{${entries.join(',')}}`) as Bag;
          expectSame(
            () => ({}) as Bag,
            (t) => Object.assign(t, JSON.parse(JSON.stringify(data))) as unknown,
            (t) => guardAssignAllWith({ warn: false }, t, payload) as unknown,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is Object.assign for random records (property)', () => {
    const record = fc.dictionary(
      fc.string().filter((k) => !FORBIDDEN.has(k)),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        record,
        fc.array(fc.oneof(record, fc.constantFrom(null, undefined, 'abc', 7)), { maxLength: 4 }),
        (target, sources) => {
          expectAssignAllSame(
            () => ({ ...target }),
            () => sources,
          );
          expectSame(
            () => ({ ...target }),
            (t) => Object.assign(t, ...sources) as unknown,
            (t) => guardAssignAllWith({ strict: true }, t, ...sources) as unknown,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the guards close the prototype-pollution holes', () => {
  it('drop an own __proto__ key from JSON.parse, keeping the target and Object.prototype as they were', () => {
    const payload = JSON.parse('{"__proto__":{"polluted":1},"name":"ok"}') as Bag;
    const plain = Object.assign({}, payload) as Bag;
    expect(Object.getPrototypeOf(plain)).not.toBe(Object.prototype); // the hole the guard closes
    const target: Bag = {};
    const result = guardAssignAllWith({ warn: false }, target, payload);
    expect(result).toBe(target);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Reflect.ownKeys(target)).toEqual(['name']);
    expect(target.polluted).toBeUndefined();
  });

  it('refuse __proto__, constructor and prototype as keys, however the key is spelt', () => {
    const onRefuse = vi.fn();
    const target: Bag = {};
    const value = { polluted: 1 };
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      ['__proto__'],
      { toString: () => '__proto__' },
    ]) {
      expect(guardAssign(target, key as PropertyKey, value, { warn: false, onRefuse })).toBe(value);
    }
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Reflect.ownKeys(target)).toEqual([]);
    expect(onRefuse.mock.calls).toEqual([
      ['__proto__', 'forbidden-key'],
      ['constructor', 'forbidden-key'],
      ['prototype', 'forbidden-key'],
      ['__proto__', 'forbidden-key'],
      ['__proto__', 'forbidden-key'],
    ]);
    function Fn() {}
    const fnProto: unknown = Fn.prototype;
    guardAssign(Fn, 'prototype', {}, { warn: false });
    expect(Fn.prototype).toBe(fnProto);
  });

  it('refuse prototype objects as targets (obj.constructor.prototype[k], obj.__proto__[k], a class prototype)', () => {
    class Widget {}
    const onRefuse = vi.fn();
    const input = JSON.parse('{"a":"constructor","b":"prototype","c":"polluted"}') as Record<string, string>;
    const reached = ({} as Record<string, Bag>)[input.a!]![input.b!] as Bag;
    guardAssign(reached, input.c!, 1, { warn: false, onRefuse });
    guardAssign(({} as Bag)['__proto__'] as object, 'polluted', 1, { warn: false, onRefuse });
    guardAssign(Widget.prototype, 'polluted', 1, { warn: false, onRefuse });
    guardAssign(Array.prototype, 'polluted', 1, { warn: false, onRefuse });
    guardAssign(Function.prototype, 'polluted', 1, { warn: false, onRefuse });
    guardAssignAllWith({ warn: false, onRefuse }, Object.prototype, { polluted: 1 });
    expect(onRefuse.mock.calls.map((c: unknown[]) => c[1])).toEqual(Array(6).fill('prototype-target'));
    expect('polluted' in Widget.prototype).toBe(false);
    expect('polluted' in []).toBe(false);
    expect('polluted' in (() => {})).toBe(false);
  });
});

describe('warnings, strict mode and configureGuards', () => {
  /** Collects the process warnings emitted while `fn` runs (they arrive on the next tick). */
  async function warningsDuring(fn: () => void): Promise<Error[]> {
    const seen: Error[] = [];
    const listener = (w: Error): void => void seen.push(w);
    process.on('warning', listener);
    try {
      fn();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    return seen.filter((w) => w.name === 'SecureMigrateWarning');
  }

  it('warns once per (key, call site), naming the key and the caller’s file:line:column', async () => {
    const payload = JSON.parse('{"__proto__":{"polluted":1}}') as Bag;
    const seen = await warningsDuring(() => {
      // One site: '__proto__' three times warns once, 'constructor' once more.
      for (const key of ['__proto__', '__proto__', 'constructor', '__proto__']) guardAssign({}, key, {});
      guardAssign({}, '__proto__', {}); // other site: one more
      for (let i = 0; i < 2; i++) guardAssignAll({}, payload); // one more
    });
    expect(seen).toHaveLength(4);
    for (const w of seen) {
      expect((w as Error & { code?: string }).code).toBe('SECURE_MIGRATE_ASSIGN_REFUSED');
      expect(w.message).toMatch(/assign-guard\.test\.ts:\d+:\d+/);
    }
    expect(seen.map((w) => /"(\w+)"/.exec(w.message)?.[1])).toEqual([
      '__proto__',
      'constructor',
      '__proto__',
      '__proto__',
    ]);
    const site = (w: Error): string => /assign-guard\.test\.ts:(\d+):\d+/.exec(w.message)![1]!;
    expect(site(seen[0]!)).toBe(site(seen[1]!));
    expect(site(seen[2]!)).not.toBe(site(seen[0]!));
    expect(site(seen[3]!)).not.toBe(site(seen[2]!));
  });

  it('never takes a stack trace on the normal path', () => {
    const spy = vi.spyOn(Error, 'captureStackTrace');
    for (let i = 0; i < 50; i++) {
      guardAssign({}, `k${i}`, i);
      guardAssignAll({}, { a: i }, 'xy');
    }
    expect(spy).not.toHaveBeenCalled();
    guardAssign({}, 'prototype', 1);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('quotes and cuts the key so a refused key cannot forge log lines', async () => {
    class Target {}
    const forged = `x\nSecureMigrateWarning: all good ${'y'.repeat(300)}`;
    const [w] = await warningsDuring(() => guardAssign(Target.prototype, forged, 1));
    expect(w!.message).not.toContain('\n');
    expect(w!.message).toContain('"x\\nSecureMigrateWarning: all good');
    expect(w!.message.length).toBeLessThan(500);
  });

  it('stops remembering after the limit with one final warning', () => {
    class Target {}
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < GUARD_WARNED_LIMIT + 50; i++) guardAssign(Target.prototype, `key${i}`, i);
    expect(emit).toHaveBeenCalledTimes(GUARD_WARNED_LIMIT + 1);
    expect(String(emit.mock.calls[GUARD_WARNED_LIMIT]![0])).toContain(
      'further refusals are not warned about',
    );
    guardAssign(Target.prototype, 'key0', 1);
    guardAssign(Target.prototype, 'another', 1);
    expect(emit).toHaveBeenCalledTimes(GUARD_WARNED_LIMIT + 1);
  });

  it('falls back to console.warn without process.emitWarning, and warn: false is silent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const original = process.emitWarning;
    (process as { emitWarning?: unknown }).emitWarning = undefined;
    try {
      guardAssign({}, '__proto__', 1);
      guardAssign({}, 'constructor', 1, { warn: false });
    } finally {
      process.emitWarning = original;
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^SecureMigrateWarning: Refused to assign "__proto__" at /,
    );
  });

  it('throws AssignmentRefusedError in strict mode, after calling onRefuse', () => {
    const onRefuse = vi.fn();
    const target: Bag = { a: 1 };
    let error: unknown;
    try {
      guardAssign(target, 'constructor', 1, { strict: true, onRefuse });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssignmentRefusedError);
    expect(isSecureMigrateError(error, 'ERR_ASSIGN_REFUSED')).toBe(true);
    expect(error).toMatchObject({ key: 'constructor', reason: 'forbidden-key' });
    expect(onRefuse).toHaveBeenCalledWith('constructor', 'forbidden-key');
    class Target {}
    expect(() => guardAssign(Target.prototype, 'x', 1, { strict: true })).toThrow(
      expect.objectContaining({ reason: 'prototype-target' }),
    );
    // Keys before the refused one are written, as Object.assign leaves keys before a failing one.
    const partial: Bag = {};
    expect(() =>
      guardAssignAllWith({ strict: true }, partial, JSON.parse('{"a":1,"__proto__":{},"b":2}')),
    ).toThrow(AssignmentRefusedError);
    expect(partial).toEqual({ a: 1 });
  });

  it('configureGuards makes every guard strict or silent, a call site’s own option wins, and it returns the previous settings', async () => {
    const audit = vi.fn();
    const initial = configureGuards({ strict: true, onRefuse: audit });
    expect(initial).toEqual({});
    expect(() => guardAssign({}, '__proto__', 1)).toThrow(AssignmentRefusedError);
    expect(() => guardAssignAll({}, JSON.parse('{"__proto__":{}}'))).toThrow(AssignmentRefusedError);
    const local = vi.fn();
    expect(guardAssign({}, 'prototype', 1, { strict: false, warn: false, onRefuse: local })).toBe(1);
    expect(audit.mock.calls).toEqual([
      ['__proto__', 'forbidden-key'],
      ['__proto__', 'forbidden-key'],
      ['prototype', 'forbidden-key'],
    ]);
    expect(local).toHaveBeenCalledTimes(1);

    const previous = configureGuards({ warn: false });
    expect(previous.strict).toBe(true);
    expect(await warningsDuring(() => guardAssign({}, '__proto__', 1))).toEqual([]);
    configureGuards(previous);
    expect(() => guardAssign({}, '__proto__', 1)).toThrow(AssignmentRefusedError);
    configureGuards(initial);
    expect(guardAssign({}, '__proto__', 1, { warn: false })).toBe(1);
  });
});
