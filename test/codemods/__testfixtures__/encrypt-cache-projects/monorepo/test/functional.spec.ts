import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeRedis } from '@acme/cache';
import { countView, loadSession, saveSession } from '@acme/api';
import { sessionOwner } from '@acme/worker';

after(() => closeRedis());

test('a saved session is loaded back as it was saved', async () => {
  await saveSession('m1', { userId: 'u-1', accessToken: 'at-planted-mono-1' });
  assert.deepEqual(await loadSession('m1'), { userId: 'u-1', accessToken: 'at-planted-mono-1' });
  assert.equal(await loadSession('missing'), null);
});

test('the worker package reads the owner of a session the api package saved', async () => {
  await saveSession('m2', { userId: 'u-2', accessToken: 'at-planted-mono-2' });
  assert.equal(await sessionOwner('m2'), 'u-2');
  assert.equal(await sessionOwner('missing'), null);
});

test('page views count from one', async () => {
  const page = `home-${process.pid}-${Date.now()}`;
  assert.equal(await countView(page), 1);
  assert.equal(await countView(page), 2);
});
