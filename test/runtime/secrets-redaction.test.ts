/**
 * Secret values redacted by value: what getSecret and loadSecrets load is masked by sanitizeForLogging, any
 * createRedactor redactor, pinoRedaction (a real pino) and winstonRedactFormat (a real winston) wherever it
 * appears, under any name, also after a string was seen clean before the value was loaded.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import winston from 'winston';
import {
  createRedactor,
  pinoRedaction,
  registerSecretValue,
  sanitizeForLogging,
  winstonRedactFormat,
} from '@secure-migrate/runtime/log';
import { configureSecrets, getSecret, loadSecrets } from '@secure-migrate/runtime/secrets';

const R = '[REDACTED]';
type Rec = Record<string, unknown>;

/** A value that looks like no known secret format: only its registration can get it redacted. */
const plainValue = (): string => `corn${randomBytes(9).toString('hex')}flakes`;

beforeEach(() => {
  const state = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[
    Symbol.for('secure-migrate.runtime')
  ];
  if (state) {
    delete state['secrets@1'];
    delete state['log-known-secrets@1'];
    delete state['log@2'];
  }
  configureSecrets({ directory: false });
  vi.stubEnv('NODE_ENV', 'test');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sanitizeForLogging and createRedactor', () => {
  it('do not know a value before it is loaded, and mask it everywhere once it is', () => {
    const value = plainValue();
    const input = {
      note: `retrying with ${value}`,
      nested: { list: ['a', value], map: new Map([['k', value]]) },
      error: new Error(`upstream said ${value}`),
    };
    expect(sanitizeForLogging(input)).toBe(input); // nothing to redact yet: the value itself
    vi.stubEnv('PARTNER_KEY', value);
    expect(getSecret('PARTNER_KEY')).toBe(value);
    const out = sanitizeForLogging(input) as typeof input;
    expect(out).not.toBe(input);
    expect(out.note).toBe(`retrying with ${R}`);
    expect(out.nested.list).toEqual(['a', R]);
    expect(out.nested.map.get('k')).toBe(R);
    expect(out.error).toBeInstanceOf(Error);
    expect(out.error.message).toBe(`upstream said ${R}`);
    expect(input.note).toBe(`retrying with ${value}`); // never mutated
  });

  it('a redactor that remembered a string clean forgets it when a value is registered', () => {
    const value = plainValue();
    const redact = createRedactor();
    const record = { id: 1, comment: `value ${value} here` };
    expect(redact(record)).toBe(record);
    expect(redact(record)).toBe(record); // remembered by shape and by the clean-string memory
    expect(redact.redactString(record.comment)).toBe(record.comment);
    registerSecretValue(value);
    expect(redact(record)).toEqual({ id: 1, comment: `value ${R} here` });
    expect(redact.redactString(record.comment)).toBe(`value ${R} here`);
  });

  it('masks the JSON-escaped and URL-encoded forms of a value', () => {
    const value = `pa"ss\\word/${randomBytes(6).toString('hex')}&x=1`;
    registerSecretValue(value);
    const json = JSON.stringify({ body: value });
    expect(sanitizeForLogging(`sent ${json}`)).not.toContain(JSON.stringify(value).slice(1, -1));
    const url = `https://api.example.test/cb?code=ok&state=${encodeURIComponent(value)}`;
    expect(sanitizeForLogging(url)).toBe(`https://api.example.test/cb?code=ok&state=${R}`);
    expect(sanitizeForLogging(`raw ${value} end`)).toBe(`raw ${R} end`);
  });

  it('masks a value even when value patterns and text names are off', () => {
    const value = plainValue();
    registerSecretValue(value);
    const redact = createRedactor({ values: false, textNames: false });
    expect(redact({ message: `x ${value} y` })).toEqual({ message: `x ${R} y` });
  });

  it('short values: 4 to 7 characters only as a whole string, fewer not at all', async () => {
    await loadSecrets({ providers: [() => ({ PIN_CODE: 'a1b2c3', TINY: 'abc' })] });
    expect(getSecret('PIN_CODE')).toBe('a1b2c3');
    expect(getSecret('TINY')).toBe('abc');
    expect(registerSecretValue('abc')).toBe(false);
    expect(sanitizeForLogging({ code: 'a1b2c3', text: 'xa1b2c3x', tiny: 'abc' })).toEqual({
      code: R,
      text: 'xa1b2c3x',
      tiny: 'abc',
    });
  });

  it('masks the longest registered value first, so a value that contains another is masked whole', () => {
    const inner = plainValue();
    const outer = `${inner}-and-more`;
    registerSecretValue(inner);
    registerSecretValue(outer);
    expect(sanitizeForLogging(`a ${outer} b ${inner} c`)).toBe(`a ${R} b ${R} c`);
  });
});

describe('pino and winston', () => {
  it('a real pino logger with pinoRedaction masks a loaded value in messages, objects and errors', async () => {
    const value = plainValue();
    await loadSecrets({ providers: [async () => ({ WEBHOOK_SIGNING_SECRET: value })] });
    expect(getSecret('WEBHOOK_SIGNING_SECRET')).toBe(value);
    const lines: string[] = [];
    const logger = pino(pinoRedaction(), { write: (s: string) => lines.push(s) });
    logger.info(`signing with ${value}`);
    logger.info({ config: { webhook: value, port: 8080 } }, 'config');
    logger.warn('payload %s', value);
    logger.error(new Error(`bad signature for ${value}`));
    const out = lines.map((l) => JSON.parse(l) as Rec);
    expect(out[0]!.msg).toBe(`signing with ${R}`);
    expect(out[1]).toMatchObject({ msg: 'config', config: { webhook: R, port: 8080 } });
    expect(out[2]!.msg).toBe(`payload ${R}`);
    expect(out[3]).toMatchObject({ msg: `bad signature for ${R}` });
    expect(lines.join('')).not.toContain(value);
  });

  it('a real winston logger with winstonRedactFormat masks a value from getSecret', async () => {
    const value = plainValue();
    vi.stubEnv('SMTP_PASSWORD', value);
    getSecret('SMTP_PASSWORD');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = winston.createLogger({
      format: winston.format.combine(winstonRedactFormat(), winston.format.json()),
      transports: [new winston.transports.Stream({ stream })],
    });
    logger.info(`mail login with ${value}`, { smtp: { host: 'mail', auth: `user:${value}` } });
    for (let i = 0; i < 100 && lines.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    const [line] = lines.map((l) => JSON.parse(l) as Rec);
    expect(line).toMatchObject({
      message: `mail login with ${R}`,
      smtp: { host: 'mail', auth: `user:${R}` },
    });
    expect(lines.join('')).not.toContain(value);
  });
});
