import { eq } from 'drizzle-orm';
import { database } from './db.js';
import { integrations } from './schema.js';

export interface Integration {
  id: number;
  userId: string;
  provider: string;
}

export async function connectIntegration(
  userId: string,
  provider: string,
  botToken: string,
  refreshToken: string | null,
): Promise<number> {
  const { db } = await database();
  const [row] = await db
    .insert(integrations)
    .values({ userId, provider, botToken, refreshToken })
    .returning({ id: integrations.id });
  return row!.id;
}

/** The integration a bot event belongs to, found by the token the provider sent with it. */
export async function findIntegrationByBotToken(botToken: string): Promise<Integration | undefined> {
  const { db } = await database();
  const [row] = await db
    .select({ id: integrations.id, userId: integrations.userId, provider: integrations.provider })
    .from(integrations)
    .where(eq(integrations.botToken, botToken))
    .limit(1);
  return row;
}

export async function refreshTokenOf(id: number): Promise<string | null | undefined> {
  const { db } = await database();
  const [row] = await db
    .select({ refreshToken: integrations.refreshToken })
    .from(integrations)
    .where(eq(integrations.id, id));
  return row?.refreshToken;
}
