import { createApp } from './app.js';
import { config } from './config.js';
import { logger } from './logger.js';
import { addUser } from './users.js';

addUser('u1', 'ada@example.com', 'correct horse battery staple');
createApp().listen(config.port, () => logger.info({ port: config.port }, 'listening'));
