/**
 * Ensures `import { names } from '<module>'` exists, as the minimal text edits on the original source: merged into
 * an existing value import of that module, reusing bindings that are already there (also `import * as rt` and
 * `const rt = require(...)`), aliased when a name is taken, and in the file's module style (ESM or CommonJS).
 * Shared by the rules' suggestion fixers and the codemods, so both produce the same import.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getRequireChainSource, getRequireSource, getStaticKeyName } from './ast.js';

/** A text replacement on the original source (an insertion when the range is empty). */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** Options for {@link ensureImports}. */
export interface EnsureImportsOptions {
  /** Module specifier to import from (default `'@secure-migrate/runtime'`). */
  source?: string;
  /** File name: its extension and nearest package.json `type` decide the module style (see {@link detectModuleStyle}). */
  filename?: string;
  /** Scope analysis of the file, to find names that are taken in any scope; without it, top-level declarations are scanned. */
  scopeManager?: TSESLint.Scope.ScopeManager | null;
  /** Force a module style; by default {@link detectModuleStyle} decides. */
  moduleStyle?: 'esm' | 'cjs';
}

/** The result of {@link ensureImports}. */
export interface EnsureImportsResult {
  /** Edits to apply (empty when everything is already imported). Sorted, non-overlapping. */
  edits: TextEdit[];
  /** How to refer to each requested name in code: `secureCache`, `secureCache_1` or `rt.secureCache`. */
  names: Record<string, string>;
}

/** The default runtime module specifier. */
export const DEFAULT_RUNTIME_IMPORT = '@secure-migrate/runtime';

/**
 * Computes the edits that make `names` available from `options.source` in the file `program`/`text`.
 * Calling it again on the edited file returns no edits (idempotent).
 */
export function ensureImports(
  program: TSESTree.Program,
  text: string,
  names: readonly string[],
  options: EnsureImportsOptions = {},
): EnsureImportsResult {
  const source = options.source ?? DEFAULT_RUNTIME_IMPORT;
  const result: Record<string, string> = {};
  const missing: string[] = [];
  const style = options.moduleStyle ?? detectModuleStyle(program, options.filename);
  const existing = findExistingBindings(program, source);

  for (const name of names) {
    const local = existing.named.get(name);
    if (local !== undefined) result[name] = local;
    else if (existing.namespace !== undefined) result[name] = `${existing.namespace}.${name}`;
    else if (!missing.includes(name)) missing.push(name);
  }
  if (missing.length === 0) return { edits: [], names: result };

  const taken = collectTakenNames(program, options.scopeManager ?? null);
  const specifiers: string[] = [];
  for (const name of missing) {
    let local = name;
    for (let i = 1; taken.has(local); i++) local = `${name}_${i}`;
    taken.add(local);
    result[name] = local;
    if (style === 'cjs') specifiers.push(local === name ? name : `${name}: ${local}`);
    else specifiers.push(local === name ? name : `${name} as ${local}`);
  }

  const quote = detectQuote(program, text);
  const semi = detectSemicolon(program, text);

  // Merge into an existing declaration of the same module.
  if (style === 'esm' && existing.esmDeclaration) {
    return { edits: [mergeIntoImport(existing.esmDeclaration, text, specifiers)], names: result };
  }
  if (style === 'cjs' && existing.cjsPattern) {
    return { edits: [mergeIntoPattern(existing.cjsPattern, text, specifiers)], names: result };
  }

  const statement =
    style === 'cjs'
      ? `const { ${specifiers.join(', ')} } = require(${quote}${source}${quote})${semi}`
      : `import { ${specifiers.join(', ')} } from ${quote}${source}${quote}${semi}`;
  return { edits: [insertStatement(program, text, statement, style)], names: result };
}

/** ESLint fixer adapter: the fixes for {@link ensureImports}, to return alongside the site's own fix. */
export function ensureImportsFixes(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: readonly string[],
  options: EnsureImportsOptions = {},
): { fixes: TSESLint.RuleFix[]; names: Record<string, string> } {
  const { edits, names: locals } = ensureImports(sourceCode.ast, sourceCode.text, names, {
    scopeManager: sourceCode.scopeManager,
    ...options,
  });
  return { fixes: edits.map((e) => fixer.replaceTextRange(e.range, e.text)), names: locals };
}

