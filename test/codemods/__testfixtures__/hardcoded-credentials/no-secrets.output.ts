export const TOKEN_ENV = 'GITHUB_TOKEN';
export const passwordMinLength = 12;
export const PASSWORD_FIELD = 'password';

export function readSecret(): string {
  const value = process.env.SESSION_SECRET;
  if (!value) throw new Error('SESSION_SECRET is not set');
  return value;
}

// Words, not secrets: option values, key names, prefixes and a password hash.
export const FLUSH_DB_KEY = '__flush_db__';
export const PHONE_OTP_KEY = 'redis::phone::otp::';
export const KEY_PREFIXES = { webhookSecret: 'whsec', token: 'pmk' };
export const seedAdmin = {
  email: 'admin@example.org',
  password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
};

export async function fetchProfile(url: string): Promise<Response> {
  return fetch(url, { credentials: 'include' });
}
