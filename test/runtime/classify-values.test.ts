import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createClassifier,
  detectSecret,
  findSecrets,
  looksLikeSecret,
  SECRET_KINDS,
  type SecretKind,
  type SecretMatch,
} from '@secure-migrate/runtime/classify';

// Fake credentials, built at run time from a seeded generator: nothing here is a real secret, and no literal in
// this file looks like one to a repository secret scanner.
let seed = 0x5eed;
const next = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed;
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const fake = (n: number, alphabet = ALNUM) =>
  Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
const digits = (n: number) => fake(n, '0123456789');
const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Completes a digit prefix with its Luhn check digit. */
function luhnComplete(prefix: string): string {
  for (let check = 0; check < 10; check++) {
    const candidate = prefix + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}
const breakLuhn = (card: string) => card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10);

const jwt = `${b64u({ alg: 'HS256', typ: 'JWT' })}.${b64u({ sub: 'user-42', iat: 1_700_000_000, scope: 'read' })}.${fake(43, `${ALNUM}-_`)}`;
const unsignedJwt = `${b64u({ alg: 'none' })}.${b64u({ sub: 'user-42', admin: false })}.`;
const opaque = fake(40, `${ALNUM}-._~`);
const visa = luhnComplete(`4${digits(14)}`);
const amex = luhnComplete(`37${digits(12)}`);
const mastercard = luhnComplete(`51${digits(13)}`);
const pemBody = Array.from({ length: 6 }, () => fake(64, `${ALNUM}+/`)).join('\n');
const pem = (label: string, body = pemBody) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
const PRIVATE = 'PRIVATE' + ' KEY';

