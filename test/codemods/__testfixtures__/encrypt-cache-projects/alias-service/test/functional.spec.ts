import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeSessions, countView, endSession, loadSession, saveSession } from '../src/sessions.js';
import { sessionOwner } from '../src/worker.js';

after(() => closeSessions());

test('a saved session is loaded back as it was saved', async () => {
  await saveSession('s1', { userId: 'u-1', accessToken: 'at-planted-alias-1' });
  assert.deepEqual(await loadSession('s1'), { userId: 'u-1', accessToken: 'at-planted-alias-1' });
});

test('a session that was never saved, or was ended, is not found', async () => {
  assert.equal(await loadSession('missing'), null);
  await saveSession('s2', { userId: 'u-2', accessToken: 'at-planted-alias-2' });
  await endSession('s2');
  assert.equal(await loadSession('s2'), null);
});

test('the worker reads the owner of a session the service saved', async () => {
  await saveSession('s3', { userId: 'u-3', accessToken: 'at-planted-alias-3' });
  assert.equal(await sessionOwner('s3'), 'u-3');
  assert.equal(await sessionOwner('missing'), null);
});

test('page views count from one', async () => {
  const page = `home-${process.pid}-${Date.now()}`;
  assert.equal(await countView(page), 1);
  assert.equal(await countView(page), 2);
});
