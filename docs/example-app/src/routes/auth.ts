import { Router } from 'express';
import { logger } from '../logger.js';
import { createSession } from '../session.js';
import { findByEmail, verifyPassword } from '../users.js';

export const authRouter = Router();

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body as { email?: string; password?: string };
  logger.info({ email, password }, 'login attempt');
  const user = email ? findByEmail(email) : undefined;
  if (!user || !password || !verifyPassword(password, user.passwordHash)) {
    res.status(401).json({ error: 'invalid credentials' });
    return;
  }
  const token = await createSession(user.id);
  logger.info(`user ${user.id} signed in with session ${token}`);
  res.json({ token });
});
