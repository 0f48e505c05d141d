/**
 * `getSecret(name)`: a secret's value, synchronously, from the sources in order (see `sources.ts`). Production is
 * what `keyEnvironment()` says (the runtime's one rule): there a missing or too-short required secret throws at
 * its first read with a message that names it and says how to set it. In development and test the
 * `developmentFallback`, or a random value made once per process with one warning, stands in.
 *
 * Every value returned is registered with the redactor (by value), and no value ever appears in an error.
 */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, SecretError } from '../errors.js';
import { looksLikeSecret } from '../classify/index.js';
import { keyEnvironment, type KeyEnvironment } from '../keys/environment.js';
import { registerSecretValue } from '../log/known.js';
import { findSecret, secretsDirectory, SECRET_NAME, SECRETS_DIRECTORY_ENV } from './sources.js';
import { secretsState, type SecretsState } from './state.js';

/** Options of {@link getSecret}. */
export interface GetSecretOptions {
  /**
   * Whether the secret must exist. Default `true`. With `false`, a missing secret is `undefined` (in production
   * always, in development unless `developmentFallback` is given) instead of an error or a random value.
   */
  required?: boolean;
  /**
   * The value to use outside production when no source has one (the old `process.env.X || 'literal'` default).
   * Never used in production: there a missing secret is an error, so a value committed to the repository cannot
   * end up protecting production data.
   */
  developmentFallback?: string;
  /** Fewest characters the value must have; in production a shorter value is an error. Default: no minimum. */
  minLength?: number;
}

/** The warning code of the random development value. */
export const RANDOM_SECRET_WARNING = 'SECURE_MIGRATE_RANDOM_SECRET';
/** The warning code of a value shorter than `minLength` outside production. */
export const SHORT_SECRET_WARNING = 'SECURE_MIGRATE_SHORT_SECRET';

/** How to set `name`, for messages. */
export function howToSet(name: string, state: SecretsState = secretsState()): string {
  const directory = secretsDirectory(state);
  const where =
    directory === null
      ? ''
      : `, or put it in the file ${name} of the secrets directory ${directory} (${SECRETS_DIRECTORY_ENV} or ` +
        `configureSecrets({ directory }) changes it)`;
  return (
    `Set the environment variable ${name}, or ${name}_FILE to the path of a file that holds it (a mounted ` +
    `Docker or Kubernetes secret)${where}, or return it from a loadSecrets provider.`
  );
}

function register(state: SecretsState, value: string): void {
  if (state.registered.has(value)) return;
  state.registered.add(value);
  registerSecretValue(value);
}

function warnOnce(state: SecretsState, key: string, message: string, code: string): void {
  if (state.warned.has(key)) return;
  state.warned.add(key);
  process.emitWarning(message, { code });
}

