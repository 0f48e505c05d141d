/**
 * Secrets a text names: generated names (word choice, casing and name form), separators, quoting and contexts
 * (a property's string, a log message, an Error's message and stack, a pino message). The oracle for a name is
 * the runtime classifier itself: a name it calls sensitive must have its value redacted, any other name must
 * leave the text exactly as it was.
 *
 * Every property runs with a fixed seed, so a run in CI sees the same cases as a run here.
 */
import fc from 'fast-check';
import pino from 'pino';
import { isSensitiveName, splitWords } from '@secure-migrate/runtime/classify';
import { createRedactor, pinoRedaction, sanitizeForLogging } from '@secure-migrate/runtime/log';

const R = '[REDACTED]';
const SEED = 0x13c2;

/** Words of sensitive names (each list is a name's words) and of names that are not. */
const SENSITIVE_WORDS: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['pwd'],
  ['db', 'password'],
  ['new', 'password'],
  ['secret'],
  ['client', 'secret'],
  ['api', 'key'],
  ['x', 'api', 'key'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['id', 'token'],
  ['auth', 'token'],
  ['token'],
  ['private', 'key'],
  ['session', 'id'],
  ['authorization'],
  ['proxy', 'authorization'],
  ['cookie'],
  ['set', 'cookie'],
  ['credentials'],
  ['otp'],
  ['card', 'number'],
  ['cvv'],
  ['ssn'],
  ['jwt'],
];
const INNOCENT_WORDS: readonly (readonly string[])[] = [
  ['retry'],
  ['status'],
  ['user'],
  ['username'],
  ['include'],
  ['page'],
  ['limit'],
  ['sort'],
  ['state'],
  ['level'],
  ['region'],
  ['token', 'type'],
  ['token', 'expires', 'at'],
  ['password', 'changed'],
  ['key', 'id'],
  ['grant', 'type'],
  ['host'],
  ['duration', 'ms'],
  ['content', 'type'],
  ['accept'],
];
const ID_WORDS: readonly (readonly string[])[] = [
  ['order', 'id'],
  ['payment', 'id'],
  ['invoice', 'id'],
  ['id'],
  ['customer', 'ids'],
  ['request', 'uuid'],
];

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
/** Name forms: camelCase, PascalCase, snake_case, SCREAMING_SNAKE, kebab-case, Train-Case, dotted. */
const FORMS: readonly ((words: readonly string[]) => string)[] = [
  (w) => w[0]! + w.slice(1).map(cap).join(''),
  (w) => w.map(cap).join(''),
  (w) => w.join('_'),
  (w) => w.join('_').toUpperCase(),
  (w) => w.join('-'),
  (w) => w.map(cap).join('-'),
  (w) => `config.${w[0]! + w.slice(1).map(cap).join('')}`,
];

const nameOf = (pool: readonly (readonly string[])[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...pool), fc.nat(FORMS.length - 1)).map(([words, form]) => FORMS[form]!(words));

/** A value that is plainly a secret and matches no value pattern: letters and digits, at least one of each. */
const secretValue = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_.~+/-]{6,22}[0-9]$/)
  .filter((v) => !/^(?:basic|bearer|digest|token|null|true|false)/i.test(v));
/** The same with spaces inside, for quoted forms. */
const spacedSecret = fc
  .tuple(secretValue, secretValue)
  .map(([a, b]) => `${a} ${b}`)
  .filter((v) => !/^(?:basic|bearer|digest|token)\b/i.test(v));
const innocentValue = fc.constantFrom('3', 'ok', '200', 'asc', 'eu-west-1', 'bob', 'json', '25');

/**
 * How a name and its value are written: `[text before the value, text after it]`, given the name. `quoted`
 * forms may hold spaces in the value.
 */
