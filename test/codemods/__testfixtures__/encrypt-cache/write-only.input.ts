import type { Redis } from 'ioredis';

export async function remember(redis: Redis, userId: string, apiKey: string) {
  await redis.set(`user:${userId}:key`, apiKey);
}
