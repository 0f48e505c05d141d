// Application configuration.
export const config = {
  port: Number(process.env.PORT ?? 3000),
  // secure-migrate: TODO (no-hardcoded-credentials) process.env.JWT_SECRET falls back to a
  // hard-coded value. Remove the fallback so that the app fails at start-up when the variable is
  // missing (or read it from a secret manager; secure-migrate --refuse-missing-secrets rewrites it
  // to getSecret), and rotate the value if it ever ran outside development.
  jwtSecret: process.env.JWT_SECRET || 'dev-jwt-secret',
  // secure-migrate: TODO (no-hardcoded-credentials) This string looks like a URL with an inline
  // password. Load it from the environment or a secret manager (fail at start-up when it is
  // missing), and revoke this key with its issuer: it stays in the history.
  databaseUrl: 'postgres://app:s3cr3t-pa55@db.internal:5432/app',
  smtp: {
    user: 'mailer',
    // secure-migrate: TODO (no-hardcoded-credentials) password is set to a hard-coded value. Load
    // it from the environment or a secret manager (fail at start-up when it is missing), and rotate
    // the value that was committed.
    password: 'hunter2-but-longer',
  },
};

export const API_KEY_HEADER = 'x-api-key';
