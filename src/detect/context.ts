/**
 * The adapter every detector takes: the file's AST and text, a scope lookup, optional type information and the
 * options. It is built from an ESLint rule context ({@link createDetectContextFromRule}) or from a parse done by a
 * codemod ({@link createDetectContext}), so rules and codemods run the very same predicates.
 */
import { isAbsolute, relative } from 'node:path';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getClassifier, type SensitivityClassifier, type SensitivityOptions } from './classifier.js';

/** The part of typescript-eslint's parser services the detectors use (rules and `parseAndGenerateServices` both have it). */
export interface TypeServices {
  program: ts.Program;
  esTreeNodeToTSNodeMap: { get(key: TSESTree.Node): ts.Node | undefined };
}

/** Options shared by the detectors. Every field is optional; rules pass their own options through. */
export interface DetectOptions extends SensitivityOptions {
  /** Extra receiver names that are loggers (`audit`, `this.telemetry`). */
  extraLoggers?: readonly string[];
  /** Extra function or class names whose results are loggers (`makeLogger`). */
  extraLoggerFactories?: readonly string[];
  /** Extra receiver names that are cache clients (`store`, `this.kv`). */
  extraCacheClients?: readonly string[];
  /** Extra function or class names whose results are cache clients (`createStore`, `MyRedis`). */
  extraCacheFactories?: readonly string[];
  /** Extra function names that make a value safe to log or store (`scrub`, `hashToken`). */
  safeWrappers?: readonly string[];
  /** Also treat request bodies and `any`/`unknown`-typed objects as sensitive (strict mode). */
  checkTypes?: boolean;
}

/** What a detector needs to know about the file under analysis. */
export interface DetectContext {
  /** The whole file. */
  readonly ast: TSESTree.Program;
  /** The file's text (ranges index into it). */
  readonly text: string;
  /** The file name (relative to the working directory when linting), used for test-file and CommonJS decisions. */
  readonly filename: string;
  /** The file's absolute path when known (used to peek at modules it imports), else `''`. */
  readonly physicalFilename: string;
  /** The innermost scope of a node, `null` when no scope analysis is available. */
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope | null;
  /** The scope manager, when available (used to find free names for imports). */
  readonly scopeManager: TSESLint.Scope.ScopeManager | null;
  /** Type information, only when the file belongs to a TypeScript program. */
  readonly services: TypeServices | undefined;
  /** The program's type checker, only with type information. */
  readonly checker: ts.TypeChecker | undefined;
  /** The detector options. */
  readonly options: DetectOptions;
  /** The sensitivity classifier for `options` (cached across files). */
  readonly classifier: SensitivityClassifier;
}

/** Inputs for {@link createDetectContext}. */
export interface CreateDetectContextOptions {
  ast: TSESTree.Program;
  text: string;
  filename?: string;
  /** From `@typescript-eslint/scope-manager`'s `analyze(ast)`; without it, identifiers do not resolve. */
  scopeManager?: TSESLint.Scope.ScopeManager | null;
  /** From `parseAndGenerateServices`; only used when `program` is set. */
  services?: {
    program: ts.Program | null;
    esTreeNodeToTSNodeMap: TypeServices['esTreeNodeToTSNodeMap'];
  } | null;
  options?: DetectOptions;
}

/**
 * Builds a context from a codemod's own parse (typescript-estree `parse`/`parseAndGenerateServices` +
 * scope-manager `analyze`). Sets `parent` pointers when the parser did not (typescript-estree leaves them unset).
 */
export function createDetectContext(input: CreateDetectContextOptions): DetectContext {
  const first = input.ast.body[0];
  if (first && first.parent === undefined) simpleTraverse(input.ast, { enter() {} }, true);
  const scopeManager = input.scopeManager ?? null;
  const services = input.services?.program ? (input.services as TypeServices) : undefined;
  const options = input.options ?? {};
  return {
    ast: input.ast,
    text: input.text,
    filename: input.filename ?? '',
    physicalFilename: input.filename && isAbsolute(input.filename) ? input.filename : '',
    scopeManager,
    services,
    checker: services?.program.getTypeChecker(),
    options,
    classifier: getClassifier(options),
    getScope(node) {
      if (!scopeManager) return null;
      let current: TSESTree.Node | undefined = node;
      while (current) {
        const scope = scopeManager.acquire(current, true);
        if (scope) {
          // A function's own name and parameters live in its scope; the node itself may be a child of that function.
          return scope;
        }
        current = current.parent;
      }
      return scopeManager.globalScope;
    },
  };
}

/** Builds a context from an ESLint rule context; type information is used when the file has it. */
export function createDetectContextFromRule(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: DetectOptions = {},
): DetectContext {
  const sourceCode = context.sourceCode;
  const parserServices = sourceCode.parserServices as
    | { program?: ts.Program | null; esTreeNodeToTSNodeMap?: TypeServices['esTreeNodeToTSNodeMap'] }
    | undefined;
  const services =
    parserServices?.program && parserServices.esTreeNodeToTSNodeMap
      ? { program: parserServices.program, esTreeNodeToTSNodeMap: parserServices.esTreeNodeToTSNodeMap }
      : undefined;
  let checker: ts.TypeChecker | undefined;
  return {
    ast: sourceCode.ast,
    text: sourceCode.text,
    filename: relativeFilename(context.cwd, context.filename),
    physicalFilename: isAbsolute(context.physicalFilename) ? context.physicalFilename : '',
    scopeManager: sourceCode.scopeManager,
    services,
    get checker() {
      checker ??= services?.program.getTypeChecker();
      return checker;
    },
    options,
    classifier: getClassifier(options),
    getScope(node) {
      return sourceCode.getScope(node);
    },
  };
}

/** The file name relative to the working directory, so that folders above the project do not look like `test/`. */
function relativeFilename(cwd: string | undefined, filename: string): string {
  if (!cwd || !isAbsolute(filename)) return filename;
  const rel = relative(cwd, filename);
  return rel.startsWith('..') ? filename : rel;
}

/** The variable an identifier refers to, `null` when it is a global or cannot be resolved. */
export function resolveVariable(
  ctx: DetectContext,
  node: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  const scope = ctx.getScope(node);
  if (!scope) return null;
  const variable = ASTUtils.findVariable(scope, node.name);
  if (!variable || variable.defs.length === 0) return null;
  return variable;
}

/** Whether an identifier refers to an undeclared global of that name (e.g. `console`, not a local `console`). */
export function isGlobalReference(ctx: DetectContext, node: TSESTree.Identifier): boolean {
  const scope = ctx.getScope(node);
  if (!scope) return true;
  const variable = ASTUtils.findVariable(scope, node.name);
  return !variable || variable.defs.length === 0;
}
