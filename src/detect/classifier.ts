/**
 * The one place in the plugin and the codemods that talks to the shared sensitivity model
 * (`@secure-migrate/runtime/classify`). Classifiers are built once per distinct option set and reused.
 */
import { createClassifier, type SensitiveCategory } from '@secure-migrate/runtime/classify';

export type { SensitiveCategory };

/** Sensitivity options every rule and codemod accepts. */
export interface SensitivityOptions {
  /** Extra names (words or whole identifiers) that hold secrets in this code base. */
  extraSensitiveNames?: readonly string[];
  /** Names that look sensitive but are not here; they win over every built-in pattern. */
  allowedNames?: readonly string[];
  /** Treat personal data (email, phone, address, date of birth…) as sensitive. */
  pii?: boolean;
  /** Extra cache-key prefixes whose values are sensitive (`'mfa:'`), in addition to `session:`, `token:`, `oauth:`. */
  sensitiveKeyPrefixes?: readonly string[];
}

/** A precompiled view of the shared sensitivity model for one option set. */
export interface SensitivityClassifier {
  /** The category of a name (`accessToken` → `'token'`), `null` when the name is not sensitive. */
  classifyName(name: string): SensitiveCategory | null;
  /** The category of a cache key by its prefix (`'session:42'` → `'session'`), `null` otherwise. */
  classifyKeyPrefix(key: string): SensitiveCategory | null;
  /** The kind of secret a string value is (`'jwt'`, `'github-token'`…), `null` when it does not look like one. */
  detectSecret(value: string): string | null;
}

const cache = new Map<string, SensitivityClassifier>();

/** Returns the (cached) classifier for an option set. Cheap to call per file; never call per node. */
export function getClassifier(options: SensitivityOptions = {}): SensitivityClassifier {
  const extraNames = [...(options.extraSensitiveNames ?? [])];
  const allowedNames = [...(options.allowedNames ?? [])];
  const prefixes = [...(options.sensitiveKeyPrefixes ?? [])].map((p) => p.toLowerCase());
  const pii = options.pii === true;
  const cacheKey = JSON.stringify([extraNames, allowedNames, prefixes, pii]);
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const shared = createClassifier({ extraNames, allowedNames, pii });
  const classifier: SensitivityClassifier = {
    classifyName: (name) => shared.classifyName(name),
    classifyKeyPrefix(key) {
      const builtIn = shared.classifyKeyPrefix(key);
      if (builtIn) return builtIn;
      const lower = key.toLowerCase();
      return prefixes.some((p) => p.length > 0 && lower.startsWith(p)) ? 'secret' : null;
    },
    detectSecret: (value) => shared.detectSecret(value),
  };
  if (cache.size > 50) cache.clear();
  cache.set(cacheKey, classifier);
  return classifier;
}
