/** API clients of the public REST API, declared with TypeORM's EntitySchema (no decorators). */
import { fieldTransformer } from '@secure-migrate/runtime/fields';
import { EntitySchema } from 'typeorm';

export interface ApiClient {
  id: number;
  name: string;
  apiKey: string;
  apiKeyPrefix: string;
  clientSecret: string;
  secretDigest: string;
  oauthToken: string | null;
  tokenId: string | null;
  lastUsedAt: Date | null;
}

const sealedOauthToken = fieldTransformer({ context: 'api_clients.oauth_token' });

export const ApiClientSchema = new EntitySchema<ApiClient>({
  name: 'ApiClient',
  tableName: 'api_clients',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    name: { type: String },
    apiKey: { type: String, name: 'api_key', unique: true }, // expect: no-plaintext-sensitive-column
    apiKeyPrefix: { type: String, name: 'api_key_prefix', length: 8 }, // ok: no-plaintext-sensitive-column
    clientSecret: { type: 'text', name: 'client_secret' }, // expect: no-plaintext-sensitive-column
    secretDigest: { type: String, name: 'secret_digest' }, // ok: no-plaintext-sensitive-column
    oauthToken: { type: 'text', name: 'oauth_token', nullable: true, transformer: sealedOauthToken }, // ok: no-plaintext-sensitive-column
    tokenId: { type: 'uuid', name: 'token_id', nullable: true }, // ok: no-plaintext-sensitive-column
    lastUsedAt: { type: 'timestamptz', name: 'last_used_at', nullable: true },
  },
});
