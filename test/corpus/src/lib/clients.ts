import Keyv from 'keyv';
import winston from 'winston';
import createDebug from 'debug';
import { encryptForCache, sanitizeForLogging } from '@secure-migrate/runtime';

const keyv = new Keyv({ namespace: 'api' });
const winstonLogger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });
const debug = createDebug('api:auth');

export async function saveSession(sid: string, session: { userId: string; token: string }): Promise<void> {
  await keyv.set(`session:${sid}`, session, 3_600_000); // expect: no-plaintext-cache-write
  await keyv.set(`session:${sid}`, encryptForCache(session), 3_600_000); // ok: no-plaintext-cache-write
  await keyv.set(`visits:${sid}`, 1); // ok: no-plaintext-cache-write
  debug('session %s token %s', sid, session.token); // expect: no-sensitive-logging
  debug('session %s saved', sid); // expect: no-sensitive-logging
}

export function reportClient(clientId: string, clientSecret: string, secretName: string): void {
  winstonLogger.warn(`client secret: ${clientSecret}`); // expect: no-sensitive-logging
  winstonLogger.info('rotating secret', { secretName, clientId }); // ok: no-sensitive-logging
  winstonLogger.info('client registered', sanitizeForLogging({ clientId, clientSecret })); // ok: no-sensitive-logging
}

export function otpLog(otpSecret: string, bearerToken: string): void {
  winstonLogger.info('OTP secret: ' + otpSecret); // expect: no-sensitive-logging
  console.log('Bearer ' + bearerToken); // expect: no-sensitive-logging; ok: no-hardcoded-credentials
  console.log('JWT_SECRET is not set; using the dev key'); // ok: no-sensitive-logging, no-hardcoded-credentials
  console.log({ nextPageToken: 'eyJwYWdlIjoyfQ' }); // ok: no-sensitive-logging, no-hardcoded-credentials
}
