/**
 * encrypt-cache across files: a cache client imported from another file of the project is wrapped in
 * `secureCache(...)` where that file creates and exports it, so every importer's reads and writes stay as they are.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  CACHE_WRITE_METHODS,
  createDetectContextFromRule,
  isCacheCreation,
  isSecureCacheCall,
} from 'eslint-plugin-secure-migrate/detect';
import { parseSource } from './parser.js';

/** Where a client used in a file comes from: `import { redis } from './db.js'` → `{ source: './db.js', imported: 'redis' }`. */
export interface ClientImport {
  source: string;
  /** The exported name (`default` for a default import). */
  imported: string;
}

type WithParent = TSESTree.Node & { parent?: TSESTree.Node };

/** The identifier a receiver chain starts from: `redis` in `redis.pipeline().set(...)`. */
function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current: TSESTree.Node = node;
  for (;;) {
    if (current.type === 'Identifier') return current;
    if (current.type === 'MemberExpression') current = current.object;
    else if (current.type === 'CallExpression') current = current.callee;
    else if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression')
      current = current.expression;
    else return undefined;
  }
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** The relative import a write's client comes from, when the client is a module-level import of this file. */
export function clientImportOf(
  write: TSESTree.CallExpression,
  ast: TSESTree.Program,
): ClientImport | undefined {
  if (write.callee.type !== 'MemberExpression') return undefined;
  const root = rootIdentifier(write.callee.object);
  if (!root) return undefined;
  for (const statement of ast.body) {
    if (statement.type === 'ImportDeclaration' && isRelative(String(statement.source.value))) {
      for (const spec of statement.specifiers) {
        if (spec.local.name !== root.name) continue;
        if (spec.type === 'ImportDefaultSpecifier')
          return { source: String(statement.source.value), imported: 'default' };
        if (spec.type === 'ImportSpecifier' && spec.imported.type === 'Identifier') {
          return { source: String(statement.source.value), imported: spec.imported.name };
        }
      }
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const init = d.init;
        if (
          !init ||
          init.type !== 'CallExpression' ||
          init.callee.type !== 'Identifier' ||
          init.callee.name !== 'require'
        )
          continue;
        const arg = init.arguments[0];
        if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string' || !isRelative(arg.value))
          continue;
        if (d.id.type !== 'ObjectPattern') continue;
        for (const prop of d.id.properties) {
          if (
            prop.type === 'Property' &&
            prop.key.type === 'Identifier' &&
            prop.value.type === 'Identifier' &&
            prop.value.name === root.name
          ) {
            return { source: arg.value, imported: prop.key.name };
          }
        }
      }
    }
  }
  return undefined;
}

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Resolves a relative specifier to a file, as TypeScript does for `./db.js` → `./db.ts`. */
export function resolveRelativeImport(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [
    base,
    ...RESOLVE_EXTENSIONS.map((ext) => `${stem}${ext}`),
    ...RESOLVE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The key naming one exported client in {@link RunRulesOptions.securedClients}. */
export function clientKey(file: string, exportName: string): string {
  return `${path.resolve(file)}#${exportName}`;
}

function exportedInit(ast: TSESTree.Program, exportName: string): TSESTree.Expression | undefined {
  const localInit = (local: string): TSESTree.Expression | undefined => {
    for (const statement of ast.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const d of declaration.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === local && d.init) return d.init;
      }
    }
    return undefined;
  };
  for (const statement of ast.body) {
    if (exportName === 'default' && statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') return localInit(declaration.name);
      if (declaration.type.endsWith('Expression')) return declaration as TSESTree.Expression;
      return undefined;
    }
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration?.type === 'VariableDeclaration') {
        for (const d of statement.declaration.declarations) {
          if (d.id.type === 'Identifier' && d.id.name === exportName && d.init) return d.init;
        }
      }
      if (!statement.source) {
        for (const spec of statement.specifiers) {
          const exported =
            spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
          if (exported === exportName && spec.local.type === 'Identifier') return localInit(spec.local.name);
        }
      }
    }
  }
  return undefined;
}

/** What {@link exportedClientRule} found for each requested export. */
export type ExportedClientState = 'wrapped' | 'secure';

/**
 * A rule for the cross-file pass: reports the creation of each requested exported cache client
 * (`export const redis = new Redis(...)`) with the suggestion to wrap it in `secureCache(...)`, and records in
 * `found` which exports are (or will be) secure. Exports that are not cache creations are left out.
 */
export function exportedClientRule(
  exportNames: readonly string[],
  found: Map<string, ExportedClientState>,
): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      hasSuggestions: true,
      schema: [],
      messages: {
        wrap: 'This cache client stores sensitive values (written in files that import it) in plaintext.',
        wrapSuggestion: 'Wrap it in secureCache(...) where it is created.',
      },
    },
    create(context) {
      const ctx = createDetectContextFromRule(context as never);
      return {
        'Program:exit'(program: unknown) {
          const ast = program as TSESTree.Program;
          for (const name of exportNames) {
            const init = exportedInit(ast, name);
            if (!init) continue;
            if (isSecureCacheCall(init)) {
              found.set(name, 'secure');
              continue;
            }
            if (!isCacheCreation(ctx, init)) continue;
            found.set(name, 'wrapped');
            const text = context.sourceCode.getText(init as never);
            context.report({
              node: init as never,
              messageId: 'wrap',
              suggest: [
                {
                  messageId: 'wrapSuggestion',
                  fix: (fixer) => fixer.replaceText(init as never, `secureCache(${text})`),
                },
              ],
            });
          }
        },
      };
    },
  };
}

/** The cache write call a finding's node (a written value) belongs to. */
export function enclosingCacheWrite(node: TSESTree.Node | undefined): TSESTree.CallExpression | undefined {
  for (
    let current = (node as WithParent | undefined)?.parent as WithParent | undefined;
    current;
    current = current.parent as WithParent | undefined
  ) {
    if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
      const property = current.callee.property;
      const method = property.type === 'Identifier' ? property.name : undefined;
      if (method && CACHE_WRITE_METHODS.has(method)) return current;
    }
    if (current.type.endsWith('Statement') || current.type.includes('Function')) break;
  }
  return undefined;
}

const secureOnDisk = new Map<string, { mtimeMs: number; secure: boolean }>();

/**
 * Whether `file` exports `exportName` as a `secureCache(...)` call (read from disk, cached by modification
 * time): then the importers' writes are already encrypted.
 */
export function isExportedSecureClient(file: string, exportName: string): boolean {
  const key = clientKey(file, exportName);
  try {
    const { mtimeMs } = statSync(file);
    const cached = secureOnDisk.get(key);
    if (cached && cached.mtimeMs === mtimeMs) return cached.secure;
    const init = exportedInit(parseSource(readFileSync(file, 'utf8'), file), exportName);
    const secure = Boolean(init && isSecureCacheCall(init));
    secureOnDisk.set(key, { mtimeMs, secure });
    return secure;
  } catch {
    return false;
  }
}
