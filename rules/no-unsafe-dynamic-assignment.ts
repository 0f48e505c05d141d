import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  getUnsafeAssignment,
  type AssignmentReach,
  type UnsafeAssignment,
} from '../src/detect/assignment.js';
import { createDetectContextFromRule } from '../src/detect/context.js';
import { DEFAULT_RUNTIME_IMPORT, ensureImportsFixes } from '../src/detect/imports.js';
import { createRule } from '../src/util/create-rule.js';
import { stringArraySchema } from '../src/util/schema.js';

export type Options = [
  {
    checkObjectAssign?: boolean;
    checkLodash?: boolean;
    trustedSources?: string[];
    sanitizers?: string[];
    reportUnknownKeys?: boolean;
    allowListsFromTypes?: boolean;
    runtimeImport?: string;
  },
];
export type MessageIds =
  | 'unsafeComputedWrite'
  | 'unsafeDeepWrite'
  | 'unsafeRecursion'
  | 'unsafeObjectAssign'
  | 'unsafeReflectSet'
  | 'unsafeLodashPath'
  | 'unsafeLodashMerge'
  | 'useGuardAssign'
  | 'useGuardAssignAll'
  | 'useAllowList'
  | 'useAllowListAll'
  | 'useSecureSet';

const MAX_TEXT = 40;
const MAX_LISTED = 12;

