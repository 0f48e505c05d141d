/** Drizzle schema of the billing service (PostgreSQL). */
import { drizzleEncryptedType } from '@secure-migrate/runtime/fields';
import {
  boolean,
  customType,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const encryptedText = drizzleEncryptedType(customType<{ data: string }>, { table: 'payment_providers' });

export const paymentProviders = pgTable('payment_providers', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 64 }).notNull(),
  secretKey: text('secret_key').notNull(), // expect: no-plaintext-sensitive-column
  publishableKey: text('publishable_key').notNull(),
  webhookSigningSecret: text('webhook_signing_secret'), // expect: no-plaintext-sensitive-column
  apiKeyEncrypted: text('api_key_encrypted'), // ok: no-plaintext-sensitive-column
  oauthRefreshToken: encryptedText('oauth_refresh_token'), // ok: no-plaintext-sensitive-column
  live: boolean('live').default(false).notNull(),
});

export const personalAccessTokens = pgTable('personal_access_tokens', {
  id: uuid('id').defaultRandom().primaryKey(),
  userId: integer('user_id').notNull(),
  tokenHash: text('token_hash').notNull().unique(), // ok: no-plaintext-sensitive-column
  tokenPrefix: varchar('token_prefix', { length: 8 }).notNull(),
  tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }), // ok: no-plaintext-sensitive-column
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const oauthAccounts = pgTable('oauth_accounts', (t) => ({
  id: t.serial('id').primaryKey(),
  provider: t.varchar('provider', { length: 32 }).notNull(),
  providerAccountId: t.text('provider_account_id').notNull(),
  accessToken: t.text('access_token'), // expect: no-plaintext-sensitive-column
  refreshToken: t.text('refresh_token'), // expect: no-plaintext-sensitive-column
  idToken: t.text('id_token'), // expect: no-plaintext-sensitive-column
  tokenType: t.varchar('token_type', { length: 16 }), // ok: no-plaintext-sensitive-column
  expiresAt: t.integer('expires_at'),
}));
