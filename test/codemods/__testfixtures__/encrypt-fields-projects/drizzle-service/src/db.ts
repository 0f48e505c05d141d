import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

export async function openDatabase() {
  const client = await PGlite.create();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)) });
  return { client, db };
}

export type Database = Awaited<ReturnType<typeof openDatabase>>['db'];
