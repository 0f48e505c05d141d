import express from 'express';
import { authRouter } from './routes/auth.js';
import { integrationsRouter } from './routes/integrations.js';
import { oauthRouter } from './routes/oauth.js';
import { profileRouter } from './routes/profile.js';

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  app.use(authRouter);
  app.use(oauthRouter);
  app.use(profileRouter);
  app.use(integrationsRouter);
  return app;
}
