import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

export interface Database {
  client: PGlite;
  db: ReturnType<typeof drizzle>;
}

let opened: Promise<Database> | undefined;

/**
 * The app's PostgreSQL (PGlite: in memory, or in DATABASE_DIR when set), opened on first use with the migrations
 * in drizzle/ applied.
 */
export function database(): Promise<Database> {
  opened ??= (async () => {
    const client = await PGlite.create(process.env.DATABASE_DIR || undefined);
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)) });
    return { client, db };
  })();
  return opened;
}
