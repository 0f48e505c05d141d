import { Router } from 'express';
import { connectIntegration, findIntegrationByBotToken, refreshTokenOf } from '../integrations.js';
import { requireSession } from '../session.js';

export const integrationsRouter = Router();

integrationsRouter.post('/integrations/:provider', requireSession, async (req, res) => {
  const { botToken, refreshToken } = req.body as { botToken?: string; refreshToken?: string };
  if (!botToken || botToken.length > 64) {
    res.status(400).json({ error: 'a bot token of at most 64 characters is needed' });
    return;
  }
  const id = await connectIntegration(
    res.locals.userId as string,
    String(req.params.provider),
    botToken,
    refreshToken ?? null,
  );
  res.status(201).json({ id, refreshable: Boolean(await refreshTokenOf(id)) });
});

// The provider calls this with the bot token it was given: the token says which integration the event is for.
integrationsRouter.post('/bot/events', async (req, res) => {
  const integration = await findIntegrationByBotToken(req.get('x-bot-token') ?? '');
  if (!integration) {
    res.status(401).json({ error: 'unknown bot token' });
    return;
  }
  res.json({ userId: integration.userId, provider: integration.provider });
});
