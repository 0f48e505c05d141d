import { eq } from 'drizzle-orm';
import type { Database } from './db.js';
import { webhooks } from './schema.js';

export async function addWebhook(db: Database, url: string, apiToken: string, signingSecret: string | null) {
  const [row] = await db.insert(webhooks).values({ url, apiToken, signingSecret }).returning({ id: webhooks.id });
  return row!.id;
}

/** The webhook whose receiver called back with this token. */
export async function webhookByToken(db: Database, apiToken: string) {
  const [row] = await db
    .select({ id: webhooks.id, url: webhooks.url })
    .from(webhooks)
    .where(eq(webhooks.apiToken, apiToken));
  return row;
}

export async function signingSecretOf(db: Database, id: number) {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row?.signingSecret ?? null;
}

export async function rotateToken(db: Database, id: number, apiToken: string) {
  await db.update(webhooks).set({ apiToken }).where(eq(webhooks.id, id));
}
