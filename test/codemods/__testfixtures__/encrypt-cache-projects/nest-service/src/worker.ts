import Redis from 'ioredis';

// The worker process has its own connection.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A background job that calls the identity provider with the user's refresh token. */
export async function refreshTokenForJob(userId: string): Promise<string | null> {
  return redis.get(`refresh:${userId}`);
}

export function closeWorker(): Promise<unknown> {
  return redis.quit();
}
