/**
 * `secure-assign`: writes that input can reach (`target[key] = value`, `Object.assign(target, input)`,
 * `Reflect.set`) become `guardAssign(...)` / `guardAssignAll(...)`: a prototype guard that refuses only `__proto__`,
 * `constructor` and `prototype` and passes every other key and value through unchanged, so the program does what it
 * did for legitimate input. Allow lists are never guessed: where the target has a declared type, a TODO shows its
 * fields (privileged ones named), and `allowListsFromTypes` (`--allow-lists-from-types`) applies them instead.
 * Nested writes, recursive helpers and lodash merges get a TODO saying what to decide. The sites are those
 * `no-unsafe-dynamic-assignment` reports.
 */
import type { Rule } from 'eslint';
import { rules } from 'eslint-plugin-secure-migrate';
import type { TransformDefinition } from './lib/definition.js';
import type { Refinement, RefineContext } from './lib/engine.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

/** A computed write (`x[k] = v`, `x[k] ??= v`…), Object.assign, Reflect.set or a lodash path/merge call. */
const DYNAMIC_WRITE =
  /(?<!\[)\]\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|\bassign\s*\(|Reflect\.set|\b(?:set|setWith|merge|mergeWith|defaultsDeep)\s*\(/;

/** The report's message data (the declared fields of the target, when it has a declared type). */
function declaredFields(
  context: RefineContext,
): { typeName: string; allowList: string; privileged: string } | undefined {
  const data = (context.descriptor as { data?: Record<string, unknown> } | undefined)?.data;
  const typeName = typeof data?.typeName === 'string' ? data.typeName : '';
  const allowList = typeof data?.allowList === 'string' ? data.allowList : '';
  if (!typeName || !allowList) return undefined;
  const privileged = typeof data?.privilegedText === 'string' ? data.privilegedText : '';
  return { typeName, allowList, privileged };
}

/**
 * Beside a prototype guard, the declared fields of the target as a TODO: which keys callers may set is a person's
 * decision, so the list is shown, never applied silently.
 */
export function showDeclaredFields(context: RefineContext): Refinement {
  if (context.helpers.includes('secureSet')) {
    // secureSet also refuses sensitive names: a behaviour change, so it is the reviewer's call.
    return {
      todo: 'lodash 4.17.21 and later refuse __proto__, constructor and prototype in set paths: check the installed version, or check the path against an allow list (secureSet() refuses those names and sensitive ones).',
    };
  }
  const guard = context.helpers.some((h) => h === 'guardAssign' || h === 'guardAssignAll');
  const fields = guard ? declaredFields(context) : undefined;
  if (!fields) return { edits: context.edits };
  const call = context.helpers.includes('guardAssignAll')
    ? 'secureAssignAll(target, input, { allow: [...] })'
    : 'secureAssign(target, key, value, { allow: [...] })';
  return {
    edits: context.edits,
    todo: `Decide which keys callers may set. The declared fields of ${fields.typeName} are ${fields.allowList}${fields.privileged}; to accept only those, use ${call} or run with --allow-lists-from-types.`,
  };
}

/** What to decide at a site the transform cannot rewrite, by the kind of write the rule reported. */
export function todoForReport(descriptor: Rule.ReportDescriptor): string | undefined {
  const messageId = 'messageId' in descriptor ? descriptor.messageId : undefined;
  switch (messageId) {
    case 'unsafeLodashMerge':
      return 'lodash 4.17.21 and later skip __proto__ and constructor when merging: check the installed version, then decide which keys a caller may change and merge only those (pick them from the input first).';
    case 'unsafeLodashPath':
      return 'lodash 4.17.21 and later refuse __proto__, constructor and prototype in set paths: check the installed version, or check the path against an allow list (secureSet() refuses those names and sensitive ones).';
    case 'unsafeRecursion':
      return 'Skip __proto__, constructor and prototype before recursing (if (key === "__proto__" || key === "constructor" || key === "prototype") continue;), or recurse only into keys the target already owns.';
    case 'unsafeDeepWrite':
      return 'Check the first key before this write: skip __proto__, constructor and prototype, or check it against an allow list; for a map keyed by ids, use a Map or Object.create(null).';
    default:
      return undefined;
  }
}

export const definition: TransformDefinition = {
  name: 'secure-assign',
  rule: 'no-unsafe-dynamic-assignment',
  summary: 'Guard dynamic property writes that input can reach against __proto__, constructor and prototype',
  mayApply: (source) => DYNAMIC_WRITE.test(source),
  entries: (options) => [
    {
      name: 'no-unsafe-dynamic-assignment',
      rule: rules['no-unsafe-dynamic-assignment'] as unknown as Rule.RuleModule,
      ...(options?.runtimeImport || options?.allowListsFromTypes
        ? {
            options: [
              {
                ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
                ...(options.allowListsFromTypes ? { allowListsFromTypes: true } : {}),
              },
            ],
          }
        : {}),
      prefer: options?.allowListsFromTypes
        ? ['secureAssign', 'secureAssignAll', 'guardAssign', 'guardAssignAll']
        : ['guardAssign', 'guardAssignAll'],
      refine: showDeclaredFields,
      todoFor: todoForReport,
      todoHint:
        'Skip __proto__, constructor and prototype before this write (or check the key against an allow list); for a map keyed by ids, use a Map or Object.create(null).',
    },
  ],
};

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
