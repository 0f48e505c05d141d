/** Drizzle schema of the desktop agent's local SQLite database. */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const agentCredentials = sqliteTable('agent_credentials', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: text('device_id').notNull(),
  deviceSecret: text('device_secret').notNull(), // expect: no-plaintext-sensitive-column
  sessionToken: text('session_token'), // expect: no-plaintext-sensitive-column
  secretRotatedAt: integer('secret_rotated_at', { mode: 'timestamp' }), // ok: no-plaintext-sensitive-column
});

/** Columns of the settings form: a plain object, not a table. */
export const settingsFormFields = {
  apiKey: text, // ok: no-plaintext-sensitive-column
  region: text,
};
