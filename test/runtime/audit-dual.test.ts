/**
 * One audit log per process across the two builds of the package: a log configured through the CommonJS build
 * receives the events of helpers loaded through the ES module build, and the reverse, in a fresh Node process that
 * resolves the package through its `exports` (the built files, not the sources).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureRuntimeBuilt } from './build-runtime.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const script = `
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const cjsAudit = require('@secure-migrate/runtime/audit');
const cjsCrypto = require('@secure-migrate/runtime/crypto');
const esmAudit = await import('@secure-migrate/runtime/audit');
const esmCrypto = await import('@secure-migrate/runtime/crypto');
const esmAssign = await import('@secure-migrate/runtime/assign');
const { createKeyring, generateKey } = await import('@secure-migrate/runtime/keys');
const keyring = createKeyring({ keys: [{ id: 'k1', key: generateKey() }] });
const out = {};
for (const [name, audit, crypto] of [['cjs-log', cjsAudit, esmCrypto], ['esm-log', esmAudit, cjsCrypto]]) {
  const events = [];
  const log = audit.createAuditLog({ sink: (r) => { events.push(r.type + ':' + r.target); }, service: name, keyring });
  audit.configureAudit(log);
  try { crypto.decryptFromCache('sm1.k1.' + 'A'.repeat(40), { keyring, context: name }); } catch {}
  esmAssign.secureAssign({}, '__proto__', 1);
  await log.flush();
  out[name] = { events, configuredSeenByOther: (audit === cjsAudit ? esmAudit : cjsAudit).getConfiguredAudit() === log };
  audit.configureAudit(null);
}
out.twoCopies = cjsAudit.createAuditLog !== esmAudit.createAuditLog && cjsCrypto.decryptFromCache !== esmCrypto.decryptFromCache;
console.log(JSON.stringify(out));
`;

describe('audit log across the ESM and CommonJS builds', () => {
  it('one configured log receives the events of either build', { timeout: 240_000 }, () => {
    ensureRuntimeBuilt();
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    });
    if (result.status !== 0) throw new Error(result.stderr);
    expect(JSON.parse(result.stdout)).toEqual({
      twoCopies: true,
      'cjs-log': {
        events: ['decrypt.failed:cjs-log', 'assign.refused:__proto__'],
        configuredSeenByOther: true,
      },
      'esm-log': {
        events: ['decrypt.failed:esm-log', 'assign.refused:__proto__'],
        configuredSeenByOther: true,
      },
    });
  });
});
