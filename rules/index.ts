import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noPlaintextCacheWrite from './no-plaintext-cache-write.js';
import noPlaintextSensitiveColumn from './no-plaintext-sensitive-column.js';
import noSensitiveLogging from './no-sensitive-logging.js';
import noUnsafeDynamicAssignment from './no-unsafe-dynamic-assignment.js';

/** Every secure-migrate rule, by id. */
export const rules = {
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-plaintext-cache-write': noPlaintextCacheWrite,
  'no-plaintext-sensitive-column': noPlaintextSensitiveColumn,
  'no-sensitive-logging': noSensitiveLogging,
  'no-unsafe-dynamic-assignment': noUnsafeDynamicAssignment,
};

/** A rule id. */
export type RuleId = keyof typeof rules;
