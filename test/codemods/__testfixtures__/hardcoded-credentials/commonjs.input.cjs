'use strict';

const adminPassword = 'correct-horse-battery';

module.exports = {
  admin: { user: 'admin', password: adminPassword },
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379/0',
};
