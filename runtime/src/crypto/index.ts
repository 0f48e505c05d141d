/**
 * @secure-migrate/runtime/crypto: encryptForCache/decryptFromCache (AES-256-GCM envelope with key ids and
 * associated data), rotation helpers, and Fernet/MultiFernet compatible with Python's `cryptography`.
 */
export {
  decryptFromCache,
  encryptForCache,
  envelopeKeyId,
  isEncrypted,
  needsRotation,
  reencrypt,
  ENVELOPE_VERSION,
  type EncryptForCacheOptions,
  type NeedsRotationOptions,
} from './envelope.js';
export {
  Fernet,
  MultiFernet,
  isFernetToken,
  FERNET_MAX_CLOCK_SKEW,
  type FernetDecryptOptions,
  type FernetEncryptOptions,
} from './fernet.js';
