/**
 * Every transform the CLI runs, in the order they run and are documented. Each one is also a jscodeshift
 * transform module of the same name (`codemods/<name>.ts`).
 */
import type { TransformDefinition } from './lib/definition.js';
import { definition as sanitizeLogging } from './sanitize-logging.js';
import { definition as encryptCache } from './encrypt-cache.js';
import { definition as secureAssign } from './secure-assign.js';
import { definition as hardcodedCredentials } from './hardcoded-credentials.js';
import { definition as encryptFields } from './encrypt-fields.js';

export type { TransformDefinition } from './lib/definition.js';

/** All transforms, by their documented order. */
export const TRANSFORMS: readonly TransformDefinition[] = [
  sanitizeLogging,
  encryptCache,
  secureAssign,
  hardcodedCredentials,
  encryptFields,
];

/**
 * The definitions with these names (all transforms when `names` is undefined).
 * Throws on an unknown name.
 */
export function selectTransforms(names?: readonly string[]): TransformDefinition[] {
  if (!names) return [...TRANSFORMS];
  const known = TRANSFORMS;
  return names.map((name) => {
    const found = known.find((t) => t.name === name);
    if (!found) throw new Error(`Unknown transform "${name}". Known: ${known.map((t) => t.name).join(', ')}`);
    return found;
  });
}
