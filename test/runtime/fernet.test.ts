import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DecryptionError, InvalidArgumentError, KeyError } from '@secure-migrate/runtime/errors';
import { Fernet, MultiFernet } from '@secure-migrate/runtime/crypto';

const vectorDir = new URL('../vectors/fernet/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, vectorDir), 'utf8')) as T;

interface SpecCase {
  desc?: string;
  token: string;
  now: string;
  ttl_sec?: number;
  src?: string;
  secret: string;
  iv?: number[];
}
const seconds = (iso: string): number => Date.parse(iso) / 1000;

function expectInvalid(fn: () => unknown): void {
  expect(fn).toThrow(DecryptionError);
}

describe('Fernet: official spec vectors', () => {
  const generate = load<SpecCase[]>('generate.json');
  const verify = load<SpecCase[]>('verify.json');
  const invalid = load<SpecCase[]>('invalid.json');

  it('holds 1 generate, 1 verify and 8 invalid cases', () => {
    expect([generate.length, verify.length, invalid.length]).toEqual([1, 1, 8]);
  });

  it.each(generate)('generate: $src at $now gives the exact token', (c) => {
    const token = new Fernet(c.secret).encrypt(c.src!, { iv: Uint8Array.from(c.iv!), at: seconds(c.now) });
    expect(token).toBe(c.token);
  });

  it.each(verify)('verify: decrypts to $src at $now with ttl $ttl_sec', (c) => {
    expect(new Fernet(c.secret).decrypt(c.token, { ttl: c.ttl_sec, now: seconds(c.now) }).toString()).toBe(
      c.src,
    );
  });

  it.each(invalid)('invalid: $desc', (c) => {
    expectInvalid(() => new Fernet(c.secret).decrypt(c.token, { ttl: c.ttl_sec, now: seconds(c.now) }));
  });
});

describe('Fernet', () => {
  const key = Fernet.generateKey();
  const f = new Fernet(key);

  it('generates padded url-safe base64 keys of 32 bytes', () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(Fernet.generateKey()).not.toBe(key);
  });

  it('accepts the key as raw bytes, unpadded or standard base64; rejects other lengths', () => {
    const raw = Buffer.from(key, 'base64url');
    const token = f.encrypt('x');
    for (const k of [raw, key.replace('=', ''), raw.toString('base64')]) {
      expect(new Fernet(k).decrypt(token).toString()).toBe('x');
    }
    expect(() => new Fernet(Buffer.alloc(16).toString('base64url'))).toThrow(KeyError);
    expect(() => new Fernet('%%%')).toThrow(KeyError);
  });

  it('writes padded url-safe base64 and reads unpadded and standard-alphabet tokens', () => {
    for (let n = 0; n < 20; n++) {
      const token = f.encrypt('y'.repeat(n));
      expect(token.length % 4).toBe(0);
      expect(token).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
      expect(f.decrypt(token.replace(/=+$/, '')).toString()).toBe('y'.repeat(n));
      expect(f.decrypt(token.replace(/-/g, '+').replace(/_/g, '/')).toString()).toBe('y'.repeat(n));
    }
  });

  it('is binary-safe and handles empty payloads', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(f.decrypt(f.encrypt(all))).toEqual(all);
    expect(f.decrypt(f.encrypt(new Uint8Array(0)))).toEqual(Buffer.alloc(0));
    expect(f.decrypt(f.encrypt(''))).toEqual(Buffer.alloc(0));
  });

  it('never expires without a ttl (like Python); with one, applies the age and the 60 s clock-skew rules', () => {
    const at = 1_000_000_000;
    const token = f.encrypt('t', { at });
    expect(f.decrypt(token).toString()).toBe('t');
    expect(f.decrypt(token, { ttl: 100, now: at + 100 }).toString()).toBe('t');
    expectInvalid(() => f.decrypt(token, { ttl: 100, now: at + 101 }));
    expect(f.decrypt(token, { ttl: 100, now: at - 60 }).toString()).toBe('t');
    expectInvalid(() => f.decrypt(token, { ttl: 100, now: at - 61 }));
    const future = f.encrypt('t', { at: Math.floor(Date.now() / 1000) + 3600 });
    expect(f.decrypt(future).toString()).toBe('t');
    expectInvalid(() => f.decrypt(future, { ttl: 10_000 }));
  });

  it('extractTimestamp returns the timestamp only for tokens it can verify', () => {
    const token = f.encrypt('t', { at: 1_234_567_890 });
    expect(f.extractTimestamp(token)).toBe(1_234_567_890);
    expectInvalid(() => new Fernet(Fernet.generateKey()).extractTimestamp(token));
    expectInvalid(() => f.extractTimestamp('gAAAAA'));
  });

  it('uses the IV it is given (any bytes, not only 0..15)', () => {
    const iv = Buffer.alloc(16, 0xff);
    const token = f.encrypt('iv', { iv, at: 1 });
    expect(Buffer.from(token, 'base64url').subarray(9, 25)).toEqual(iv);
    expect(f.decrypt(token).toString()).toBe('iv');
    expect(() => f.encrypt('iv', { iv: new Uint8Array(12) })).toThrow(InvalidArgumentError);
  });

  it('rejects tampered tokens, wrong keys, garbage and non-strings', () => {
    const token = f.encrypt('tamper');
    const bytes = Buffer.from(token, 'base64url');
    for (const offset of [0, 5, 9, 30, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[offset]! ^= 1;
      expectInvalid(() => f.decrypt(copy.toString('base64url')));
    }
    expectInvalid(() => new Fernet(Fernet.generateKey()).decrypt(token));
    for (const garbage of ['', 'gAAAAA', 'not a token', token.slice(0, -8)])
      expectInvalid(() => f.decrypt(garbage));
    expectInvalid(() => f.decrypt(42 as unknown as string));
  });
});

