import { createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DecryptionError, InvalidArgumentError } from '@secure-migrate/runtime/errors';
import { createKeyring, setDefaultKeyring, type Keyring } from '@secure-migrate/runtime/keys';
import {
  decryptFromCache,
  encryptForCache,
  envelopeKeyId,
  Fernet,
  isEncrypted,
  isFernetToken,
  needsRotation,
  reencrypt,
} from '@secure-migrate/runtime/crypto';

const raw1 = randomBytes(32);
const raw2 = randomBytes(32);
const k1 = { id: 'k1', key: raw1.toString('base64url') };
const k2 = { id: 'k2', key: raw2.toString('base64') };
const ring1 = createKeyring({ keys: [k1] });

const roundTrip = (value: unknown, keyring: Keyring = ring1, context?: string): unknown =>
  decryptFromCache(encryptForCache(value, { keyring, context }), { keyring, context });

/** Every failure must look the same: DecryptionError, ERR_DECRYPT, one message. */
const messages = new Set<string>();
function expectDecryptFails(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as DecryptionError).code).toBe('ERR_DECRYPT');
    messages.add((error as Error).message);
    return;
  }
  throw new Error('expected a DecryptionError');
}

describe('encryptForCache / decryptFromCache: types', () => {
  it.each([
    ['a string', 'hello, world'],
    ['an empty string', ''],
    ['a non-ASCII string', 'ünïcødé ✓ 𝄞 日本'],
    ['an integer', 42],
    ['a float', -1.25e-7],
    ['true', true],
    ['false', false],
    ['null', null],
    ['a bigint', 12345678901234567890123456789n],
    ['a negative bigint', -7n],
    ['a plain object', { user: 'ada', roles: ['admin', 'dev'], n: 1, ok: true, nothing: null }],
    ['an array', [1, 'two', [3, { four: 4 }]]],
    ['an empty object', {}],
  ])('%s keeps its value', (_name, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('keeps NaN, ±Infinity and -0 at the top level and inside containers', () => {
    for (const n of [Number.NaN, Infinity, -Infinity, -0]) {
      expect(Object.is(roundTrip(n), n)).toBe(true);
    }
    const back = roundTrip({ list: [Number.NaN, -0, Infinity, 0] }) as { list: number[] };
    expect(back.list.map((n) => (Object.is(n, -0) ? '-0' : String(n)))).toEqual([
      'NaN',
      '-0',
      'Infinity',
      '0',
    ]);
  });

  it('keeps Date, Buffer (as Buffer) and Uint8Array (as Uint8Array), at the top and nested', () => {
    const date = new Date('2024-02-29T12:34:56.789Z');
    const back = roundTrip(date);
    expect(back).toBeInstanceOf(Date);
    expect((back as Date).getTime()).toBe(date.getTime());
    expect(Number.isNaN((roundTrip(new Date(Number.NaN)) as Date).getTime())).toBe(true);

    const buf = randomBytes(300);
    const bufBack = roundTrip(buf);
    expect(Buffer.isBuffer(bufBack)).toBe(true);
    expect(bufBack).toEqual(buf);

    const bytes = new Uint8Array([0, 1, 2, 255]);
    const bytesBack = roundTrip(bytes);
    expect(Buffer.isBuffer(bytesBack)).toBe(false);
    expect(bytesBack).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytesBack as Uint8Array)).toEqual([0, 1, 2, 255]);

    const nested = roundTrip({ at: date, blobs: [buf, bytes], big: 2n ** 70n, deep: { d: [date] } }) as {
      at: Date;
      blobs: [Buffer, Uint8Array];
      big: bigint;
      deep: { d: Date[] };
    };
    expect(nested.at.getTime()).toBe(date.getTime());
    expect(Buffer.isBuffer(nested.blobs[0])).toBe(true);
    expect(nested.blobs[0]).toEqual(buf);
    expect(Buffer.isBuffer(nested.blobs[1])).toBe(false);
    expect(Array.from(nested.blobs[1])).toEqual([0, 1, 2, 255]);
    expect(nested.big).toBe(2n ** 70n);
    expect(nested.deep.d[0]!.getTime()).toBe(date.getTime());
  });

  it('keeps undefined: at the top level, as object properties and as array elements', () => {
    expect(roundTrip(undefined)).toBeUndefined();
    const back = roundTrip({ a: undefined, b: [undefined, 1] }) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['a', 'b']);
    expect(back.a).toBeUndefined();
    expect(back.b).toEqual([undefined, 1]);
    expect((back.b as unknown[]).length).toBe(2);
  });

  it('keeps user objects that have a "$sm" key, and "__proto__" keys stay plain data', () => {
    const tricky = JSON.parse('{"$sm":"D","v":1,"__proto__":{"polluted":true},"when":null}') as object;
    const withSpecial = { ...tricky } as Record<string, unknown>;
    Object.defineProperty(withSpecial, '__proto__', { value: { polluted: true }, enumerable: true });
    withSpecial.when = new Date(0);
    for (const value of [tricky, withSpecial]) {
      const back = roundTrip(value) as Record<string, unknown>;
      expect(back.$sm).toBe('D');
      expect(back.v).toBe(1);
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect((roundTrip(withSpecial) as { when: Date }).when).toBeInstanceOf(Date);
  });

  it('returns null-prototype objects as plain objects with the same entries', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(roundTrip(bare)).toStrictEqual({ a: 1 });
  });

  it.each([
    ['a function', () => 1, /a function at \$/],
    ['a symbol', Symbol('s'), /a symbol at \$/],
    [
      'a class instance',
      new (class Session {
        x = 1;
      })(),
      /a Session instance at \$/,
    ],
    ['a Map inside an object', { m: new Map() }, /a Map instance at \$\.m/],
    ['a Set inside an array', [1, new Set()], /a Set instance at \$\[1\]/],
    ['a RegExp', /x/, /a RegExp instance/],
    ['an Int32Array', new Int32Array(2), /an Int32Array instance/],
    ['a nested function', { a: { b: [() => 1] } }, /a function at \$\.a\.b\[0\]/],
  ])('rejects %s with InvalidArgumentError', (_name, value, message) => {
    expect(() => encryptForCache(value, { keyring: ring1 })).toThrow(InvalidArgumentError);
    expect(() => encryptForCache(value, { keyring: ring1 })).toThrow(message);
  });

  it('rejects circular structures and non-string contexts', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => encryptForCache(loop, { keyring: ring1 })).toThrow(/circular reference at \$\.self/);
    expect(() => encryptForCache('x', { keyring: ring1, context: 5 as unknown as string })).toThrow(
      InvalidArgumentError,
    );
    // The same object twice (not a cycle) is fine.
    const shared = { s: 1 };
    expect(roundTrip({ a: shared, b: shared })).toStrictEqual({ a: { s: 1 }, b: { s: 1 } });
  });
});

