import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getUnsafeAssignment, type UnsafeAssignment } from '../src/detect/assignment.js';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { DEFAULT_RUNTIME_IMPORT, ensureImportsFixes } from '../src/detect/imports.js';
import { createRule } from '../src/util/create-rule.js';
import { stringArraySchema } from '../src/util/schema.js';

export type Options = [
  {
    checkObjectAssign?: boolean;
    checkLodash?: boolean;
    trustedSources?: string[];
    runtimeImport?: string;
  },
];
export type MessageIds =
  | 'unsafeComputedWrite'
  | 'unsafeDeepWrite'
  | 'unsafeObjectAssign'
  | 'unsafeReflectSet'
  | 'unsafeLodashPath'
  | 'unsafeLodashMerge'
  | 'useSecureAssign'
  | 'useSecureAssignAll'
  | 'useSecureSet';

const MAX_TEXT = 40;

export default createRule<Options, MessageIds>({
  name: 'no-unsafe-dynamic-assignment',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing object properties with keys or paths that are not provably safe',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-1321',
    },
    hasSuggestions: true,
    messages: {
      unsafeComputedWrite:
        '{{target}}[{{key}}] is written with a key that is not provably safe: input can overwrite any field (isAdmin, passwordHash) or set __proto__. Check the key against an allow list, or use secureAssign().',
      unsafeDeepWrite:
        '{{target}}[{{key}}] can be Object.prototype (when {{key}} is "__proto__"), so this nested write can change every object. Check {{key}} first (an allow list, Object.hasOwn), or use a Map or Object.create(null).',
      unsafeObjectAssign:
        'Object.assign() copies every key of {{source}} into {{target}}, including fields it must not set (isAdmin, passwordHash) and __proto__. Copy an allow list of keys, or use secureAssignAll().',
      unsafeReflectSet:
        'Reflect.set() writes {{target}}[{{key}}] with a key that is not provably safe: input can overwrite any field or set __proto__. Check the key against an allow list, or use secureAssign().',
      unsafeLodashPath:
        '{{method}}() with a path that is not a literal can reach __proto__ or constructor.prototype and overwrite any field. Use a literal path, check it against an allow list, or use secureSet().',
      unsafeLodashMerge:
        '{{method}}() deep-merges {{source}} into {{target}}: input can reach __proto__ and overwrite any field. Merge an allow-listed copy instead.',
      useSecureAssign:
        'Use secureAssign(){{allowText}} (refuses __proto__, constructor, prototype and sensitive names).',
      useSecureAssignAll:
        'Use secureAssignAll(){{allowText}} (refuses __proto__, constructor, prototype and sensitive names).',
      useSecureSet:
        'Use secureSet() (refuses __proto__, constructor and prototype in any segment of the path).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkObjectAssign: {
            type: 'boolean',
            description:
              'Report `Object.assign(target, source)` with a source that is not an object literal.',
          },
          checkLodash: {
            type: 'boolean',
            description:
              'Report lodash `set`/`setWith`/`update`/`merge`/`mergeWith`/`defaultsDeep`/`zipObjectDeep`.',
          },
          trustedSources: stringArraySchema(
            'Identifiers whose values are trusted as keys or as `Object.assign` sources (`defaults`, `ALLOWED_FIELD`).',
          ),
          runtimeImport: {
            type: 'string',
            description: 'Module the suggestions import the secure helpers from.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        checkObjectAssign: true,
        checkLodash: true,
        trustedSources: [],
        runtimeImport: DEFAULT_RUNTIME_IMPORT,
      },
    ],
  },
  create(context, [options]) {
    const ctx = createDetectContextFromRule(context);
    const sourceCode = context.sourceCode;
    const source = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
    const assignmentOptions = {
      checkObjectAssign: options.checkObjectAssign !== false,
      checkLodash: options.checkLodash !== false,
      trustedSources: options.trustedSources ?? [],
    };

    const text = (node: TSESTree.Node | undefined): string => {
      if (!node) return '';
      const t = sourceCode.getText(node).replace(/\s+/g, ' ');
      return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
    };

    const allowSuffix = (found: UnsafeAssignment): string =>
      found.allow
        ? `, { allow: [${found.allow.map((k) => JSON.stringify(k).replace(/^"|"$/g, "'")).join(', ')}] }`
        : '';

    const callFix =
      (helper: string, args: string[], found: UnsafeAssignment) =>
      (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const { fixes, names } = ensureImportsFixes(fixer, sourceCode, [helper], {
          source,
          filename: context.filename,
        });
        return [
          ...fixes,
          fixer.replaceText(found.expression, `${names[helper]}(${args.join(', ')}${allowSuffix(found)})`),
        ];
      };

    const report = (found: UnsafeAssignment): void => {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const allowText = found.allow
        ? ` with an allow list of ${found.allow.length} key${found.allow.length === 1 ? '' : 's'}`
        : '';
      const data = {
        target: text(found.target),
        key: text(found.key),
        source: text(found.sources?.find(() => true)),
        method: found.method ?? '',
        allowText,
      };
      /** `secureAssign(target, key, value)` in place of the write (computed member or `Reflect.set`). */
      const secureAssignSuggestion = (
        key: TSESTree.Node,
        value: TSESTree.Node,
      ): TSESLint.SuggestionReportDescriptor<MessageIds> => {
        const args = [sourceCode.getText(found.target), sourceCode.getText(key), sourceCode.getText(value)];
        return { messageId: 'useSecureAssign', data, fix: callFix('secureAssign', args, found) };
      };
      switch (found.kind) {
        case 'computed':
          if (found.isStatement && found.key && found.value) {
            suggest.push(secureAssignSuggestion(found.key, found.value));
          }
          context.report({ node: found.node, messageId: 'unsafeComputedWrite', data, suggest });
          return;
        case 'deep':
          context.report({ node: found.node, messageId: 'unsafeDeepWrite', data });
          return;
        case 'reflectSet':
          if (
            found.expression.type === AST_NODE_TYPES.CallExpression &&
            found.expression.arguments.length === 3 &&
            found.key &&
            found.value
          ) {
            suggest.push(secureAssignSuggestion(found.key, found.value));
          }
          context.report({ node: found.node, messageId: 'unsafeReflectSet', data, suggest });
          return;
        case 'objectAssign': {
          const only = found.sources?.length === 1 ? found.sources[0] : undefined;
          if (found.isStatement && only && only.type !== AST_NODE_TYPES.SpreadElement) {
            const args = [sourceCode.getText(found.target), sourceCode.getText(only)];
            suggest.push({
              messageId: 'useSecureAssignAll',
              data,
              fix: callFix('secureAssignAll', args, found),
            });
          }
          context.report({ node: found.node, messageId: 'unsafeObjectAssign', data, suggest });
          return;
        }
        case 'lodash':
          if (found.sources) {
            context.report({ node: found.node, messageId: 'unsafeLodashMerge', data });
            return;
          }
          if (
            found.method === 'set' &&
            found.isStatement &&
            found.key &&
            found.value &&
            found.expression.type === AST_NODE_TYPES.CallExpression &&
            found.expression.arguments.length === 3
          ) {
            const args = [
              sourceCode.getText(found.target),
              sourceCode.getText(found.key),
              sourceCode.getText(found.value),
            ];
            suggest.push({
              messageId: 'useSecureSet',
              data,
              fix: callFix('secureSet', args, { ...found, allow: undefined }),
            });
          }
          context.report({ node: found.node, messageId: 'unsafeLodashPath', data, suggest });
          return;
      }
    };

    return {
      AssignmentExpression(node): void {
        const found = getUnsafeAssignment(ctx, node, assignmentOptions);
        if (found) report(found);
      },
      CallExpression(node): void {
        const found = getUnsafeAssignment(ctx, node, assignmentOptions);
        if (found) report(found);
      },
    };
  },
});
