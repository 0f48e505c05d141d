/** Database, cache and mail settings for the API service. */
export const DATABASE_URL = 'postgres://app:s3cr3t@db:5432/app'; // expect: no-hardcoded-credentials
export const REPLICA_URL = 'postgres://readonly@replica:5432/app'; // ok: no-hardcoded-credentials
export const REDIS_URL = 'redis://:p4ssw0rd@cache:6379/0'; // expect: no-hardcoded-credentials
export const LOCAL_REDIS_URL = 'redis://localhost:6379/0'; // ok: no-hardcoded-credentials
export const databaseUrlOrLocal = process.env.DATABASE_URL ?? 'postgres://app@localhost:5432/app'; // ok: no-hardcoded-credentials

export function databaseUrl(user: string, password: string): string {
  return `postgres://${user}:${encodeURIComponent(password)}@db:5432/app`; // ok: no-hardcoded-credentials
}

export const typeormOptions = {
  type: 'postgres',
  host: 'db',
  port: 5432,
  username: 'app',
  password: 'hunter2', // expect: no-hardcoded-credentials
  database: 'app',
};

export const mailer = {
  host: 'smtp.example.com',
  auth: {
    user: 'mailer@example.com',
    pass: process.env.SMTP_PASS ?? '', // ok: no-hardcoded-credentials
  },
};

export const mongoUri = 'mongodb://admin:admin123@mongo:27017/app?authSource=admin'; // expect: no-hardcoded-credentials

export const cacheOptions = {
  host: 'cache',
  port: 6379,
  password: process.env.REDIS_PASSWORD, // ok: no-hardcoded-credentials
  keyPrefix: 'api:', // ok: no-hardcoded-credentials
};
