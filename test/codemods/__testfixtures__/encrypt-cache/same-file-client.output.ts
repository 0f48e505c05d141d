import Redis from 'ioredis';
import { secureCache } from '@secure-migrate/runtime';

// One client for the whole service.
const redis = secureCache(new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'));

export async function saveSession(sessionId: string, session: { userId: string; accessToken: string }) {
  await redis.set(`session:${sessionId}`, JSON.stringify(session), 'EX', 3600);
}

export async function loadSession(sessionId: string) {
  const raw = await redis.get(`session:${sessionId}`);
  return raw ? JSON.parse(raw) : null;
}
