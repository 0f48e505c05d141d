// The demo's window on the integrations table: `seed <bot token>` connects an integration through the app's code, `show`
// prints the raw columns as stored, `sweep` runs the data migration secure-migrate wrote (once the app is
// migrated; with a bot token, it then looks it up), and `lookup <bot token>` finds an integration the way the
// bot-events endpoint does.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { database } from '../src/db.js';
import { connectIntegration, findIntegrationByBotToken } from '../src/integrations.js';

const [command, argument] = process.argv.slice(2);
const { client } = await database();

async function show(): Promise<void> {
  const { rows } = await client.query<Record<string, unknown>>('SELECT * FROM integrations ORDER BY id');
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      const text = String(value);
      console.log(`  ${column.padEnd(16)} ${text.length > 100 ? `${text.slice(0, 100)}…` : text}`);
    }
  }
}

async function lookup(botToken: string): Promise<void> {
  const found = await findIntegrationByBotToken(botToken);
  console.log(
    found
      ? `lookup by bot token: integration ${found.id} of ${found.userId} (${found.provider})`
      : 'lookup by bot token: not found',
  );
  if (!found) process.exitCode = 1;
}

switch (command) {
  case 'seed': {
    const botToken = argument ?? `xoxb-${randomBytes(20).toString('hex')}`;
    await connectIntegration('u1', 'slack', botToken, `1//${randomBytes(24).toString('base64url')}`);
    console.log(`connected an integration with the bot token ${botToken}`);
    await show();
    break;
  }
  case 'show':
    await show();
    break;
  case 'sweep': {
    // Written by secure-migrate next to the schema; absent before the migration.
    const stub = fileURLToPath(new URL('../src/encrypt-fields.sweep.ts', import.meta.url));
    if (!existsSync(stub)) throw new Error('No data migration yet: run secure-migrate first.');
    const { sweepEncryptedFields } = (await import(pathToFileURL(stub).href)) as {
      sweepEncryptedFields(client: unknown): Promise<Record<string, unknown>>;
    };
    for (const [column, result] of Object.entries(await sweepEncryptedFields(client))) {
      const { scanned, encrypted, rotated, indexed, remaining } = result as Record<string, number>;
      console.log(`  ${column}: ${JSON.stringify({ scanned, encrypted, rotated, indexed, remaining })}`);
    }
    await show();
    // `sweep <bot token>`: then look it up the way the bot-events endpoint does.
    if (argument) await lookup(argument);
    break;
  }
  case 'lookup':
    await lookup(argument ?? '');
    break;
  default:
    throw new Error(`unknown command ${command}: use seed, show, sweep or lookup <bot token>`);
}
await client.close();
