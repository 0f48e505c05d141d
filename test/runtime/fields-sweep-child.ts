/**
 * Child process of fields-sweep.test.ts: runs sweepField against a PostgreSQL server or a PGlite data directory
 * and kills itself with SIGKILL after `crashAfter` rows are written, in the middle of a batch: a real crash, no
 * clean-up. The settings come as JSON in SWEEP_CHILD.
 */
import { createKeyring } from '../../runtime/src/keys/index.js';
import {
  fileCheckpoint,
  sqlSweepStore,
  sweepField,
  type SweepStore,
} from '../../runtime/src/fields/index.js';

interface Settings {
  kind: 'postgres' | 'pglite';
  target: string;
  table: string;
  key: string;
  checkpoint: string;
  batchSize: number;
  crashAfter: number;
}

const settings = JSON.parse(process.env.SWEEP_CHILD ?? '{}') as Settings;
const keyring = createKeyring({ keys: [{ id: 'k1', key: settings.key }] });

async function connect(): Promise<unknown> {
  if (settings.kind === 'postgres') {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: settings.target });
    await client.connect();
    return client;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create(settings.target);
}

const client = await connect();
const store = sqlSweepStore(client, { table: settings.table, column: 'token' });
let written = 0;
const crashing: SweepStore = {
  fetch: (after, limit, hint) => store.fetch(after, limit, hint),
  async update(row, next) {
    const ok = await store.update(row, next);
    if (ok && ++written === settings.crashAfter) process.kill(process.pid, 'SIGKILL');
    return ok;
  },
};
await sweepField(crashing, {
  context: `${settings.table}.token`,
  keyring,
  batchSize: settings.batchSize,
  checkpoint: fileCheckpoint(settings.checkpoint),
});
console.log('finished without crashing');
