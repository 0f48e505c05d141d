import type { Redis } from 'ioredis';

export class TokenStore {
  constructor(private readonly redis: Redis) {}

  async save(userId: string, refreshToken: string): Promise<void> {
    await this.redis.set(`refresh:${userId}`, refreshToken);
  }

  async load(userId: string): Promise<string | null> {
    return await this.redis.get(`refresh:${userId}`);
  }
}
