/**
 * Lock tokens: 128 random bits as hex, drawn from a pooled buffer of `randomBytes` output so that a lock does not
 * pay for one call into the CSPRNG per acquisition (as Node's own `randomUUID` pools). Each byte is used once.
 */
import { randomBytes } from 'node:crypto';

const TOKEN_BYTES = 16;
const POOL_TOKENS = 128;

let pool: Buffer = Buffer.alloc(0);
let offset = 0;

/** A fresh, unpredictable lock token: 32 hex characters (128 bits from `node:crypto`). */
export function newLockToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * POOL_TOKENS);
    offset = 0;
  }
  const token = pool.toString('hex', offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}
