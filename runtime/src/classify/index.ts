/**
 * `@secure-migrate/runtime/classify`: the one definition of "sensitive" shared by the ESLint rules, the
 * codemods, `sanitizeForLogging`, `secureCache` and `secureAssign`.
 *
 * - Names: {@link classifyName}, {@link isSensitiveName}, {@link classifyKeyPrefix}, {@link splitWords}.
 * - Values: {@link looksLikeSecret}, {@link findSecrets}, {@link detectSecret}.
 * - Hot paths: {@link createClassifier} compiles both once and caches name results.
 */
import { createClassifier, type Classifier, type ClassifierOptions } from './classifier.js';
import type {
  ClassifyOptions,
  SecretKind,
  SecretMatch,
  SecretPatternOptions,
  SensitivityCategory,
} from './types.js';

export { createClassifier, type Classifier, type ClassifierOptions } from './classifier.js';
export { splitWords } from './words.js';
export {
  SECRET_KINDS,
  SENSITIVITY_CATEGORIES,
  type ClassifyOptions,
  type ExtraSecretPattern,
  type SecretKind,
  type SecretMatch,
  type SecretPatternOptions,
  type SensitiveCategory,
  type SensitivityCategory,
} from './types.js';

const shared: Classifier = createClassifier();
// Option objects are usually built once and passed again and again: compile each object once. Callers that build
// a fresh object per call still share a classifier through the signature of its contents (bounded).
const byObject = new WeakMap<object, Classifier<string>>();
const bySignature = new Map<string, Classifier<string>>();
const MAX_SIGNATURES = 64;

function signature(options: ClassifierOptions<string>): string {
  return JSON.stringify([
    options.extraNames ?? null,
    options.allowedNames ?? null,
    options.pii === true,
    options.disabledKinds ?? null,
    (options.extraPatterns ?? []).map((p) => [p?.kind, p?.pattern?.source, p?.pattern?.flags]),
  ]);
}

function classifierFor<K extends string>(options: ClassifierOptions<K> | undefined): Classifier<K> {
  if (options === undefined || options === null || typeof options !== 'object')
    return shared as Classifier<K>;
  let c = byObject.get(options);
  if (!c) {
    const key = signature(options);
    c = bySignature.get(key);
    if (!c) {
      c = createClassifier<string>(options);
      if (bySignature.size >= MAX_SIGNATURES) bySignature.delete(bySignature.keys().next().value!);
      bySignature.set(key, c);
    }
    byObject.set(options, c);
  }
  return c as Classifier<K>;
}

/**
 * The category of a name, or `null` when it does not hold a sensitive value. Splits the name into words and
 * decides from its last meaningful word and the words right before it:
 * `accessToken` → `'token'`, `DB_PASSWORD` → `'credential'`, `tokenExpiresAt` → `null`, `csrfToken` → `null`.
 */
export function classifyName(name: string, options?: ClassifyOptions): SensitivityCategory | null {
  return classifierFor(options).classifyName(name);
}

/** Whether {@link classifyName} returns a category. */
export function isSensitiveName(name: string, options?: ClassifyOptions): boolean {
  return classifierFor(options).classifyName(name) !== null;
}

/**
 * Cache/storage key prefixes: `'session:abc'`, `'token:42'`, `'oauth:google:u1'`, `'refresh_token/x'`,
 * `'sess:'`… → the category of the leading segment(s); `'user:42'`, `'ratelimit:ip'`, `'counter:x'` → `null`.
 */
export function classifyKeyPrefix(key: string, options?: ClassifyOptions): SensitivityCategory | null {
  return classifierFor(options).classifyKeyPrefix(key);
}

/** Whether a string contains a secret value. Non-strings → `false`. */
export function looksLikeSecret(value: string, options?: SecretPatternOptions): boolean {
  return classifierFor(options).looksLikeSecret(value);
}

/**
 * All non-overlapping secret spans in a string, sorted by start. For `url-password` the span is only the
 * password; for `Bearer x` the whole thing. Non-strings → `[]`.
 */
export function findSecrets<K extends string = never>(
  value: string,
  options?: SecretPatternOptions<K>,
): SecretMatch<SecretKind | K>[] {
  return classifierFor<K>(options).findSecrets(value);
}

/** The kind of the first secret in a string, or `null`. Non-strings → `null`. */
export function detectSecret<K extends string = never>(
  value: string,
  options?: SecretPatternOptions<K>,
): SecretKind | K | null {
  return classifierFor<K>(options).detectSecret(value);
}
