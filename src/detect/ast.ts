/**
 * Small, allocation-free helpers over typescript-estree nodes shared by every detector.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** Expression wrappers that do not change the runtime value (`x as T`, `x!`, `<T>x`, `x satisfies T`, `a?.b`). */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The static string value of a string literal or a template literal without expressions, else `undefined`. */
export function getStaticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string') return n.value;
  if (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 0)
    return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * The leading constant text of a string-building expression: a string literal, the head of a template literal,
 * or the left-most literal of a `+` chain. `undefined` when the expression does not start with constant text.
 */
export function getStaticPrefix(node: TSESTree.Node): string | undefined {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string') return n.value;
  if (n.type === AST_NODE_TYPES.TemplateLiteral) return n.quasis[0]?.value.cooked ?? undefined;
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
    return getStaticPrefix(n.left);
  }
  return undefined;
}

/** The name of a property key or member property when it is static (`a.b`, `a['b']`, `{ b: 1 }`, `#b`). */
export function getStaticKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return key.name;
  }
  if (
    key.type === AST_NODE_TYPES.Literal &&
    (typeof key.value === 'string' || typeof key.value === 'number')
  ) {
    return String(key.value);
  }
  return getStaticString(key);
}

/** The static property name of a member expression (`a.b` → `b`, `a['b']` → `b`), else `undefined`. */
export function getMemberName(node: TSESTree.MemberExpression): string | undefined {
  return getStaticKeyName(node.property, node.computed);
}

/** The name a call is made through: `f()` → `f`, `a.b.f()` → `f`, else `undefined`. */
export function getCalleeName(callee: TSESTree.Node): string | undefined {
  const n = unwrapExpression(callee);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return getMemberName(n);
  return undefined;
}

/** The name of the object a method is called on (`jwt.sign()` → `jwt`), else `undefined`. */
export function getCalleeObjectName(callee: TSESTree.Node): string | undefined {
  const n = unwrapExpression(callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const obj = unwrapExpression(n.object);
  if (obj.type === AST_NODE_TYPES.Identifier) return obj.name;
  if (obj.type === AST_NODE_TYPES.MemberExpression) return getMemberName(obj);
  if (obj.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return undefined;
}

/**
 * A readable, stable name for an expression, for messages: `user.password`, `headers['x-api-key']`, `this.token`.
 * Falls back to `undefined` for expressions that have no short name.
 */
export function describeExpression(node: TSESTree.Node, depth = 0): string | undefined {
  const n = unwrapExpression(node);
  if (depth > 4) return undefined;
  switch (n.type) {
    case AST_NODE_TYPES.Identifier:
      return n.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression: {
      const object = describeExpression(n.object, depth + 1);
      const name = getMemberName(n);
      if (object === undefined || name === undefined) return name;
      if (!n.computed && n.property.type === AST_NODE_TYPES.PrivateIdentifier) return `${object}.#${name}`;
      if (!n.computed || /^[A-Za-z_$][\w$]*$/.test(name)) return `${object}.${name}`;
      return `${object}[${JSON.stringify(name)}]`;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = describeExpression(n.callee, depth + 1);
      return callee === undefined ? undefined : `${callee}()`;
    }
    default:
      return undefined;
  }
}

/** Whether the node is a function (declaration, expression or arrow). */
export function isFunctionNode(
  node: TSESTree.Node,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The innermost function or the program enclosing `node`. */
export function getEnclosingFunction(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.Program) return current;
    current = current.parent;
  }
  return node;
}

/** The class a node is inside of, if any (`this` refers to its instances in methods and fields). */
export function getEnclosingClass(
  node: TSESTree.Node,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
    // A non-arrow function rebinds `this`, but methods are how `this` reaches the class, so keep walking.
    current = current.parent;
  }
  return undefined;
}

/** `require('x')` → `'x'`, else `undefined`. */
export function getRequireSource(node: TSESTree.Node): string | undefined {
  const n = unwrapExpression(node);
  if (
    n.type === AST_NODE_TYPES.CallExpression &&
    n.callee.type === AST_NODE_TYPES.Identifier &&
    n.callee.name === 'require' &&
    n.arguments.length === 1
  ) {
    return getStaticString(n.arguments[0]);
  }
  return undefined;
}

/**
 * The module a `require` chain starts from: `require('x')`, `require('x')('app')`, `require('x').default`,
 * `require('x').createClient()` → `'x'`; else `undefined`.
 */
export function getRequireChainSource(node: TSESTree.Node): string | undefined {
  let current = unwrapExpression(node);
  for (let i = 0; i < 5; i++) {
    const direct = getRequireSource(current);
    if (direct !== undefined) return direct;
    if (current.type === AST_NODE_TYPES.CallExpression) current = unwrapExpression(current.callee);
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrapExpression(current.object);
    else if (current.type === AST_NODE_TYPES.AwaitExpression) current = unwrapExpression(current.argument);
    else return undefined;
  }
  return undefined;
}

/** Whether a statement always leaves the enclosing block (`return`, `throw`, `continue`, `break`, or a block ending so). */
export function alwaysExits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && alwaysExits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return (
        statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate)
      );
    default:
      return false;
  }
}

/** Whether two expressions are written the same way (same identifiers and static member names). */
export function isSameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const x = unwrapExpression(a);
  const y = unwrapExpression(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) return x.name === y.name;
  if (x.type === AST_NODE_TYPES.ThisExpression && y.type === AST_NODE_TYPES.ThisExpression) return true;
  if (x.type === AST_NODE_TYPES.MemberExpression && y.type === AST_NODE_TYPES.MemberExpression) {
    if (x.computed !== y.computed) return false;
    const xn = getMemberName(x);
    if (xn === undefined) {
      return x.computed && isSameReference(x.property, y.property) && isSameReference(x.object, y.object);
    }
    return xn === getMemberName(y) && isSameReference(x.object, y.object);
  }
  return false;
}

/** A type a file declares at its top level: an interface, a type alias or a class. */
export type TypeDeclaration =
  TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | TSESTree.ClassDeclaration;

const typeDeclarationsCache = new WeakMap<TSESTree.Program, ReadonlyMap<string, TypeDeclaration>>();

/**
 * The interfaces, type aliases and classes a program declares at its top level, exported or not, by name (the first
 * of a name wins); the default-exported one also under `default`. Computed once per program.
 */
export function topLevelTypeDeclarations(program: TSESTree.Program): ReadonlyMap<string, TypeDeclaration> {
  const cached = typeDeclarationsCache.get(program);
  if (cached) return cached;
  const declarations = new Map<string, TypeDeclaration>();
  for (const raw of program.body) {
    const statement =
      (raw.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        raw.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      raw.declaration
        ? raw.declaration
        : raw;
    if (
      (statement.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
        statement.type === AST_NODE_TYPES.TSTypeAliasDeclaration ||
        statement.type === AST_NODE_TYPES.ClassDeclaration) &&
      statement.id
    ) {
      if (!declarations.has(statement.id.name)) declarations.set(statement.id.name, statement);
      if (raw.type === AST_NODE_TYPES.ExportDefaultDeclaration && !declarations.has('default'))
        declarations.set('default', statement);
    }
  }
  typeDeclarationsCache.set(program, declarations);
  return declarations;
}
