/**
 * `@secure-migrate/runtime/log`: redacted copies of anything a log call receives, by key name and by value
 * pattern, plus ready hooks for pino and winston.
 */
export { createRedactor, sanitizeForLogging, type Redactor } from './redactor.js';
export { registerSecretValue, MIN_KNOWN_SECRET_LENGTH, MIN_WHOLE_SECRET_LENGTH } from './known.js';
export {
  pinoRedaction,
  winstonRedactFormat,
  type PinoRedactionHooks,
  type PinoRedactionOptions,
  type PinoSerializer,
  type WinstonInfo,
  type WinstonRedactFormat,
  type WinstonRedactOptions,
} from './integrations.js';
export {
  SANITIZE_DEFAULTS,
  SANITIZE_MARKERS,
  type CensorFunction,
  type RedactionPathKey,
  type RedactorOptions,
  type SanitizeOptions,
} from './options.js';
