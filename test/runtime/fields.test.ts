import { spawnSync } from 'node:child_process';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DecryptionError, InvalidArgumentError, KeyError } from '@secure-migrate/runtime/errors';
import { createKeyring, setDefaultKeyring } from '@secure-migrate/runtime/keys';
import { decryptFromCache, encryptForCache, envelopeKeyId, Fernet } from '@secure-migrate/runtime/crypto';
import {
  blindIndex,
  blindIndexes,
  decryptField,
  encryptEntityColumns,
  encryptField,
  fieldColumn,
  fieldStatus,
  fieldTransformer,
  isFieldCiphertext,
  legacyFieldReads,
  PlaintextFieldError,
  reencryptField,
  resetLegacyFieldReads,
  type FieldTransformer,
} from '@secure-migrate/runtime/fields';
import * as root from '@secure-migrate/runtime';

const raw1 = randomBytes(32);
const raw2 = randomBytes(32);
const ring1 = createKeyring({ keys: [{ id: 'k1', key: raw1 }] });
const ring2 = createKeyring({
  keys: [
    { id: 'k2', key: raw2 },
    { id: 'k1', key: raw1 },
  ],
});
const context = 'integrations.access_token';
const opts = { context, keyring: ring1 };

interface PythonFixture {
  generator: string;
  keys: string[];
  rows: { desc: string; plaintext: string; token: string }[];
}
const python = JSON.parse(
  readFileSync(new URL('../vectors/fields/python-field-tokens.json', import.meta.url), 'utf8'),
) as PythonFixture;
const fernetRing = createKeyring({ keys: [{ id: 'k1', key: raw1 }], fernetKeys: python.keys });

function expectDecryptFails(fn: () => unknown): void {
  expect(fn).toThrow(DecryptionError);
}

describe('encryptField / decryptField', () => {
  it.each([
    ['a string', 'xoxb-like bot token'],
    ['an empty string', ''],
    ['a number', 42.5],
    ['a boolean', false],
    ['null', null],
    ['a bigint', 12345678901234567890n],
    ['a Date', new Date('2024-01-02T03:04:05.000Z')],
    ['a Buffer', Buffer.from([0, 1, 2, 255])],
    ['an object', { refresh: 'r', scopes: ['a', 'b'], expires: 3600 }],
  ])('round-trips %s with its type', (_, value) => {
    const stored = encryptField(value, opts);
    expect(stored.startsWith('sm1.k1.')).toBe(true);
    expect(decryptField(stored, opts)).toEqual(value);
  });

  it('writes a fresh ciphertext each time (random IV)', () => {
    expect(encryptField('same', opts)).not.toBe(encryptField('same', opts));
  });

  it('binds the context: a value copied into another column does not decrypt there', () => {
    const stored = encryptField('secret', opts);
    expectDecryptFails(() => decryptField(stored, { ...opts, context: 'integrations.refresh_token' }));
    expectDecryptFails(() => decryptField(stored, { ...opts, context: 'users.access_token' }));
  });

  it('uses its own subkey: a cache value never decrypts as a field, and the other way round', () => {
    const cached = encryptForCache('secret', { keyring: ring1, context });
    expectDecryptFails(() => decryptField(cached, opts));
    const field = encryptField('secret', opts);
    expect(() => decryptFromCache(field, { keyring: ring1, context })).toThrow(DecryptionError);
  });

  it('is AES-256-GCM under HKDF(key, "secure-migrate/fields") with AAD sm1\\0keyId\\0context', async () => {
    const { createDecipheriv } = await import('node:crypto');
    const stored = encryptField('hello', opts);
    const body = Buffer.from(stored.split('.')[2]!, 'base64url');
    const subkey = Buffer.from(hkdfSync('sha256', raw1, Buffer.alloc(0), 'secure-migrate/fields', 32));
    const decipher = createDecipheriv('aes-256-gcm', subkey, body.subarray(0, 12));
    decipher.setAAD(Buffer.from(`sm1\0k1\0${context}`));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]);
    expect(plain.toString('latin1')).toBe('shello');
  });

  it('decrypts with the key its id names after rotation, and fails for a key the ring lacks', () => {
    const old = encryptField('v', opts);
    expect(decryptField(old, { ...opts, keyring: ring2 })).toBe('v');
    const fresh = encryptField('v', { ...opts, keyring: ring2 });
    expect(envelopeKeyId(fresh)).toBe('k2');
    expectDecryptFails(() => decryptField(fresh, opts));
  });

  it('fails the same way on tampering and truncation', () => {
    const stored = encryptField('value', opts);
    const flipped = stored.slice(0, -3) + (stored.at(-3) === 'A' ? 'B' : 'A') + stored.slice(-2);
    expectDecryptFails(() => decryptField(flipped, opts));
    expectDecryptFails(() => decryptField(stored.slice(0, 40), opts));
    expectDecryptFails(() => decryptField('sm1.k1.', opts));
  });

  it('needs an explicit context', () => {
    expect(() => encryptField('v', { context: '' })).toThrow(InvalidArgumentError);
    expect(() => decryptField('v', {} as never)).toThrow(InvalidArgumentError);
    expect(() => encryptField('v', { ...opts, format: 'aes' as never })).toThrow(InvalidArgumentError);
  });

  it('falls back to the default key ring', () => {
    setDefaultKeyring(ring2);
    try {
      const stored = encryptField('v', { context });
      expect(envelopeKeyId(stored)).toBe('k2');
      expect(decryptField(stored, { context, keyring: ring2 })).toBe('v');
    } finally {
      setDefaultKeyring(undefined);
    }
  });

  it('is exported from the package root too', () => {
    expect(root.encryptField).toBe(encryptField);
    expect(root.blindIndex).toBe(blindIndex);
  });
});