// Every value is a fake of the kind named beside it; `secret` is the exact substring that must be masked.
const POSITIVES: readonly { kind: SecretKind; value: string; secret: string }[] = [
  { kind: 'jwt', value: jwt, secret: jwt },
  { kind: 'jwt', value: `token=${jwt}; Path=/`, secret: jwt },
  { kind: 'jwt', value: unsignedJwt, secret: unsignedJwt },
  { kind: 'bearer', value: `Authorization: Bearer ${opaque}`, secret: `Bearer ${opaque}` },
  { kind: 'bearer', value: `bearer ${jwt}`, secret: `bearer ${jwt}` },
  { kind: 'bearer', value: `BEARER ${fake(24)}1`, secret: '' },
  { kind: 'bearer', value: 'Bearer abcdefghijklmnopqrstu', secret: 'Bearer abcdefghijklmnopqrstu' },
  ((creds) => ({
    kind: 'basic-auth' as const,
    value: `Authorization: Basic ${creds}`,
    secret: `Basic ${creds}`,
  }))(Buffer.from(`svc-reporting:${fake(16)}`).toString('base64')),
  { kind: 'private-key', value: pem(`RSA ${PRIVATE}`), secret: pem(`RSA ${PRIVATE}`) },
  { kind: 'private-key', value: pem(PRIVATE), secret: '' },
  { kind: 'private-key', value: pem(`OPENSSH ${PRIVATE}`), secret: '' },
  { kind: 'private-key', value: pem(`ENCRYPTED ${PRIVATE}`), secret: '' },
  { kind: 'private-key', value: JSON.stringify({ key: pem(`EC ${PRIVATE}`) }).slice(8, -2), secret: '' },
  {
    kind: 'private-key',
    value: `key: -----BEGIN ${PRIVATE}-----\n${pemBody.slice(0, 200)}`,
    secret: `-----BEGIN ${PRIVATE}-----\n${pemBody.slice(0, 200)}`,
  },
  { kind: 'aws-access-key', value: `AKIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, secret: '' },
  {
    kind: 'aws-access-key',
    value: `aws_access_key_id = ASIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    secret: '',
  },
  { kind: 'github-token', value: `ghp_${fake(36)}`, secret: '' },
  { kind: 'github-token', value: `token gho_${fake(36)}`, secret: '' },
  { kind: 'github-token', value: `ghs_${fake(36)}`, secret: '' },
  { kind: 'github-token', value: `github_pat_${fake(22)}_${fake(59)}`, secret: '' },
  { kind: 'slack-token', value: `xoxb-${digits(12)}-${digits(13)}-${fake(24)}`, secret: '' },
  { kind: 'slack-token', value: `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${fake(32)}`, secret: '' },
  {
    kind: 'slack-token',
    value: `xapp-1-A${fake(10, 'ABCDEFGHIJ0123456789')}-${digits(13)}-${fake(64, 'abcdef0123456789')}`,
    secret: '',
  },
  ((path) => ({
    kind: 'slack-token' as const,
    value: `https://hooks.slack.com/services/${path}`,
    secret: path,
  }))(`T${fake(8)}/B${fake(8)}/${fake(24)}`),
  { kind: 'stripe-key', value: `sk_${'live'}_${fake(24)}`, secret: '' },
  { kind: 'stripe-key', value: `STRIPE_KEY=sk_${'test'}_${fake(99)}`, secret: '' },
  { kind: 'stripe-key', value: `rk_${'live'}_${fake(24)}`, secret: '' },
  { kind: 'stripe-key', value: `whsec_${fake(32)}`, secret: '' },
  { kind: 'google-api-key', value: `AIza${fake(35, `${ALNUM}-_`)}`, secret: '' },
  { kind: 'openai-key', value: `sk-${fake(20)}T3Blbk${'FJ'}${fake(20)}`, secret: '' },
  {
    kind: 'openai-key',
    value: `sk-proj-${fake(74, `${ALNUM}-_`)}T3Blbk${'FJ'}${fake(74, `${ALNUM}-_`)}`,
    secret: '',
  },
  { kind: 'anthropic-key', value: `sk-ant-api03-${fake(93, `${ALNUM}-_`)}AA`, secret: '' },
  { kind: 'npm-token', value: `//registry/:_authToken=npm_${fake(36)}`, secret: '' },
  { kind: 'sendgrid-key', value: `SG.${fake(22, `${ALNUM}-_`)}.${fake(43, `${ALNUM}-_`)}`, secret: '' },
  { kind: 'gitlab-token', value: `glpat-${fake(20, `${ALNUM}-_`)}`, secret: '' },
  { kind: 'url-password', value: 'redis://user:hunter2-x@cache:6379/0', secret: 'hunter2-x' },
  { kind: 'url-password', value: 'rediss://:Zq81vTnA@cache.internal:6380', secret: 'Zq81vTnA' },
  { kind: 'url-password', value: 'postgres://app:Pg%40ss-2024@db.internal:5432/app', secret: 'Pg%40ss-2024' },
  { kind: 'url-password', value: 'connecting to mysql://root:r00t!pw@127.0.0.1/shop now', secret: 'r00t!pw' },
  {
    kind: 'url-password',
    value: 'mongodb+srv://svc:m0ng0Pass@cluster0.example.net/db?retryWrites=true',
    secret: 'm0ng0Pass',
  },
  { kind: 'url-password', value: 'amqp://guest:g8Yx2kq@rabbit:5672', secret: 'g8Yx2kq' },
  {
    kind: 'url-password',
    value: 'https://deploy:tk_9f8e7d@git.example.com/org/repo.git',
    secret: 'tk_9f8e7d',
  },
  { kind: 'card-number', value: visa, secret: visa },
  {
    kind: 'card-number',
    value: `card ${visa.replace(/(\d{4})(?=\d)/g, '$1 ')} exp 12/29`,
    secret: visa.replace(/(\d{4})(?=\d)/g, '$1 '),
  },
  {
    kind: 'card-number',
    value: `pan=${mastercard.replace(/(\d{4})(?=\d)/g, '$1-')}`,
    secret: mastercard.replace(/(\d{4})(?=\d)/g, '$1-'),
  },
  { kind: 'card-number', value: `"${amex}"`, secret: amex },
  {
    kind: 'card-number',
    value: `amex ${amex.slice(0, 4)} ${amex.slice(4, 10)} ${amex.slice(10)}`,
    secret: '',
  },
];

