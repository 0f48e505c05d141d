import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from 'eslint';
import { runRules } from '../../codemods/lib/engine.js';

/** Wraps `leak(x)` in `sanitizeForLogging(...)` (a suggestion), so the engine adds the runtime import. */
const wrapLeaks: Rule.RuleModule = {
  meta: { type: 'problem', hasSuggestions: true, messages: { m: 'leak', s: 'wrap' }, schema: [] },
  create: (context) => ({
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'leak') return;
      const text = context.sourceCode.getText(node);
      context.report({
        node,
        messageId: 'm',
        suggest: [{ messageId: 's', fix: (f) => f.replaceText(node, `sanitizeForLogging(${text})`) }],
      });
    },
  }),
};

const IMPORT = "import { sanitizeForLogging } from '@secure-migrate/runtime';";
const REQUIRE = "const { sanitizeForLogging } = require('@secure-migrate/runtime');";

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-format-'));
  const packages: Record<string, string | undefined> = {
    esm: '{ "type": "module" }',
    cjs: '{ "type": "commonjs" }',
    untyped: '{ "name": "untyped" }',
    none: undefined,
  };
  for (const [dir, manifest] of Object.entries(packages)) {
    mkdirSync(path.join(root, dir, 'src'), { recursive: true });
    if (manifest) writeFileSync(path.join(root, dir, 'package.json'), manifest);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function migrate(file: string, source: string): string {
  const filePath = path.join(root, file);
  return runRules({ filePath, source, rules: [{ name: 'wrap', rule: wrapLeaks }] }).output;
}

/** The runtime import line the output starts its imports with, and whether it has the other form too. */
function runtimeLines(output: string): string[] {
  return output.split('\n').filter((l) => l.includes('@secure-migrate/runtime'));
}

describe('module format of the inserted runtime import, per file as Node decides', () => {
  const plain = 'leak(token);\n';
  const cases: [string, string, string][] = [
    ['esm/src/a.mjs', plain, IMPORT],
    ['cjs/src/a.mjs', plain, IMPORT],
    ['esm/src/a.cjs', plain, REQUIRE],
    ['esm/src/a.js', plain, IMPORT],
    ['cjs/src/a.js', plain, REQUIRE],
    ['untyped/src/a.js', plain, REQUIRE],
    ['none/src/a.js', plain, REQUIRE],
    // Existing syntax wins over the package type.
    ['esm/src/b.js', "const fs = require('fs');\nleak(fs);\nmodule.exports = {};\n", REQUIRE],
    ['esm/src/c.js', "require('dotenv').config();\nleak(token);\n", REQUIRE],
    ['esm/src/d.js', 'exports.run = () => leak(token);\n', REQUIRE],
    ['cjs/src/b.js', "import fs from 'fs';\nleak(fs);\n", IMPORT],
    ['cjs/src/c.js', 'export const run = () => leak(token);\n', IMPORT],
    // TypeScript: `import` (compiled to require where the file is CommonJS) unless the file uses require.
    ['cjs/src/a.ts', plain, IMPORT],
    ['cjs/src/a.cts', plain, IMPORT],
    ['esm/src/a.mts', plain, IMPORT],
    ['cjs/src/b.ts', "const fs = require('fs');\nleak(fs);\n", REQUIRE],
    ['cjs/src/c.ts', "import fs = require('fs');\nleak(fs);\nexport = {};\n", REQUIRE],
  ];
  for (const [file, source, expected] of cases) {
    it(`${file}: ${expected.startsWith('import') ? 'import' : 'require'}`, () => {
      const output = migrate(file, source);
      expect(runtimeLines(output)).toEqual([expected]);
      expect(output).toContain('sanitizeForLogging(leak(');
    });
  }

  it('merges into an existing require or import of the runtime and never adds the other form', () => {
    const required = migrate(
      'esm/src/e.js',
      "const { secureCache } = require('@secure-migrate/runtime');\nleak(secureCache);\n",
    );
    expect(runtimeLines(required)).toEqual([
      "const { secureCache, sanitizeForLogging } = require('@secure-migrate/runtime');",
    ]);
    const imported = migrate(
      'cjs/src/e.js',
      "import { secureCache } from '@secure-migrate/runtime';\nleak(secureCache);\n",
    );
    expect(runtimeLines(imported)).toEqual([
      "import { secureCache, sanitizeForLogging } from '@secure-migrate/runtime';",
    ]);
  });

  it('keeps a CommonJS script with no imports CommonJS: the require goes after "use strict"', () => {
    const output = migrate('untyped/src/script.js', "'use strict';\n\nleak(process.env.TOKEN);\n");
    expect(output).toBe(`'use strict';\n${REQUIRE}\n\nsanitizeForLogging(leak(process.env.TOKEN));\n`);
  });
});
