'use strict';
const winston = require('winston');

const log = winston.createLogger({ level: 'info' });

function connect(apiKey) {
  log.info('connecting with', apiKey);
}

module.exports = { connect };
