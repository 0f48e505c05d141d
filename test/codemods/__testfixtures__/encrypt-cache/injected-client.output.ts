import type { Redis } from 'ioredis';
import { encryptForCache, decryptFromCache } from '@secure-migrate/runtime';

export class TokenStore {
  constructor(private readonly redis: Redis) {}

  async save(userId: string, refreshToken: string): Promise<void> {
    await this.redis.set(`refresh:${userId}`, encryptForCache(refreshToken, { context: `refresh:${userId}` }));
  }

  async load(userId: string): Promise<string | null> {
    return await this.redis.get(`refresh:${userId}`).then((value) => (value == null ? value : decryptFromCache<typeof value>(value, { context: `refresh:${userId}` })));
  }
}
