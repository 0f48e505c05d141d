import { createClient } from 'redis';

/** The worker opens its own connection (node-redis) per job. */
export function createWorkerClient() {
  return createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
}
