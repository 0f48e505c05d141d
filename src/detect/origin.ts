/**
 * Where a value comes from, syntactically: the initializer of the variable or class field an expression reads,
 * the type annotation or decorators it was declared with, or the module it was imported from.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  getEnclosingClass,
  getMemberName,
  getRequireSource,
  getStaticKeyName,
  unwrapExpression,
} from './ast.js';
import { resolveVariable, type DetectContext } from './context.js';

/** How a binding was declared. All fields are optional: a parameter has no `init`, a field may have both. */
export interface Origin {
  /** The initializer (or the right-hand side of the one assignment to it). */
  init?: TSESTree.Expression;
  /** The written type annotation. */
  typeAnnotation?: TSESTree.TypeNode;
  /** Decorators on the field or constructor parameter (`@Inject(CACHE_MANAGER)`). */
  decorators?: readonly TSESTree.Decorator[];
  /** The import it came from: module specifier and imported name (`'default'`, `'*'` or a named export). */
  imported?: { source: string; name: string };
  /** The declaration kind for variables (`const`, `let`, `var`), `undefined` otherwise. */
  kind?: 'const' | 'let' | 'var' | 'using' | 'await using';
  /** The declaring node (variable declarator, parameter, class field…). */
  node: TSESTree.Node;
  /** Whether the binding is a `for`/`for…of`/`for…in` loop variable, and of which loop. */
  loop?: TSESTree.ForStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement;
}

/** The origin of an identifier or `this.field` expression, `undefined` when it cannot be found in this file. */
export function getOrigin(ctx: DetectContext, expression: TSESTree.Node): Origin | undefined {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return getIdentifierOrigin(ctx, node);
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    unwrapExpression(node.object).type === AST_NODE_TYPES.ThisExpression
  ) {
    const name = getMemberName(node);
    const cls = getEnclosingClass(node);
    if (name !== undefined && cls) return getClassMemberOrigin(cls, name);
  }
  return undefined;
}

function getIdentifierOrigin(ctx: DetectContext, node: TSESTree.Identifier): Origin | undefined {
  const variable = resolveVariable(ctx, node);
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  switch (def.type) {
    case 'ImportBinding': {
      const spec = def.node;
      const decl = def.parent;
      if (decl.type !== AST_NODE_TYPES.ImportDeclaration) return { node: spec };
      const source = decl.source.value;
      let name = 'default';
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) name = '*';
      else if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
        name =
          spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
      }
      return { node: spec, imported: { source, name } };
    }
    case 'Variable': {
      const declarator = def.node;
      const declaration = declarator.parent;
      const kind = declaration.kind;
      const loopParent = declaration.parent;
      const loop =
        loopParent.type === AST_NODE_TYPES.ForStatement ||
        loopParent.type === AST_NODE_TYPES.ForOfStatement ||
        loopParent.type === AST_NODE_TYPES.ForInStatement
          ? loopParent
          : undefined;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        const init = declarator.init ?? undefined;
        const requireSource = init ? getRequireSource(init) : undefined;
        return {
          node: declarator,
          kind,
          init: init ?? singleAssignment(variable.references, node),
          typeAnnotation: declarator.id.typeAnnotation?.typeAnnotation,
          ...(requireSource !== undefined ? { imported: { source: requireSource, name: 'default' } } : {}),
          ...(loop ? { loop } : {}),
        };
      }
      // `const { createClient } = require('redis')`
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
        const requireSource = getRequireSource(declarator.init);
        if (requireSource !== undefined) {
          for (const prop of declarator.id.properties) {
            if (
              prop.type === AST_NODE_TYPES.Property &&
              prop.value.type === AST_NODE_TYPES.Identifier &&
              prop.value.name === node.name
            ) {
              const name = getStaticKeyName(prop.key, prop.computed);
              if (name !== undefined)
                return { node: declarator, kind, imported: { source: requireSource, name } };
            }
          }
        }
      }
      return { node: declarator, kind, ...(loop ? { loop } : {}) };
    }
    case 'Parameter': {
      const id = findParameterIdentifier(def.node, node.name);
      const param = id?.parent;
      // espree gives no `decorators` arrays at all; typescript-estree gives empty ones.
      const decorators =
        param?.type === AST_NODE_TYPES.TSParameterProperty ? param.decorators : id?.decorators;
      return {
        node: def.node,
        ...(id?.typeAnnotation ? { typeAnnotation: id.typeAnnotation.typeAnnotation } : {}),
        ...(decorators && decorators.length > 0 ? { decorators } : {}),
      };
    }
    case 'TSEnumName':
    case 'ClassName':
    case 'FunctionName':
    case 'TSModuleName':
    case 'Type':
    case 'ImplicitGlobalVariable':
    case 'CatchClause':
    default:
      return { node: def.node };
  }
}

