import { format } from 'node:util';
import pino from 'pino';
import { sanitizeForLogging } from '@secure-migrate/runtime';

const logger = pino();

interface Session {
  id: string;
  token: string;
}

export function report(session: Session, password: string, userName: string, attempts: number): void {
  // Only the secret leaves the message; the rest of the text stays as it was.
  logger.info(`token ${sanitizeForLogging(session.token, { name: 'token' })} issued for ${userName}`);
  console.log('pw: ' + sanitizeForLogging(password, { name: 'password' }));
  console.warn('user ' + userName + ' failed ' + attempts + ' times with ' + sanitizeForLogging(password, { name: 'password' }) + '.');
  logger.debug(`retry ${attempts > 1 ? sanitizeForLogging(session.token, { name: 'token' }) : 'none'} for session ${session.id}`);
  logger.info(`login ${userName}: ${JSON.stringify(sanitizeForLogging({ password, attempts }))}`);
  // Formatted by a call whose first argument is not the secret: no wrap masks it alone, so a TODO.
  // secure-migrate: TODO (no-sensitive-logging) session.token is logged. Decide whether to pass the
  // value through sanitizeForLogging(value, { name }) (it then logs [REDACTED]) or drop it from the
  // message.
  logger.warn(format('user %s token %s', userName, session.token));
  // Nothing secret in these messages: left alone.
  logger.info(`session ${session.id} opened by ${userName}`);
  console.log('password length: ' + password.length);
}