/**
 * The module format a file has, as Node decides it: `.mjs`/`.mts` are ES modules and `.cjs` CommonJS whatever
 * they contain; otherwise the syntax the file already uses wins (`import`/`export` → `'esm'`; top-level
 * `require(...)`, `module.exports` or `exports.x` without any `import`/`export` → `'cjs'`), so one file never
 * mixes the two. A file with neither: TypeScript files (`.ts`, `.tsx`, `.cts`) use `import`, which TypeScript
 * compiles to `require` where the file is CommonJS; `.js` files follow the `type` of the nearest package.json
 * (`"module"` → `'esm'`, else `'cjs'`, as Node does); `.jsx` files and unnamed sources use `import`.
 */
export function detectModuleStyle(program: TSESTree.Program, filename = ''): 'esm' | 'cjs' {
  if (/\.m[jt]s$/i.test(filename)) return 'esm';
  if (/\.cjs$/i.test(filename)) return 'cjs';
  const syntax = syntaxModuleStyle(program);
  if (syntax) return syntax;
  if (/\.js$/i.test(filename)) return nearestPackageType(filename) === 'module' ? 'esm' : 'cjs';
  return 'esm';
}

/** The module format a file's own top-level syntax shows, or undefined when it shows none. */
export function syntaxModuleStyle(program: TSESTree.Program): 'esm' | 'cjs' | undefined {
  let usesRequire = false;
  for (const statement of program.body) {
    if (
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration
    ) {
      return 'esm';
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      if (statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) usesRequire = true;
    } else if (statement.type === AST_NODE_TYPES.TSExportAssignment) {
      usesRequire = true;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      if (statement.declarations.some((d) => d.init && getRequireChainSource(d.init) !== undefined))
        usesRequire = true;
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = statement.expression;
      if (getRequireChainSource(expression) !== undefined) usesRequire = true;
      if (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.left.type === AST_NODE_TYPES.MemberExpression &&
        isCommonJsExportsObject(expression.left.object)
      ) {
        usesRequire = true;
      }
    }
  }
  return usesRequire ? 'cjs' : undefined;
}

/** `module`, `exports` or `module.exports` (the left side of `module.exports = …`, `exports.a = …`). */
function isCommonJsExportsObject(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'module' || node.name === 'exports';
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === 'exports'
  );
}

const packageTypes = new Map<string, string | null>();

/**
 * The `type` field of the package.json nearest to a file (`'module'`, `'commonjs'`), or undefined when that
 * package.json has none or there is none. Read once per directory.
 */
export function nearestPackageType(filename: string): string | undefined {
  const visited: string[] = [];
  let result: string | null = null;
  for (let dir = path.dirname(path.resolve(filename)); ; dir = path.dirname(dir)) {
    const cached = packageTypes.get(dir);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    visited.push(dir);
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        result = typeof type === 'string' ? type : null;
      } catch {
        result = null;
      }
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of visited) packageTypes.set(dir, result);
  return result ?? undefined;
}

interface ExistingBindings {
  named: Map<string, string>;
  namespace: string | undefined;
  esmDeclaration: TSESTree.ImportDeclaration | undefined;
  cjsPattern: TSESTree.ObjectPattern | undefined;
}

function findExistingBindings(program: TSESTree.Program, source: string): ExistingBindings {
  const found: ExistingBindings = {
    named: new Map(),
    namespace: undefined,
    esmDeclaration: undefined,
    cjsPattern: undefined,
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === source) {
      if (statement.importKind === 'type') continue;
      let mergeable = true;
      for (const spec of statement.specifiers) {
        if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
          found.namespace ??= spec.local.name;
          mergeable = false;
        } else if (spec.type === AST_NODE_TYPES.ImportSpecifier && spec.importKind !== 'type') {
          const imported =
            spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
          found.named.set(imported, spec.local.name);
        }
      }
      if (mergeable) found.esmDeclaration ??= statement;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init || getRequireSource(declarator.init) !== source) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) found.namespace ??= declarator.id.name;
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          found.cjsPattern ??= declarator.id;
          for (const prop of declarator.id.properties) {
            if (prop.type !== AST_NODE_TYPES.Property || prop.value.type !== AST_NODE_TYPES.Identifier)
              continue;
            const key = getStaticKeyName(prop.key, prop.computed);
            if (key !== undefined) found.named.set(key, prop.value.name);
          }
        }
      }
    }
  }
  return found;
}

