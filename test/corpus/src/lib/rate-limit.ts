import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';

const redis = new Redis({ host: 'cache', port: 6379, keyPrefix: 'rl:' });
const WINDOW_SECONDS = 60;
const LIMIT = 100;

/** A fixed-window rate limiter keyed by client IP. */
export async function rateLimit(req: Request, res: Response, next: NextFunction): Promise<void> {
  const ip = req.ip ?? 'unknown';
  const hits = await redis.incr(`ratelimit:${ip}`); // ok: no-plaintext-cache-write
  if (hits === 1) await redis.expire(`ratelimit:${ip}`, WINDOW_SECONDS); // ok: no-plaintext-cache-write
  await redis.set(`ratelimit:${ip}:last`, Date.now(), 'EX', WINDOW_SECONDS); // ok: no-plaintext-cache-write
  if (hits > LIMIT) {
    await redis.set(`blocked:${ip}`, '1', 'EX', WINDOW_SECONDS * 10, 'NX'); // ok: no-plaintext-cache-write
    res.status(429).end();
    return;
  }
  next();
}

/** Counts API calls per token holder without storing the token itself. */
export async function countApiCall(tokenId: string, tokenCount: number): Promise<void> {
  await redis.hincrby(`usage:${tokenId}`, 'calls', 1); // ok: no-plaintext-cache-write
  await redis.set(`token-count:${tokenId}`, String(tokenCount)); // ok: no-plaintext-cache-write
  await redis.zadd('usage:leaderboard', tokenCount, tokenId); // ok: no-plaintext-cache-write
}

export async function rememberFailedLogin(userId: string, passwordHash: string): Promise<void> {
  await redis.set(`failed-login:${userId}`, Date.now(), 'EX', 900); // ok: no-plaintext-cache-write
  await redis.hset(`user:${userId}`, 'passwordHash', passwordHash); // ok: no-plaintext-cache-write
}
