/**
 * Public types of the shared sensitivity model. Every consumer (ESLint rules, codemods, `sanitizeForLogging`,
 * `secureCache`, `secureAssign`) speaks these.
 */

/** What kind of sensitive thing a name holds. */
export type SensitivityCategory = 'credential' | 'token' | 'secret' | 'session' | 'financial' | 'pii';

/** Alias of {@link SensitivityCategory}. */
export type SensitiveCategory = SensitivityCategory;

/** Every category, in a stable order (handy for option schemas). */
export const SENSITIVITY_CATEGORIES: readonly SensitivityCategory[] = Object.freeze([
  'credential',
  'token',
  'secret',
  'session',
  'financial',
  'pii',
]);

/** Options that tune the name classifier. */
export interface ClassifyOptions {
  /**
   * Extra sensitive names (matched on the split, lower-cased word form, e.g. `'internal_code'` or
   * `'internalCode'`), optionally with a category. An array entry gets the category `'secret'`.
   * An extra name matches when its words end the classified name (`'internalCode'` matches `userInternalCode`),
   * after the same value-suffix stripping and the same boolean/verb/hash exclusions as built-in names.
   */
  extraNames?: readonly string[] | Readonly<Record<string, SensitivityCategory>>;
  /** Names never sensitive (exact names, case-insensitive, or word forms). Wins over everything. */
  allowedNames?: readonly string[];
  /**
   * Also classify contact PII (email, phone, address, date of birth, ip address, full name...). Default
   * `false`. ssn / passport / national id / tax id are always sensitive (`'pii'`) regardless.
   */
  pii?: boolean;
}

/** The kinds of secret values {@link looksLikeSecret} recognises. */
export type SecretKind =
  | 'jwt'
  | 'bearer'
  | 'private-key'
  | 'aws-access-key'
  | 'github-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-api-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'npm-token'
  | 'sendgrid-key'
  | 'gitlab-token'
  | 'url-password'
  | 'card-number'
  | 'basic-auth';

/** Every built-in secret kind, in the order the patterns run. */
export const SECRET_KINDS: readonly SecretKind[] = Object.freeze([
  'private-key',
  'jwt',
  'bearer',
  'basic-auth',
  'url-password',
  'aws-access-key',
  'github-token',
  'slack-token',
  'stripe-key',
  'google-api-key',
  'openai-key',
  'anthropic-key',
  'npm-token',
  'sendgrid-key',
  'gitlab-token',
  'card-number',
]);

/**
 * A secret found in a string: the span `[start, end)` to mask. For `url-password` only the password part, so
 * `redis://user:[REDACTED]@host:6379/0` stays readable; for `Bearer x` the whole thing. `K` is the label of a
 * caller's extra pattern, when there are any.
 */
export interface SecretMatch<K extends string = SecretKind> {
  kind: K;
  start: number;
  end: number;
}

/** An extra value pattern with a kind label. It may be global or not; it is recompiled as global once. */
export interface ExtraSecretPattern<K extends string = string> {
  kind: K;
  pattern: RegExp;
}

/** Options that tune the value patterns. */
export interface SecretPatternOptions<K extends string = string> {
  /** Extra patterns with a kind label; their whole match is the span. */
  extraPatterns?: readonly ExtraSecretPattern<K>[];
  /** Kinds to ignore (built-in kinds, or labels of extra patterns). */
  disabledKinds?: readonly (SecretKind | K)[];
}
