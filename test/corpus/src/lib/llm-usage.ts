import { createClient } from 'redis';
import { pino } from 'pino';

const logger = pino();
const client = createClient({ url: process.env.REDIS_URL });

export interface Completion {
  text: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
}

export async function recordUsage(userId: string, completion: Completion): Promise<void> {
  const { promptTokens, completionTokens } = completion.usage;
  logger.info({ promptTokens, completionTokens }, 'llm usage'); // ok: no-sensitive-logging
  logger.info(`used ${completion.usage.totalTokens} tokens`); // ok: no-sensitive-logging
  await client.incrBy(`llm:tokens:${userId}`, promptTokens + completionTokens); // ok: no-plaintext-cache-write
  await client.set(`llm:last:${userId}`, String(completion.usage.totalTokens)); // ok: no-plaintext-cache-write
}

export async function storeApiKey(tenant: string, apiKey: string): Promise<void> {
  await client.set(`apikey:${tenant}`, apiKey); // expect: no-plaintext-cache-write
  logger.info(`stored api key ${apiKey} for ${tenant}`); // expect: no-sensitive-logging
  logger.info({ tenant, keyId: apiKey.slice(0, 4) }, 'stored api key'); // ok: no-sensitive-logging
}

export async function storeOAuth(userId: string, accessToken: string, refreshToken: string): Promise<void> {
  await client.set(`oauth:${userId}`, JSON.stringify({ accessToken, refreshToken }), { EX: 3600 }); // expect: no-plaintext-cache-write
  await client.hSet(`user:${userId}`, { refreshToken }); // expect: no-plaintext-cache-write
  await client.hSet(`user:${userId}`, { lastLoginAt: Date.now() }); // ok: no-plaintext-cache-write
}
