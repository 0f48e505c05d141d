import { redis } from '@acme/cache';

export interface Session {
  userId: string;
  accessToken: string;
}

export async function saveSession(sessionId: string, session: Session): Promise<void> {
  await redis.set(`session:${sessionId}`, JSON.stringify(session), 'EX', 600);
}

export async function loadSession(sessionId: string): Promise<Session | null> {
  const raw = await redis.get(`session:${sessionId}`);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export async function countView(page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}