/** How the message says what reaches the key or source. */
function reachText(reach: AssignmentReach): string {
  switch (reach.kind) {
    case 'input':
      return `comes from ${reach.from}`;
    case 'helper':
      return `is a key of the parameter ${reach.from}, whatever the caller passes`;
    case 'unknown':
      return 'is not provably safe';
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-unsafe-dynamic-assignment',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow property writes whose key or merged object input can reach without a prototype guard',
      recommended: 'recommended',
      requiresTypeChecking: false,
      cwe: 'CWE-1321',
    },
    hasSuggestions: true,
    messages: {
      unsafeComputedWrite:
        '{{target}}[{{key}}] is written with a key that {{reach}}: "__proto__" replaces the prototype of {{target}}, and other names overwrite fields it must keep (isAdmin, passwordHash). Check the key against an allow list, or use guardAssign().',
      unsafeDeepWrite:
        '{{target}}[{{key}}] is Object.prototype when {{key}} is "__proto__", and {{key}} {{reach}}: this nested write can change every object. Check {{key}} first (an allow list, or skip __proto__, constructor and prototype), or use a Map or Object.create(null).',
      unsafeRecursion:
        'This call recurses into {{target}}[{{key}}], and {{key}} {{reach}}: through "__proto__" or "constructor" it reaches Object.prototype, and the writes below change every object. Skip __proto__, constructor and prototype before recursing.',
      unsafeObjectAssign:
        'Object.assign() copies every key of {{source}}, which {{reach}}, into {{target}}: an own "__proto__" key (JSON.parse makes one) replaces its prototype, and other keys overwrite fields it must keep (isAdmin, passwordHash). Copy an allow list of keys, or use guardAssignAll().',
      unsafeReflectSet:
        'Reflect.set() writes {{target}}[{{key}}] with a key that {{reach}}: "__proto__" replaces the prototype of {{target}}, and other names overwrite any field. Check the key against an allow list, or use guardAssign().',
      unsafeLodashPath:
        '{{method}}() with a path that {{reach}} can reach __proto__ or constructor.prototype (in lodash before 4.17.21) and overwrite any field. Check the path against an allow list, or use secureSet().',
      unsafeLodashMerge:
        '{{method}}() deep-merges {{source}}, which {{reach}}, into {{target}}: it can reach __proto__ (in lodash before 4.17.21) and overwrite any field. Merge an allow-listed copy instead.',
      useGuardAssign:
        'Use guardAssign(): it refuses __proto__, constructor and prototype and writes every other key as before.',
      useGuardAssignAll:
        'Use guardAssignAll(): it copies like Object.assign but skips __proto__, constructor and prototype.',
      useAllowList:
        'Allow only the declared fields of {{typeName}}: secureAssign(…, { allow: [{{allowList}}] }){{privilegedText}}.',
      useAllowListAll:
        'Copy only the declared fields of {{typeName}}: secureAssignAll(…, { allow: [{{allowList}}] }){{privilegedText}}.',
      useSecureSet:
        'Use secureSet(): it refuses __proto__, constructor and prototype in any segment of the path, and sensitive names.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkObjectAssign: {
            type: 'boolean',
            description: 'Report `Object.assign(target, source)` whose source input reaches.',
          },
          checkLodash: {
            type: 'boolean',
            description:
              'Report lodash `set`/`setWith`/`update`/`merge`/`mergeWith`/`defaultsDeep`/`zipObjectDeep`.',
          },
          trustedSources: stringArraySchema(
            'Identifiers whose values are trusted as keys or as `Object.assign` sources (`defaults`, `ALLOWED_FIELD`).',
          ),
          sanitizers: stringArraySchema(
            'Functions whose results are safe subsets of their input, beyond `sanitize*`, `strip*`, `pick*`, `omit*`, `whitelist*` and `allowlist*`.',
          ),
          reportUnknownKeys: {
            type: 'boolean',
            description:
              'Also report writes whose key is not provably safe although no input is seen to reach it (the `strict` configuration turns it on).',
          },
          allowListsFromTypes: {
            type: 'boolean',
            description:
              "Offer the declared type's allow list (`secureAssign(…, { allow })`) as the first suggestion instead of the prototype guard. It refuses every undeclared key, so it is an explicit choice.",
          },
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
        sanitizers: [],
        reportUnknownKeys: false,
        allowListsFromTypes: false,
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
      sanitizers: options.sanitizers ?? [],
      reportUnknownKeys: options.reportUnknownKeys === true,
    };

    const text = (node: TSESTree.Node | undefined): string => {
      if (!node) return '';
      const t = sourceCode.getText(node).replace(/\s+/g, ' ');
      return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
    };
    const quote = (k: string): string => JSON.stringify(k).replace(/^"|"$/g, "'");

    /** With `allowListsFromTypes`, a declared type's allow list comes before the prototype guard. */
    const ordered = (
      list: TSESLint.SuggestionReportDescriptor<MessageIds>[],
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] =>
      options.allowListsFromTypes
        ? [
            ...list.filter((s) => s.messageId === 'useAllowList' || s.messageId === 'useAllowListAll'),
            ...list.filter((s) => s.messageId !== 'useAllowList' && s.messageId !== 'useAllowListAll'),
          ]
        : list;
    /** Helpers that are polluting by construction are reported once, at their first unguarded write or recursion. */
    const reportedHelpers = new Set<TSESTree.Node>();
    const report = (current: UnsafeAssignment): void => {
      if (current.reach.kind === 'helper') {
        if (reportedHelpers.has(current.reach.fn)) return;
        reportedHelpers.add(current.reach.fn);
      }
      const callFix =
        (helper: string, args: string[]) =>
        (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
          const { fixes, names } = ensureImportsFixes(fixer, sourceCode, [helper], {
            source,
            filename: context.filename,
          });
          return [...fixes, fixer.replaceText(current.expression, `${names[helper]}(${args.join(', ')})`)];
        };
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const declared = current.declared;
      const data = {
        target: text(current.target),
        key: text(current.key),
        source: text(current.sources?.find(() => true)),
        method: current.method ?? '',
        reach: reachText(current.reach),
        typeName: declared?.typeName ?? '',
        allowList: declared ? declared.allow.map(quote).join(', ') : '',
        privilegedText:
          declared && declared.privileged.length > 0
            ? `; left out as privileged or sensitive: ${declared.privileged.slice(0, MAX_LISTED).join(', ')}`
            : '',
      };
      const allowArg = declared ? `{ allow: [${declared.allow.map(quote).join(', ')}] }` : '';
      const args = (...nodes: TSESTree.Node[]): string[] => nodes.map((n) => sourceCode.getText(n));
      /** `guardAssign(target, key, value)` in place of the write, and the allow list of a declared type. */
      const assignSuggestions = (key: TSESTree.Node, value: TSESTree.Node): void => {
        suggest.push({
          messageId: 'useGuardAssign',
          data,
          fix: callFix('guardAssign', args(current.target, key, value)),
        });
        if (declared) {
          suggest.push({
            messageId: 'useAllowList',
            data,
            fix: callFix('secureAssign', [...args(current.target, key, value), allowArg]),
          });
        }
      };
      switch (current.kind) {
        case 'computed':
          if (current.key && current.value) assignSuggestions(current.key, current.value);
          context.report({
            node: current.node,
            messageId: 'unsafeComputedWrite',
            data,
            suggest: ordered(suggest),
          });
          return;
        case 'deep':
          context.report({ node: current.node, messageId: 'unsafeDeepWrite', data });
          return;
        case 'recursion':
          context.report({ node: current.node, messageId: 'unsafeRecursion', data });
          return;
        case 'reflectSet':
          if (
            current.isStatement &&
            current.expression.type === AST_NODE_TYPES.CallExpression &&
            current.expression.arguments.length === 3 &&
            current.key &&
            current.value
          ) {
            assignSuggestions(current.key, current.value);
          }
          context.report({
            node: current.node,
            messageId: 'unsafeReflectSet',
            data,
            suggest: ordered(suggest),
          });
          return;
        case 'objectAssign': {
          const call = current.expression as TSESTree.CallExpression;
          suggest.push({
            messageId: 'useGuardAssignAll',
            data,
            fix: callFix('guardAssignAll', args(...call.arguments)),
          });
          const only = current.sources?.length === 1 ? current.sources[0] : undefined;
          if (declared && only && only.type !== AST_NODE_TYPES.SpreadElement && current.isStatement) {
            suggest.push({
              messageId: 'useAllowListAll',
              data,
              fix: callFix('secureAssignAll', [...args(current.target, only), allowArg]),
            });
          }
          if (current.key) {
            context.report({
              node: current.node,
              messageId: 'unsafeComputedWrite',
              data,
              suggest: ordered(suggest),
            });
            return;
          }
          context.report({
            node: current.node,
            messageId: 'unsafeObjectAssign',
            data,
            suggest: ordered(suggest),
          });
          return;
        }
        case 'lodash':
          if (current.sources) {
            context.report({ node: current.node, messageId: 'unsafeLodashMerge', data });
            return;
          }
          if (
            current.method === 'set' &&
            current.isStatement &&
            current.key &&
            current.value &&
            current.expression.type === AST_NODE_TYPES.CallExpression &&
            current.expression.arguments.length === 3
          ) {
            suggest.push({
              messageId: 'useSecureSet',
              data,
              fix: callFix('secureSet', args(current.target, current.key, current.value)),
            });
          }
          context.report({
            node: current.node,
            messageId: 'unsafeLodashPath',
            data,
            suggest: ordered(suggest),
          });
          return;
      }
    };

    return {
      AssignmentExpression(node): void {
        const result = getUnsafeAssignment(ctx, node, assignmentOptions);
        if (result) report(result);
      },
      CallExpression(node): void {
        const result = getUnsafeAssignment(ctx, node, assignmentOptions);
        if (result) report(result);
      },
    };
  },
});
