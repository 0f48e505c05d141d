/**
 * @secure-migrate/runtime/keys: key rings of 256-bit keys with ids, loaded from the environment or given in
 * code, with per-purpose HKDF subkeys, passphrase derivation and Python Fernet keys.
 */
export { generateKey, KEYGEN_COMMAND } from './generate.js';
export { deriveKeyFromPassphrase, type DeriveKeyFromPassphraseOptions } from './passphrase.js';
export { createKeyring, type CreateKeyringOptions, type KeyInput, type Keyring } from './keyring.js';
export {
  getDefaultKeyring,
  loadKeyring,
  parseKeysVariable,
  setDefaultKeyring,
  KEY_ENV,
  PASSPHRASE_KEY_ID,
  EPHEMERAL_KEY_ID,
  DEFAULT_PASSPHRASE_SALT,
  MIN_PRODUCTION_PASSPHRASE_LENGTH,
} from './env.js';
export { keyEnvironment, ALLOW_EPHEMERAL_KEY_ENV, type KeyEnvironment } from './environment.js';