describe('MultiFernet', () => {
  const oldKey = Fernet.generateKey();
  const newKey = Fernet.generateKey();
  const oldF = new Fernet(oldKey);
  const newF = new Fernet(newKey);
  const multi = new MultiFernet([newF, oldF]);

  it('encrypts with the first key and decrypts with any', () => {
    expect(newF.decrypt(multi.encrypt('m')).toString()).toBe('m');
    expect(multi.decrypt(oldF.encrypt('o')).toString()).toBe('o');
    expectInvalid(() => multi.decrypt(new Fernet(Fernet.generateKey()).encrypt('x')));
    expectInvalid(() => multi.decrypt(oldF.encrypt('x', { at: 1 }), { ttl: 60 }));
  });

  it('rotate re-encrypts under the first key, keeps the original timestamp, uses a fresh IV', () => {
    const token = oldF.encrypt('rotate me', { at: 1_600_000_000 });
    const rotated = multi.rotate(token);
    expect(newF.decrypt(rotated).toString()).toBe('rotate me');
    expect(newF.extractTimestamp(rotated)).toBe(1_600_000_000);
    expectInvalid(() => oldF.decrypt(rotated));
    expect(Buffer.from(rotated, 'base64url').subarray(9, 25)).not.toEqual(
      Buffer.from(token, 'base64url').subarray(9, 25),
    );
    expectInvalid(() => multi.decrypt(rotated, { ttl: 60 })); // the TTL still counts from the original time
    expect(multi.isCurrent(rotated)).toBe(true);
    expect(multi.isCurrent(token)).toBe(false);
    expectInvalid(() => multi.rotate(new Fernet(Fernet.generateKey()).encrypt('x')));
  });

  it('requires at least one Fernet', () => {
    expect(() => new MultiFernet([])).toThrow(InvalidArgumentError);
    expect(() => new MultiFernet([{} as Fernet])).toThrow(InvalidArgumentError);
  });
});

interface PythonCase {
  desc: string;
  keys: string[];
  token: string;
  timestamp: number;
  plaintext: string;
  binary: boolean;
}
const pythonFixture = load<{ generator: string; cases: PythonCase[] }>('python-tokens.json');

