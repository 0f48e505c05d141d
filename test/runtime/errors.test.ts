import {
  DecryptionError,
  InvalidArgumentError,
  isSecureMigrateError,
  KeyError,
  LockTimeoutError,
  SecureMigrateError,
} from '@secure-migrate/runtime';
import type * as ErrorsModule from '@secure-migrate/runtime/errors';

describe('runtime errors', () => {
  it('share one base class and carry a stable code', () => {
    const err = new KeyError('ERR_KEY_MISSING', 'no key');
    expect(err).toBeInstanceOf(SecureMigrateError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('ERR_KEY_MISSING');
    expect(err.name).toBe('KeyError');
  });

  it('gives one message for every decryption failure', () => {
    const a = new DecryptionError();
    const b = new DecryptionError();
    expect(a.code).toBe('ERR_DECRYPT');
    expect(a.message).toBe(b.message);
    expect(a.message).not.toMatch(/tag|auth|key id|padding/i);
  });
});

describe('errors across two loaded copies of the package', () => {
  /** A second, separately evaluated copy of the errors module, as an app loading both builds has. */
  async function otherCopy(): Promise<typeof ErrorsModule> {
    vi.resetModules();
    const copy = await import('@secure-migrate/runtime/errors');
    expect(copy.SecureMigrateError).not.toBe(SecureMigrateError);
    return copy;
  }

  it('isSecureMigrateError recognises errors by brand and code, from either copy', async () => {
    const other = await otherCopy();
    const foreign = new other.KeyError('ERR_KEY_MISSING', 'no key');
    expect(isSecureMigrateError(foreign)).toBe(true);
    expect(isSecureMigrateError(foreign, 'ERR_KEY_MISSING')).toBe(true);
    expect(isSecureMigrateError(foreign, 'ERR_KEY_INVALID')).toBe(false);
    expect(other.isSecureMigrateError(new DecryptionError(), 'ERR_DECRYPT')).toBe(true);
    for (const value of [
      new Error('ERR_DECRYPT'),
      Object.assign(new Error('x'), { code: 'ERR_DECRYPT' }),
      { code: 'ERR_DECRYPT', name: 'DecryptionError' },
      null,
      undefined,
      'ERR_DECRYPT',
    ]) {
      expect(isSecureMigrateError(value)).toBe(false);
    }
  });

  it('instanceof works across copies and a subclass only matches its own kind', async () => {
    const other = await otherCopy();
    const foreignKey = new other.KeyError('ERR_KEY_INVALID', 'bad');
    const foreignLock = new other.LockTimeoutError('r', 3);
    expect(foreignKey).toBeInstanceOf(SecureMigrateError);
    expect(foreignKey).toBeInstanceOf(KeyError);
    expect(foreignKey instanceof DecryptionError).toBe(false);
    expect(foreignKey instanceof InvalidArgumentError).toBe(false);
    expect(foreignLock instanceof LockTimeoutError).toBe(true);
    expect(foreignLock instanceof KeyError).toBe(false);
    expect(new DecryptionError()).toBeInstanceOf(other.SecureMigrateError);
    expect(new DecryptionError()).toBeInstanceOf(other.DecryptionError);
    expect(new DecryptionError() instanceof other.KeyError).toBe(false);
    expect(new Error('x') instanceof SecureMigrateError).toBe(false);
    expect({} instanceof KeyError).toBe(false);
  });

  it('keeps the brand out of messages, JSON and enumerable keys', () => {
    const err = new KeyError('ERR_KEY_MISSING', 'no key');
    const symbols = Object.getOwnPropertySymbols(err);
    expect(symbols).toEqual([Symbol.for('secure-migrate.error')]);
    expect(Object.prototype.propertyIsEnumerable.call(err, symbols[0]!)).toBe(false);
    expect(Object.keys(err).sort()).toEqual(['code', 'name']);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ code: 'ERR_KEY_MISSING', name: 'KeyError' });
    expect(String(err)).toBe('KeyError: no key');
  });

  it('names a user subclass in its own brand', () => {
    class AppKeyError extends KeyError {}
    const err = new AppKeyError('ERR_KEY_MISSING', 'x');
    expect(err).toBeInstanceOf(KeyError);
    expect(err.name).toBe('AppKeyError');
    expect(isSecureMigrateError(err, 'ERR_KEY_MISSING')).toBe(true);
    expect(new KeyError('ERR_KEY_MISSING', 'y') instanceof AppKeyError).toBe(false);
  });
});
