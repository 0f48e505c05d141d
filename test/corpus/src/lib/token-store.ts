import { Redis } from 'ioredis';
import type { OAuthTokens } from '../models/user.js';

const redis = new Redis({ host: 'cache', port: 6379 });

/** Keeps third-party OAuth tokens between requests. */
export class TokenStore {
  constructor(private readonly cache = new Redis({ host: 'cache', port: 6380 })) {}

  async save(userId: string, tokens: OAuthTokens): Promise<void> {
    await redis.set(`oauth:${userId}`, JSON.stringify(tokens)); // expect: no-plaintext-cache-write
    await redis.hset(`oauth-tokens:${userId}`, { refreshToken: tokens.refresh_token }); // expect: no-plaintext-cache-write
    await redis.hset(`oauth-usage:${userId}`, { lastRefreshAt: Date.now() }); // ok: no-plaintext-cache-write
    await this.cache.lpush(`refresh-history:${userId}`, tokens.refresh_token); // expect: no-plaintext-cache-write
    await this.cache.lpush(`refresh-times:${userId}`, String(Date.now())); // ok: no-plaintext-cache-write
  }

  async saveClientSecret(clientId: string, clientSecret: string): Promise<void> {
    await redis.set(`client:${clientId}:secret`, clientSecret); // expect: no-plaintext-cache-write
    await redis.set(`client:${clientId}:secretName`, `clients/${clientId}`); // ok: no-plaintext-cache-write
  }

  async saveBearer(jti: string, bearer: string, ttl: number): Promise<void> {
    await redis.set(`token:${jti}`, bearer, 'PX', ttl); // expect: no-plaintext-cache-write
    await redis.set(`token-expires-at:${jti}`, Date.now() + ttl); // ok: no-plaintext-cache-write
    await redis.mset({ [`jwt:${jti}`]: bearer }); // expect: no-plaintext-cache-write
  }

  async read(userId: string): Promise<OAuthTokens | null> {
    const raw = await redis.get(`oauth:${userId}`); // ok: no-plaintext-cache-write
    return raw ? (JSON.parse(raw) as OAuthTokens) : null;
  }
}