describe(`tokens written by Python (${pythonFixture.generator})`, () => {
  it('covers text, binary, old timestamp, empty and rotated tokens', () => {
    expect(pythonFixture.cases.map((c) => c.desc)).toEqual(
      expect.arrayContaining(['text', 'old timestamp', 'empty payload']),
    );
    expect(pythonFixture.cases.some((c) => c.binary)).toBe(true);
    expect(pythonFixture.cases.some((c) => c.desc.startsWith('MultiFernet.rotate'))).toBe(true);
  });

  it.each(pythonFixture.cases)('$desc decrypts here', (c) => {
    const multi = new MultiFernet(c.keys.map((k) => new Fernet(k)));
    const data = multi.decrypt(c.token);
    expect(c.binary ? data.toString('hex') : data.toString('utf8')).toBe(c.plaintext);
    expect(multi.extractTimestamp(c.token)).toBe(c.timestamp);
  });

  it('a rotated Python token verifies under the new key only and kept its timestamp', () => {
    const c = pythonFixture.cases.find((x) => x.desc.startsWith('MultiFernet.rotate'))!;
    expect(new Fernet(c.keys[0]!).extractTimestamp(c.token)).toBe(c.timestamp);
    expectInvalid(() => new Fernet(c.keys[1]!).decrypt(c.token));
  });
});

const pythonHasCryptography =
  spawnSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;

if (pythonHasCryptography) {
  describe('live interop with Python cryptography', () => {
    it('Python decrypts tokens made here and makes byte-identical tokens from the same parts', () => {
      const key = Fernet.generateKey();
      const oldKey = Fernet.generateKey();
      const f = new Fernet(key);
      const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
      const iv = Buffer.alloc(16, 0xa5);
      const rotated = new MultiFernet([f, new Fernet(oldKey)]).rotate(
        new Fernet(oldKey).encrypt('old one', { at: 1_500_000_000 }),
      );
      const cases = [
        { token: f.encrypt('hello from node ✓'), hex: Buffer.from('hello from node ✓').toString('hex') },
        { token: f.encrypt(binary), hex: binary.toString('hex') },
        { token: f.encrypt(''), hex: '' },
        {
          token: f.encrypt('old', { at: 1_600_000_000 }),
          hex: Buffer.from('old').toString('hex'),
          ts: 1_600_000_000,
        },
        { token: rotated, hex: Buffer.from('old one').toString('hex'), ts: 1_500_000_000 },
      ];
      const exact = { iv: iv.toString('hex'), at: 1_700_000_000, hex: binary.toString('hex') };
      const script = [
        'import json, sys',
        'from cryptography.fernet import Fernet',
        'req = json.load(sys.stdin)',
        'f = Fernet(req["key"].encode())',
        'out = [{"hex": f.decrypt(c["token"].encode()).hex(), "ts": f.extract_timestamp(c["token"].encode())} for c in req["cases"]]',
        'e = req["exact"]',
        'made = f._encrypt_from_parts(bytes.fromhex(e["hex"]), e["at"], bytes.fromhex(e["iv"])).decode()',
        'print(json.dumps({"out": out, "made": made}))',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script], {
        input: JSON.stringify({ key, cases, exact }),
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const parsed = JSON.parse(result.stdout) as { out: { hex: string; ts: number }[]; made: string };
      expect(parsed.out.map((o) => o.hex)).toEqual(cases.map((c) => c.hex));
      expect(parsed.out[3]!.ts).toBe(1_600_000_000);
      expect(parsed.out[4]!.ts).toBe(1_500_000_000);
      expect(f.encrypt(binary, { iv, at: exact.at })).toBe(parsed.made);
    });
  });
} else {
  console.warn(
    'fernet.test.ts: python3 with the `cryptography` package is not available, so the live Python interop ' +
      'test is NOT registered (fixture tokens from test/vectors/fernet/python-tokens.json are still checked).',
  );
}
