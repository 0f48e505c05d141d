/**
 * `createClassifier`: the name rules and the value patterns compiled once, with a bounded cache of name
 * results, for hot paths (`sanitizeForLogging` on every key and string leaf, a rule on every identifier).
 */
import { classifyKey } from './key-prefix.js';
import { compileNameRules, type NameRules } from './names.js';
import { compileSecretScanner, type SecretScanner } from './secrets.js';
import type {
  ClassifyOptions,
  SecretKind,
  SecretMatch,
  SecretPatternOptions,
  SensitivityCategory,
} from './types.js';

/** Precompiled for hot paths: caches name results (bounded map), compiles patterns once. */
export interface Classifier<K extends string = never> {
  /** The category of a name (`accessToken` → `'token'`), `null` when it is not sensitive. */
  classifyName(name: string): SensitivityCategory | null;
  /** Whether {@link Classifier.classifyName} returns a category. */
  isSensitiveName(name: string): boolean;
  /** Whether a string contains a secret value (JWT, `Bearer …`, provider keys, URL passwords, card numbers…). */
  looksLikeSecret(value: string): boolean;
  /** All non-overlapping secret spans in a string, sorted. */
  findSecrets(value: string): SecretMatch<SecretKind | K>[];
  /** The kind of the first secret in a string, `null` when there is none. */
  detectSecret(value: string): SecretKind | K | null;
  /** The category of a cache/storage key by its leading segments (`'session:abc'` → `'session'`). */
  classifyKeyPrefix(key: string): SensitivityCategory | null;
}

/** Options of {@link createClassifier}: name options and value-pattern options together. */
export type ClassifierOptions<K extends string = never> = ClassifyOptions & SecretPatternOptions<K>;

/** How many name results a classifier remembers before it starts forgetting the oldest. */
const NAME_CACHE_SIZE = 10_000;
/** Longer names (object keys from input, say) are classified every time rather than remembered. */
const MAX_CACHED_NAME_LENGTH = 128;

/** A copy of the options, so a caller changing its object later does not change a compiled classifier. */
function snapshot<K extends string>(options: ClassifierOptions<K>): ClassifierOptions<K> {
  const copy: ClassifierOptions<K> = {};
  const { extraNames, allowedNames, pii, extraPatterns, disabledKinds } = options;
  if (Array.isArray(extraNames)) copy.extraNames = [...(extraNames as readonly string[])];
  else if (extraNames && typeof extraNames === 'object') copy.extraNames = { ...extraNames };
  if (Array.isArray(allowedNames)) copy.allowedNames = [...allowedNames];
  if (pii !== undefined) copy.pii = pii;
  if (Array.isArray(extraPatterns)) copy.extraPatterns = [...extraPatterns];
  if (Array.isArray(disabledKinds)) copy.disabledKinds = [...disabledKinds];
  return copy;
}

/**
 * Compiles a classifier. Cheap enough to call once per option set; keep the result and reuse it.
 *
 * @example
 * const c = createClassifier({ extraNames: ['internalCode'], allowedNames: ['sessionStore'] });
 * c.classifyName('userInternalCode'); // 'secret'
 * c.findSecrets('redis://app:s3cr3t@cache:6379'); // [{ kind: 'url-password', start: 12, end: 18 }]
 */
export function createClassifier<K extends string = never>(
  options: ClassifierOptions<K> = {},
): Classifier<K> {
  const own = snapshot(options ?? {});
  // Each half is compiled on first use: a name-only caller never builds the value patterns, and vice versa.
  let rules: NameRules | undefined;
  let scanner: SecretScanner<SecretKind | K> | undefined;
  const names = (): NameRules => (rules ??= compileNameRules(own));
  const values = (): SecretScanner<SecretKind | K> => (scanner ??= compileSecretScanner<SecretKind | K>(own));
  const cache = new Map<string, SensitivityCategory | null>();

  const classifyName = (name: string): SensitivityCategory | null => {
    if (typeof name !== 'string') return null;
    if (name.length > MAX_CACHED_NAME_LENGTH) return names().classify(name);
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const result = names().classify(name);
    if (cache.size >= NAME_CACHE_SIZE) {
      // Forget the oldest entry (Map iterates in insertion order): bounded memory under unbounded names.
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(name, result);
    return result;
  };

  return {
    classifyName,
    isSensitiveName: (name) => classifyName(name) !== null,
    looksLikeSecret: (value) => values().test(value),
    findSecrets: (value) => values().find(value),
    detectSecret: (value) => values().find(value)[0]?.kind ?? null,
    classifyKeyPrefix: (key) => classifyKey(key, classifyName, (segment) => names().isAllowed(segment)),
  };
}
