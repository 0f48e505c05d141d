/**
 * The one rule for production. Every module that behaves differently outside production (the development key
 * today) asks {@link keyEnvironment}; nothing else in the runtime reads `NODE_ENV`.
 */

/** The variable that allows the random per-process key whatever `NODE_ENV` says. */
export const ALLOW_EPHEMERAL_KEY_ENV = 'SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY';

/** The `NODE_ENV` values (any case, surrounding white space ignored) that are not production. */
const NOT_PRODUCTION: ReadonlySet<string> = new Set(['development', 'test']);

/** What {@link keyEnvironment} decided for one environment. */
export interface KeyEnvironment {
  /**
   * False only when `NODE_ENV` is `development` or `test`, in any case. Everything else is production:
   * `production`, `Production`, `prod`, `staging`, an empty or unset `NODE_ENV`.
   */
  readonly production: boolean;
  /**
   * Whether a missing key may become a random key for this process only: outside production, or when
   * `SECURE_MIGRATE_ALLOW_EPHEMERAL_KEY=1`.
   */
  readonly ephemeralKeyAllowed: boolean;
  /** The environment as error messages name it: `NODE_ENV=staging`, `NODE_ENV is not set`. */
  readonly description: string;
}

/**
 * Decides whether the environment is production and whether a random development key may be used. An unset
 * `NODE_ENV` is production: containers and process managers often leave it unset, and a random key there would
 * make instances unable to read each other's values and lose every value on restart.
 */
export function keyEnvironment(env: NodeJS.ProcessEnv = process.env): KeyEnvironment {
  const raw = env.NODE_ENV;
  const nodeEnv = typeof raw === 'string' ? raw.trim() : '';
  const production = !NOT_PRODUCTION.has(nodeEnv.toLowerCase());
  const allowed = env[ALLOW_EPHEMERAL_KEY_ENV]?.trim() === '1';
  const description =
    nodeEnv === '' ? 'NODE_ENV is not set' : `NODE_ENV=${JSON.stringify(nodeEnv).slice(1, -1).slice(0, 40)}`;
  return Object.freeze({ production, ephemeralKeyAllowed: !production || allowed, description });
}
