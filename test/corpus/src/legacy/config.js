export default {
  port: process.env.PORT || 8080, // ok: no-hardcoded-credentials
  secret: 'cookie-secret-123', // expect: no-hardcoded-credentials
  db: {
    user: 'admin',
    password: process.env.DB_PASSWORD || 'postgres', // expect: no-hardcoded-credentials
    passwordEnv: 'DB_PASSWORD', // ok: no-hardcoded-credentials
  },
  smtp: { user: 'mailer', pass: '' }, // ok: no-hardcoded-credentials
  headers: { Authorization: 'Bearer abcdef0123456789abcdef0123456789' }, // expect: no-hardcoded-credentials
};