interface Form {
  label: string;
  quoted: boolean;
  write: (name: string, value: string) => [string, string, string];
  /** The text before the censor once redacted, when the scheme word goes with the credentials. */
  redactedHead?: (name: string) => string;
}
const SEPARATORS: readonly Form[] = [
  { label: 'a=b', quoted: false, write: (n, v) => [`${n}=`, v, ''] },
  { label: 'a = b', quoted: false, write: (n, v) => [`${n} = `, v, ''] },
  { label: 'a: b', quoted: false, write: (n, v) => [`${n}: `, v, ''] },
  { label: 'a:b', quoted: false, write: (n, v) => [`${n}:`, v, ''] },
  { label: 'a="b"', quoted: true, write: (n, v) => [`${n}="`, v, '"'] },
  { label: "a='b'", quoted: true, write: (n, v) => [`${n}='`, v, "'"] },
  { label: 'a: "b"', quoted: true, write: (n, v) => [`${n}: "`, v, '"'] },
  { label: 'JSON', quoted: true, write: (n, v) => [`{"${n}":"`, v, '","n":1}'] },
  { label: 'JSON spaced', quoted: true, write: (n, v) => [`{ "${n}": "`, v, '", "ok": true }'] },
  { label: 'escaped JSON', quoted: true, write: (n, v) => [`{\\"${n}\\":\\"`, v, '\\"}'] },
  { label: 'query', quoted: false, write: (n, v) => [`/cb?page=2&${n}=`, v, '&sort=asc'] },
  { label: 'query first', quoted: false, write: (n, v) => [`https://api.example.com/x?${n}=`, v, ''] },
  { label: 'header line', quoted: true, write: (n, v) => [`${n}: `, v, '\nHost: example.com'] },
  {
    label: 'Basic header',
    quoted: false,
    write: (n, v) => [`${n}: Basic `, v, '\nAccept: */*'],
    redactedHead: (n) => `${n}: `,
  },
  {
    label: 'Bearer header',
    quoted: false,
    write: (n, v) => [`${n}: Bearer `, v, ''],
    redactedHead: (n) => `${n}: `,
  },
];
/** Forms without an authorization scheme: `Bearer x` is a secret by its value, whatever names it. */
const PLAIN_SEPARATORS = SEPARATORS.filter((f) => f.redactedHead === undefined);

const prose = fc.constantFrom('', 'login failed ', 'request ', 'retry=3 status=ok ', 'GET ', '[auth] ');
const tail = fc.constantFrom('', ' for user bob', ' status=ok', ', retrying', ' (attempt 2)');

const redactor = createRedactor();

/** A text naming one value, and the text expected once that value is redacted. */
const namedText = (
  names: fc.Arbitrary<string>,
  values: (quoted: boolean) => fc.Arbitrary<string>,
  forms: readonly Form[] = SEPARATORS,
) =>
  fc.tuple(names, fc.constantFrom(...forms), prose, tail).chain(([name, form, before, after]) =>
    values(form.quoted).map((value) => {
      const [head, , close] = form.write(name, value);
      // a header line must open its line: prose then goes on the line before
      const lead = form.label.endsWith('header') || form.label === 'header line' ? `${before}\n` : before;
      // the value of a header line runs to the end of its line: text after it goes on the next line
      const rest = form.label.endsWith('header') && close === '' ? `\n${after}` : after;
      return {
        name,
        form: form.label,
        value,
        text: `${lead}${head}${value}${close}${rest}`,
        redacted: `${lead}${form.redactedHead?.(name) ?? head}${R}${close}${rest}`,
      };
    }),
  );

/** The contexts a text reaches a log in, each returning what would be written. */
const CONTEXTS: Record<string, (text: string) => string> = {
  'redactString (a log message)': (text) => redactor.redactString(text),
  'a string property': (text) => (sanitizeForLogging({ detail: text }) as { detail: string }).detail,
  'an Error message': (text) => (redactor(new Error(text)) as Error).message,
  'an Error stack': (text) => String((redactor({ err: new Error(text) }) as { err: Error }).err.stack),
};

