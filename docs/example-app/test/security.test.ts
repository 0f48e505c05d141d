// What a security review checks. Before `secure-migrate` these fail; after it, they pass.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, database, password, readLog, startServer, store } from './harness.js';

describe('example app security properties', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let sessionToken: string;
  before(async () => {
    server = await startServer();
    const login = await call(server.url, 'POST', '/login', { email: 'ada@example.com', password });
    sessionToken = login.json.token;
    await call(server.url, 'POST', '/oauth/callback', { code: 'auth-code-456' }, sessionToken);
    const tokens = { botToken: `xoxb-${'7'.repeat(40)}`, refreshToken: `1//${'r'.repeat(40)}` };
    await call(server.url, 'POST', '/integrations/slack', tokens, sessionToken);
  });
  after(() => server.close());

  it('stores cache values as ciphertext', () => {
    assert.ok(store.size >= 2, 'the session and the OAuth tokens are cached');
    for (const [key, raw] of store) {
      const text = String(raw);
      console.log(`  cache ${key} = ${text.length > 90 ? `${text.slice(0, 90)}…` : text}`);
      assert.doesNotMatch(text, /accessToken|refreshToken|ya29\.|"userId"/, `${key} is stored in plaintext`);
    }
  });

  it('stores integration tokens as ciphertext in the database', async () => {
    const { client } = await database();
    const { rows } = await client.query<Record<string, string>>(
      'SELECT bot_token, refresh_token FROM integrations',
    );
    assert.equal(rows.length, 1);
    for (const [column, raw] of Object.entries(rows[0]!)) {
      console.log(`  integrations.${column} = ${raw.length > 90 ? `${raw.slice(0, 90)}…` : raw}`);
      assert.doesNotMatch(raw, /xoxb-|1\/\//, `integrations.${column} is stored in plaintext`);
    }
  });

  it('keeps passwords and provider tokens out of the logs', () => {
    const log = readLog();
    assert.ok(log.includes('login attempt'), 'the login attempt is still logged');
    assert.ok(log.includes('stored provider tokens'), 'storing the tokens is still logged');
    assert.ok(!log.includes(password), 'the password is logged');
    assert.doesNotMatch(log, /ya29\.[\w-]{20}|1\/\/[\w-]{20}/, 'a provider token is logged');
    // The session token still reaches the log through two template literals (src/routes/auth.ts and
    // src/session.ts): a secret inside a message string has to leave the message, and whether to drop it or log
    // a fingerprint is the reviewer's call, so secure-migrate marks both lines with a TODO instead of guessing.
  });

  it('refuses to mass-assign fields outside the profile or through __proto__', async () => {
    const body = '{"displayName":"Mallory","isAdmin":true,"__proto__":{"polluted":true}}';
    const res = await call(server.url, 'PATCH', '/me/profile', body, sessionToken);
    assert.equal(res.status, 200);
    assert.equal(res.json.displayName, 'Mallory');
    assert.equal(res.json.isAdmin, undefined, 'isAdmin was copied into the profile');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const me = await call(server.url, 'GET', '/me', undefined, sessionToken);
    assert.equal(Object.getPrototypeOf(me.json.profile), Object.prototype);
  });
});
