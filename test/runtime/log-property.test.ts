import fc from 'fast-check';
import { isSensitiveName, looksLikeSecret } from '@secure-migrate/runtime/classify';
import { createRedactor, sanitizeForLogging } from '@secure-migrate/runtime/log';

const R = '[REDACTED]';

const CANDIDATE_INNOCENT_KEYS = [
  'id',
  'name',
  'title',
  'status',
  'method',
  'url',
  'path',
  'route',
  'level',
  'service',
  'env',
  'region',
  'host',
  'port',
  'durationMs',
  'items',
  'data',
  'meta',
  'user',
  'userId',
  'requestId',
  'message',
  'note',
  'description',
  'tags',
  'kind',
  'version',
  'enabled',
  'createdAt',
  'tokenType',
  'tokenExpiresAt',
  'passwordChanged',
  'keyId',
  'secretName',
  'headers',
  'body',
  'query',
  'details',
  'context',
  'value',
  'label',
  'city',
  'a',
  'b',
  'x',
];
const INNOCENT_KEYS = CANDIDATE_INNOCENT_KEYS.filter((k) => !isSensitiveName(k));
const SENSITIVE_KEYS = [
  'password',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'authorization',
  'Authorization',
  'cookie',
  'clientSecret',
  'privateKey',
  'passwd',
  'x-api-key',
  'DB_PASSWORD',
  'idToken',
];

/** A tree node plus what the redacted copy must be. */
interface Case {
  input: unknown;
  expected: unknown;
  /** Secret texts that must not appear anywhere in the output. */
  secrets: string[];
}

const b64url = (text: string): string => Buffer.from(text).toString('base64url');
const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
const word = fc.stringMatching(/^[a-z]{1,8}$/);

