import { pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';

// Chat integrations a user connected: the bot token the provider sends with each event, and the OAuth refresh
// token the app uses to act for the user.
export const integrations = pgTable('integrations', {
  id: serial('id').primaryKey(),
  userId: text('user_id').notNull(),
  provider: text('provider').notNull(),
  botToken: varchar('bot_token', { length: 64 }).notNull(),
  refreshToken: text('refresh_token'),
});
