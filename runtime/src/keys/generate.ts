import { randomBytes } from 'node:crypto';

/** Byte length of every key in a key ring (AES-256). */
export const KEY_BYTES = 32;

/** The one-line shell command that prints a fresh key; quoted in error messages and docs. */
export const KEYGEN_COMMAND = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`;

/** A fresh random 256-bit key as base64url text (43 characters), ready for `SECURE_MIGRATE_KEYS`. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}
