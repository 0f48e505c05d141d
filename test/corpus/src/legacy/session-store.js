import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

/** Express-session style store used by the old admin panel. */
export async function saveSession(sid, sess, ttlSeconds) {
  await client.set('session:' + sid, JSON.stringify(sess), { EX: ttlSeconds }); // expect: no-plaintext-cache-write
  await client.set('session-count', String(await client.dbSize())); // ok: no-plaintext-cache-write
  console.log('saved session', sid); // expect: no-sensitive-logging
}

export async function saveToken(userId, token) {
  await client.set(`token:${userId}`, token, { EX: 60 }); // expect: no-plaintext-cache-write
  console.log('saved token for', userId, token); // expect: no-sensitive-logging
}

export async function touch(sid) {
  await client.set(`seen:${sid}`, new Date().toISOString()); // ok: no-plaintext-cache-write
}
