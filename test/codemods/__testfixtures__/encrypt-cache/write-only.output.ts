import type { Redis } from 'ioredis';

export async function remember(redis: Redis, userId: string, apiKey: string) {
  // secure-migrate: TODO (no-plaintext-cache-write) apiKey is written to the cache in plaintext. No
  // read of this key in this file: its readers would get ciphertext. Wrap the client where it is
  // created in secureCache(...) so every read decrypts, or decrypt its reads with
  // decryptFromCache(...).
  await redis.set(`user:${userId}:key`, apiKey);
}
