/**
 * Child process of audit-processes.test.ts: writes `count` events from four async writers to one audit log file
 * (shared with other processes), closes the log and prints its chain id. Settings come as JSON in AUDIT_CHILD.
 */
import { createAuditLog } from '../../runtime/src/audit/index.js';
import { createKeyring } from '../../runtime/src/keys/index.js';

interface Settings {
  file: string;
  key: string;
  count: number;
  maxBytes: number;
  name: string;
}

const settings = JSON.parse(process.env.AUDIT_CHILD ?? '{}') as Settings;
const keyring = createKeyring({ keys: [{ id: 'k1', key: settings.key }] });
const log = createAuditLog({
  sink: { file: settings.file, maxBytes: settings.maxBytes },
  service: settings.name,
  keyring,
  checkpoints: { every: 50 },
});

const writers = 4;
await Promise.all(
  Array.from({ length: writers }, async (_, w) => {
    for (let i = w; i < settings.count; i += writers) {
      await log.record({ type: 'access.denied', actor: settings.name, details: { i } });
    }
  }),
);
await log.close();
process.stdout.write(log.chainId);
