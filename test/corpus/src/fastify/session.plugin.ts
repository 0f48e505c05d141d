import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Redis } from 'ioredis';
import { secureCache } from '@secure-migrate/runtime';

interface SessionData {
  userId: string;
  csrfToken: string;
  accessToken: string;
}

const secure = secureCache(new Redis({ host: 'cache', port: 6379 }));

export const sessionPlugin: FastifyPluginAsync = async (fastify: FastifyInstance) => {
  fastify.post('/sessions', async (request, reply) => {
    const data = request.body as SessionData;
    const sid = crypto.randomUUID();
    await fastify.redis.set(`session:${sid}`, JSON.stringify(data), 'EX', 1800); // expect: no-plaintext-cache-write
    await secure.set(`session:${sid}:copy`, JSON.stringify(data)); // ok: no-plaintext-cache-write
    await fastify.redis.set(`csrf:${sid}`, data.csrfToken, 'EX', 1800); // ok: no-plaintext-cache-write
    request.log.info({ csrfToken: data.csrfToken }, 'csrf token rotated'); // ok: no-sensitive-logging
    request.log.info({ accessToken: data.accessToken }, 'session stored'); // expect: no-sensitive-logging
    fastify.log.info({ sid, userId: data.userId }, 'session created'); // expect: no-sensitive-logging
    return reply.code(201).send({ sid });
  });

  fastify.post('/sessions/pipeline', async (request, reply) => {
    const data = request.body as SessionData;
    const sid = crypto.randomUUID();
    await fastify.redis
      .multi()
      .set(`session:${sid}`, JSON.stringify(data)) // expect: no-plaintext-cache-write
      .expire(`session:${sid}`, 1800) // ok: no-plaintext-cache-write
      .exec();
    const pipeline = fastify.redis.pipeline();
    pipeline.hset(`session:${sid}:tokens`, 'access', data.accessToken); // expect: no-plaintext-cache-write
    pipeline.incr(`sessions:created:${new Date().toISOString().slice(0, 10)}`); // ok: no-plaintext-cache-write
    await pipeline.exec();
    return reply.code(201).send({ sid });
  });

  fastify.addHook('onRequest', async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    request.log.debug({ token }, 'incoming token'); // expect: no-sensitive-logging
    request.log.debug({ tokenLength: token.length, hasToken: token !== '' }, 'incoming request'); // ok: no-sensitive-logging
  });
};
