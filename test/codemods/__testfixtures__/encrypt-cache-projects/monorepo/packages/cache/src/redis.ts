import Redis from 'ioredis';

// Every key of the company's services lives under acme:.
export const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: 'acme:' });

export async function closeRedis(): Promise<void> {
  await redis.quit();
}