function collectTakenNames(
  program: TSESTree.Program,
  scopeManager: TSESLint.Scope.ScopeManager | null,
): Set<string> {
  const taken = new Set<string>();
  if (scopeManager) {
    for (const scope of scopeManager.scopes as TSESLint.Scope.Scope[]) {
      for (const name of scope.set.keys()) taken.add(name);
      // Globals used without declaration (`secureCache` from a script tag) are taken too.
      for (const ref of scope.through) taken.add(ref.identifier.name);
    }
    return taken;
  }
  for (const statement of program.body) collectDeclaredNames(statement, taken);
  return taken;
}

function collectDeclaredNames(node: TSESTree.Node, taken: Set<string>): void {
  switch (node.type) {
    case AST_NODE_TYPES.ImportDeclaration:
      for (const spec of node.specifiers) taken.add(spec.local.name);
      break;
    case AST_NODE_TYPES.VariableDeclaration:
      for (const d of node.declarations) collectPatternNames(d.id, taken);
      break;
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.TSEnumDeclaration:
      if (node.id) taken.add(node.id.name);
      break;
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      if (node.declaration) collectDeclaredNames(node.declaration, taken);
      break;
    default:
      break;
  }
}

function collectPatternNames(node: TSESTree.Node, taken: Set<string>): void {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      taken.add(node.name);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of node.properties)
        collectPatternNames(p.type === AST_NODE_TYPES.Property ? p.value : p.argument, taken);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of node.elements) if (e) collectPatternNames(e, taken);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      collectPatternNames(node.left, taken);
      break;
    case AST_NODE_TYPES.RestElement:
      collectPatternNames(node.argument, taken);
      break;
    default:
      break;
  }
}

function detectQuote(program: TSESTree.Program, text: string): string {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration)
      return text[statement.source.range[0]] === '"' ? '"' : "'";
  }
  return "'";
}

function detectSemicolon(program: TSESTree.Program, text: string): string {
  const first = program.body.find(
    (s) =>
      s.type === AST_NODE_TYPES.ImportDeclaration ||
      s.type === AST_NODE_TYPES.VariableDeclaration ||
      s.type === AST_NODE_TYPES.ExpressionStatement,
  );
  if (!first) return ';';
  return text[first.range[1] - 1] === ';' ? ';' : '';
}

function mergeIntoImport(
  declaration: TSESTree.ImportDeclaration,
  text: string,
  specifiers: string[],
): TextEdit {
  const named = declaration.specifiers.filter((s) => s.type === AST_NODE_TYPES.ImportSpecifier);
  const last = named.at(-1);
  if (last) {
    // `import { a } from 'm'` → `import { a, b } from 'm'` (after a trailing comma if there is one).
    let end = last.range[1];
    const after = text.slice(end, declaration.source.range[0]);
    const trailingComma = /^\s*,/.exec(after);
    if (trailingComma) end += trailingComma[0].length;
    return {
      range: [end, end],
      text: trailingComma ? ` ${specifiers.join(', ')},` : `, ${specifiers.join(', ')}`,
    };
  }
  const defaultSpec = declaration.specifiers.find((s) => s.type === AST_NODE_TYPES.ImportDefaultSpecifier);
  if (defaultSpec) {
    // `import rt from 'm'` → `import rt, { b } from 'm'`
    return { range: [defaultSpec.range[1], defaultSpec.range[1]], text: `, { ${specifiers.join(', ')} }` };
  }
  // `import {} from 'm'` or `import 'm'`
  const braces = text.slice(declaration.range[0], declaration.source.range[0]);
  const open = braces.indexOf('{');
  if (open >= 0) {
    const close = braces.indexOf('}', open);
    return {
      range: [declaration.range[0] + open, declaration.range[0] + close + 1],
      text: `{ ${specifiers.join(', ')} }`,
    };
  }
  return {
    range: [declaration.source.range[0], declaration.source.range[0]],
    text: `{ ${specifiers.join(', ')} } from `,
  };
}

