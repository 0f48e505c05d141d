import { parse } from '@typescript-eslint/typescript-estree';
import { analyze } from '@typescript-eslint/scope-manager';
import { ensureImports, type EnsureImportsOptions, type TextEdit } from '../../src/detect/imports.js';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  }
  return out;
}

function run(code: string, names: string[], options: EnsureImportsOptions = {}, withScope = false) {
  const ast = parse(code, { range: true, loc: true, comment: true });
  const scopeManager = withScope ? analyze(ast, { sourceType: 'module' }) : null;
  const result = ensureImports(ast, code, names, { ...options, scopeManager });
  return { ...result, output: apply(code, result.edits) };
}

describe('ensureImports', () => {
  it('adds an ESM import after the last import', () => {
    const { output, names } = run('import a from \'a\';\nimport { b } from "b";\n\nuse(a, b);\n', [
      'secureCache',
    ]);
    expect(output).toBe(
      "import a from 'a';\nimport { b } from \"b\";\nimport { secureCache } from '@secure-migrate/runtime';\n\nuse(a, b);\n",
    );
    expect(names).toEqual({ secureCache: 'secureCache' });
  });

  it('adds the import below a comment that ends the line of the last import or directive', () => {
    expect(run('import logger from "./logger";  // the logger\n\nuse(logger);\n', ['getSecret']).output).toBe(
      'import logger from "./logger";  // the logger\nimport { getSecret } from "@secure-migrate/runtime";\n\nuse(logger);\n',
    );
    expect(
      run("'use strict'; /* strict */\nconst a = 1;\n", ['getSecret'], { moduleStyle: 'cjs' }).output,
    ).toBe(
      "'use strict'; /* strict */\nconst { getSecret } = require('@secure-migrate/runtime');\nconst a = 1;\n",
    );
    // A comment on the next line belongs to what follows it.
    expect(run("import a from 'a';\n// about x\nx(a);\n", ['getSecret']).output).toBe(
      "import a from 'a';\nimport { getSecret } from '@secure-migrate/runtime';\n// about x\nx(a);\n",
    );
  });

  it('merges into an existing value import and keeps a trailing comma', () => {
    expect(run("import { secureAssign } from '@secure-migrate/runtime';\nx();", ['secureSet']).output).toBe(
      "import { secureAssign, secureSet } from '@secure-migrate/runtime';\nx();",
    );
    expect(
      run("import {\n  secureAssign,\n} from '@secure-migrate/runtime';\nx();", ['secureSet']).output,
    ).toBe("import {\n  secureAssign, secureSet,\n} from '@secure-migrate/runtime';\nx();");
    expect(run("import rt from '@secure-migrate/runtime';\nx();", ['secureSet']).output).toBe(
      "import rt, { secureSet } from '@secure-migrate/runtime';\nx();",
    );
  });

  it('reuses existing bindings, aliases included, and is idempotent', () => {
    const code = "import { sanitizeForLogging as clean } from '@secure-migrate/runtime';\nx();";
    const first = run(code, ['sanitizeForLogging']);
    expect(first.edits).toEqual([]);
    expect(first.names).toEqual({ sanitizeForLogging: 'clean' });
    const ns = run("import * as rt from '@secure-migrate/runtime';\nx();", ['secureCache']);
    expect(ns.edits).toEqual([]);
    expect(ns.names).toEqual({ secureCache: 'rt.secureCache' });
    const added = run('x();', ['secureCache', 'encryptForCache']);
    expect(run(added.output, ['secureCache', 'encryptForCache']).edits).toEqual([]);
  });

  it('does not reuse `import type`, and adds a value import beside it', () => {
    const code = "import type { SecureCacheOptions } from '@secure-migrate/runtime';\nx();";
    expect(run(code, ['secureCache']).output).toBe(
      "import type { SecureCacheOptions } from '@secure-migrate/runtime';\nimport { secureCache } from '@secure-migrate/runtime';\nx();",
    );
  });

  it('aliases on a name conflict, in any scope when scope analysis is given', () => {
    expect(run('const secureCache = 1;\nx(secureCache);', ['secureCache']).output).toBe(
      "import { secureCache as secureCache_1 } from '@secure-migrate/runtime';\nconst secureCache = 1;\nx(secureCache);",
    );
    const nested = run('function f(secureCache) { return secureCache; }', ['secureCache'], {}, true);
    expect(nested.names).toEqual({ secureCache: 'secureCache_1' });
  });

  it('writes CommonJS for require-style files and .cjs files, after the requires and `use strict`', () => {
    expect(run("'use strict';\nconst x = require('x');\n\nx();", ['secureCache']).output).toBe(
      "'use strict';\nconst x = require('x');\nconst { secureCache } = require('@secure-migrate/runtime');\n\nx();",
    );
    expect(run("'use strict';\nmodule.exports = 1;", ['secureCache']).output).toBe(
      "'use strict';\nconst { secureCache } = require('@secure-migrate/runtime');\nmodule.exports = 1;",
    );
    expect(run('x();', ['secureCache'], { filename: 'a.cjs' }).output).toBe(
      "const { secureCache } = require('@secure-migrate/runtime');\nx();",
    );
    expect(
      run("const { secureAssign } = require('@secure-migrate/runtime');\nx();", ['secureSet']).output,
    ).toBe("const { secureAssign, secureSet } = require('@secure-migrate/runtime');\nx();");
  });

  it('keeps a header comment first and a JSDoc block with its statement', () => {
    expect(run('// Copyright header\n\nconst a = 1;', ['secureCache']).output).toBe(
      "// Copyright header\n\nimport { secureCache } from '@secure-migrate/runtime';\nconst a = 1;",
    );
    expect(run('#!/usr/bin/env node\n/** Docs. */\nexport function f() {}', ['secureCache']).output).toBe(
      "#!/usr/bin/env node\nimport { secureCache } from '@secure-migrate/runtime';\n/** Docs. */\nexport function f() {}",
    );
    expect(run('const a = 1;\n\n/** Docs. */\nexport function f() {}', ['secureCache']).output).toBe(
      "import { secureCache } from '@secure-migrate/runtime';\nconst a = 1;\n\n/** Docs. */\nexport function f() {}",
    );
  });

  it('follows the file: semicolons, quotes and a custom module specifier', () => {
    expect(run('import a from "a"\nx()', ['secureCache'], { source: '#rt' }).output).toBe(
      'import a from "a"\nimport { secureCache } from "#rt"\nx()',
    );
    expect(run('', ['secureCache']).output).toBe("import { secureCache } from '@secure-migrate/runtime';\n");
  });
});