describe('secrets inside text: the value after a sensitive name is redacted', () => {
  it('the generated names are the classifier’s: every sensitive form is sensitive, every innocent one not', () => {
    for (const words of SENSITIVE_WORDS) {
      for (const form of FORMS) expect(isSensitiveName(form(words)), form(words)).toBe(true);
    }
    for (const words of [...INNOCENT_WORDS, ...ID_WORDS]) {
      for (const form of FORMS) expect(isSensitiveName(form(words)), form(words)).toBe(false);
    }
  });

  it('redacts exactly the value, in every separator, quoting, casing and name form and every context', () => {
    const arbitrary = fc.tuple(
      namedText(nameOf(SENSITIVE_WORDS), (quoted) =>
        quoted ? fc.oneof(secretValue, spacedSecret) : secretValue,
      ),
      fc.constantFrom(...Object.keys(CONTEXTS)),
    );
    fc.assert(
      fc.property(arbitrary, ([c, context]) => {
        const out = CONTEXTS[context]!(c.text);
        expect(out, `${c.form} in ${context}`).not.toContain(c.value);
        if (context === 'an Error stack') expect(out.startsWith(`Error: ${c.redacted}`)).toBe(true);
        else expect(out).toBe(c.redacted);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('leaves text unchanged when no name in it is sensitive', () => {
    fc.assert(
      fc.property(
        namedText(nameOf([...INNOCENT_WORDS, ...ID_WORDS]), () => innocentValue, PLAIN_SEPARATORS),
        fc.constantFrom(...Object.keys(CONTEXTS)),
        (c, context) => {
          const out = CONTEXTS[context]!(c.text);
          if (context === 'an Error stack') expect(out.startsWith(`Error: ${c.text}\n`)).toBe(true);
          else expect(out).toBe(c.text);
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
    const plain = 'retry=3 status=ok';
    expect(redactor.redactString(plain)).toBe(plain);
    expect(sanitizeForLogging({ note: plain })).toEqual({ note: plain });
  });

  it('in a pino message, a %s argument and an error logged', () => {
    fc.assert(
      fc.property(
        namedText(nameOf(SENSITIVE_WORDS), () => secretValue),
        (c) => {
          const lines: string[] = [];
          const logger = pino({ ...pinoRedaction() }, { write: (s: string) => lines.push(s) });
          logger.info(c.text);
          logger.info('request %s', c.text);
          logger.error(new Error(c.text));
          expect(lines).toHaveLength(3);
          for (const line of lines) expect(line).not.toContain(c.value);
          const [first, second] = lines.map((l) => JSON.parse(l) as { msg: string });
          expect(first!.msg).toBe(c.redacted);
          expect(second!.msg).toBe(`request ${c.redacted}`);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('Luhn-valid numbers under an id’s name are ids, not cards', () => {
  /** A Luhn-valid 16-digit number starting 4 (the shape of a Visa card number). */
  const luhn = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((digits) => {
    const body = [4, ...digits];
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = body[body.length - 1 - i]!;
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return `${body.join('')}${(10 - (sum % 10)) % 10}`;
  });

  it('the generated numbers are cards to the value patterns', () => {
    fc.assert(
      fc.property(luhn, (n) => {
        expect(redactor.redactString(n), n).toBe(R);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('keeps them as property values and inside text under id names, redacts them elsewhere', () => {
    const idForms = fc
      .tuple(fc.constantFrom(...ID_WORDS), fc.nat(FORMS.length - 1))
      .map(([w, f]) => FORMS[f]!(w))
      .filter((n) => splitWords(n).length > 0);
    fc.assert(
      fc.property(idForms, luhn, fc.constantFrom(...SEPARATORS.slice(0, 11)), (name, n, form) => {
        expect(sanitizeForLogging({ [name]: n })).toEqual({ [name]: n });
        const [head, , close] = form.write(name, n);
        const text = `${head}${n}${close}`;
        expect(redactor.redactString(text)).toBe(text);
        // the same number anywhere else is a card
        expect(sanitizeForLogging({ note: n })).toEqual({ note: R });
        expect(redactor.redactString(`paid with ${n}`)).toBe(`paid with ${R}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('secrets inside text, examples', () => {
  it.each([
    ['password=hunter2 user=bob', `password=${R} user=bob`],
    ['{"password":"hunter2","user":"bob"}', `{"password":"${R}","user":"bob"}`],
    ['GET /cb?code=1&client_secret=abc123&state=x', `GET /cb?code=1&client_secret=${R}&state=x`],
    ['Authorization: Basic dXNlcjpwYXNz\nHost: example.com', `Authorization: ${R}\nHost: example.com`],
    ['Cookie: sid=abc; theme=dark\nAccept: */*', `Cookie: ${R}\nAccept: */*`],
    ['"password": null', '"password": null'],
    ['https://example.com/x', 'https://example.com/x'],
    ['at handler (/app/routes/login.js:12:5)', 'at handler (/app/routes/login.js:12:5)'],
    ['time 12:30:00 id=5', 'time 12:30:00 id=5'],
  ])('%j', (text, expected) => {
    expect(redactor.redactString(text)).toBe(expected);
  });

  it('finds a named value after many other separators (a long stack trace)', () => {
    const frames = Array.from({ length: 150 }, (_, i) => `    at handler${i} (/app/src/file${i}.js:${i}:7)`);
    const stack = `Error: connect failed\n${frames.join('\n')}\n    token=s3cr3t-t0ken-value end`;
    const out = redactor.redactString(stack);
    expect(out).not.toContain('s3cr3t-t0ken-value');
    expect(out).toBe(stack.replace('s3cr3t-t0ken-value', R));
  });

  it('textNames: false turns the name scan off, and values: false leaves it on', () => {
    const text = 'password=hunter2 user=bob';
    expect(createRedactor({ textNames: false }).redactString(text)).toBe(text);
    expect(createRedactor({ values: false }).redactString(text)).toBe(`password=${R} user=bob`);
    // extraNames and allowedNames judge names in text as they judge keys
    expect(createRedactor({ extraNames: ['pin'] }).redactString('pin=1234 ok')).toBe(`pin=${R} ok`);
    expect(createRedactor({ allowedNames: ['password'] }).redactString(text)).toBe(text);
  });
});
