import { execSync } from 'node:child_process';
import { hkdfSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { InvalidArgumentError, KeyError } from '@secure-migrate/runtime/errors';
import {
  createKeyring,
  deriveKeyFromPassphrase,
  generateKey,
  getDefaultKeyring,
  loadKeyring,
  setDefaultKeyring,
  DEFAULT_PASSPHRASE_SALT,
  KEYGEN_COMMAND,
  keyEnvironment,
} from '@secure-migrate/runtime/keys';

const raw1 = Buffer.alloc(32, 0xfb); // base64 has both '+' and '/': "+/v7+/v7…"
const raw2 = randomBytes(32);
const std1 = raw1.toString('base64'); // padded, standard alphabet
const url1 = raw1.toString('base64url'); // unpadded, url-safe alphabet
const url2 = raw2.toString('base64url');

const hkdf = (key: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `secure-migrate/${purpose}`, 32));

function keyError(fn: () => unknown): KeyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyError);
    return error as KeyError;
  }
  throw new Error('expected a KeyError');
}

describe('generateKey', () => {
  it('returns 32 random bytes as base64url', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('the documented one-line command prints a key that loadKeyring accepts', () => {
    const key = execSync(KEYGEN_COMMAND, { encoding: 'utf8' }).trim();
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    const ring = loadKeyring({ NODE_ENV: 'production', SECURE_MIGRATE_KEYS: `k1:${key}` });
    expect(ring.subkey('cache')).toEqual(hkdf(Buffer.from(key, 'base64url'), 'cache'));
  });
});

describe('createKeyring', () => {
  it('accepts standard padded, url-safe unpadded and Uint8Array keys as the same key', () => {
    const a = createKeyring({ keys: [{ id: 'k', key: std1 }] });
    const b = createKeyring({ keys: [{ id: 'k', key: url1 }] });
    const c = createKeyring({ keys: [{ id: 'k', key: new Uint8Array(raw1) }] });
    expect(a.subkey('cache')).toEqual(hkdf(raw1, 'cache'));
    expect(b.subkey('cache')).toEqual(a.subkey('cache'));
    expect(c.subkey('cache')).toEqual(a.subkey('cache'));
  });

  it('copies a Uint8Array key, so later changes to the caller array do not change the ring', () => {
    const bytes = new Uint8Array(raw2);
    const ring = createKeyring({ keys: [{ id: 'k', key: bytes }] });
    bytes.fill(0);
    expect(ring.subkey('cache')).toEqual(hkdf(raw2, 'cache'));
  });

  it('rejects keys that are not 32 bytes, naming the id and the length but never the key', () => {
    const short = randomBytes(16).toString('base64');
    const e = keyError(() => createKeyring({ keys: [{ id: 'short-one', key: short }] }));
    expect(e.code).toBe('ERR_KEY_INVALID');
    expect(e.message).toContain('"short-one"');
    expect(e.message).toContain('16 bytes');
    expect(e.message).not.toContain(short);
    const long = keyError(() => createKeyring({ keys: [{ id: 'k', key: new Uint8Array(33) }] }));
    expect(long.message).toContain('33 bytes');
  });

  it('hints when a key looks like hex', () => {
    const hex = randomBytes(32).toString('hex');
    const e = keyError(() => createKeyring({ keys: [{ id: 'k', key: hex }] }));
    expect(e.code).toBe('ERR_KEY_INVALID');
    expect(e.message).toMatch(/hex/);
    expect(e.message).not.toContain(hex);
  });

  it('rejects text that is not base64, empty keys, bad ids and duplicate ids', () => {
    expect(keyError(() => createKeyring({ keys: [{ id: 'k', key: 'not base64 at all!' }] })).code).toBe(
      'ERR_KEY_INVALID',
    );
    expect(keyError(() => createKeyring({ keys: [{ id: 'k', key: '' }] })).code).toBe('ERR_KEY_MISSING');
    expect(keyError(() => createKeyring({ keys: [{ id: 'has.dot', key: url1 }] })).code).toBe(
      'ERR_KEY_INVALID',
    );
    expect(keyError(() => createKeyring({ keys: [{ id: '', key: url1 }] })).code).toBe('ERR_KEY_INVALID');
    const dup = keyError(() =>
      createKeyring({
        keys: [
          { id: 'k', key: url1 },
          { id: 'k', key: url2 },
        ],
      }),
    );
    expect(dup.code).toBe('ERR_KEY_INVALID');
    expect(dup.message).toContain('Duplicate key id "k"');
    expect(keyError(() => createKeyring({ keys: [] })).code).toBe('ERR_KEY_MISSING');
  });

  it('makes the first key primary unless told otherwise', () => {
    const keys = [
      { id: 'k2', key: url2 },
      { id: 'k1', key: url1 },
    ];
    expect(createKeyring({ keys }).primaryId).toBe('k2');
    const ring = createKeyring({ keys, primary: 'k1' });
    expect(ring.primaryId).toBe('k1');
    expect(ring.ids).toEqual(['k1', 'k2']);
    expect(ring.hasKey('k2')).toBe(true);
    expect(ring.hasKey('k3')).toBe(false);
    expect(keyError(() => createKeyring({ keys, primary: 'k3' })).code).toBe('ERR_KEY_MISSING');
  });

  it('derives HKDF-SHA256 subkeys per purpose and key, stable and cached', () => {
    const ring = createKeyring({
      keys: [
        { id: 'k1', key: url1 },
        { id: 'k2', key: url2 },
      ],
    });
    const cache = ring.subkey('cache');
    expect(cache).toEqual(hkdf(raw1, 'cache'));
    expect(ring.subkey('fields')).toEqual(hkdf(raw1, 'fields'));
    expect(ring.subkey('hash', 'k2')).toEqual(hkdf(raw2, 'hash'));
    expect(
      new Set([cache, ring.subkey('fields'), ring.subkey('hash')].map((b) => b.toString('hex'))).size,
    ).toBe(3);
    expect(ring.subkey('cache', 'k2')).not.toEqual(cache);
    expect(ring.subkey('cache')).toBe(cache); // cached: same instance
    expect(ring.subkey('cache')).not.toEqual(raw1); // never the raw key
    expect(keyError(() => ring.subkey('cache', 'nope')).code).toBe('ERR_KEY_MISSING');
    expect(() => ring.subkey('')).toThrow(InvalidArgumentError);
  });

  it('withPrimary / withKey / withoutKey return new rings and leave the original alone', () => {
    const ring = createKeyring({ keys: [{ id: 'k1', key: url1 }] });
    const added = ring.withKey({ id: 'k2', key: url2 });
    expect(added.primaryId).toBe('k1');
    expect(added.ids).toEqual(['k1', 'k2']);
    expect(ring.ids).toEqual(['k1']);
    const promoted = added.withPrimary('k2');
    expect(promoted.primaryId).toBe('k2');
    expect(promoted.ids).toEqual(['k2', 'k1']);
    expect(ring.withKey({ id: 'k2', key: url2 }, { primary: true }).primaryId).toBe('k2');
    const retired = promoted.withoutKey('k1');
    expect(retired.ids).toEqual(['k2']);
    expect(keyError(() => retired.subkey('cache', 'k1')).code).toBe('ERR_KEY_MISSING');
    expect(keyError(() => promoted.withoutKey('k2')).code).toBe('ERR_KEY_INVALID');
    expect(keyError(() => ring.withPrimary('k9')).code).toBe('ERR_KEY_MISSING');
    expect(keyError(() => added.withKey({ id: 'k1', key: url2 })).code).toBe('ERR_KEY_INVALID');
  });

  it('never shows key material when serialized or inspected', () => {
    const ring = createKeyring({ keys: [{ id: 'k1', key: url1 }] });
    const shown = JSON.stringify(ring) + inspect(ring, { showHidden: true, depth: 10 });
    expect(shown).toContain('k1');
    for (const secret of [url1, std1, raw1.toString('hex'), ring.subkey('cache').toString('hex')]) {
      expect(shown).not.toContain(secret);
    }
  });

  it('builds a MultiFernet from fernetKeys and rejects bad ones', () => {
    const ring = createKeyring({ keys: [{ id: 'k1', key: url1 }], fernetKeys: [url2, std1] });
    expect(ring.fernet?.fernets).toHaveLength(2);
    expect(createKeyring({ keys: [{ id: 'k1', key: url1 }] }).fernet).toBeNull();
    const e = keyError(() => createKeyring({ keys: [{ id: 'k1', key: url1 }], fernetKeys: ['c2hvcnQ='] }));
    expect(e.code).toBe('ERR_KEY_INVALID');
    expect(e.message).toContain('Fernet key #1');
  });
});

describe('loadKeyring', () => {
  const prod = { NODE_ENV: 'production' };

  it('parses "<id>:<key>" entries, first = primary, both base64 flavours', () => {
    const ring = loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k2:${url2},k1:${std1}` });
    expect(ring.primaryId).toBe('k2');
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.ephemeral).toBe(false);
    expect(ring.subkey('cache', 'k1')).toEqual(hkdf(raw1, 'cache'));
    expect(ring.subkey('cache', 'k2')).toEqual(hkdf(raw2, 'cache'));
  });

  it('never echoes a key written where its id goes ("<key>:k1")', () => {
    const key = generateKey();
    let message = '';
    try {
      loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `${key}:k1` });
    } catch (error) {
      expect((error as KeyError).code).toBe('ERR_KEY_INVALID');
      message = (error as Error).message;
    }
    expect(message).toMatch(/is a key written where its id goes\? The format is id:key/);
    expect(message).toContain('SECURE_MIGRATE_KEYS entry #1');
    expect(message).toContain('a string of 43 characters');
    expect(message).not.toContain(key.slice(0, 4));
  });

  it('accepts whitespace and newlines as separators and a single bare key as id "default"', () => {
    const ring = loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: ` k2:${url2}\n  k1:${url1} \n` });
    expect(ring.ids).toEqual(['k2', 'k1']);
    const bare = loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: url1 });
    expect(bare.ids).toEqual(['default']);
    expect(bare.subkey('cache')).toEqual(hkdf(raw1, 'cache'));
  });

  it('rejects malformed entries, bad lengths and duplicates without echoing keys', () => {
    const noId = keyError(() => loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k1:${url1},${url2}` }));
    expect(noId.code).toBe('ERR_KEY_INVALID');
    expect(noId.message).toContain('entry #2');
    expect(noId.message).not.toContain(url2);
    const short = randomBytes(24).toString('base64url');
    const bad = keyError(() => loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k1:${short}` }));
    expect(bad.code).toBe('ERR_KEY_INVALID');
    expect(bad.message).toContain('"k1" is 24 bytes');
    expect(bad.message).not.toContain(short);
    expect(bad.message).toContain(KEYGEN_COMMAND);
    const dup = keyError(() => loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k1:${url1},k1:${url2}` }));
    expect(dup.message).toContain('Duplicate key id "k1"');
    expect(keyError(() => loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: ' , ' })).code).toBe('ERR_KEY_MISSING');
  });

  describe('with a mounted secret file', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sm-keys-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads SECURE_MIGRATE_KEYS_FILE with the same format', () => {
      const file = join(dir, 'keys');
      writeFileSync(file, `k2:${url2}\nk1:${url1}\n`);
      const ring = loadKeyring({ ...prod, SECURE_MIGRATE_KEYS_FILE: file });
      expect(ring.ids).toEqual(['k2', 'k1']);
      expect(ring.subkey('cache')).toEqual(hkdf(raw2, 'cache'));
    });

    it('refuses both the variable and the file, an unreadable file and an empty file', () => {
      const file = join(dir, 'keys2');
      writeFileSync(file, `k1:${url1}`);
      const both = keyError(() =>
        loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k1:${url1}`, SECURE_MIGRATE_KEYS_FILE: file }),
      );
      expect(both.message).toContain('set only one');
      const missing = keyError(() => loadKeyring({ SECURE_MIGRATE_KEYS_FILE: join(dir, 'nope') }));
      expect(missing.code).toBe('ERR_KEY_MISSING');
      expect(missing.message).toContain('ENOENT');
      const empty = join(dir, 'empty');
      writeFileSync(empty, '\n');
      expect(keyError(() => loadKeyring({ SECURE_MIGRATE_KEYS_FILE: empty })).code).toBe('ERR_KEY_MISSING');
    });

    it('reads Fernet keys and a passphrase from files too', () => {
      const fernetFile = join(dir, 'fernet');
      writeFileSync(fernetFile, `${url2}\n${std1}\n`);
      const passFile = join(dir, 'pass');
      writeFileSync(passFile, 'correct horse battery staple\n');
      const ring = loadKeyring({
        ...prod,
        SECURE_MIGRATE_FERNET_KEYS_FILE: fernetFile,
        SECURE_MIGRATE_PASSPHRASE_FILE: passFile,
      });
      expect(ring.fernet?.fernets).toHaveLength(2);
      expect(ring.ids).toEqual(['passphrase']);
      const expected = deriveKeyFromPassphrase('correct horse battery staple', DEFAULT_PASSPHRASE_SALT);
      expect(ring.subkey('cache')).toEqual(hkdf(expected, 'cache'));
    });
  });

  it('in production, no key is ERR_KEY_MISSING with a working key-generation command', () => {
    const e = keyError(() => loadKeyring({ ...prod }));
    expect(e.code).toBe('ERR_KEY_MISSING');
    expect(e.message).toContain('SECURE_MIGRATE_KEYS');
    expect(e.message).toContain(KEYGEN_COMMAND);
  });

  it('in production, a short key is ERR_KEY_INVALID', () => {
    expect(
      keyError(() =>
        loadKeyring({ ...prod, SECURE_MIGRATE_KEYS: `k1:${randomBytes(31).toString('base64')}` }),
      ).code,
    ).toBe('ERR_KEY_INVALID');
  });

  it('in development, a malformed key is still an error (no silent ephemeral key)', () => {
    expect(keyError(() => loadKeyring({ NODE_ENV: 'development', SECURE_MIGRATE_KEYS: 'k1:abc' })).code).toBe(
      'ERR_KEY_INVALID',
    );
  });

  it('in development, no key gives one ephemeral per-process key and exactly one warning', async () => {
    // The key and its warning are process state shared by every copy of the package: start from none.
    const shared = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[
      Symbol.for('secure-migrate.runtime')
    ];
    if (shared) delete shared['keys@1'];
    vi.resetModules();
    const fresh = await import('@secure-migrate/runtime/keys');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const a = fresh.loadKeyring({ NODE_ENV: 'development' });
      const b = fresh.loadKeyring({ NODE_ENV: 'test' });
      expect(a.ephemeral).toBe(true);
      expect(a.primaryId).toBe('ephemeral');
      expect(b.subkey('cache')).toEqual(a.subkey('cache'));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain(KEYGEN_COMMAND);
      // A second copy of the module (as when the ESM and CommonJS builds are both loaded) shares both.
      vi.resetModules();
      const other = await import('@secure-migrate/runtime/keys');
      expect(other.loadKeyring).not.toBe(fresh.loadKeyring);
      expect(other.loadKeyring({ NODE_ENV: 'Test' }).subkey('cache')).toEqual(a.subkey('cache'));
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('adds a passphrase-derived key after explicit keys (decrypt-only) with the configured salt', () => {
    const ring = loadKeyring({
      ...prod,
      SECURE_MIGRATE_KEYS: `k1:${url1}`,
      SECURE_MIGRATE_PASSPHRASE: 'hunter2 hunter2 hunter2',
      SECURE_MIGRATE_PASSPHRASE_SALT: 'my-app',
    });
    expect(ring.ids).toEqual(['k1', 'passphrase']);
    const expected = pbkdf2Sync('hunter2 hunter2 hunter2', 'my-app', 600_000, 32, 'sha256');
    expect(ring.subkey('cache', 'passphrase')).toEqual(hkdf(expected, 'cache'));
  });
});

describe('deriveKeyFromPassphrase', () => {
  it('is PBKDF2-SHA256, 32 bytes, computed once per (passphrase, salt, iterations)', () => {
    const a = deriveKeyFromPassphrase('pass phrase', 'salt-1', { iterations: 100_000 });
    expect(a).toEqual(pbkdf2Sync('pass phrase', 'salt-1', 100_000, 32, 'sha256'));
    expect(deriveKeyFromPassphrase('pass phrase', 'salt-1', { iterations: 100_000 })).toBe(a);
    expect(deriveKeyFromPassphrase('pass phrase', Buffer.from('salt-1'), { iterations: 100_000 })).toBe(a);
    const otherSalt = deriveKeyFromPassphrase('pass phrase', 'salt-2', { iterations: 100_000 });
    expect(otherSalt).not.toEqual(a);
    const otherIterations = deriveKeyFromPassphrase('pass phrase', 'salt-1', { iterations: 100_001 });
    expect(otherIterations).not.toEqual(a);
  });

  it('rejects fewer than 100,000 iterations, empty passphrases and empty salts', () => {
    expect(() => deriveKeyFromPassphrase('p', 's', { iterations: 99_999 })).toThrow(InvalidArgumentError);
    expect(() => deriveKeyFromPassphrase('', 's')).toThrow(InvalidArgumentError);
    expect(() => deriveKeyFromPassphrase('p', '')).toThrow(InvalidArgumentError);
  });
});

describe('getDefaultKeyring / setDefaultKeyring', () => {
  afterEach(() => {
    setDefaultKeyring(undefined);
    vi.unstubAllEnvs();
  });

  it('returns the ring that was set, and loads from process.env once when none was', () => {
    const ring = createKeyring({ keys: [{ id: 'app', key: url1 }] });
    setDefaultKeyring(ring);
    expect(getDefaultKeyring()).toBe(ring);
    setDefaultKeyring(undefined);
    vi.stubEnv('SECURE_MIGRATE_KEYS', `fromenv:${url2}`);
    const loaded = getDefaultKeyring();
    expect(loaded.primaryId).toBe('fromenv');
    expect(getDefaultKeyring()).toBe(loaded);
  });
});

describe('key material never in an error', () => {
  /** Every run of 4 characters of `secret`: a message holding any of them shows part of the key. */
  function expectNoPartOf(message: string, secret: string): void {
    for (let i = 0; i + 4 <= secret.length; i++) {
      expect(message, `shows "${secret.slice(i, i + 4)}" of the key`).not.toContain(secret.slice(i, i + 4));
    }
  }

  const keys = [
    ['a base64url key', generateKey()],
    ['a standard base64 key', randomBytes(32).toString('base64')],
    ['a hex key', randomBytes(32).toString('hex')],
  ] as const;

  for (const [label, key] of keys) {
    describe(`given ${label} where an id goes`, () => {
      const ring = createKeyring({ keys: [{ id: 'k1', key: url1 }] });
      // [call, what it calls, where the message says it was given, code, its length as the message gives it]
      const cases: [string, () => unknown, string, KeyError['code'], number?][] = [
        [
          'keys[].id',
          () => createKeyring({ keys: [{ id: key, key: 'k1' }] }),
          'keys[0].id',
          'ERR_KEY_INVALID',
        ],
        [
          'keys[].id with a valid key',
          () => createKeyring({ keys: [{ id: key, key: url1 }] }),
          'keys[0].id',
          'ERR_KEY_INVALID',
        ],
        [
          'primary',
          () => createKeyring({ keys: [{ id: 'k1', key: url1 }], primary: key }),
          'primary',
          'ERR_KEY_MISSING',
        ],
        ['withPrimary', () => ring.withPrimary(key), 'withPrimary', 'ERR_KEY_MISSING'],
        ['withoutKey', () => ring.withoutKey(key), 'withoutKey', 'ERR_KEY_MISSING'],
        ['subkey', () => ring.subkey('cache', key), 'subkey', 'ERR_KEY_MISSING'],
        ['withKey', () => ring.withKey({ id: key, key: url2 }), 'withKey', 'ERR_KEY_INVALID'],
        [
          'SECURE_MIGRATE_KEYS',
          () => loadKeyring({ NODE_ENV: 'production', SECURE_MIGRATE_KEYS: `${key}:k1` }),
          'SECURE_MIGRATE_KEYS entry #1',
          'ERR_KEY_INVALID',
          // a standard base64 key is no id at all: the whole entry is described
          key.includes('=') ? key.length + 3 : key.length,
        ],
      ];
      for (const [name, call, where, code, length = key.length] of cases) {
        it(`${name}: describes it by length and place only`, () => {
          const e = keyError(call);
          expect(e.code).toBe(code);
          expect(e.message).toContain(`${length} characters`);
          expect(e.message).toContain(where);
          expectNoPartOf(e.message, key);
          expectNoPartOf(String(e.stack), key);
        });
      }
    });
  }

  it('a short well-formed id is still named, so messages stay useful', () => {
    const ring = createKeyring({ keys: [{ id: 'k1', key: url1 }] });
    expect(keyError(() => ring.withPrimary('k9')).message).toContain('No key with id "k9"');
    expect(keyError(() => ring.withoutKey('k1')).message).toContain('Key "k1" is the primary');
  });

  it('an id that is not an id (a passphrase, bytes) is described by its length, never shown', () => {
    const passphrase = 'my secret passphrase!';
    const e = keyError(() => createKeyring({ keys: [{ id: passphrase, key: url1 }] }));
    expect(e.message).toContain(`a string of ${passphrase.length} characters given as keys[0].id`);
    expect(e.message).not.toContain('secret');
    const bytes = keyError(() => createKeyring({ keys: [{ id: raw2 as unknown as string, key: url1 }] }));
    expect(bytes.message).toContain('32 bytes given as keys[0].id');
    expectNoPartOf(bytes.message, raw2.toString('hex'));
    expectNoPartOf(bytes.message, url2);
  });
});

describe('the production rule', () => {
  it.each([
    ['development', false],
    ['Development', false],
    [' TEST ', false],
    ['test', false],
    ['production', true],
    ['Production', true],
    ['prod', true],
    ['staging', true],
    ['', true],
    [undefined, true],
  ])('NODE_ENV=%j is production: %s', (nodeEnv, production) => {
    const env = nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv };
    expect(keyEnvironment(env).production).toBe(production);
    expect(keyEnvironment(env).ephemeralKeyAllowed).toBe(!production);
    expect(keyEnvironment({ ...env, SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY: '1' }).ephemeralKeyAllowed).toBe(
      true,
    );
    expect(keyEnvironment({ ...env, SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY: 'yes' }).ephemeralKeyAllowed).toBe(
      !production,
    );
  });

  it.each([['Production'], ['prod'], ['staging'], [''], [undefined]])(
    'with NODE_ENV=%j and no key, loadKeyring refuses and names both fixes',
    (nodeEnv) => {
      const e = keyError(() => loadKeyring(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv }));
      expect(e.code).toBe('ERR_KEY_MISSING');
      expect(e.message).toContain('SECURE_MIGRATE_KEYS');
      expect(e.message).toContain(KEYGEN_COMMAND);
      expect(e.message).toContain('SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY=1');
      expect(e.message).toContain('NODE_ENV=development');
      expect(e.message).toContain(nodeEnv ? `NODE_ENV=${nodeEnv}` : 'NODE_ENV is not set');
    },
  );

  it('SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY=1 allows the development key whatever NODE_ENV says', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const ring = loadKeyring({ NODE_ENV: 'staging', SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY: '1' });
      expect(ring.ephemeral).toBe(true);
      expect(ring.primaryId).toBe('ephemeral');
    } finally {
      warn.mockRestore();
    }
  });

  it('in production a passphrase needs 16 characters, and the error says why', () => {
    for (const env of [{ NODE_ENV: 'production' }, {}, { NODE_ENV: 'staging' }]) {
      const e = keyError(() => loadKeyring({ ...env, SECURE_MIGRATE_PASSPHRASE: 'fifteen chars!!' }));
      expect(e.code).toBe('ERR_KEY_INVALID');
      expect(e.message).toContain('15 characters');
      expect(e.message).toContain('at least 16');
      expect(e.message).toMatch(/guesses offline/);
      expect(e.message).not.toContain('fifteen');
    }
    const ok = loadKeyring({ NODE_ENV: 'production', SECURE_MIGRATE_PASSPHRASE: 'sixteen chars!!!' });
    expect(ok.ids).toEqual(['passphrase']);
    // Outside production a short passphrase is allowed (a developer's machine).
    expect(loadKeyring({ NODE_ENV: 'development', SECURE_MIGRATE_PASSPHRASE: 'dev' }).ids).toEqual([
      'passphrase',
    ]);
  });
});
