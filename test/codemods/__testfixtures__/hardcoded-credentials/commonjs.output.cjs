'use strict';

// secure-migrate: TODO (no-hardcoded-credentials) adminPassword is set to a hard-coded value. Load
// it from the environment or a secret manager (fail at start-up when it is missing), and rotate the
// value that was committed.
const adminPassword = 'correct-horse-battery';

module.exports = {
  admin: { user: 'admin', password: adminPassword },
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379/0',
};