function characters(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * Whether a name is rather a secret value passed by mistake (`getSecret(process.env.JWT_SECRET)`): it has a
 * known token format, or it is long and mixes lower case, upper case and digits as random values do and variable
 * names do not. Such a name is refused without being repeated, so the value reaches no message.
 */
function looksLikeValue(name: string): boolean {
  return (
    looksLikeSecret(name) ||
    (name.length >= 32 && /[a-z]/.test(name) && /[A-Z]/.test(name) && /\d/.test(name))
  );
}

function checkName(name: unknown, state: SecretsState): asserts name is string {
  if (typeof name === 'string' && state.names.has(name)) return;
  if (typeof name !== 'string' || !SECRET_NAME.test(name)) {
    throw new InvalidArgumentError(
      'getSecret: the name must be a variable name (a letter or _ first, then letters, digits, _ . -).',
    );
  }
  if (looksLikeValue(name)) {
    throw new InvalidArgumentError(
      `getSecret was given what looks like a secret value (${name.length} characters) as the name: pass the ` +
        `name of the variable (getSecret('JWT_SECRET')), not its value.`,
    );
  }
  state.names.add(name);
}

function checkOptions(name: string, options: GetSecretOptions): number {
  const { minLength = 0, developmentFallback, required } = options;
  if (!Number.isSafeInteger(minLength) || minLength < 0) {
    throw new InvalidArgumentError(`getSecret(${name}): minLength must be a non-negative integer.`);
  }
  if (developmentFallback !== undefined && typeof developmentFallback !== 'string') {
    throw new InvalidArgumentError(`getSecret(${name}): developmentFallback must be a string.`);
  }
  if (required !== undefined && typeof required !== 'boolean') {
    throw new InvalidArgumentError(`getSecret(${name}): required must be a boolean.`);
  }
  return minLength;
}

function missing(name: string, environment: KeyEnvironment, state: SecretsState): SecretError {
  return new SecretError(
    'ERR_SECRET_MISSING',
    name,
    `Secret ${name} is not set, and this is production (${environment.description}; only development and test ` +
      `are not), where no development value is used. ${howToSet(name, state)}`,
  );
}

function randomValue(
  name: string,
  minLength: number,
  environment: KeyEnvironment,
  state: SecretsState,
): string {
  let value = state.random.get(name);
  if (value === undefined || characters(value) < minLength) {
    value = randomBytes(Math.max(32, Math.ceil((minLength * 3) / 4))).toString('base64url');
    state.random.set(name, value);
  }
  warnOnce(
    state,
    `random:${name}`,
    `Secret ${name} is not set: using a random value for this process only (${environment.description}). ` +
      `What it signs or encrypts now cannot be read after a restart or by other processes. ${howToSet(name, state)}`,
    RANDOM_SECRET_WARNING,
  );
  return value;
}

/**
 * The value of the secret `name`, from the first source that has it: the environment variable `name`, the file
 * the variable `name_FILE` names (read again when it changes), the file `name` (or its lower-case form) in the
 * secrets directory (`/run/secrets` unless configured), the values `loadSecrets` cached.
 *
 * In production (as `keyEnvironment()` decides: `NODE_ENV` unset or anything but development or test) a missing
 * required secret, or one shorter than `minLength`, throws a `SecretError` that names it and says how to set it.
 * In development and test a missing one is `developmentFallback`, or else a random value made once per process
 * (the same for every read, in every loaded copy of the package) with one warning.
 *
 * Every value it returns is registered with the redactor, so the log helpers mask it wherever it appears.
 *
 * @throws SecretError `ERR_SECRET_MISSING` / `ERR_SECRET_INVALID` (never with the value in it).
 * @throws InvalidArgumentError for a malformed name or option.
 *
 * @example
 * const token = jwt.sign(payload, getSecret('JWT_SECRET', { minLength: 32 }));
 * const store = session({ secret: getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' }) });
 */
export function getSecret(name: string, options?: GetSecretOptions & { required?: true }): string;
export function getSecret(name: string, options: GetSecretOptions): string | undefined;
export function getSecret(name: string, options: GetSecretOptions = {}): string | undefined {
  const state = secretsState();
  checkName(name, state);
  const minLength = checkOptions(name, options);
  const found = findSecret(name, state);
  if (found !== undefined) {
    register(state, found.value);
    if (minLength > 0) {
      const length = characters(found.value);
      if (length < minLength) {
        const environment = keyEnvironment();
        const message =
          `Secret ${name} (from ${found.source}) is ${length} characters; it needs at least ${minLength}` +
          (environment.production ? ` in production (${environment.description}). ` : '. ') +
          `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
        if (environment.production) throw new SecretError('ERR_SECRET_INVALID', name, message);
        warnOnce(state, `short:${name}`, `${message} (accepted outside production)`, SHORT_SECRET_WARNING);
      }
    }
    return found.value;
  }
  const environment = keyEnvironment();
  const required = options.required !== false;
  if (environment.production) {
    if (!required) return undefined;
    throw missing(name, environment, state);
  }
  if (options.developmentFallback !== undefined) {
    register(state, options.developmentFallback);
    return options.developmentFallback;
  }
  if (!required) return undefined;
  const value = randomValue(name, minLength, environment, state);
  register(state, value);
  return value;
}

/** Options of {@link configureSecrets}. */
export interface ConfigureSecretsOptions {
  /**
   * The directory of secret files (one file per secret, named after it). `false` turns it off; `undefined`
   * goes back to `SECURE_MIGRATE_SECRETS_DIR`, or `/run/secrets`. Left as it is when the key is absent.
   */
  directory?: string | false;
  /**
   * Milliseconds during which a secret file read is trusted without looking at the file again; after them the
   * next read compares its metadata and reads it again if it changed. Default 1000; `0` looks at every read.
   * Left as it is when not given.
   */
  fileCheckInterval?: number;
}

/** Process-wide settings of `getSecret` (shared by every loaded copy of the package). */
export function configureSecrets(options: ConfigureSecretsOptions): void {
  const { directory, fileCheckInterval } = options;
  if (directory !== undefined && directory !== false && (typeof directory !== 'string' || directory === '')) {
    throw new InvalidArgumentError(
      'configureSecrets: directory must be a non-empty path, false or undefined.',
    );
  }
  if (
    fileCheckInterval !== undefined &&
    (typeof fileCheckInterval !== 'number' || !Number.isFinite(fileCheckInterval) || fileCheckInterval < 0)
  ) {
    throw new InvalidArgumentError(
      'configureSecrets: fileCheckInterval must be a non-negative number of ms.',
    );
  }
  const state = secretsState();
  if ('directory' in options) {
    if (directory === undefined) delete state.directory;
    else state.directory = directory;
  }
  if (fileCheckInterval !== undefined) state.fileCheckInterval = fileCheckInterval;
}
