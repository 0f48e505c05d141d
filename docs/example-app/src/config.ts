export const config = {
  port: Number(process.env.PORT ?? 3000),
  sessionTtlMs: 60 * 60 * 1000,
  // Signs session ids so a guessed id is useless without the secret.
  sessionSecret: process.env.SESSION_SECRET || 'dev-session-secret',
  oauth: {
    clientId: 'example-app',
    tokenUrl: 'https://auth.example.com/oauth/token',
  },
};
