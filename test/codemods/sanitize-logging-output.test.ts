/**
 * The unchanged-output guarantee of `sanitize-logging`: for a value with nothing sensitive in it, the line each
 * logger writes is byte-identical whether the program logs `value` or `sanitizeForLogging(value)` (what the
 * rewrite produces). Real loggers, writing to streams: console (`new console.Console(stream)`, util.inspect
 * formatting included), pino 10 with its `err` serializer, and winston 3 with `format.errors({ stack: true })`
 * and `json()` or a `printf` format. Where something is sensitive, the line differs only where it was.
 */
import { Console } from 'node:console';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import winston from 'winston';
import { findSecrets, isSensitiveName } from '@secure-migrate/runtime/classify';
import { sanitizeForLogging } from '@secure-migrate/runtime/log';

type Logs = (value: unknown) => void | Promise<void>;
type Rec = Record<PropertyKey, unknown>;

const R = '[REDACTED]';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
/** A password as long as the censor, so util.inspect lays the line out the same way with either. */
const PW = 'hunter2!!x';

/** What a sequence of log calls writes (a call that throws writes its error message, so throwing is compared too). */
interface Capture {
  lines: string[];
  run(value: unknown): Promise<string>;
}

function collector(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

async function capture(lines: string[], calls: Logs[], value: unknown, settle?: () => Promise<void>) {
  const before = lines.length;
  for (const call of calls) {
    try {
      await call(value);
    } catch (error) {
      lines.push(`threw ${(error as Error).name}: ${(error as Error).message}\n`);
    }
  }
  if (settle) await settle();
  return lines.splice(before).join('');
}

function consoleCapture(): Capture {
  const { lines, stream } = collector();
  const c = new Console({ stdout: stream, stderr: stream });
  const calls: Logs[] = [
    (v) => c.log(v),
    (v) => c.log('value:', v),
    (v) => c.error(v),
    (v) => c.info('%s | %o | %O', v, v, v),
    (v) => c.warn('%j', v),
    (v) => c.log([v], { v }),
  ];
  return { lines, run: (value) => capture(lines, calls, value) };
}

function pinoCapture(): Capture {
  const lines: string[] = [];
  const logger = pino(
    { timestamp: false, base: undefined, serializers: { err: pino.stdSerializers.err } },
    { write: (s: string) => lines.push(s) },
  );
  const calls: Logs[] = [
    (v) => logger.info(v),
    (v) => logger.info({ value: v }, 'logged'),
    (v) => logger.error({ err: v }, 'failed'),
    (v) => logger.warn('with %s and %o and %j', v, v as object, v as object),
    (v) => logger.info({ nested: { list: [v] } }),
  ];
  return { lines, run: (value) => capture(lines, calls, value) };
}

function winstonCapture(format: winston.Logform.Format): Capture {
  const { lines, stream } = collector();
  const logger = winston.createLogger({
    level: 'debug',
    format,
    transports: [new winston.transports.Stream({ stream })],
  });
  let expected = 0;
  const calls: Logs[] = [
    (v) => void logger.info('logged', { value: v }),
    (v) => void logger.log({ level: 'warn', message: 'entry', value: v }),
    (v) => void logger.error('failed', v),
    (v) => void (typeof v === 'object' && v !== null ? logger.error(v as object) : logger.error(String(v))),
  ];
  const counted = calls.map((call): Logs => (v) => {
    expected++;
    return call(v);
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 400 && lines.length < expected; i++) await new Promise((r) => setImmediate(r));
    expect(lines.length).toBe(expected);
  };
  return {
    lines,
    run: async (value) => {
      const out = await capture(lines, counted, value, settle);
      expected = lines.length;
      return out;
    },
  };
}

const printf = winston.format.printf((info) => {
  const { level, message, stack, ...rest } = info;
  const meta = Object.keys(rest).length > 0 ? ` ${inspect(rest, { depth: 6, breakLength: Infinity })}` : '';
  return `${level}: ${String(message)}${typeof stack === 'string' ? `\n${stack}` : ''}${meta}`;
});

const LOGGERS: Record<string, () => Capture> = {
  console: consoleCapture,
  pino: pinoCapture,
  'winston json': () =>
    winstonCapture(winston.format.combine(winston.format.errors({ stack: true }), winston.format.json())),
  'winston printf': () =>
    winstonCapture(winston.format.combine(winston.format.errors({ stack: true }), printf)),
};

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}
class Money {
  constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}
  toJSON(): string {
    return `${this.amount} ${this.currency}`;
  }
}
class HttpError extends Error {
  status = 502;
  code = 'E_UPSTREAM';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpError';
  }
}
class Private {
  #hidden = 'never shown';
  shown = 'shown';
  reveal(): string {
    return this.#hidden;
  }
}

