// What the service does. These pass before and after the migration: the migration must not change behaviour.
import assert from 'node:assert/strict';
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

  it('refuses requests without a valid session', async () => {
    assert.equal((await call(server.url, 'GET', '/me')).status, 401);
    assert.equal((await call(server.url, 'GET', '/me', undefined, 'forged.signature')).status, 401);
  });
});