describe('fail-closed reads and legacy passthrough', () => {
  beforeEach(() => resetLegacyFieldReads());

  it('refuses a plaintext value by default, naming the context and never the value', () => {
    let error: unknown;
    try {
      decryptField('plain-access-token', opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlaintextFieldError);
    expect((error as PlaintextFieldError).code).toBe('ERR_FIELD_PLAINTEXT');
    expect((error as PlaintextFieldError).context).toBe(context);
    expect((error as Error).message).toContain(context);
    expect((error as Error).message).not.toContain('plain-access-token');
    expect(() => decryptField(12, { ...opts, legacy: 'reject' })).toThrow(PlaintextFieldError);
  });

  it("passes plaintext through under legacy: 'passthrough', counting each read per context and warning once", () => {
    const warnings: string[] = [];
    const listener = (w: Error & { code?: string }): void => {
      if (w.code === 'SECURE_MIGRATE_LEGACY_FIELD') warnings.push(w.message);
    };
    const emit = vi.spyOn(process, 'emitWarning');
    process.on('warning', listener);
    try {
      const legacy = { ...opts, legacy: 'passthrough' as const };
      expect(decryptField('plain-1', legacy)).toBe('plain-1');
      expect(decryptField('plain-2', legacy)).toBe('plain-2');
      expect(decryptField('plain-3', { ...legacy, context: 'users.api_key' })).toBe('plain-3');
      expect(decryptField(encryptField('sealed', opts), legacy)).toBe('sealed');
      expect(legacyFieldReads()).toEqual({ [context]: 2, 'users.api_key': 1 });
      const legacyWarnings = emit.mock.calls.filter(
        (call) => (call[1] as { code?: string } | undefined)?.code === 'SECURE_MIGRATE_LEGACY_FIELD',
      );
      expect(legacyWarnings).toHaveLength(2);
      expect(String(legacyWarnings[0]![0])).toContain(context);
      expect(String(legacyWarnings[0]![0])).not.toContain('plain-1');
    } finally {
      emit.mockRestore();
      process.off('warning', listener);
    }
    resetLegacyFieldReads();
    expect(legacyFieldReads()).toEqual({});
  });

  it('never passes through a damaged ciphertext, even in passthrough mode', () => {
    const legacy = { ...opts, legacy: 'passthrough' as const };
    expectDecryptFails(() => decryptField('sm1.k1.not-really', legacy));
    expectDecryptFails(() => decryptField(encryptField('v', opts).slice(0, -2), legacy));
    expect(legacyFieldReads()).toEqual({});
  });

  it('rejects an unknown legacy mode', () => {
    expect(() => decryptField('x', { ...opts, legacy: 'allow' as never })).toThrow(InvalidArgumentError);
  });
});

describe("format: 'fernet'", () => {
  const fernet = { context, keyring: fernetRing, format: 'fernet' as const };

  it(`reads column values a Python service wrote (${python.generator})`, () => {
    expect(python.rows).toHaveLength(5);
    for (const row of python.rows) expect(decryptField(row.token, fernet)).toBe(row.plaintext);
    // a sm1 column reads them too: reads accept both formats
    expect(decryptField(python.rows[0]!.token, { context, keyring: fernetRing })).toBe(
      python.rows[0]!.plaintext,
    );
  });

  it('writes Fernet tokens under the newest Fernet key, strings and bytes', () => {
    const token = encryptField('node-written', fernet);
    expect(token.startsWith('gAAAAA')).toBe(true);
    expect(new Fernet(python.keys[0]!).decrypt(token).toString()).toBe('node-written');
    const bytes = Buffer.from([0xff, 0x00, 0x80]);
    expect(decryptField(encryptField(bytes, fernet), fernet)).toEqual(bytes);
  });

  it('refuses values Fernet cannot carry and a key ring without Fernet keys', () => {
    expect(() => encryptField(42, fernet)).toThrow(InvalidArgumentError);
    expect(() => encryptField({ a: 1 }, fernet)).toThrow(InvalidArgumentError);
    expect(() => encryptField('v', { ...fernet, keyring: ring1 })).toThrow(KeyError);
    expectDecryptFails(() => decryptField(python.rows[0]!.token, opts));
  });

  it('fails closed on plaintext and on a token of an unknown key', () => {
    expect(() => decryptField('plain', fernet)).toThrow(PlaintextFieldError);
    const foreign = new Fernet(Fernet.generateKey()).encrypt('x');
    expectDecryptFails(() => decryptField(foreign, fernet));
  });

  const pythonHasCryptography =
    spawnSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;
  if (pythonHasCryptography || process.env.CI === 'true') {
    it("Python's cryptography reads the values written here, including a rotated one", () => {
      const plain = ['node → python', 'second', ''];
      const tokens = plain.map((p) => encryptField(p, fernet));
      const oldToken = new Fernet(python.keys[1]!).encrypt('from the old key', { at: 1_500_000_000 });
      tokens.push(reencryptField(oldToken, fernet));
      const script = [
        'import json, sys',
        'from cryptography.fernet import Fernet',
        'req = json.load(sys.stdin)',
        'f = Fernet(req["key"].encode())',
        'print(json.dumps([[f.decrypt(t.encode()).decode(), f.extract_timestamp(t.encode())] for t in req["tokens"]]))',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script], {
        input: JSON.stringify({ key: python.keys[0], tokens }),
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      const out = JSON.parse(result.stdout) as [string, number][];
      expect(out.map((o) => o[0])).toEqual([...plain, 'from the old key']);
      expect(out[3]![1]).toBe(1_500_000_000);
    });
  } else {
    console.warn('fields.test.ts: python3 with `cryptography` is missing; the live Python read is NOT run.');
  }
});

describe('fieldStatus / reencryptField', () => {
  it('tells plaintext, stale and current values apart', () => {
    expect(fieldStatus('plain', opts)).toBe('plaintext');
    expect(fieldStatus(encryptField('v', opts), opts)).toBe('current');
    expect(fieldStatus(encryptField('v', opts), { ...opts, keyring: ring2 })).toBe('stale');
    const fernet = { context, keyring: fernetRing, format: 'fernet' as const };
    expect(fieldStatus(python.rows[0]!.token, fernet)).toBe('current');
    expect(fieldStatus(python.rows[3]!.token, fernet)).toBe('stale');
    expect(fieldStatus(python.rows[0]!.token, { context, keyring: fernetRing })).toBe('stale');
    expect(fieldStatus(encryptField('v', { context, keyring: fernetRing }), fernet)).toBe('stale');
  });

  it('encrypts plaintext, moves envelopes to the primary, and keeps the context and the type', () => {
    const plain = reencryptField('legacy', opts);
    expect(decryptField(plain, opts)).toBe('legacy');
    const moved = reencryptField(encryptField({ n: 1 }, opts), { ...opts, keyring: ring2 });
    expect(envelopeKeyId(moved)).toBe('k2');
    expect(decryptField(moved, { ...opts, keyring: ring2 })).toEqual({ n: 1 });
    expectDecryptFails(() => reencryptField(encryptField('v', opts), { ...opts, context: 'other.column' }));
  });

  it('rotates Fernet tokens keeping their timestamp, and converts between formats', () => {
    const fernet = { context, keyring: fernetRing, format: 'fernet' as const };
    const old = new Fernet(python.keys[1]!).encrypt('older', { at: 1_400_000_000 });
    const rotated = reencryptField(old, fernet);
    expect(new Fernet(python.keys[0]!).extractTimestamp(rotated)).toBe(1_400_000_000);
    const toSm1 = reencryptField(python.rows[0]!.token, { context, keyring: fernetRing });
    expect(toSm1.startsWith('sm1.k1.')).toBe(true);
    expect(decryptField(toSm1, { context, keyring: fernetRing })).toBe(python.rows[0]!.plaintext);
    const toFernet = reencryptField(encryptField('s', { context, keyring: fernetRing }), fernet);
    expect(decryptField(toFernet, fernet)).toBe('s');
  });
});

describe('blindIndex', () => {
  const idx = { context: 'users.email', keyring: ring1 };

  it('is HMAC-SHA256 under HKDF(key, "secure-migrate/blind-index") over len(context)‖context‖value, cut to 16 bytes', () => {
    const subkey = Buffer.from(hkdfSync('sha256', raw1, Buffer.alloc(0), 'secure-migrate/blind-index', 32));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(11);
    const expected = createHmac('sha256', subkey)
      .update(Buffer.concat([len, Buffer.from('users.email'), Buffer.from('a@b.example')]))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(blindIndex('a@b.example', idx)).toBe(expected);
    expect(expected).toHaveLength(22);
  });

  it('is deterministic per key and context, and differs across them', () => {
    expect(blindIndex('v', idx)).toBe(blindIndex('v', idx));
    expect(blindIndex('v', idx)).not.toBe(blindIndex('v', { ...idx, context: 'users.backup_email' }));
    expect(blindIndex('v', idx)).not.toBe(blindIndex('v', { ...idx, keyring: ring2 }));
    expect(blindIndex('v', { ...idx, keyring: ring2, keyId: 'k1' })).toBe(blindIndex('v', idx));
    expect(blindIndex('v', idx)).not.toBe(blindIndex('w', idx));
  });

  it('normalises before hashing when asked', () => {
    const email = { ...idx, normalize: 'email' as const };
    expect(blindIndex('  Ada@Example.COM ', email)).toBe(blindIndex('ada@example.com', email));
    expect(blindIndex('Ada@Example.COM', idx)).not.toBe(blindIndex('ada@example.com', idx));
    const custom = { ...idx, normalize: ['trim', (s: string) => s.replace(/-/g, '')] as const };
    expect(blindIndex(' 12-34 ', { ...custom, normalize: [...custom.normalize] })).toBe(
      blindIndex('1234', idx),
    );
    expect(blindIndex('ｆｕｌｌ', { ...idx, normalize: 'nfkc' })).toBe(blindIndex('full', idx));
  });

  it('has a configurable length and validates its options', () => {
    expect(blindIndex('v', { ...idx, bytes: 8 })).toHaveLength(11);
    expect(blindIndex('v', { ...idx, bytes: 32 })).toHaveLength(43);
    expect(() => blindIndex('v', { ...idx, bytes: 4 })).toThrow(InvalidArgumentError);
    expect(() => blindIndex(5 as never, idx)).toThrow(InvalidArgumentError);
    expect(() => blindIndex('v', { ...idx, normalize: 'upper' as never })).toThrow(InvalidArgumentError);
    expect(() => blindIndex('v', { ...idx, keyId: 'nope' })).toThrow(KeyError);
  });

  it('gives one index per key for lookups during an index key rotation, primary first', () => {
    const both = blindIndexes('v', { ...idx, keyring: ring2 });
    expect(both).toEqual([blindIndex('v', { ...idx, keyring: ring2 }), blindIndex('v', idx)]);
  });

  it('never equals the encryption subkey output (separate purpose)', () => {
    const subkey = Buffer.from(hkdfSync('sha256', raw1, Buffer.alloc(0), 'secure-migrate/fields', 32));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(11);
    const withFieldsKey = createHmac('sha256', subkey)
      .update(Buffer.concat([len, Buffer.from('users.email'), Buffer.from('v')]))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(blindIndex('v', idx)).not.toBe(withFieldsKey);
  });
});

describe('fieldColumn and the TypeORM transformer', () => {
  it('keeps SQL NULL, never encrypts twice, and round-trips', () => {
    const column = fieldColumn(opts);
    expect(column.encrypt(null)).toBeNull();
    expect(column.encrypt(undefined)).toBeUndefined();
    expect(column.decrypt(null)).toBeNull();
    const stored = column.encrypt('token') as string;
    expect(isFieldCiphertext(stored)).toBe(true);
    expect(column.encrypt(stored)).toBe(stored);
    expect(column.decrypt(stored)).toBe('token');
    // ciphertext of another column is a value like any other: encrypted, not passed as is
    const other = encryptField('x', { ...opts, context: 'other.column' });
    const wrapped = column.encrypt(other) as string;
    expect(wrapped).not.toBe(other);
    expect(column.decrypt(wrapped)).toBe(other);
  });

  it('validates the settings when the column is declared', () => {
    expect(() => fieldColumn({ context: '' })).toThrow(InvalidArgumentError);
    expect(() => fieldColumn({ ...opts, format: 'fernet' })).toThrow(KeyError);
  });

  it('the transformer encrypts with to() and decrypts with from()', () => {
    const transformer = fieldTransformer(opts);
    const stored = transformer.to('v');
    expect(decryptField(stored, opts)).toBe('v');
    expect(transformer.from(stored)).toBe('v');
    expect(transformer.to(null)).toBeNull();
  });

  it('encryptEntityColumns adds transformers with table.column contexts', () => {
    const schema = encryptEntityColumns(
      {
        name: 'Integration',
        tableName: 'integrations',
        columns: { id: { type: Number }, accessToken: { name: 'access_token' }, botToken: {} },
      },
      { accessToken: {}, botToken: { context: 'legacy.bot' } },
      { keyring: ring1 },
    );
    const columns = schema.columns as Record<string, { transformer?: FieldTransformer }>;
    const access = columns.accessToken!.transformer!;
    const bot = columns.botToken!.transformer!;
    expect(columns.id!.transformer).toBeUndefined();
    expect(decryptField(access.to('a'), { context: 'integrations.access_token', keyring: ring1 })).toBe('a');
    expect(decryptField(bot.to('b'), { context: 'legacy.bot', keyring: ring1 })).toBe('b');
    expect(() => encryptEntityColumns(schema, { missing: {} })).toThrow(InvalidArgumentError);
    expect(() => encryptEntityColumns(schema, { accessToken: {} })).toThrow(InvalidArgumentError);
  });
});