/** Non-sensitive values of every kind a log call receives. */
function cleanValues(): [string, unknown][] {
  const cyclic: Rec = { name: 'node', children: [] };
  (cyclic.children as unknown[]).push({ parent: cyclic, name: 'leaf' });
  const shared = { id: 1 };
  const withCause = new Error('outer failure', { cause: new TypeError('inner cause') });
  const custom = new HttpError('bad gateway', { cause: withCause });
  (custom as unknown as Rec).details = { host: 'api.internal', retries: 3 };
  const withSymbol = { visible: 1, [Symbol('tag')]: 'symbol value' };
  const bare = Object.assign(Object.create(null) as Rec, { a: 1, b: 'two' });
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const getter = {
    base: 2,
    get double(): number {
      return this.base * 2;
    },
  };
  return [
    ['number', 42],
    ['negative zero', -0],
    ['float', 3.14159],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['bigint', 2n ** 70n],
    ['boolean', false],
    ['null', null],
    ['undefined', undefined],
    ['empty string', ''],
    ['string', 'user logged in'],
    ['quotes', `it's "quoted" and \`ticked\``],
    ['special characters', 'line\nbreak\ttab\\backslash\u0000nul\u001b[31mansi'],
    ['unicode', 'café ✓ 😀 ünïcödé'],
    ['format specifiers in text', '%s %d %o %j %%'],
    ['long text', 'lorem ipsum '.repeat(200)],
    ['symbol', Symbol('event')],
    ['function', function handler(): void {}],
    ['arrow function', () => 1],
    [
      'plain object',
      { id: 7, name: 'Ada', tags: ['a', 'b'], nested: { deep: { deeper: { deepest: true } } } },
    ],
    ['nested arrays', [1, [2, [3, [4, [5, [6]]]]], 'x']],
    ['sparse array', sparse],
    ['empty object and array', { o: {}, a: [] }],
    ['null-prototype object', bare],
    ['object with a symbol key', withSymbol],
    ['object with a getter', getter],
    ['cycle', cyclic],
    ['shared references', { a: shared, b: shared }],
    ['class instance', new Point(3, 4)],
    ['class with private field', new Private()],
    ['class with toJSON', new Money(12, 'EUR')],
    ['URL', new URL('https://example.com/path?q=1#frag')],
    ['Date', new Date('2024-05-06T07:08:09.010Z')],
    ['invalid Date', new Date(Number.NaN)],
    [
      'Map',
      new Map<unknown, unknown>([
        ['host', 'db'],
        [1, { port: 5432 }],
        [{ k: 1 }, 'object key'],
      ]),
    ],
    ['Set', new Set(['a', 1, { b: 2 }])],
    ['Buffer', Buffer.from('hello bytes')],
    ['Uint8Array', new Uint8Array([1, 2, 3, 250])],
    ['ArrayBuffer', new ArrayBuffer(4)],
    ['RegExp', /ab+c/gi],
    ['WeakMap', new WeakMap()],
    ['boxed string', Object('boxed')],
    ['Error', new Error('something failed')],
    ['TypeError with cause', withCause],
    ['custom Error class with props and a cause chain', custom],
    ['AggregateError', new AggregateError([new Error('one'), new RangeError('two')], 'several')],
    ['Error without a stack', Object.assign(new Error('no stack'), { stack: undefined })],
    ['object holding an error', { err: new Error('nested'), requestId: 'r-1' }],
    ['Map holding an error', new Map([['last', new Error('in a map')]])],
    [
      'request-like object',
      { method: 'GET', url: '/users/7', headers: { accept: 'application/json', 'user-agent': 'curl/8' } },
    ],
  ];
}

