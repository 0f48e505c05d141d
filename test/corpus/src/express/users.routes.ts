import { Router, type Request, type Response } from 'express';
import _ from 'lodash';
import { pino } from 'pino';
import { secureAssign } from '@secure-migrate/runtime';
import { findUserById, ProfileField, type Profile, type Settings, type User } from '../models/user.js';

const log = pino();
export const usersRouter = Router();

const EDITABLE = new Set(['displayName', 'avatarUrl', 'bio']);

usersRouter.patch('/users/:id', async (req: Request, res: Response) => {
  const user = await findUserById(String(req.params.id));
  if (!user) {
    res.status(404).end();
    return;
  }
  Object.assign(user, req.body); // expect: no-unsafe-dynamic-assignment
  res.json({ id: user.id });
});

usersRouter.patch('/users/:id/field', async (req: Request, res: Response) => {
  const user = (await findUserById(String(req.params.id))) as Record<string, unknown> | undefined;
  if (!user) {
    res.status(404).end();
    return;
  }
  user[req.body.field] = req.body.value; // expect: no-unsafe-dynamic-assignment
  const current = user[String(req.query.field)]; // ok: no-unsafe-dynamic-assignment
  res.json({ current });
});

usersRouter.patch('/users/:id/settings', async (req: Request, res: Response) => {
  const settings: Record<string, unknown> = { theme: 'light', locale: 'en' };
  _.set(settings, req.query.path as string, req.body.value); // expect: no-unsafe-dynamic-assignment
  _.set(settings, 'notifications.email', Boolean(req.body.email)); // ok: no-unsafe-dynamic-assignment
  _.merge(settings, req.body); // expect: no-unsafe-dynamic-assignment
  res.json(settings);
});

usersRouter.patch('/users/:id/profile', async (req: Request, res: Response) => {
  const profile: Profile = { displayName: '', avatarUrl: null, bio: '' };
  for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
    if (!EDITABLE.has(key)) continue;
    secureAssign(profile, key, value, { allow: ['displayName', 'avatarUrl', 'bio'] }); // ok: no-unsafe-dynamic-assignment
  }
  profile[ProfileField.DisplayName] = String(req.body.name); // ok(typed): no-unsafe-dynamic-assignment
  Object.assign(profile, { bio: 'Hello' }); // ok: no-unsafe-dynamic-assignment
  res.json(profile);
});

usersRouter.post('/users/:id/preferences', async (req: Request, res: Response) => {
  const prefs: Record<string, Record<string, unknown>> = {};
  const section = String(req.body.section);
  const key = String(req.body.key);
  prefs[section] = prefs[section] ?? {}; // ok: no-unsafe-dynamic-assignment
  prefs[section]![key] = req.body.value; // expect: no-unsafe-dynamic-assignment
  res.json(prefs);
});

export function setSetting<K extends keyof Settings>(settings: Settings, key: K, value: Settings[K]): void {
  settings[key] = value; // ok(typed): no-unsafe-dynamic-assignment
}

export function copyFields(target: User, source: Partial<User>): User {
  return Object.assign({}, target, { displayName: source.displayName ?? target.displayName }); // ok: no-unsafe-dynamic-assignment
}

export function applyPatch(target: Record<string, unknown>, key: string, value: unknown): void {
  target[key] = value; // ok: no-unsafe-dynamic-assignment
}

export function indexById(users: readonly User[]): Record<string, User> {
  const byId: Record<string, User> = Object.create(null);
  for (const user of users) {
    byId[user.id] = user; // ok: no-unsafe-dynamic-assignment
  }
  log.info({ count: users.length }, 'indexed users'); // ok: no-sensitive-logging
  return byId;
}
