import type { Rule } from 'eslint';
import { applyEdits } from '../../codemods/lib/edits.js';
import { runRules, TransformParseError, type RuleEntry } from '../../codemods/lib/engine.js';

/** Wraps every call of `name(...)` in `wrapper(...)` (a suggestion) unless it is already wrapped. */
function wrapCalls(name: string, wrapper: string): Rule.RuleModule {
  return {
    meta: { type: 'problem', hasSuggestions: true, messages: { m: `${name} call`, s: 'wrap' }, schema: [] },
    create(context) {
      return {
        CallExpression(node) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== name) return;
          const parent = (node as { parent?: { type: string; callee?: { name?: string } } }).parent;
          if (parent?.type === 'CallExpression' && parent.callee?.name === wrapper) return;
          const text = context.sourceCode.getText(node);
          context.report({
            node,
            messageId: 'm',
            suggest: [{ messageId: 's', fix: (f) => f.replaceText(node, `${wrapper}(${text})`) }],
          });
        },
      };
    },
  };
}

const entry = (name: string, rule: Rule.RuleModule): RuleEntry => ({ name, rule });

describe('engine', () => {
  it('applies overlapping suggestions of different rules over several passes', () => {
    const result = runRules({
      filePath: '/virtual/a.ts',
      source: 'f(g(x));\n',
      rules: [
        entry('wrap-f', wrapCalls('f', 'secureSet')),
        entry('wrap-g', wrapCalls('g', 'sanitizeForLogging')),
      ],
    });
    expect(result.output).toBe(
      "import { secureSet, sanitizeForLogging } from '@secure-migrate/runtime';\n\nsecureSet(f(sanitizeForLogging(g(x))));\n",
    );
    expect(result.sites.map((s) => [s.rule, s.action])).toEqual([
      ['wrap-f', 'rewritten'],
      ['wrap-g', 'rewritten'],
    ]);
  });

  it('keeps CRLF line endings and the indentation of the statement in TODO comments', () => {
    const noSuggestion: Rule.RuleModule = {
      meta: { type: 'problem', messages: { m: 'look here: details' }, schema: [] },
      create: (context) => ({ DebuggerStatement: (node) => context.report({ node, messageId: 'm' }) }),
    };
    const source = 'function f() {\r\n    debugger;\r\n}\r\n';
    const result = runRules({
      filePath: '/virtual/a.js',
      source,
      rules: [{ name: 'no-debug', rule: noSuggestion }],
    });
    expect(result.output).toBe(
      'function f() {\r\n    // secure-migrate: TODO (no-debug) look here.\r\n    debugger;\r\n}\r\n',
    );
    expect(
      runRules({
        filePath: '/virtual/a.js',
        source: result.output,
        rules: [{ name: 'no-debug', rule: noSuggestion }],
      }).output,
    ).toBe(result.output);
  });

  it('aliases a helper whose name is taken, and reuses a namespace import of the runtime', () => {
    const rules = [entry('wrap-f', wrapCalls('f', 'sanitizeForLogging'))];
    const taken = runRules({
      filePath: '/virtual/a.ts',
      source: 'const sanitizeForLogging = 1;\nf(x);\n',
      rules,
    });
    expect(taken.output).toBe(
      "import { sanitizeForLogging as sanitizeForLogging_1 } from '@secure-migrate/runtime';\n\nconst sanitizeForLogging = 1;\nsanitizeForLogging_1(f(x));\n",
    );
    const namespace = runRules({
      filePath: '/virtual/b.ts',
      source: "import * as rt from '@secure-migrate/runtime';\nf(x);\n",
      rules,
    });
    expect(namespace.output).toBe(
      "import * as rt from '@secure-migrate/runtime';\nrt.sanitizeForLogging(f(x));\n",
    );
  });

  it('treats a file that starts with /* eslint-env */ as an ordinary file, not a parse failure', () => {
    const result = runRules({
      filePath: '/virtual/env.ts',
      source: '/* eslint-env node */\nf(x);\n',
      rules: [entry('wrap-f', wrapCalls('f', 'sanitizeForLogging'))],
    });
    expect(result.output).toBe(
      "/* eslint-env node */\nimport { sanitizeForLogging } from '@secure-migrate/runtime';\n\nsanitizeForLogging(f(x));\n",
    );
    expect(result.sites.map((s) => s.action)).toEqual(['rewritten']);
    // A real syntax error after the comment is still one.
    expect(() =>
      runRules({ filePath: '/virtual/env.ts', source: '/* eslint-env node */\nlet = ;', rules: [] }),
    ).toThrow(TransformParseError);
  });

  it('throws a parse error for unparsable input', () => {
    expect(() => runRules({ filePath: '/virtual/a.ts', source: 'let = ;', rules: [] })).toThrow(
      TransformParseError,
    );
  });

  it('refuses overlapping edits when applying them', () => {
    expect(
      applyEdits('abcdef', [
        { range: [3, 4], text: 'X' },
        { range: [0, 1], text: 'Y' },
      ]),
    ).toBe('YbcXef');
    expect(() =>
      applyEdits('abcdef', [
        { range: [0, 3], text: 'X' },
        { range: [2, 4], text: 'Y' },
      ]),
    ).toThrow(RangeError);
  });
});
