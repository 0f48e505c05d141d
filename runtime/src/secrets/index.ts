/**
 * `@secure-migrate/runtime/secrets`: secrets read synchronously from the environment, mounted files, a secrets
 * directory or asynchronous providers loaded at start-up; refused when missing in production, registered with
 * the redactor.
 */
export {
  getSecret,
  configureSecrets,
  RANDOM_SECRET_WARNING,
  SHORT_SECRET_WARNING,
  type ConfigureSecretsOptions,
  type GetSecretOptions,
} from './get-secret.js';
export { loadSecrets, type LoadSecretsOptions, type SecretProvider, type SecretValues } from './load.js';
export { DEFAULT_SECRETS_DIRECTORY, SECRETS_DIRECTORY_ENV } from './sources.js';
