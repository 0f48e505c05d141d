/**
 * encryptForCache + decryptFromCache against the floor (bare node:crypto AES-256-GCM, fresh random IV per op)
 * and against the `fernet` npm package; our Fernet for information. Same ~200-byte session JSON string for all.
 * Run: npx tsx test/bench/run.ts crypto
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fernet from 'fernet';
import { createKeyring } from '../../runtime/src/keys/index.js';
import { decryptFromCache, encryptForCache, Fernet } from '../../runtime/src/crypto/index.js';
import { compare, measure, type Comparison } from './harness.js';

/** A realistic session value as an application would cache it: a JSON string of 200 bytes. */
const SESSION = JSON.stringify({
  sid: 'b7f1c2d4e5a64f0e9a1b2c3d4e5f6a7b',
  userId: 48213,
  email: 'ada.lovelace@example.com',
  roles: ['user', 'billing-admin'],
  issuedAt: 1732000000,
  expiresAt: 1732003600,
  ip: '203.0.113.7',
  mfa: true,
});

function check(label: string, got: unknown): void {
  if (got !== SESSION) throw new Error(`${label}: round trip returned a different value`);
}

export default {
  title: `crypto: encrypt + decrypt round trip of a ${Buffer.byteLength(SESSION)}-byte session JSON string`,
  async run(): Promise<Comparison[]> {
    const keyring = createKeyring({ keys: [{ id: 'k1', key: randomBytes(32) }] });
    const context = 'session:b7f1c2d4';
    const rawKey = randomBytes(32);
    const fernetKey = Fernet.generateKey();
    const ours = new Fernet(fernetKey);
    const npmSecret = new fernet.Secret(fernetKey);

    const cases = {
      'ours: encryptForCache + decryptFromCache': () => {
        const token = encryptForCache(SESSION, { keyring, context });
        return decryptFromCache<string>(token, { keyring, context });
      },
      'node:crypto AES-256-GCM, random IV (floor)': () => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', rawKey, iv);
        const ct = Buffer.concat([cipher.update(SESSION, 'utf8'), cipher.final()]);
        const tag = cipher.getAuthTag();
        const decipher = createDecipheriv('aes-256-gcm', rawKey, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      },
      'fernet npm 0.4.0 (Token.encode + Token.decode, ttl 0)': () => {
        const token = new fernet.Token({ secret: npmSecret, ttl: 0 }).encode(SESSION);
        return new fernet.Token({ secret: npmSecret, token, ttl: 0 }).decode();
      },
      'ours: Fernet encrypt + decrypt': () => ours.decrypt(ours.encrypt(SESSION)).toString('utf8'),
    };
    for (const [name, fn] of Object.entries(cases)) check(name, fn());

    const [sm, gcm, npm, ourFernet] = await measure(cases, { rounds: 7, roundMs: 400, warmupMs: 300 });
    return [
      compare('encryptForCache round trip vs bare node:crypto AES-256-GCM', sm!, gcm!, '≥ 0.7×'),
      compare('encryptForCache round trip vs fernet npm', sm!, npm!, '≥ 10×'),
      compare('our Fernet vs fernet npm (information)', ourFernet!, npm!),
    ];
  },
};
