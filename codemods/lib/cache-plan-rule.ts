/**
 * The rule through which encrypt-cache applies the project pass's decision to one file: it reports each client
 * construction the plan wraps (with the `secureCache(...)` suggestion) or marks (no suggestion: a TODO that names
 * the other clients of the same keys).
 */
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import path from 'node:path';
import type { CachePlan } from './cache-plan.js';

/** Rule name of the construction sites in reports and TODO comments. */
export const CACHE_CLIENT_RULE = 'encrypt-cache-client';

export function cachePlanRule(plan: CachePlan): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      hasSuggestions: true,
      schema: [],
      messages: {
        wrap: 'This cache client reads or writes keys whose values are now encrypted: {{note}}.',
        todo: 'This cache client reads or writes keys with sensitive values.',
        wrapSuggestion: 'Wrap it in secureCache(...) where it is created.',
      },
    },
    create(context) {
      const file = path.resolve(context.physicalFilename);
      const wraps = plan.wraps[file] ?? [];
      const todos = plan.todos[file] ?? [];
      if (!wraps.length && !todos.length) return {};
      const text = context.sourceCode.text;
      return {
        'Program:exit'(program: unknown) {
          const ast = program as TSESTree.Program;
          for (const wrap of wraps) {
            if (text.slice(wrap.start, wrap.end) !== wrap.text) continue;
            const node = nodeAt(ast, wrap.start, wrap.end);
            if (!node) continue;
            context.report({
              node: node as never,
              messageId: 'wrap',
              data: { note: wrap.note },
              suggest: [
                {
                  messageId: 'wrapSuggestion',
                  fix: (fixer) => fixer.replaceTextRange([wrap.start, wrap.end], wrap.replacement),
                },
              ],
            });
          }
          for (const todo of todos) {
            if (text.slice(todo.start, todo.end) !== todo.text) continue;
            const node = nodeAt(ast, todo.start, todo.end);
            if (!node) continue;
            context.report({ node: node as never, messageId: 'todo', data: { todo: todo.todo } });
          }
        },
      };
    },
  };
}

/** The outermost node spanning exactly `[start, end)`. */
function nodeAt(ast: TSESTree.Program, start: number, end: number): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  const visit = (node: TSESTree.Node): void => {
    // No pruning by range: decorators lie outside the range of the declaration that holds them.
    if (found) return;
    if (node.range[0] === start && node.range[1] === end) {
      found = node;
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item.type === 'string') visit(item as TSESTree.Node);
      } else if (typeof (value as { type?: unknown }).type === 'string') visit(value as TSESTree.Node);
    }
  };
  visit(ast);
  return found;
}
