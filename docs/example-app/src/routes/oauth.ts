import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { cache } from '../cache.js';
import { config } from '../config.js';
import { logger } from '../logger.js';
import { requireSession } from '../session.js';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** Stands in for the provider's token endpoint (config.oauth.tokenUrl) so the example runs offline. */
export async function exchangeCode(code: string): Promise<OAuthTokens> {
  if (!/^[\w-]{8,}$/.test(code)) throw new Error('invalid authorization code');
  return {
    accessToken: `ya29.${randomBytes(24).toString('base64url')}`,
    refreshToken: `1//${randomBytes(24).toString('base64url')}`,
    expiresAt: Date.now() + 3600_000,
  };
}

export const oauthRouter = Router();

oauthRouter.post('/oauth/callback', requireSession, async (req, res) => {
  const userId = res.locals.userId as string;
  const { code } = req.body as { code?: string };
  try {
    const tokens = await exchangeCode(code ?? '');
    await cache.set(`oauth:${userId}`, tokens);
    logger.info({ userId, client: config.oauth.clientId, tokens }, 'stored provider tokens');
    res.json({ connected: true, expiresAt: tokens.expiresAt });
  } catch (error) {
    logger.warn({ userId, error: (error as Error).message }, 'oauth callback failed');
    res.status(400).json({ error: 'could not connect the account' });
  }
});

oauthRouter.get('/oauth/status', requireSession, async (_req, res) => {
  const userId = res.locals.userId as string;
  const tokens = await cache.get<OAuthTokens>(`oauth:${userId}`);
  res.json({ connected: Boolean(tokens), expiresAt: tokens?.expiresAt ?? null });
});
