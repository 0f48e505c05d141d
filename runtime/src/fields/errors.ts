import { SecureMigrateError } from '../errors.js';

/**
 * A column read a stored value that is not ciphertext (fail closed). Declare the column `legacy: 'passthrough'`
 * while existing rows are being encrypted, then run the sweep. The message names the context, never the value.
 */
export class PlaintextFieldError extends SecureMigrateError {
  /** The column's context, e.g. `users.access_token`. */
  readonly context: string;

  constructor(context: string) {
    super(
      'ERR_FIELD_PLAINTEXT',
      `The stored value of "${context}" is not ciphertext. Encrypt existing rows with sweepField(), and declare ` +
        `the column legacy: 'passthrough' until the sweep has finished.`,
    );
    this.context = context;
  }
}
