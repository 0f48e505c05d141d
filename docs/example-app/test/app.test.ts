// What the service does. These pass before and after the migration: the migration must not change behaviour.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { call, password, startServer } from './harness.js';

describe('example app', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('rejects a wrong password', async () => {
    const res = await call(server.url, 'POST', '/login', { email: 'ada@example.com', password: 'nope' });
    assert.equal(res.status, 401);
  });

  it('signs in, stores OAuth tokens in the cache and reads them back', async () => {
    const login = await call(server.url, 'POST', '/login', { email: 'ada@example.com', password });
    assert.equal(login.status, 200);
    const token = login.json.token as string;
    assert.match(token, /^[\w-]+\.[\w-]+$/);

    const me = await call(server.url, 'GET', '/me', undefined, token);
    assert.equal(me.status, 200);
    assert.equal(me.json.email, 'ada@example.com');

    assert.deepEqual((await call(server.url, 'GET', '/oauth/status', undefined, token)).json, {
      connected: false,
      expiresAt: null,
    });
    const connect = await call(server.url, 'POST', '/oauth/callback', { code: 'auth-code-123' }, token);
    assert.equal(connect.status, 200);
    const status = await call(server.url, 'GET', '/oauth/status', undefined, token);
    assert.equal(status.json.connected, true);
    assert.equal(status.json.expiresAt, connect.json.expiresAt);
  });

  it('updates the profile', async () => {
    const { json } = await call(server.url, 'POST', '/login', { email: 'ada@example.com', password });
    const res = await call(
      server.url,
      'PATCH',
      '/me/profile',
      { displayName: 'Ada L.', bio: 'Engines' },
      json.token,
    );
    assert.equal(res.status, 200);
    assert.equal(res.json.displayName, 'Ada L.');
    assert.equal(res.json.bio, 'Engines');
  });

  it('connects a chat integration and finds it by the bot token the provider sends', async () => {
    const { json } = await call(server.url, 'POST', '/login', { email: 'ada@example.com', password });
    const botToken = `xoxb-${randomBytes(24).toString('hex')}`;
    const connect = await call(
      server.url,
      'POST',
      '/integrations/slack',
      { botToken, refreshToken: `1//${randomBytes(24).toString('base64url')}` },
      json.token,
    );
    assert.equal(connect.status, 201);
    assert.equal(connect.json.refreshable, true);
    const event = await fetch(`${server.url}/bot/events`, {
      method: 'POST',
      headers: { 'x-bot-token': botToken },
    });
    assert.equal(event.status, 200);
    assert.deepEqual(await event.json(), { userId: 'u1', provider: 'slack' });
    const forged = await fetch(`${server.url}/bot/events`, {
      method: 'POST',
      headers: { 'x-bot-token': `${botToken.slice(0, -1)}${botToken.endsWith('a') ? 'b' : 'a'}` },
    });
    assert.equal(forged.status, 401);
  });

  it('refuses requests without a valid session', async () => {
    assert.equal((await call(server.url, 'GET', '/me')).status, 401);
    assert.equal((await call(server.url, 'GET', '/me', undefined, 'forged.signature')).status, 401);
  });
});