describe('looksLikeSecret / detectSecret / findSecrets: every pattern', () => {
  it.each(POSITIVES.map((p, i) => [`${p.kind} #${i}`, p] as const))(
    '%s',
    (_label, { kind, value, secret }) => {
      expect(looksLikeSecret(value)).toBe(true);
      expect(detectSecret(value)).toBe(kind);
      const matches = findSecrets(value);
      expect(matches).toHaveLength(1);
      expect(matches[0]!.kind).toBe(kind);
      if (secret) expect(value.slice(matches[0]!.start, matches[0]!.end)).toBe(secret);
    },
  );

  it('covers every built-in kind', () => {
    expect(new Set(POSITIVES.map((p) => p.kind))).toEqual(new Set(SECRET_KINDS));
  });

  it('masking the spans leaves nothing that still looks like a secret', () => {
    for (const { value } of POSITIVES) {
      let masked = value;
      for (const m of [...findSecrets(value)].reverse()) {
        masked = `${masked.slice(0, m.start)}[REDACTED]${masked.slice(m.end)}`;
      }
      expect([value, looksLikeSecret(masked)]).toEqual([value, false]);
    }
  });
});

describe('look-alikes that are not secrets', () => {
  const pngDataUri = `data:image/png;base64,${randomBytes(3000).toString('base64')}`;
  const notJsonHeader = `${Buffer.from('not json at all!').toString('base64url')}.${b64u({ sub: 'x', n: 1 })}.${fake(43)}`;
  const noAlgHeader = `${b64u({ hello: 'world', n: 1 })}.${b64u({ sub: 'x', n: 1 })}.${fake(43)}`;
  const NEGATIVES: readonly string[] = [
    // ids and hashes
    randomUUID(),
    `request ${randomUUID()} failed`,
    randomBytes(20).toString('hex'),
    randomBytes(32).toString('hex'),
    `commit ${randomBytes(20).toString('hex')} by jane`,
    `sha512-${randomBytes(64).toString('base64')}`,
    pngDataUri,
    // eyJ strings that are not JWTs
    notJsonHeader,
    noAlgHeader,
    `eyJ${fake(40)}`,
    // numbers that are not cards
    breakLuhn(visa),
    breakLuhn(mastercard).replace(/(\d{4})(?=\d)/g, '$1 '),
    String(Date.now()),
    `${Date.now()}000000`,
    '1234567890123456789',
    `order-${visa}`,
    `ORD${visa}`,
    `/orders/${visa}`,
    `${visa}abc`,
    `v1.${visa}`,
    '+14155550123456',
    '4444444444444444',
    '2024-01-15T10:00:00.000Z',
    '2024-01-15 12:34:56',
    '1.2.3',
    'v10.24.1-beta.3',
    // paths, URLs and placeholders
    '/home/app/.ssh/id_rsa',
    'C:\\Users\\app\\secrets\\token.json',
    './config/private-key.pem',
    'https://user@example.com/path',
    'https://example.com/login?next=/a:b@c',
    'git@github.com:org/repo.git',
    'ssh://git@github.com/org/repo.git',
    'mailto:jane@example.com',
    'postgres://app:${DB_PASSWORD}@db:5432/app',
    'postgres://app:$DB_PASSWORD@db:5432/app',
    'redis://:{{redis_password}}@cache:6379',
    'mysql://root:<password>@localhost/db',
    'amqp://guest:****@rabbit:5672',
    'https://user:password@example.com',
    'redis://default:[REDACTED]@cache:6379',
    'mongodb://u:%s@host/db',
    'http://localhost:8080/health',
    'http://[::1]:3000/',
    '${API_KEY}',
    '{{ secrets.GITHUB_TOKEN }}',
    'Bearer ${token}',
    'Bearer <token>',
    'Bearer {{token}}',
    'Bearer undefined',
    'Bearer null',
    'Bearer authentication is required',
    'use Bearer token-based auth.',
    'Basic auth is disabled',
    'Basic realm="api"',
    // known documentation placeholders and near-prefixes
    'AKIAIOSFODNN7EXAMPLE',
    `ghp_${fake(20)}`,
    `sk_${'live'}_short`,
    'sk-ant-api03-short',
    'npm_install',
    'SG.example',
    'glpat-short',
    `-----BEGIN ${PRIVATE}-----`,
    `if (pem.startsWith('-----BEGIN ${PRIVATE}-----')) parse(pem)`,
    pem('PUBLIC KEY'),
    pem('CERTIFICATE'),
    // ordinary text
    'the token has expired, please sign in again',
    'password reset email sent to user 42',
    'GET /api/v1/users/42 200 12ms',
    'Error: ENOENT: no such file or directory, open /etc/app/secret.json',
    'x'.repeat(5000),
  ];

  it.each(NEGATIVES.map((v) => [v.length > 70 ? `${v.slice(0, 67)}...` : v, v]))('%s', (_label, value) => {
    expect(findSecrets(value)).toEqual([]);
    expect(looksLikeSecret(value)).toBe(false);
    expect(detectSecret(value)).toBeNull();
  });
});

