/** Where the service reads its secrets from, and a few constants about them. */
export const SECRET_ENV_KEYS = ['JWT_SECRET', 'DB_PASSWORD', 'STRIPE_API_KEY'] as const; // ok: no-hardcoded-credentials
export const API_TOKEN_HEADER = 'x-api-token'; // ok: no-hardcoded-credentials
export const X_HEADER = 'x-api-token'; // ok: no-hardcoded-credentials
export const secretName = 'prod/api/jwt-signing-key'; // ok: no-hardcoded-credentials
export const passwordField = 'password'; // ok: no-hardcoded-credentials
export const TOKEN_TYPE = 'Bearer'; // ok: no-hardcoded-credentials
export const keyId = 'k-2024-06'; // ok: no-hardcoded-credentials
export const tokenUrl = 'https://auth.example.com/oauth/token'; // ok: no-hardcoded-credentials
export const passwordPolicy = 'at least 12 characters, one digit'; // ok: no-hardcoded-credentials
export const MIN_PASSWORD_LENGTH = 12;
export const buildSha = 'e83c5163316f89bfbde7d9ab23ca2e25604af290'; // ok: no-hardcoded-credentials
export const tenantId = '4f1c9c1e-8a7b-4c2e-9f0d-2b5e6a7c8d9e'; // ok: no-hardcoded-credentials

export const ADMIN_PASSWORD = 'Tr0ub4dor&3'; // expect: no-hardcoded-credentials
export const sessionSecret = process.env.SESSION_SECRET ?? 'keyboard cat'; // expect: no-hardcoded-credentials
export const port = Number(process.env.PORT || '3000'); // ok: no-hardcoded-credentials
export const webhookSecret = 'whsec_local_testing_only'; // expect: no-hardcoded-credentials

export const aws = {
  region: 'eu-west-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE', // ok: no-hardcoded-credentials
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '', // ok: no-hardcoded-credentials
};

export const oauthClient = {
  clientId: 'api-gateway', // ok: no-hardcoded-credentials
  clientSecret: 'a1b2c3d4e5f6a7b8', // expect: no-hardcoded-credentials
  redirectUri: 'https://app.example.com/oauth/callback', // ok: no-hardcoded-credentials
};

export const SERVICE_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlLXVzZXIiLCJuYW1lIjoiRXhhbXBsZSBPbmx5In0.ZmFrZS1zaWduYXR1cmUtbm90LXJlYWw'; // expect: no-hardcoded-credentials

export const SIGNING_KEY_PEM =
  '-----BEGIN PRIVATE KEY-----\nTUlJRXZGQUtFS0VZRk9SVEVTVFNPTkxZTk9UQVJFQUxLRVlUSElTSVNKVVNUUEFERElORw==\n-----END PRIVATE KEY-----'; // expect: no-hardcoded-credentials

export const templates = {
  password: '${DB_PASSWORD}', // ok: no-hardcoded-credentials
  apiKey: '<your-api-key>', // ok: no-hardcoded-credentials
  token: '{{ token }}', // ok: no-hardcoded-credentials
};

export const redactedUser = { id: 'u_1', password: '********' }; // ok: no-hardcoded-credentials

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export const stripeKey = requireEnv('STRIPE_API_KEY'); // ok: no-hardcoded-credentials
export const tokenizer = 'cl100k_base'; // ok: no-hardcoded-credentials
