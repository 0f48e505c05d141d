import { createWorkerClient } from '@infra/worker-client';

/** A background job: whose session is this? */
export async function sessionOwner(sessionId: string): Promise<string | null> {
  const client = createWorkerClient();
  await client.connect();
  try {
    const raw = await client.get(`session:${sessionId}`);
    return raw ? (JSON.parse(raw) as { userId: string }).userId : null;
  } finally {
    await client.quit();
  }
}
