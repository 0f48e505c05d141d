import { redis } from '@acme/cache/redis';

/** The user a session belongs to, read by the worker from the sessions the api saved. */
export async function sessionOwner(sessionId: string): Promise<string | null> {
  const raw = await redis.get(`session:${sessionId}`);
  return raw ? (JSON.parse(raw) as { userId: string }).userId : null;
}
