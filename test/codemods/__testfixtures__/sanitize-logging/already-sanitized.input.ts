import { sanitizeForLogging } from '@secure-migrate/runtime';

export function audit(token: string, userId: string) {
  console.log(sanitizeForLogging(token));
  console.log('user', userId);
  console.info('token length', token.length);
}
