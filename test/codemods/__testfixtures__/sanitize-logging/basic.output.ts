/**
 * Auth service (header comment stays first).
 */
import pino from 'pino';
import { findUser } from './users.js';
import { sanitizeForLogging } from '@secure-migrate/runtime';

const logger = pino();

export async function login(email: string, password: string, accessToken: string): Promise<void> {
  const user = await findUser(email);
  // The token goes to the log: a leak.
  logger.info({ user: user.id }, 'login', sanitizeForLogging({ accessToken }));
  // secure-migrate: TODO (no-sensitive-logging) password is logged. Decide whether to log a
  // sanitized copy (sanitizeForLogging) or drop the value.
  console.log(`password for ${email} is ${password}`);
  logger.debug('expires', user.tokenExpiresAt, user.id);
}
