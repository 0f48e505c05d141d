'use strict';
const winston = require('winston');
const { sanitizeForLogging } = require('@secure-migrate/runtime');

const log = winston.createLogger({ level: 'info' });

function connect(apiKey) {
  log.info('connecting with', sanitizeForLogging(apiKey, { name: 'apiKey' }));
}

module.exports = { connect };
