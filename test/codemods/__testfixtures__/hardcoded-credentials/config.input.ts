// Application configuration.
export const config = {
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET || 'dev-jwt-secret',
  databaseUrl: 'postgres://app:s3cr3t-pa55@db.internal:5432/app',
  smtp: {
    user: 'mailer',
    password: 'hunter2-but-longer',
  },
};

export const API_KEY_HEADER = 'x-api-key';
