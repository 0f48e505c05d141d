import { createHmac, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { cache } from './cache.js';
import { config } from './config.js';
import { logger } from './logger.js';

interface Session {
  userId: string;
  createdAt: number;
}

function sign(id: string): string {
  return createHmac('sha256', config.sessionSecret).update(id).digest('base64url');
}

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  const sessionToken = `${id}.${sign(id)}`;
  const session: Session = { userId, createdAt: Date.now() };
  await cache.set(`session:${id}`, session, config.sessionTtlMs);
  return sessionToken;
}

export async function requireSession(req: Request, res: Response, next: NextFunction): Promise<void> {
  const authorization = req.headers.authorization ?? '';
  logger.debug(`session check, authorization: ${authorization}`);
  const [id, signature] = authorization.replace(/^Bearer /, '').split('.');
  if (!id || !signature || signature !== sign(id)) {
    res.status(401).json({ error: 'not signed in' });
    return;
  }
  const session = await cache.get<Session>(`session:${id}`);
  if (!session) {
    res.status(401).json({ error: 'session expired' });
    return;
  }
  res.locals.userId = session.userId;
  next();
}
