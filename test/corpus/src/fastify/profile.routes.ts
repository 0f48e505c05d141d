import type { FastifyInstance } from 'fastify';
import _ from 'lodash';
import type { Profile } from '../models/user.js';

type ProfileKey = 'displayName' | 'avatarUrl' | 'bio';
const PROFILE_KEYS: readonly ProfileKey[] = ['displayName', 'avatarUrl', 'bio'];

function isProfileKey(key: string): key is ProfileKey {
  return (PROFILE_KEYS as readonly string[]).includes(key);
}

export async function profileRoutes(fastify: FastifyInstance): Promise<void> {
  const profiles = new Map<string, Profile>();

  fastify.patch('/profile/:id', async (request, reply) => {
    const profile = profiles.get(request.params.id ?? '') ?? { displayName: '', avatarUrl: null, bio: '' };
    Object.assign(profile, request.body); // expect: no-unsafe-dynamic-assignment
    profiles.set(request.params.id ?? '', profile); // ok: no-plaintext-cache-write, no-unsafe-dynamic-assignment
    return reply.send(profile);
  });

  fastify.patch('/profile/:id/field', async (request, reply) => {
    const profile = profiles.get(request.params.id ?? '');
    if (!profile) return reply.code(404).send();
    const field = request.query.field ?? '';
    Reflect.set(profile, field, request.body); // expect: no-unsafe-dynamic-assignment
    return reply.send(profile);
  });

  fastify.patch('/profile/:id/checked', async (request, reply) => {
    const profile: Profile = { displayName: '', avatarUrl: null, bio: '' };
    const field = request.query.field ?? '';
    const value = String(request.body);
    if (field === '__proto__' || field === 'constructor' || field === 'prototype') {
      return reply.code(400).send();
    }
    if (isProfileKey(field)) {
      profile[field] = value; // ok: no-unsafe-dynamic-assignment
    }
    return reply.send(profile);
  });

  fastify.post('/profile/:id/deep', async (request, reply) => {
    const profile: Record<string, unknown> = {};
    const path = String(request.query.path);
    _.setWith(profile, path, request.body, Object); // expect: no-unsafe-dynamic-assignment
    _.defaultsDeep(profile, request.body); // expect: no-unsafe-dynamic-assignment
    return reply.send(profile);
  });

  fastify.get('/profile/:id/view', async (request, reply) => {
    const view = { [request.query.field ?? 'displayName']: true }; // ok: no-unsafe-dynamic-assignment
    const profile = profiles.get(request.params.id ?? '');
    const value = profile ? profile[(request.query.field ?? 'bio') as keyof Profile] : null; // ok: no-unsafe-dynamic-assignment
    return reply.send({ view, value });
  });
}
