import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openDatabase } from '../src/db.js';
import { addWebhook, rotateToken, signingSecretOf, webhookByToken } from '../src/webhooks.js';

let opened: Awaited<ReturnType<typeof openDatabase>>;
before(async () => {
  opened = await openDatabase();
});
after(() => opened.client.close());

it('stores webhooks, finds one by its token, reads its secret back', async () => {
  const token = `whk_planted_${'a1'.repeat(20)}`;
  const secret = `planted-${'s'.repeat(40)}`;
  const id = await addWebhook(opened.db, 'https://example.com/hook', token, secret);
  await addWebhook(opened.db, 'https://example.com/other', `whk_planted_${'b2'.repeat(20)}`, null);
  assert.deepEqual(await webhookByToken(opened.db, token), { id, url: 'https://example.com/hook' });
  assert.equal(await webhookByToken(opened.db, 'whk_unknown'), undefined);
  assert.equal(await signingSecretOf(opened.db, id), secret);
  await rotateToken(opened.db, id, `whk_planted_${'c3'.repeat(20)}`);
  assert.equal(await webhookByToken(opened.db, token), undefined);
  assert.equal((await webhookByToken(opened.db, `whk_planted_${'c3'.repeat(20)}`))?.id, id);
  // The stored values, for the migration test to inspect.
  const { rows } = await opened.client.query('SELECT api_token, signing_secret FROM webhooks ORDER BY id');
  console.log(`RAW ${JSON.stringify(rows)}`);
});