describe('the sm1 envelope', () => {
  it('is sm1.<keyId>.<base64url(iv | ciphertext | tag)> with a fresh IV each time', () => {
    const a = encryptForCache('hello', { keyring: ring1 });
    const b = encryptForCache('hello', { keyring: ring1 });
    expect(a).toMatch(/^sm1\.k1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    const body = Buffer.from(a.split('.')[2]!, 'base64url');
    expect(body.length).toBe(12 + 1 + 5 + 16);
    expect(body.subarray(0, 12)).not.toEqual(Buffer.from(b.split('.')[2]!, 'base64url').subarray(0, 12));
    expect(envelopeKeyId(a)).toBe('k1');
    expect(envelopeKeyId('plain')).toBeNull();
  });

  it('decrypts with plain node:crypto as documented: HKDF "cache" subkey, AAD sm1\\0<keyId>\\0<context>', () => {
    const token = encryptForCache('documented', { keyring: ring1, context: 'session:42' });
    const body = Buffer.from(token.slice('sm1.k1.'.length), 'base64url');
    const subkey = Buffer.from(hkdfSync('sha256', raw1, Buffer.alloc(0), 'secure-migrate/cache', 32));
    const decipher = createDecipheriv('aes-256-gcm', subkey, body.subarray(0, 12));
    decipher.setAAD(Buffer.from('sm1\0k1\0session:42'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plaintext = Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]);
    expect(plaintext.toString('latin1', 0, 1)).toBe('s'); // type byte of a string
    expect(plaintext.toString('utf8', 1)).toBe('documented');
  });

  it('binds the context: same context decrypts, another or none fails; "" equals no context', () => {
    const token = encryptForCache({ sid: 1 }, { keyring: ring1, context: 'session:1' });
    expect(decryptFromCache(token, { keyring: ring1, context: 'session:1' })).toEqual({ sid: 1 });
    expectDecryptFails(() => decryptFromCache(token, { keyring: ring1, context: 'session:2' }));
    expectDecryptFails(() => decryptFromCache(token, { keyring: ring1 }));
    const noContext = encryptForCache('v', { keyring: ring1 });
    expect(decryptFromCache(noContext, { keyring: ring1, context: '' })).toBe('v');
    expectDecryptFails(() => decryptFromCache(noContext, { keyring: ring1, context: 'x' }));
  });

  it("binds the key id into the tag: two ids holding the same key do not accept each other's tokens", () => {
    const twins = createKeyring({
      keys: [
        { id: 'a', key: raw1 },
        { id: 'b', key: raw1 },
      ],
    });
    const token = encryptForCache('twin', { keyring: twins });
    expect(decryptFromCache(token, { keyring: twins })).toBe('twin');
    expectDecryptFails(() => decryptFromCache(token.replace('sm1.a.', 'sm1.b.'), { keyring: twins }));
  });

  describe('tampering', () => {
    const ring12 = createKeyring({ keys: [k1, k2] });
    const context = 'user:7';
    const token = encryptForCache('a secret worth tampering with', { keyring: ring12, context });
    const [, id, b64] = token.split('.') as [string, string, string];
    const body = Buffer.from(b64, 'base64url');
    const withBody = (bytes: Buffer): string => `sm1.${id}.${bytes.toString('base64url')}`;
    const flip = (offset: number): string => {
      const copy = Buffer.from(body);
      copy[offset]! ^= 0x01;
      return withBody(copy);
    };
    const fails = (t: unknown) =>
      expectDecryptFails(() => decryptFromCache(t as string, { keyring: ring12, context }));

    it('the untampered token decrypts', () => {
      expect(decryptFromCache(token, { keyring: ring12, context })).toBe('a secret worth tampering with');
    });

    it('fails for a changed version, or a key id swapped to another key of the ring', () => {
      fails(token.replace(/^sm1/, 'sm2'));
      fails(token.replace(/^sm1/, 'SM1'));
      fails(token.replace('.k1.', '.k2.'));
    });

    it('fails for a flipped bit in the IV, the ciphertext (type byte included) and the tag', () => {
      for (const offset of [0, 5, 11]) fails(flip(offset)); // IV
      for (const offset of [12, 13, body.length - 17]) fails(flip(offset)); // ciphertext
      for (const offset of [body.length - 16, body.length - 1]) fails(flip(offset)); // tag
    });

    it('fails for every single-character change of the text', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (let i = 0; i < token.length; i++) {
        const c = token[i]!;
        const replacement = c === '.' ? '_' : alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]!;
        fails(token.slice(0, i) + replacement + token.slice(i + 1));
      }
    });

    it('fails when truncated or extended', () => {
      for (const cut of [1, 2, 3, 4, 16, 22, token.length - 10]) fails(token.slice(0, token.length - cut));
      fails(`${token}A`);
      fails(`${token}AA`);
      fails(`${token}=`);
      fails(withBody(body.subarray(0, body.length - 1)));
      fails(withBody(body.subarray(0, 28)));
    });

    it('fails for the wrong key, an unknown key id, garbage, empty and non-string input', () => {
      const otherRing = createKeyring({ keys: [{ id: 'k1', key: randomBytes(32) }] });
      expectDecryptFails(() => decryptFromCache(token, { keyring: otherRing, context }));
      fails(token.replace('.k1.', '.k9.'));
      expectDecryptFails(() => decryptFromCache(token, { keyring: createKeyring({ keys: [k2] }), context }));
      for (const garbage of [
        '',
        'sm1.',
        'sm1.k1.',
        'hello',
        '{"a":1}',
        'sm1.k1.!!!!',
        `sm1.k1.${'A'.repeat(60)}`,
      ]) {
        fails(garbage);
      }
      for (const notString of [undefined, null, 42, {}, [], Buffer.from(token)]) fails(notString);
    });

    it('all those failures carry one and the same message', () => {
      expect(messages.size).toBe(1);
    });
  });
});