/** Whether the classifier calls anything in the value sensitive: a key by name, text by value. */
function holdsSensitive(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return findSecrets(value).length > 0;
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return findSecrets(String.fromCharCode(...bytes)).length > 0;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      if (typeof k === 'string' && isSensitiveName(k)) return true;
      if (holdsSensitive(k, seen) || holdsSensitive(v, seen)) return true;
    }
    return false;
  }
  if (value instanceof Set) return [...value].some((v) => holdsSensitive(v, seen));
  if (value instanceof String) return holdsSensitive(value.valueOf(), seen);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && isSensitiveName(key)) return true;
    if (holdsSensitive((value as Rec)[key], seen)) return true;
  }
  return false;
}

const keyArb = fc.string({ maxLength: 12 }).filter((k) => !isSensitiveName(k) && k !== '__proto__');
const textArb = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    textArb,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 5 }),
  ),
})).value;
const anyKind = fc.anything({
  key: keyArb,
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withObjectString: true,
});

/** Property runs per logger and generator. */
const RUNS = 150;

describe.each(Object.keys(LOGGERS))('%s writes the same line for sanitizeForLogging(value)', (name) => {
  // Two equal copies from one call site (so Error stacks are equal too): winston mutates what it logs, so each
  // run gets its own.
  const [values, twins] = [0, 1].map(() => cleanValues()) as [[string, unknown][], [string, unknown][]];

  it('the classifier finds nothing sensitive in the catalogue', () => {
    for (const [label, value] of values) expect(holdsSensitive(value), label).toBe(false);
  });

  it.each(values.map(([label], i) => [label, i] as const))('%s', async (_label, i) => {
    const logger = LOGGERS[name]!();
    const plain = await logger.run(values[i]![1]);
    const sanitized = await logger.run(sanitizeForLogging(twins[i]![1]));
    expect(plain.length).toBeGreaterThan(0);
    expect(sanitized).toBe(plain);
  });

  it.each([
    ['random JSON-like values', jsonLike],
    ['random values of every kind', anyKind],
  ] as const)('%s (fast-check)', async (_label, arbitrary) => {
    const logger = LOGGERS[name]!();
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.clone(arbitrary, 2), async ([value, twin]) => {
        fc.pre(!holdsSensitive(value));
        const plain = await logger.run(value);
        const sanitized = await logger.run(sanitizeForLogging(twin));
        expect(sanitized).toBe(plain);
        compared++;
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 2);
  });

  describe('where something is sensitive, the line differs only there', () => {
    const secretCases = (): [string, unknown][] => {
      // A new error per case: winston mutates the errors it logs.
      const failure = (): HttpError =>
        new HttpError(`upstream rejected ${JWT}`, { cause: new Error(`token ${JWT} expired`) });
      return [
        ['a password property', { user: { id: 7, name: 'Ada', password: PW }, status: 'ok' }],
        [
          'an apiKey in a Map',
          new Map<string, unknown>([
            ['apiKey', PW],
            ['region', 'eu-west-1'],
          ]),
        ],
        ['a JWT in an Error message, stack and cause', failure()],
        ['an error under err', { err: failure(), requestId: 'r-9' }],
        ['a password inside a class instance', Object.assign(new Point(1, 2), { password: PW })],
      ];
    };

    const [cases, caseTwins] = [0, 1].map(() => secretCases()) as [[string, unknown][], [string, unknown][]];
    it.each(cases.map(([label], i) => [label, i] as const))('%s', async (_label, i) => {
      const logger = LOGGERS[name]!();
      const plain = await logger.run(cases[i]![1]);
      const sanitized = await logger.run(sanitizeForLogging(caseTwins[i]![1]));
      expect(sanitized).not.toContain(PW);
      expect(sanitized).not.toContain(JWT);
      expect(sanitized).toBe(plain.replaceAll(PW, R).replaceAll(JWT, R));
    });

    it('a value passed with its name keeps its place in the message', async () => {
      const logger = LOGGERS[name]!();
      const plain = await logger.run(`session ${PW} opened`);
      const sanitized = await logger.run(`session ${sanitizeForLogging(PW, { name: 'token' })} opened`);
      expect(sanitized).toBe(plain.replaceAll(PW, R));
    });
  });
});

describe('sanitizeForLogging returns a clean value as it is', () => {
  it('for every value of the catalogue', () => {
    for (const [label, value] of cleanValues()) expect(sanitizeForLogging(value), label).toBe(value);
  });
});
