import { DecryptionError, KeyError, SecureMigrateError } from '@secure-migrate/runtime';

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
