import pino from 'pino';

// JSON logs to stdout, or to LOG_FILE when set (the tests read it back).
export const logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info' },
  process.env.LOG_FILE ? pino.destination({ dest: process.env.LOG_FILE, sync: true }) : pino.destination(1),
);
