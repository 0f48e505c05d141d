import { Writable } from 'node:stream';
import pino from 'pino';
import winston from 'winston';
import { createRedactor, pinoRedaction, winstonRedactFormat } from '@secure-migrate/runtime/log';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const GH = `ghp_${'Z9y8X7w6V5'.repeat(3)}abcdef`;
const R = '[REDACTED]';
type Rec = Record<string, unknown>;

function pinoCapture(options: pino.LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = pino({ ...pinoRedaction(), ...options }, { write: (s: string) => lines.push(s) });
  const parsed = (): Rec[] => lines.map((l) => JSON.parse(l) as Rec);
  return { logger, lines, parsed };
}

describe('pinoRedaction with a real pino logger', () => {
  it('redacts the merging object by name and by value, keeping innocent fields', () => {
    const { logger, lines, parsed } = pinoCapture();
    const input = { user: { id: 1, name: 'Ada', password: 'hunter2' }, note: JWT, status: 200 };
    const snapshot = structuredClone(input);
    logger.info(input, 'login');
    expect(input).toEqual(snapshot);
    const [line] = parsed();
    expect(line).toMatchObject({
      msg: 'login',
      user: { id: 1, name: 'Ada', password: R },
      note: R,
      status: 200,
    });
    expect(lines.join('')).not.toContain('hunter2');
    expect(lines.join('')).not.toContain(JWT);
  });

  it('scrubs template-literal messages and printf arguments', () => {
    const { logger, lines, parsed } = pinoCapture();
    logger.info(`refreshing with token ${JWT}`);
    logger.warn('user %s sent %s and %j', 'ada', `Bearer ${JWT}`, { apiKey: 'k-1', ok: true });
    logger.info({ a: 1 }, 'pushed %s', GH);
    const out = parsed();
    expect(out[0]!.msg).toBe(`refreshing with token ${R}`);
    expect(out[1]!.msg).toBe(`user ada sent ${R} and {"apiKey":"${R}","ok":true}`);
    expect(out[2]).toMatchObject({ a: 1, msg: `pushed ${R}` });
    expect(lines.join('')).not.toContain(JWT);
    expect(lines.join('')).not.toContain(GH);
  });

  it('redacts errors logged directly or under err, including the message pino derives', () => {
    const { logger, lines, parsed } = pinoCapture();
    const err = new Error(`upstream rejected ${JWT}`) as Error & Rec;
    err.config = { headers: { authorization: `Bearer ${GH}` } };
    logger.error(err);
    logger.error({ err }, 'call failed');
    logger.error({ err });
    const out = parsed();
    expect(out[0]).toMatchObject({
      msg: `upstream rejected ${R}`,
      err: { type: 'Error', message: `upstream rejected ${R}` },
    });
    expect((out[0]!.err as Rec).config).toEqual({ headers: { authorization: R } });
    expect(out[1]).toMatchObject({ msg: 'call failed', err: { message: `upstream rejected ${R}` } });
    expect(out[2]!.msg).toBe(`upstream rejected ${R}`);
    expect(lines.join('')).not.toContain(JWT);
    expect(lines.join('')).not.toContain(GH);
    expect(String((out[0]!.err as Rec).stack)).toContain('at ');
  });

  it('redacts base bindings, child bindings given the bindings formatter, and wraps your serializers', () => {
    const lines: string[] = [];
    const hooks = pinoRedaction({
      serializers: { req: (req) => ({ method: (req as Rec).method, headers: (req as Rec).headers }) },
    });
    const logger = pino(
      { ...hooks, base: { apiKey: 'base-key', service: 's' } },
      { write: (s: string) => lines.push(s) },
    );
    // pino formats a child's bindings only with the formatter given to that child:
    const child = logger.child(
      { sessionId: 'sess-1', tenant: 't1' },
      { formatters: { bindings: hooks.formatters.bindings } },
    );
    child.info({ req: { method: 'GET', headers: { cookie: 'sid=1', host: 'h' }, socket: {} } }, 'in');
    const line = JSON.parse(lines[0]!) as Rec;
    expect(line).toMatchObject({
      apiKey: R,
      service: 's',
      sessionId: R,
      tenant: 't1',
      req: { method: 'GET', headers: { cookie: R, host: 'h' } },
    });
    expect(lines[0]).not.toContain('sid=1');
    expect(lines[0]).not.toContain('sess-1');
    expect(lines[0]).not.toContain('base-key');
  });

  it('shares a redactor when given one', () => {
    const lines: string[] = [];
    const redactor = createRedactor({ extraNames: ['tenant'] });
    const logger = pino(pinoRedaction({ redactor }), { write: (s: string) => lines.push(s) });
    logger.info({ tenant: 't1', other: 'o' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ tenant: R, other: 'o' });
  });
});

function winstonCapture(format: winston.Logform.Format) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = winston.createLogger({
    level: 'debug',
    format,
    transports: [new winston.transports.Stream({ stream })],
  });
  const flush = async (count: number): Promise<Rec[]> => {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 5));
    return lines.map((l) => JSON.parse(l) as Rec);
  };
  return { logger, lines, flush };
}

describe('winstonRedactFormat with a real winston logger', () => {
  it('redacts meta by name and messages by value, and keeps winston working', async () => {
    const { logger, lines, flush } = winstonCapture(
      winston.format.combine(winstonRedactFormat(), winston.format.timestamp(), winston.format.json()),
    );
    const meta = {
      userId: 7,
      password: 'hunter2',
      headers: { authorization: `Bearer ${JWT}`, accept: '*/*' },
    };
    const snapshot = structuredClone(meta);
    logger.info(`token ${JWT} refreshed`, meta);
    logger.warn({ message: 'key rotated', apiKey: 'abc', note: GH });
    const out = await flush(2);
    expect(meta).toEqual(snapshot);
    expect(out[0]).toMatchObject({
      level: 'info',
      message: `token ${R} refreshed`,
      userId: 7,
      password: R,
      headers: { authorization: R, accept: '*/*' },
    });
    expect(typeof out[0]!.timestamp).toBe('string');
    expect(out[1]).toMatchObject({ level: 'warn', message: 'key rotated', apiKey: R, note: R });
    expect(lines.join('')).not.toContain(JWT);
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('redacts splat arguments and errors', async () => {
    const { logger, lines, flush } = winstonCapture(
      winston.format.combine(winstonRedactFormat(), winston.format.splat(), winston.format.json()),
    );
    logger.info('user %s used %s', 'ada', GH);
    logger.error(new Error(`failed with ${JWT}`));
    const out = await flush(2);
    expect(out[0]!.message).toBe(`user ada used ${R}`);
    expect(out[1]).toMatchObject({ level: 'error', message: `failed with ${R}` });
    expect(lines.join('')).not.toContain(GH);
    expect(lines.join('')).not.toContain(JWT);
  });

  it('keeps the level, message and splat symbols on the info object', () => {
    const LEVEL = Symbol.for('level');
    const SPLAT = Symbol.for('splat');
    const MESSAGE = Symbol.for('message');
    const info = {
      level: 'info',
      message: 'm',
      token: 't',
      [LEVEL]: 'info',
      [SPLAT]: [{ apiKey: 'k' }],
      [MESSAGE]: `x ${JWT}`,
    };
    const out = winstonRedactFormat().transform(info);
    expect(out[LEVEL]).toBe('info');
    expect(out[SPLAT]).toEqual([{ apiKey: R }]);
    expect(out[MESSAGE]).toBe(`x ${R}`);
    expect(out.token).toBe(R);
    expect(info.token).toBe('t');
  });
});