describe('isEncrypted / isFernetToken', () => {
  const fernetToken = new Fernet(Fernet.generateKey()).encrypt('x');

  it('recognises our envelopes only', () => {
    expect(isEncrypted(encryptForCache('', { keyring: ring1 }))).toBe(true);
    expect(isEncrypted(encryptForCache({ a: [1] }, { keyring: ring1 }))).toBe(true);
    for (const other of [
      '',
      'sm1.',
      'sm1.k1.short',
      'hello',
      '{"a":1}',
      'sm1.bad id.' + 'A'.repeat(50),
      fernetToken,
    ]) {
      expect(isEncrypted(other)).toBe(false);
    }
    for (const other of [undefined, null, 1, {}, Buffer.from('sm1.k1.x')])
      expect(isEncrypted(other)).toBe(false);
  });

  it('recognises Fernet tokens by shape', () => {
    expect(isFernetToken(fernetToken)).toBe(true);
    expect(isFernetToken(fernetToken.replace(/=+$/, ''))).toBe(true);
    expect(isFernetToken(encryptForCache('x', { keyring: ring1 }))).toBe(false);
    expect(isFernetToken('gAAAAAshort')).toBe(false);
    expect(isFernetToken(`gAAAAA${'%'.repeat(100)}`)).toBe(false);
    expect(isFernetToken(42)).toBe(false);
  });
});

