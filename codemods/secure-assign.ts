/**
 * `secure-assign`: unsafe dynamic assignments (`target[key] = value`, `Object.assign(target, input)`,
 * `Reflect.set`, lodash `set`/`merge`) become `secureAssign(...)` / `secureAssignAll(...)` / `secureSet(...)` with
 * the allow list the rule infers from the target's type; where that list is not finite, a TODO says what to
 * decide. The sites `no-unsafe-dynamic-assignment` reports.
 */
import type { Rule } from 'eslint';
import rule from '../rules/no-unsafe-dynamic-assignment.js';
import type { TransformDefinition } from './lib/definition.js';
import type { Refinement, RefineContext } from './lib/engine.js';
import { jscodeshiftParser, type JscodeshiftParser } from './lib/parser.js';
import { createTransform } from './lib/transform.js';

/** A computed write (`x[k] = v`, `x[k] ??= v`…), Object.assign, Reflect.set or a lodash path/merge call. */
const DYNAMIC_WRITE =
  /(?<!\[)\]\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|\bassign\s*\(|Reflect\.set|\b(?:set|setWith|merge|mergeWith|defaultsDeep)\s*\(/;

/**
 * `secureAssign`/`secureAssignAll` are only written with an allow list (inferred from the target's type by the
 * rule): without one, which keys may be set is a decision for a person, so the site gets a TODO instead.
 * `secureSet` (a path write) needs no list.
 */
export function requireAllowList(context: RefineContext): Refinement {
  const needsList = context.helpers.some((h) => h === 'secureAssign' || h === 'secureAssignAll');
  if (needsList && !context.edits.some((edit) => /\ballow:\s*\[/.test(edit.text))) {
    const call = context.helpers.includes('secureAssignAll')
      ? 'secureAssignAll(target, input, { allow: [...] })'
      : 'secureAssign(target, key, value, { allow: [...] })';
    return {
      todo: `No finite allow list follows from the target type: decide which keys callers may set, then use ${call}.`,
    };
  }
  return { edits: context.edits };
}

export const definition: TransformDefinition = {
  name: 'secure-assign',
  rule: 'no-unsafe-dynamic-assignment',
  summary: 'Route dynamic property writes through secureAssign/secureAssignAll/secureSet',
  mayApply: (source) => DYNAMIC_WRITE.test(source),
  entries: (options) => [
    {
      name: 'no-unsafe-dynamic-assignment',
      rule: rule as unknown as Rule.RuleModule,
      ...(options?.runtimeImport ? { options: [{ runtimeImport: options.runtimeImport }] } : {}),
      prefer: ['secureAssignAll', 'secureAssign', 'secureSet'],
      refine: requireAllowList,
      todoHint:
        'Decide which keys callers may set and use secureAssign(target, key, value, { allow: [...] }) (or validate the input).',
    },
  ],
};

/** The jscodeshift transform. */
const transform = createTransform(definition);
export default transform;
/** jscodeshift parser: `@typescript-eslint/typescript-estree`, the parser the rules see. */
export const parser: JscodeshiftParser = jscodeshiftParser;