function mergeIntoPattern(pattern: TSESTree.ObjectPattern, text: string, specifiers: string[]): TextEdit {
  const last = pattern.properties.at(-1);
  if (last) {
    let end = last.range[1];
    const trailingComma = /^\s*,/.exec(text.slice(end, pattern.range[1]));
    if (trailingComma) end += trailingComma[0].length;
    return {
      range: [end, end],
      text: trailingComma ? ` ${specifiers.join(', ')},` : `, ${specifiers.join(', ')}`,
    };
  }
  return { range: [pattern.range[0], pattern.range[1]], text: `{ ${specifiers.join(', ')} }` };
}

function isImportLike(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return true;
  if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return true;
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return (
      statement.declarations.length > 0 &&
      statement.declarations.every((d) => d.init && getRequireChainSource(d.init) !== undefined)
    );
  }
  return false;
}

/**
 * The end of the comments that follow `end` on its own line (`import logger from './logger'; // the logger`): a
 * new statement goes after them, so the comment stays with the statement it is about.
 */
function afterSameLineComments(program: TSESTree.Program, text: string, end: number): number {
  let at = end;
  for (const comment of program.comments ?? []) {
    if (comment.range[0] < at) continue;
    if (text.slice(at, comment.range[0]).includes('\n')) break;
    at = comment.range[1];
  }
  return at;
}

function insertStatement(
  program: TSESTree.Program,
  text: string,
  statement: string,
  style: 'esm' | 'cjs',
): TextEdit {
  const body = program.body;
  // After the last import (ESM) or the last top-level `require` declaration in the leading block (CJS).
  let lastImport: TSESTree.ProgramStatement | undefined;
  for (const s of body) {
    if (s.type === AST_NODE_TYPES.ImportDeclaration || (style === 'cjs' && isImportLike(s))) lastImport = s;
    else if (style === 'cjs' && lastImport) break;
    else if (isDirective(s)) continue;
    else if (style === 'esm') continue;
    else break;
  }
  if (lastImport) {
    const end = afterSameLineComments(program, text, lastImport.range[1]);
    return { range: [end, end], text: `\n${statement}` };
  }
  // After directives (`'use strict'`); else before the first statement, keeping header comments and shebang above.
  let lastDirective: TSESTree.ProgramStatement | undefined;
  for (const s of body) {
    if (isDirective(s)) lastDirective = s;
    else break;
  }
  if (lastDirective) {
    const end = afterSameLineComments(program, text, lastDirective.range[1]);
    return { range: [end, end], text: `\n${statement}` };
  }
  const first = body[0];
  if (!first) {
    const end = text.length;
    const prefix = end > 0 && !text.endsWith('\n') ? '\n' : '';
    return { range: [end, end], text: `${prefix}${statement}\n` };
  }
  // Keep a comment block attached to the first statement (JSDoc) with it, unless that block starts the file.
  let insertAt = first.range[0];
  const comments = (program.comments ?? []).filter((c) => c.range[1] <= first.range[0]);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i];
    if (!comment) break;
    const gap = text.slice(comment.range[1], insertAt);
    if (!/^[ \t]*\r?\n?[ \t]*$/.test(gap)) break;
    const before = text.slice(0, comment.range[0]);
    const isJsDoc = comment.type === AST_TOKEN_TYPES.Block && comment.value.startsWith('*');
    // The file's header comment stays first, unless it is the first statement's JSDoc.
    if (/^(?:#![^\n]*\n)?\s*$/.test(before) && !isJsDoc) break;
    insertAt = comment.range[0];
  }
  return { range: [insertAt, insertAt], text: `${statement}\n` };
}

function isDirective(statement: TSESTree.ProgramStatement): boolean {
  return statement.type === AST_NODE_TYPES.ExpressionStatement && typeof statement.directive === 'string';
}
