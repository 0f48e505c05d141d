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
  logger.info({ user: user.id }, 'login', sanitizeForLogging(accessToken, { name: 'accessToken' }));
  console.log(`password for ${email} is ${sanitizeForLogging(password, { name: 'password' })}`);
  logger.debug('expires', user.tokenExpiresAt, user.id);
}