describe('rotation', () => {
  const oldRing = createKeyring({ keys: [k1] });
  const newRing = oldRing.withKey(k2, { primary: true }); // k2 encrypts, k1 still decrypts

  it('old tokens still decrypt after a new primary; new tokens use the new key', () => {
    const old = encryptForCache({ n: 1 }, { keyring: oldRing, context: 'c' });
    expect(decryptFromCache(old, { keyring: newRing, context: 'c' })).toEqual({ n: 1 });
    expect(envelopeKeyId(encryptForCache('x', { keyring: newRing }))).toBe('k2');
  });

  it('needsRotation tells from the key id; reencrypt moves the token to the primary', () => {
    const old = encryptForCache(new Date(7), { keyring: oldRing, context: 'c' });
    expect(needsRotation(old, { keyring: oldRing })).toBe(false);
    expect(needsRotation(old, { keyring: newRing })).toBe(true);
    const moved = reencrypt(old, { keyring: newRing, context: 'c' });
    expect(envelopeKeyId(moved)).toBe('k2');
    expect(needsRotation(moved, { keyring: newRing })).toBe(false);
    const retired = newRing.withoutKey('k1');
    expect((decryptFromCache(moved, { keyring: retired, context: 'c' }) as Date).getTime()).toBe(7);
    expectDecryptFails(() => decryptFromCache(old, { keyring: retired, context: 'c' }));
  });

  it('reencrypt checks the token: wrong context or garbage fails', () => {
    const old = encryptForCache('v', { keyring: oldRing, context: 'c' });
    expectDecryptFails(() => reencrypt(old, { keyring: newRing, context: 'other' }));
    expectDecryptFails(() => reencrypt('not a token', { keyring: newRing }));
    expectDecryptFails(() => needsRotation('not a token', { keyring: newRing }));
  });
});

describe('Fernet tokens through decryptFromCache', () => {
  const oldFernetKey = Fernet.generateKey();
  const newFernetKey = Fernet.generateKey();
  const ring = createKeyring({ keys: [k1], fernetKeys: [newFernetKey, oldFernetKey] });

  it('reads Fernet tokens from any Fernet key: text as string, binary as Buffer', () => {
    const oldFernet = new Fernet(oldFernetKey);
    expect(decryptFromCache(oldFernet.encrypt('from python'), { keyring: ring })).toBe('from python');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const back = decryptFromCache(oldFernet.encrypt(binary), { keyring: ring });
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back).toEqual(binary);
  });

  it('fails without Fernet keys or with a foreign Fernet key', () => {
    const token = new Fernet(oldFernetKey).encrypt('x');
    expectDecryptFails(() => decryptFromCache(token, { keyring: ring1 }));
    expectDecryptFails(() =>
      decryptFromCache(new Fernet(Fernet.generateKey()).encrypt('x'), { keyring: ring }),
    );
  });

  it('reencrypt rotates a Fernet token to the newest Fernet key and keeps its timestamp', () => {
    const token = new Fernet(oldFernetKey).encrypt('keep me', { at: 1_600_000_000 });
    expect(needsRotation(token, { keyring: ring })).toBe(true);
    const rotated = reencrypt(token, { keyring: ring });
    expect(isFernetToken(rotated)).toBe(true);
    expect(needsRotation(rotated, { keyring: ring })).toBe(false);
    expect(new Fernet(newFernetKey).extractTimestamp(rotated)).toBe(1_600_000_000);
    expect(new Fernet(newFernetKey).decrypt(rotated).toString()).toBe('keep me');
  });
});

describe('default key ring', () => {
  afterEach(() => setDefaultKeyring(undefined));

  it('helpers without { keyring } use getDefaultKeyring()', () => {
    setDefaultKeyring(ring1);
    const token = encryptForCache('via default', { context: 'c' });
    expect(decryptFromCache(token, { keyring: ring1, context: 'c' })).toBe('via default');
    expect(decryptFromCache(token, { context: 'c' })).toBe('via default');
    expect(needsRotation(token)).toBe(false);
    expect(envelopeKeyId(reencrypt(token, { context: 'c' }))).toBe('k1');
  });
});
