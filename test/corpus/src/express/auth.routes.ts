import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { findUserByLogin, toPublicUser, type Session, type User } from '../models/user.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }); // ok: no-hardcoded-credentials
const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // ok: no-hardcoded-credentials
const jwtSecret = process.env.JWT_SECRET || 'dev-secret'; // expect: no-hardcoded-credentials
const AUTH_HEADER = 'authorization'; // ok: no-hardcoded-credentials

export const authRouter = Router();

interface LoginBody {
  login: string;
  password: string;
}

function createSession(user: User): Session {
  const accessToken = jwt.sign({ sub: user.id }, jwtSecret, { expiresIn: '15m' });
  const refreshToken = randomUUID();
  return { id: randomUUID(), userId: user.id, accessToken, refreshToken, expiresAt: Date.now() + 900_000 };
}

authRouter.post('/login', async (req: Request, res: Response) => {
  const body = req.body as LoginBody;
  logger.info({ ip: req.ip, path: req.path }, 'login attempt'); // ok: no-sensitive-logging
  const user = await findUserByLogin(body.login);
  if (!user) {
    logger.warn('unknown login, password length %d', body.password.length); // ok: no-sensitive-logging
    res.status(401).end();
    return;
  }
  const isPasswordValid = await bcrypt.compare(body.password, user.password);
  logger.info({ isPasswordValid, userId: user.id }, 'password checked'); // ok: no-sensitive-logging
  if (!isPasswordValid) {
    logger.debug('rejected password %s', body.password); // expect: no-sensitive-logging
    res.status(401).end();
    return;
  }
  const session = createSession(user);
  await redis.set(`session:${session.id}`, JSON.stringify(session), 'EX', 3600); // expect: no-plaintext-cache-write
  await redis.set(`user:${user.id}:lastSeen`, Date.now()); // ok: no-plaintext-cache-write
  logger.info({ session }, 'session created'); // expect: no-sensitive-logging
  logger.info({ userId: user.id, tokenExpiresAt: session.expiresAt }, 'session issued'); // ok: no-sensitive-logging
  logger.info({ user }, 'user logged in'); // expect(typed): no-sensitive-logging
  logger.info({ user: toPublicUser(user) }, 'user profile loaded'); // ok: no-sensitive-logging
  res.cookie('sid', session.id, { httpOnly: true, secure: true });
  res.json({ accessToken: session.accessToken });
});

authRouter.post('/refresh', async (req: Request, res: Response) => {
  const refreshToken = String(req.body.refreshToken);
  console.error('refresh requested', refreshToken); // expect: no-sensitive-logging
  const stored = await redis.get(`refresh:${refreshToken}`); // ok: no-plaintext-cache-write
  if (!stored) {
    logger.warn({ hasToken: !!refreshToken }, 'refresh token not found'); // ok: no-sensitive-logging
    res.status(401).end();
    return;
  }
  const accessToken = jwt.sign({ sub: stored }, jwtSecret, { expiresIn: '15m' });
  await redis.setex(`token:${stored}`, 900, accessToken); // expect: no-plaintext-cache-write
  console.log('token', accessToken); // expect: no-sensitive-logging
  logger.info(`issued a ${typeof accessToken} token for ${stored}`); // ok: no-sensitive-logging
  res.json({ accessToken });
});

authRouter.get('/me', async (req: Request, res: Response) => {
  logger.debug(`auth ${req.headers.authorization}`); // expect: no-sensitive-logging
  logger.debug(`checking header ${AUTH_HEADER}`); // ok: no-sensitive-logging
  logger.info(req.headers); // expect(typed): no-sensitive-logging
  logger.info({ userAgent: req.headers['user-agent'] }, 'whoami'); // ok: no-sensitive-logging
  console.log(`cookie=${req.headers.cookie}`); // expect: no-sensitive-logging
  res.json({ ok: true });
});

authRouter.post('/logout', async (req: Request, res: Response) => {
  const sessionKey = `session:${String(req.cookies?.sid)}`;
  await redis.del(sessionKey); // ok: no-plaintext-cache-write
  await redis.expire(`refresh:${String(req.cookies?.sid)}`, 0); // ok: no-plaintext-cache-write
  res.status(204).end();
});
