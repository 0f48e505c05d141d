import { Router } from 'express';
import { logger } from '../logger.js';
import { requireSession } from '../session.js';
import { findById } from '../users.js';

export const profileRouter = Router();

profileRouter.get('/me', requireSession, (_req, res) => {
  const user = findById(res.locals.userId as string);
  if (!user) {
    res.status(404).end();
    return;
  }
  res.json({ id: user.id, email: user.email, profile: user.profile });
});

profileRouter.patch('/me/profile', requireSession, (req, res) => {
  const user = findById(res.locals.userId as string);
  if (!user) {
    res.status(404).end();
    return;
  }
  Object.assign(user.profile, req.body);
  logger.info({ userId: user.id, profile: user.profile }, 'profile updated');
  res.json(user.profile);
});
