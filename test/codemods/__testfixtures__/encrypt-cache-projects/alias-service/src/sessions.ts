import { redis } from '@infra/redis';

export interface Session {
  userId: string;
  accessToken: string;
}

const SESSION_TTL_SECONDS = 3600;

export async function saveSession(sessionId: string, session: Session): Promise<void> {
  await redis.set(`session:${sessionId}`, JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
}

export async function loadSession(sessionId: string): Promise<Session | null> {
  const raw = await redis.get(`session:${sessionId}`);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export async function endSession(sessionId: string): Promise<void> {
  await redis.del(`session:${sessionId}`);
}

/** Page views: a counter that starts at zero the first time a page is seen. */
export async function countView(page: string): Promise<number> {
  await redis.set(`views:${page}`, '0', 'NX');
  return redis.incr(`views:${page}`);
}

export function closeSessions(): Promise<unknown> {
  return redis.quit();
}
