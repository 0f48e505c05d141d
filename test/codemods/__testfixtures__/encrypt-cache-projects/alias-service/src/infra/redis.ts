import { Redis } from 'ioredis';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Sentinel-managed in production, one server everywhere else.
export const redis = process.env.REDIS_SENTINEL_HOST
  ? new Redis({ sentinels: [{ host: process.env.REDIS_SENTINEL_HOST, port: 26379 }], name: 'primary' })
  : new Redis(url);
