import Redis from 'ioredis';
import { secureCache } from '@secure-migrate/runtime';

const redis = new Redis();
const secure = secureCache(new Redis());

export async function counters(userId: string, accessToken: string) {
  await redis.set(`views:${userId}`, '1');
  await redis.incr(`views:${userId}`);
  await secure.set(`token:${userId}`, accessToken);
}