describe('findSecrets: spans', () => {
  it('masks only the password of a URL, so the rest stays readable', () => {
    const url = 'redis://user:s3cr3t-pw@cache.internal:6379/0';
    const [m] = findSecrets(url);
    expect(m).toEqual({ kind: 'url-password', start: 13, end: 22 });
    expect(`${url.slice(0, m!.start)}[REDACTED]${url.slice(m!.end)}`).toBe(
      'redis://user:[REDACTED]@cache.internal:6379/0',
    );
  });

  it('masks the whole Bearer credential, including the scheme word, and not a trailing sentence dot', () => {
    const text = `sent Bearer ${opaque}.`;
    expect(findSecrets(text)).toEqual([{ kind: 'bearer', start: 5, end: text.length - 1 }]);
  });

  it('returns several secrets sorted and never overlapping', () => {
    const ghp = `ghp_${fake(36)}`;
    const text = `a=${ghp} b=redis://:pw0rd-x@h:1 c=Bearer ${jwt} d=${visa}`;
    const matches = findSecrets(text);
    expect(matches.map((m) => m.kind)).toEqual(['github-token', 'url-password', 'bearer', 'card-number']);
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual([ghp, 'pw0rd-x', `Bearer ${jwt}`, visa]);
    // The JWT inside the Bearer span is not reported again.
    expect(matches.some((m) => m.kind === 'jwt')).toBe(false);
    expect(detectSecret(text)).toBe('github-token');
  });

  it('finds the same secret twice in one string', () => {
    const key = `AKIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const text = `${key} and again ${key}`;
    expect(findSecrets(text)).toEqual([
      { kind: 'aws-access-key', start: 0, end: 20 },
      { kind: 'aws-access-key', start: 31, end: 51 },
    ]);
  });
});

describe('value options', () => {
  it('disabledKinds turns built-in patterns off', () => {
    const options = { disabledKinds: ['card-number', 'url-password'] as const };
    expect(looksLikeSecret(visa, options)).toBe(false);
    expect(findSecrets('redis://u:pw0rd-x@h', options)).toEqual([]);
    expect(detectSecret(jwt, options)).toBe('jwt');
  });

  it('extraPatterns add labelled patterns, global or not, whole match as the span', () => {
    const options = { extraPatterns: [{ kind: 'acme-token' as const, pattern: /acme_[a-z0-9]{12}/ }] };
    const text = 'x acme_0123456789ab y acme_ba9876543210';
    const matches: SecretMatch<SecretKind | 'acme-token'>[] = findSecrets(text, options);
    expect(matches).toEqual([
      { kind: 'acme-token', start: 2, end: 19 },
      { kind: 'acme-token', start: 22, end: 39 },
    ]);
    expect(detectSecret('acme_0123456789ab', options)).toBe('acme-token');
    expect(looksLikeSecret('acme_0123456789ab')).toBe(false);
    expect(findSecrets(text, { ...options, disabledKinds: ['acme-token'] })).toEqual([]);
  });

  it('an extra pattern that can match the empty string does not loop', () => {
    const options = { extraPatterns: [{ kind: 'maybe', pattern: /z*/g }] };
    expect(findSecrets('abc zz', options)).toEqual([{ kind: 'maybe', start: 4, end: 6 }]);
  });

  it('non-strings are never secrets', () => {
    for (const v of [undefined, null, 42, { token: jwt }, [jwt], Buffer.from(jwt)]) {
      expect(looksLikeSecret(v as unknown as string)).toBe(false);
      expect(findSecrets(v as unknown as string)).toEqual([]);
      expect(detectSecret(v as unknown as string)).toBeNull();
    }
  });

  it('createClassifier compiles the same patterns with its options', () => {
    const c = createClassifier({
      disabledKinds: ['jwt'],
      extraPatterns: [{ kind: 'acme', pattern: /ACME-\d{6}/ }],
    });
    expect(c.looksLikeSecret(jwt)).toBe(false);
    expect(c.looksLikeSecret(visa)).toBe(true);
    expect(c.findSecrets('id ACME-123456')).toEqual([{ kind: 'acme', start: 3, end: 14 }]);
    expect(c.detectSecret('ACME-123456')).toBe('acme');
    expect(createClassifier().looksLikeSecret(jwt)).toBe(true);
  });
});

describe('properties', () => {
  const checkSpans = (value: string) => {
    const matches = findSecrets(value);
    let reached = 0;
    for (const m of matches) {
      expect(m.start).toBeGreaterThanOrEqual(reached);
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.end).toBeLessThanOrEqual(value.length);
      reached = m.end;
    }
    expect(looksLikeSecret(value)).toBe(matches.length > 0);
    expect(detectSecret(value)).toBe(matches[0]?.kind ?? null);
  };

  it('spans are sorted, disjoint and in bounds; the three functions agree', () => {
    const fragments = fc.constantFrom(
      jwt,
      `Bearer ${opaque}`,
      'redis://u:pw0rd-x@h',
      visa,
      `ghp_${fake(36)}`,
      ' ',
      ':',
      '@',
      '-',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fragments), { maxLength: 8 }), (parts) => {
        checkSpans(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('UUIDs and hex digests never match', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[0-9a-f]{40}$|^[0-9a-f]{64}$/), (uuid, hex) => {
        expect(looksLikeSecret(uuid)).toBe(false);
        expect(looksLikeSecret(hex)).toBe(false);
        expect(looksLikeSecret(`${uuid} ${hex}`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  const NETWORKS = [
    ['4', 16],
    ['4', 13],
    ['4', 19],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['2720', 16],
    ['34', 15],
    ['37', 15],
    ['36', 14],
    ['3528', 16],
    ['6011', 16],
    ['62', 19],
  ] as const;

  it('a standalone Luhn-valid number with a card network prefix and length matches; a wrong check digit does not', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NETWORKS), fc.stringMatching(/^\d{18}$/), ([prefix, length], filler) => {
        const card = luhnComplete(prefix + filler.slice(0, length - prefix.length - 1));
        fc.pre(!/^(\d)\1+$/.test(card));
        expect(card).toHaveLength(length);
        expect(detectSecret(`card: ${card}`)).toBe('card-number');
        expect(looksLikeSecret(`card: ${breakLuhn(card)}`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('Luhn-valid numbers outside the card networks never match (timestamps, snowflake ids, phone-like numbers)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0', '1', '7', '8', '9', '2000', '2800', '33', '351', '59', '4'),
        fc.integer({ min: 13, max: 19 }),
        fc.stringMatching(/^\d{18}$/),
        (prefix, length, filler) => {
          const number = luhnComplete(prefix + filler.slice(0, length - prefix.length - 1));
          // A Visa number is 13, 16 or 19 digits long: 14, 15, 17 and 18 are not.
          fc.pre(prefix !== '4' || ![13, 16, 19].includes(length));
          expect(looksLikeSecret(`id ${number}`)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
