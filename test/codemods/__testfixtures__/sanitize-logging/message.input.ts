import { format } from 'node:util';
import pino from 'pino';

const logger = pino();

interface Session {
  id: string;
  token: string;
}

export function report(session: Session, password: string, userName: string, attempts: number): void {
  // Only the secret leaves the message; the rest of the text stays as it was.
  logger.info(`token ${session.token} issued for ${userName}`);
  console.log('pw: ' + password);
  console.warn('user ' + userName + ' failed ' + attempts + ' times with ' + password + '.');
  logger.debug(`retry ${attempts > 1 ? session.token : 'none'} for session ${session.id}`);
  logger.info(`login ${userName}: ${JSON.stringify({ password, attempts })}`);
  // Formatted by a call whose first argument is not the secret: no wrap masks it alone, so a TODO.
  logger.warn(format('user %s token %s', userName, session.token));
  // Nothing secret in these messages: left alone.
  logger.info(`session ${session.id} opened by ${userName}`);
  console.log('password length: ' + password.length);
}
