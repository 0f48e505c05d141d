import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import type Redis from 'ioredis';
import { REDIS } from './redis.module';

const DAY_SECONDS = 24 * 3600;

@Injectable()
export class TokensService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
  ) {}

  async saveRefreshToken(userId: string, refreshToken: string): Promise<void> {
    await this.redis.set(`refresh:${userId}`, refreshToken, 'EX', DAY_SECONDS);
  }

  async refreshTokenOf(userId: string): Promise<string | null> {
    return this.redis.get(`refresh:${userId}`);
  }

  async rememberApiKey(clientId: string, apiKey: string): Promise<void> {
    await this.cache.set(`apikey:${clientId}`, apiKey, 60_000);
  }

  async apiKeyOf(clientId: string): Promise<string | undefined> {
    return this.cache.get<string>(`apikey:${clientId}`);
  }
}
