import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from './edits.js';

/** The package the rewritten code imports its helpers from, unless `--runtime-import` says otherwise. */
export const DEFAULT_RUNTIME_SPECIFIER = '@secure-migrate/runtime';

/** Every runtime helper a transform may introduce. */
export const RUNTIME_HELPERS = [
  'sanitizeForLogging',
  'secureCache',
  'encryptForCache',
  'decryptFromCache',
  'secureAssign',
  'secureAssignAll',
  'guardAssign',
  'guardAssignAll',
  'secureSet',
  'getSecret',
  'fieldTransformer',
  'drizzleEncryptedType',
] as const;

/** A call of the helper, type arguments allowed: `decryptFromCache(`, `decryptFromCache<typeof value>(`. */
const callPattern = (name: string): RegExp =>
  new RegExp(`(?<![.\\w$])${name}(?:_\\d+)?(?=\\s*(?:<[^;{}()]*>\\s*)?\\()`, 'g');

/**
 * The runtime helpers a piece of inserted code calls: `sanitizeForLogging(` or an alias the import helper made
 * for a taken name (`sanitizeForLogging_1(`); member calls (`rt.sanitizeForLogging(`) need no import.
 */
export function helpersUsedIn(text: string): string[] {
  return RUNTIME_HELPERS.filter((name) => callPattern(name).test(text));
}

/** Rewrites helper calls in inserted code to the local names the file's import gives them. */
export function localizeHelpers(text: string, locals: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [name, local] of Object.entries(locals)) out = out.replace(callPattern(name), local);
  return out;
}

function isRequireOf(node: TSESTree.Node | null | undefined, specifiers: readonly string[]): boolean {
  if (
    !node ||
    node.type !== 'CallExpression' ||
    node.callee.type !== 'Identifier' ||
    node.callee.name !== 'require'
  ) {
    return false;
  }
  const arg = node.arguments[0];
  return Boolean(
    arg && arg.type === 'Literal' && typeof arg.value === 'string' && specifiers.includes(arg.value),
  );
}

/**
 * Whether an edit of a rule's suggestion is its import part: it mentions a runtime specifier, or it lies inside
 * an existing import/require of one. The engine replaces those with one import edit for the whole file.
 */
export function isImportEdit(edit: TextEdit, ast: TSESTree.Program, specifiers: readonly string[]): boolean {
  if (specifiers.some((s) => edit.text.includes(`'${s}'`) || edit.text.includes(`"${s}"`))) return true;
  for (const statement of ast.body) {
    const isRuntimeImport =
      (statement.type === 'ImportDeclaration' && specifiers.includes(String(statement.source.value))) ||
      (statement.type === 'VariableDeclaration' &&
        statement.declarations.some((d) => isRequireOf(d.init, specifiers)));
    if (isRuntimeImport && edit.range[0] >= statement.range[0] && edit.range[1] <= statement.range[1])
      return true;
  }
  return false;
}
