/**
 * `loadSecrets({ providers })`: runs asynchronous secret providers (a secrets manager, Vault…) once at start-up
 * and caches what they return, so the synchronous `getSecret` can read it.
 */
import { InvalidArgumentError, SecretError } from '../errors.js';
import { registerSecretValue } from '../log/known.js';
import { SECRET_NAME } from './sources.js';
import { secretsState } from './state.js';

/** What a provider returns: secret values by name (`undefined` or `null` entries are skipped). */
export type SecretValues =
  Readonly<Record<string, string | null | undefined>> | ReadonlyMap<string, string | null | undefined>;

/** A function that fetches secrets, e.g. from AWS Secrets Manager or Vault. */
export type SecretProvider = () => SecretValues | Promise<SecretValues>;

/** Options of {@link loadSecrets}. */
export interface LoadSecretsOptions {
  /** The providers, run concurrently. When two return the same name, the earlier one in this list wins. */
  providers: readonly SecretProvider[];
}

function providerLabel(provider: SecretProvider, index: number): string {
  const name = typeof provider.name === 'string' && provider.name !== '' ? ` (${provider.name})` : '';
  return `provider #${index + 1}${name}`;
}

function entriesOf(values: unknown, label: string): [string, unknown][] {
  if (values instanceof Map) return [...(values as Map<unknown, unknown>)].map(([k, v]) => [String(k), v]);
  if (typeof values === 'object' && values !== null && !Array.isArray(values)) return Object.entries(values);
  throw new SecretError(
    'ERR_SECRET_INVALID',
    label,
    `loadSecrets: ${label} returned ${Array.isArray(values) ? 'an array' : typeof values}, not an object or a Map of values by name.`,
  );
}

/**
 * Runs every provider (concurrently), checks what each returned, and caches the values for `getSecret`, which
 * reads them after the environment variable, `NAME_FILE` and the secrets directory. Each value is registered with
 * the redactor. A second call replaces the values of the names it returns and keeps the others. Resolves to the
 * names loaded.
 *
 * @throws SecretError `ERR_SECRET_INVALID` when a provider fails (its error is the `cause`) or returns something
 * that is not a string by name; nothing is cached then.
 *
 * @example
 * await loadSecrets({ providers: [fromSecretsManager('prod/app')] });
 * const key = getSecret('STRIPE_API_KEY');
 */
export async function loadSecrets(options: LoadSecretsOptions): Promise<string[]> {
  const providers: unknown = options?.providers;
  if (!Array.isArray(providers) || providers.some((p) => typeof p !== 'function')) {
    throw new InvalidArgumentError('loadSecrets: providers must be an array of functions.');
  }
  const list = providers as SecretProvider[];
  const results = await Promise.all(
    list.map(async (provider, index) => {
      const label = providerLabel(provider, index);
      let values: unknown;
      try {
        values = await provider();
      } catch (error) {
        throw new SecretError('ERR_SECRET_INVALID', label, `loadSecrets: ${label} failed.`, { cause: error });
      }
      return { label, entries: entriesOf(values, label) };
    }),
  );
  const merged = new Map<string, string>();
  for (const { label, entries } of results) {
    for (const [name, value] of entries) {
      if (value === undefined || value === null) continue;
      if (!SECRET_NAME.test(name)) {
        throw new SecretError(
          'ERR_SECRET_INVALID',
          label,
          `loadSecrets: ${label} returned a name getSecret cannot read (${JSON.stringify(name.slice(0, 64))}): ` +
            'names start with a letter or _ and hold letters, digits, _ . -.',
        );
      }
      if (typeof value !== 'string') {
        throw new SecretError(
          'ERR_SECRET_INVALID',
          name,
          `loadSecrets: ${label} returned a ${typeof value} for ${name}, not a string.`,
        );
      }
      if (!merged.has(name)) merged.set(name, value);
    }
  }
  const state = secretsState();
  for (const [name, value] of merged) {
    state.loaded.set(name, value);
    if (!state.registered.has(value)) {
      state.registered.add(value);
      registerSecretValue(value);
    }
  }
  return [...merged.keys()];
}