function findParameterIdentifier(fn: TSESTree.Node, name: string): TSESTree.Identifier | undefined {
  if (!('params' in fn) || !Array.isArray(fn.params)) return undefined;
  for (const raw of fn.params as TSESTree.Parameter[]) {
    let param: TSESTree.Node = raw;
    if (param.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
    if (param.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
    if (param.type === AST_NODE_TYPES.Identifier && param.name === name) return param;
  }
  return undefined;
}

/** `let x; … x = init;` with exactly one write after the declaration: that write's value. */
function singleAssignment(
  references: readonly { isWrite(): boolean; writeExpr?: TSESTree.Node | null; init?: boolean }[],
  _node: TSESTree.Identifier,
): TSESTree.Expression | undefined {
  const writes = references.filter((r) => r.isWrite() && !r.init);
  if (writes.length !== 1) return undefined;
  const expr = writes[0]?.writeExpr;
  return expr && isExpression(expr) ? expr : undefined;
}

function isExpression(node: TSESTree.Node): node is TSESTree.Expression {
  return node.type !== AST_NODE_TYPES.VariableDeclarator && node.type !== AST_NODE_TYPES.AssignmentPattern;
}

/**
 * Whether a class member or parameter has decorators. typescript-estree always gives a `decorators` array; espree
 * (ESLint's default parser, for plain JavaScript) gives none, so the field may be missing at run time.
 */
function hasDecorators(node: {
  decorators?: readonly TSESTree.Decorator[] | undefined;
}): node is { decorators: TSESTree.Decorator[] } {
  return (node.decorators?.length ?? 0) > 0;
}

function getClassMemberOrigin(
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
): Origin | undefined {
  let origin: Origin | undefined;
  for (const member of cls.body.body) {
    if (
      (member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.AccessorProperty) &&
      getStaticKeyName(member.key, member.computed) === name
    ) {
      origin = {
        node: member,
        ...(member.value ? { init: member.value } : {}),
        ...(member.typeAnnotation ? { typeAnnotation: member.typeAnnotation.typeAnnotation } : {}),
        ...(hasDecorators(member) ? { decorators: member.decorators } : {}),
      };
    }
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'constructor' &&
      member.value.type === AST_NODE_TYPES.FunctionExpression
    ) {
      for (const param of member.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner =
          param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) {
          origin = {
            node: param,
            ...(inner.typeAnnotation ? { typeAnnotation: inner.typeAnnotation.typeAnnotation } : {}),
            ...(hasDecorators(param) ? { decorators: param.decorators } : {}),
          };
        }
      }
      const body = member.value.body;
      if (!origin?.init && body) {
        for (const statement of body.body) {
          if (
            statement.type === AST_NODE_TYPES.ExpressionStatement &&
            statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
            statement.expression.operator === '=' &&
            statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
            statement.expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
            getMemberName(statement.expression.left) === name
          ) {
            origin = { ...(origin ?? { node: statement }), init: statement.expression.right };
          }
        }
      }
    }
  }
  return origin;
}

/** The module an identifier (or the object of a member chain) was imported or required from. */
export function getImportSource(
  ctx: DetectContext,
  node: TSESTree.Node,
): { source: string; name: string } | undefined {
  const n = unwrapExpression(node);
  const requireSource = getRequireSource(n);
  if (requireSource !== undefined) return { source: requireSource, name: 'default' };
  if (n.type === AST_NODE_TYPES.Identifier) return getOrigin(ctx, n)?.imported;
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const base = getImportSource(ctx, n.object);
    const member = getMemberName(n);
    if (base && member !== undefined && (base.name === '*' || base.name === 'default')) {
      return { source: base.source, name: member === 'default' ? 'default' : member };
    }
  }
  return undefined;
}

/** The name of the type written in an annotation (`Redis`, `Cache`, `winston.Logger` → `Logger`), else `undefined`. */
export function getAnnotationTypeName(type: TSESTree.TypeNode | undefined): string | undefined {
  if (!type || type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}
