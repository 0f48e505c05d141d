import { pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';

// Outgoing webhooks: the token the receiver authenticates us with, and the secret we sign payloads with.
export const webhooks = pgTable('webhooks', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  apiToken: text('api_token').notNull(),
  signingSecret: varchar('signing_secret', { length: 48 }),
});