const jwt = fc
  .record({
    alg: fc.constantFrom('HS256', 'RS256', 'ES256'),
    kid: fc.option(alnum(1, 8), { nil: undefined }),
    sub: fc.string({ maxLength: 12 }),
    n: fc.integer(),
    sig: fc.stringMatching(/^[A-Za-z0-9_-]{16,43}$/),
  })
  .map(({ alg, kid, sub, n, sig }) => {
    const header = kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid };
    return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify({ sub, n }))}.${sig}`;
  });
const bearer = alnum(20, 40).map((t) => `Bearer ${t}7`);
const github = alnum(36, 36).map((t) => `ghp_${t}`);
const secretValue = fc.oneof(jwt, bearer, github);

/** Innocent leaves: kept exactly. */
const innocentLeaf: fc.Arbitrary<Case> = fc
  .oneof(
    fc.string({ maxLength: 30 }).filter((s) => !looksLikeSecret(s)),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  )
  .map((v) => ({ input: v, expected: v, secrets: [] }));

/** A secret value, alone (censored whole) or inside text (masked span), under any key. */
const secretLeaf: fc.Arbitrary<Case> = fc
  .tuple(secretValue, fc.option(fc.tuple(word, word), { nil: undefined }))
  .map(([secret, around]) =>
    around === undefined
      ? { input: secret, expected: R, secrets: [secret] }
      : {
          input: `${around[0]} ${secret} ${around[1]}`,
          expected: `${around[0]} ${R} ${around[1]}`,
          secrets: [secret],
        },
  );

/** Whatever sits under a sensitive key is censored whole; its planted marker must vanish. */
const plantedUnderSensitiveKey: fc.Arbitrary<Case> = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{16}$/), fc.boolean())
  .map(([hex, nested]) => {
    const planted = `PLANTED${hex}`;
    return { input: nested ? { inner: planted, list: [planted] } : planted, expected: R, secrets: [planted] };
  });

const tree = fc.letrec<{ node: Case; object: Case; array: Case }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    innocentLeaf,
    secretLeaf,
    tie('object'),
    tie('array'),
  ),
  object: fc
    .uniqueArray(
      fc.oneof(
        fc.tuple(fc.constantFrom(...INNOCENT_KEYS), tie('node')),
        fc.tuple(fc.constantFrom(...SENSITIVE_KEYS), plantedUnderSensitiveKey),
      ),
      { maxLength: 6, selector: ([key]) => key },
    )
    .map((entries) => ({
      input: Object.fromEntries(entries.map(([k, c]) => [k, c.input])),
      expected: Object.fromEntries(entries.map(([k, c]) => [k, c.expected])),
      secrets: entries.flatMap(([, c]) => c.secrets),
    })),
  array: fc.array(tie('node'), { maxLength: 4 }).map((items) => ({
    input: items.map((c) => c.input),
    expected: items.map((c) => c.expected),
    secrets: items.flatMap((c) => c.secrets),
  })),
}));

describe('sanitizeForLogging properties', () => {
  it('uses keys the classifier agrees with', () => {
    expect(INNOCENT_KEYS.length).toBeGreaterThan(30);
    expect(SENSITIVE_KEYS.filter((k) => !isSensitiveName(k))).toEqual([]);
  });

  const shared = createRedactor();

  it('removes every planted secret, keeps every innocent leaf, and never mutates the input', () => {
    fc.assert(
      fc.property(tree.object, fc.boolean(), ({ input, expected, secrets }, useShared) => {
        const snapshot = structuredClone(input);
        const output = useShared ? shared(input) : sanitizeForLogging(input);
        const json = JSON.stringify(output);
        for (const secret of secrets) expect(json).not.toContain(secret);
        expect(output).toEqual(expected);
        expect(input).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it('the prefilter never hides a secret the classifier finds', () => {
    // An extra pattern that never matches turns the prefilter off: both redactors must agree on any text.
    const unfiltered = createRedactor({ extraPatterns: [{ kind: 'never', pattern: /(?!)/ }] });
    const filtered = createRedactor({ valueCacheSize: 0 });
    const samples = [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnop',
      'BEARER abcdefgh1x2y3z',
      'BASIC dXNlcjpwYXNzd29yZA==',
      'basic\tdXNlcjpwYXNz',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBqqKCqQEqbq98ZxkZ1+Q2s5ZTn0R3N6QmVJYw2lW6m5wq8bNzzzz\n-----END RSA PRIVATE KEY-----',
      'postgres://admin:Sup3rS3cret@db:5432/app',
      'AKIAZ2Y3X4W5V6U7T6S5',
      'ASIAZ2Y3X4W5V6U7T6S5',
      'A3TXZ2Y3X4W5V6U7T6S5',
      `gho_${'a1B2'.repeat(9)}`,
      `github_pat_${'a1B2_'.repeat(17)}`,
      'xoxb-1-abcdefghij-klmnopqrstuvWXYZ',
      'xapp-1-Aabcdefghij-1-abcdefghijkl',
      'https://hooks.slack.com/services/TQWERTYUI/BQWERTYUI/XXXXXXXXXXXXXXXXXXXXXXXX',
      'sk_live_abcdefghijKLMNOPQRst',
      'rk_test_abcdefghijKLMNOPQRst',
      'whsec_abcdefghijklmnopqrstuvwxyzABCDEF',
      `AIzaSy${'A'.repeat(33)}`,
      `sk-proj-${'a'.repeat(24)}T3BlbkFJ${'b'.repeat(24)}`,
      `sk-ant-api03-${'x1Y2'.repeat(23)}AA`,
      `npm_${'a1B2'.repeat(9)}`,
      `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`,
      `glpat-${'a1B2c3'.repeat(4)}`,
      `gldt-${'a1B2c3'.repeat(4)}`,
      '4111 1111 1111 1111',
      '5500-0000-0000-0004',
      '378282246310005',
      '3782 822463 10005',
    ];
    const fragment = fc.oneof(
      fc.constantFrom(...samples),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(' ', '\n', ':', '@', '//', 'Bearer ', 'token=', '"', '.'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(filtered({ text })).toEqual(unfiltered({ text }));
        expect(filtered.redactString(text)).toBe(unfiltered.redactString(text));
      }),
      { numRuns: 500 },
    );
    // Every sample really is a secret, and digit runs (which pass the card gate) are kept out of the
    // non-card samples so each exercises its own gate.
    for (const s of samples) expect(filtered.redactString(s), s).not.toBe(s);
  });

  it('the digit prefilter never hides a card number the classifier finds', () => {
    const unfiltered = createRedactor({ extraPatterns: [{ kind: 'never', pattern: /(?!)/ }] });
    const filtered = createRedactor({ valueCacheSize: 0 });
    const cards = ['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '3782 822463 10005'];
    const fragment = fc.oneof(
      fc.constantFrom(...cards),
      fc.stringMatching(/^[0-9]{1,8}$/),
      fc.constantFrom(' ', '-', 'x', ':', '.'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(filtered.redactString(text)).toBe(unfiltered.redactString(text));
      }),
      { numRuns: 500 },
    );
    for (const card of cards) expect(filtered.redactString(card), card).toBe('[REDACTED]');
  });
});
