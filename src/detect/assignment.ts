/**
 * Dynamic writes: is `target[key] = value` (and `Object.assign`, `Reflect.set`, lodash `set`/`merge`…) safe?
 * A write is safe when its key is provably safe (literal, number, symbol, enum member, literal union, loop counter,
 * a `for…of` over a constant list, the target's own keys), when it is guarded (`if (key === '__proto__') return`,
 * `ALLOWED.has(key)`, `Object.hasOwn(target, key)`…), or when its target cannot be harmed (arrays, `Map`s,
 * `Object.create(null)` and empty dictionaries built in the same function). Reads, `delete` and object-literal
 * computed keys are never writes.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  getCalleeName,
  getEnclosingFunction,
  getMemberName,
  getStaticKeyName,
  getStaticString,
  isFunctionNode,
  isSameReference,
  alwaysExits,
  unwrapExpression,
} from './ast.js';
import { resolveVariable, type DetectContext } from './context.js';
import { getImportSource, getOrigin } from './origin.js';
import {
  getFiniteProperties,
  getLiteralKeys,
  getType,
  isArrayLikeType,
  isNonSecretPrimitiveType,
  isNumberLikeType,
  isStringLikeType,
  isSymbolType,
  TYPED_ARRAYS,
} from './types.js';

/** Options for {@link getUnsafeAssignment}. */
export interface AssignmentOptions {
  /** Check `Object.assign(target, source)` (default `true`). */
  checkObjectAssign?: boolean;
  /** Check lodash `set`/`setWith`/`merge`/`mergeWith`/`defaultsDeep`/`zipObjectDeep`/`update` (default `true`). */
  checkLodash?: boolean;
  /** Identifiers whose values are trusted as keys or as `Object.assign` sources (`defaults`, `config`). */
  trustedSources?: readonly string[];
}

/** What kind of dynamic write was found. */
export type UnsafeAssignmentKind =
  /** `target[key] = value` */
  | 'computed'
  /** `target[k1][k2] = value`, `target[k].x = value`: the first key can reach `Object.prototype` */
  | 'deep'
  /** `Object.assign(target, source)` with a non-literal source */
  | 'objectAssign'
  /** `Reflect.set(target, key, value)` */
  | 'reflectSet'
  /** lodash `set`/`merge`… with a non-literal path or source */
  | 'lodash';

/** An unsafe dynamic write. */
export interface UnsafeAssignment {
  kind: UnsafeAssignmentKind;
  /** The node to report. */
  node: TSESTree.Node;
  /** The assignment or call expression. */
  expression: TSESTree.AssignmentExpression | TSESTree.CallExpression;
  target: TSESTree.Node;
  /** The unsafe key (or lodash path). */
  key?: TSESTree.Node;
  value?: TSESTree.Node;
  /** `Object.assign`/`merge` sources. */
  sources?: TSESTree.Node[];
  /** The lodash function name (`set`, `merge`…). */
  method?: string;
  /** Allowed keys inferred from the target's type or declaration; `undefined` when not finite. */
  allow?: string[];
  /** The write is a whole expression statement (its value is unused), so it can be rewritten to a call. */
  isStatement: boolean;
}

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Fields an inferred allow list leaves out even when the classifier does not call them sensitive: privileges and
 * anything derived from a secret (`isAdmin`, `role`, `permissions`, `passwordHash`, `tokenVersion`, `emailVerified`).
 */
const PRIVILEGED_FIELD =
  /admin|role|permission|privilege|scope|password|passwd|secret|token|credential|verified|owner|tenant|apikey|api_key/i;
const LODASH_MODULES =
  /^(?:lodash|lodash-es|lodash\/fp|underscore)$|^lodash[./](?:set|setwith|merge|mergewith|defaultsdeep|zipobjectdeep|update|updatewith)$/i;
/** SCREAMING_CASE names (`LEVEL`, `MAX_ITEMS`, `kCallbacks` is not one). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const LODASH_PATH_METHODS = new Set(['set', 'setWith', 'update', 'updateWith']);
const LODASH_SOURCE_METHODS = new Set(['merge', 'mergeWith', 'defaultsDeep']);

/** Returns the unsafe dynamic write `node` is, or `null`. */
export function getUnsafeAssignment(
  ctx: DetectContext,
  node: TSESTree.AssignmentExpression | TSESTree.CallExpression,
  options: AssignmentOptions = {},
): UnsafeAssignment | null {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return checkAssignment(ctx, node, options);
  return checkCall(ctx, node, options);
}

function isStatement(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

function checkAssignment(
  ctx: DetectContext,
  node: TSESTree.AssignmentExpression,
  options: AssignmentOptions,
): UnsafeAssignment | null {
  // Compound assignments (`+=`, `??=`…) read the key first; `counts[k] += 1` cannot set a prototype.
  if (node.operator !== '=') return null;
  const left = unwrapExpression(node.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;

  // Deep writes: any computed member below the written one whose key is not safe can be `Object.prototype`.
  let inner = unwrapExpression(left.object);
  while (inner.type === AST_NODE_TYPES.MemberExpression) {
    if (
      inner.computed &&
      !isSafeKey(ctx, inner.property, inner, options) &&
      !isHarmlessTarget(ctx, inner.object, inner, true)
    ) {
      return {
        kind: 'deep',
        node: left,
        expression: node,
        target: inner.object,
        key: inner.property,
        value: node.right,
        isStatement: isStatement(node),
      };
    }
    inner = unwrapExpression(inner.object);
  }

  if (!left.computed) return null;
  if (isSafeKey(ctx, left.property, left, options)) return null;
  if (
    isHarmlessTarget(ctx, left.object, left, false) ||
    isPrimitiveDictionaryWrite(ctx, left.object, node.right)
  )
    return null;
  const allow = inferAllowList(ctx, left.object);
  return {
    kind: 'computed',
    node: left,
    expression: node,
    target: left.object,
    key: left.property,
    value: node.right,
    ...(allow ? { allow } : {}),
    isStatement: isStatement(node),
  };
}

function checkCall(
  ctx: DetectContext,
  node: TSESTree.CallExpression,
  options: AssignmentOptions,
): UnsafeAssignment | null {
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name === undefined) return null;
  const objectName =
    callee.type === AST_NODE_TYPES.MemberExpression &&
    unwrapExpression(callee.object).type === AST_NODE_TYPES.Identifier
      ? (unwrapExpression(callee.object) as TSESTree.Identifier).name
      : undefined;

  if (name === 'assign' && objectName === 'Object' && options.checkObjectAssign !== false) {
    const [target, ...sources] = node.arguments;
    if (!target || target.type === AST_NODE_TYPES.SpreadElement || sources.length === 0) return null;
    if (isFreshObject(target)) return null;
    const unsafe = sources.filter((s) => !isTrustedSource(ctx, s, options));
    if (unsafe.length === 0) return null;
    const allow = inferAllowList(ctx, target);
    return {
      kind: 'objectAssign',
      node,
      expression: node,
      target,
      sources,
      ...(allow ? { allow } : {}),
      isStatement: isStatement(node),
    };
  }

  if (name === 'set' && objectName === 'Reflect') {
    const [target, key, value] = node.arguments;
    if (
      !target ||
      !key ||
      target.type === AST_NODE_TYPES.SpreadElement ||
      key.type === AST_NODE_TYPES.SpreadElement
    )
      return null;
    if (isSafeKey(ctx, key, node, options) || isHarmlessTarget(ctx, target, node, false)) return null;
    if (
      value &&
      value.type !== AST_NODE_TYPES.SpreadElement &&
      isPrimitiveDictionaryWrite(ctx, target, value)
    )
      return null;
    const allow = inferAllowList(ctx, target);
    return {
      kind: 'reflectSet',
      node,
      expression: node,
      target,
      key,
      ...(value && value.type !== AST_NODE_TYPES.SpreadElement ? { value } : {}),
      ...(allow ? { allow } : {}),
      isStatement: isStatement(node),
    };
  }

  if (options.checkLodash === false || !isLodashCall(ctx, callee, name)) return null;
  const [target, second, third] = node.arguments;
  if (!target || target.type === AST_NODE_TYPES.SpreadElement) return null;
  if (LODASH_PATH_METHODS.has(name)) {
    if (!second || second.type === AST_NODE_TYPES.SpreadElement || isSafePath(ctx, second, node, options))
      return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      key: second,
      ...(third && third.type !== AST_NODE_TYPES.SpreadElement ? { value: third } : {}),
      method: name,
      isStatement: isStatement(node),
    };
  }
  if (LODASH_SOURCE_METHODS.has(name)) {
    const sources = node.arguments
      .slice(1)
      .filter(
        (s) =>
          !(
            s.type === AST_NODE_TYPES.ArrowFunctionExpression || s.type === AST_NODE_TYPES.FunctionExpression
          ),
      );
    if (sources.every((s) => isTrustedSource(ctx, s, options))) return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      sources,
      method: name,
      isStatement: isStatement(node),
    };
  }
  if (name === 'zipObjectDeep') {
    const paths = unwrapExpression(target);
    if (
      paths.type === AST_NODE_TYPES.ArrayExpression &&
      paths.elements.every((e) => e && isSafePath(ctx, e, node, options))
    )
      return null;
    return {
      kind: 'lodash',
      node,
      expression: node,
      target,
      key: target,
      method: name,
      isStatement: isStatement(node),
    };
  }
  return null;
}

function isLodashCall(ctx: DetectContext, callee: TSESTree.Node, name: string): boolean {
  if (!LODASH_PATH_METHODS.has(name) && !LODASH_SOURCE_METHODS.has(name) && name !== 'zipObjectDeep')
    return false;
  const imported = getImportSource(ctx, callee);
  if (imported) return LODASH_MODULES.test(imported.source);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(callee.object);
    return (
      object.type === AST_NODE_TYPES.Identifier &&
      (object.name === '_' || object.name === 'lodash') &&
      !getOrigin(ctx, object)
    );
  }
  return false;
}

/** A lodash path: a string without `__proto__`/`constructor`/`prototype` segments, or an array of safe keys. */
function isSafePath(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions,
): boolean {
  const node = unwrapExpression(raw);
  const text = getStaticString(node);
  if (text !== undefined) return !text.split(/[.[\]'"]+/).some((segment) => DANGEROUS_KEYS.has(segment));
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.every(
      (e) => e !== null && e.type !== AST_NODE_TYPES.SpreadElement && isSafeKey(ctx, e, site, options),
    );
  }
  return false;
}

/** `{…}` or `[]` literals (a new object whose only reference is the call's result). */
function isFreshObject(raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  return node.type === AST_NODE_TYPES.ObjectExpression || node.type === AST_NODE_TYPES.ArrayExpression;
}

function isTrustedSource(ctx: DetectContext, raw: TSESTree.Node, options: AssignmentOptions): boolean {
  const node = unwrapExpression(raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return node.properties.every(
      (p) => p.type === AST_NODE_TYPES.Property || isTrustedSource(ctx, p.argument, options),
    );
  }
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : getMemberName(node);
    if (name !== undefined && options.trustedSources?.includes(name)) return true;
    // A module constant initialised with an object literal (`const DEFAULTS = { … }`).
    const origin = getOrigin(ctx, node);
    if (
      origin?.kind === 'const' &&
      origin.init &&
      unwrapExpression(origin.init).type === AST_NODE_TYPES.ObjectExpression
    ) {
      return isTrustedSource(ctx, origin.init, options);
    }
  }
  return false;
}

/**
 * Whether `key` is provably safe as a property key at `site`: a literal, a number, a symbol, an enum member, a
 * literal union (by type or by its written annotation), a loop counter, an element of a constant list, one of the
 * target's own keys, or a key checked by a guard before the write.
 */
export function isSafeKey(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions = {},
  depth = 0,
): boolean {
  if (depth > 4) return false;
  const key = unwrapExpression(raw);
  if (isSyntacticallySafeKey(ctx, key, site, options, depth)) return true;
  const written = getType(ctx, raw);
  // `key: K` with `K extends keyof T`: judge the constraint.
  const type =
    written && ctx.checker && written.isTypeParameter()
      ? (ctx.checker.getBaseConstraintOfType(written) ?? written)
      : written;
  if (type && (isNumberLikeType(type) || isSymbolType(type) || getLiteralKeys(type) !== undefined)) {
    return getLiteralKeys(type)?.some((k) => DANGEROUS_KEYS.has(String(k))) !== true;
  }
  return isGuarded(ctx, key, site);
}

function hasNonIdentifierChar(text: string): boolean {
  return /[^\w$]/.test(text);
}

function isSyntacticallySafeKey(
  ctx: DetectContext,
  key: TSESTree.Node,
  site: TSESTree.Node,
  options: AssignmentOptions,
  depth: number,
): boolean {
  switch (key.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return (
        key.expressions.length === 0 || key.quasis.some((q) => hasNonIdentifierChar(q.value.cooked ?? ''))
      );
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression: {
      if (key.operator !== '+') return true;
      const parts = [key.left, key.right];
      return (
        parts.some((p) => {
          const s = getStaticString(p);
          return s !== undefined && hasNonIdentifierChar(s);
        }) ||
        parts.some((p) => p.type === AST_NODE_TYPES.Literal && typeof p.value === 'number') ||
        parts.every((p) => isNumericExpression(p))
      );
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(key);
      if (name === 'length' || name === 'size' || name === 'byteLength') return true;
      if (!key.computed && name !== undefined && CONSTANT_NAME.test(name)) return true;
      const object = unwrapExpression(key.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        if (object.name === 'Symbol') return true;
        const variable = resolveVariable(ctx, object);
        if (variable?.defs.some((d) => d.type === 'TSEnumName')) return true;
        if (options.trustedSources?.includes(object.name)) return true;
      }
      return false;
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(key.callee);
      return (
        name !== undefined &&
        /^(?:Symbol|for|Number|parseInt|parseFloat|indexOf|lastIndexOf|findIndex|findLastIndex|charCodeAt|codePointAt|now|floor|ceil|round|trunc|min|max|abs|random)$/.test(
          name,
        )
      );
    }
    case AST_NODE_TYPES.Identifier:
      return isSafeIdentifierKey(ctx, key, site, options, depth);
    default:
      return false;
  }
}

function isNumericExpression(raw: TSESTree.Node): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number';
  if (node.type === AST_NODE_TYPES.UpdateExpression) return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression) return node.operator !== '+';
  if (node.type === AST_NODE_TYPES.MemberExpression) return getMemberName(node) === 'length';
  return false;
}

function isSafeIdentifierKey(
  ctx: DetectContext,
  key: TSESTree.Identifier,
  site: TSESTree.Node,
  options: AssignmentOptions,
  depth: number,
): boolean {
  if (options.trustedSources?.includes(key.name)) return true;
  // `obj[LEVEL]`, `obj[FIELD_NAME]`: a key named as a constant is the programmer's choice, not input.
  if (CONSTANT_NAME.test(key.name)) return true;
  const origin = getOrigin(ctx, key);
  if (!origin) return false;
  if (origin.typeAnnotation && isSafeKeyAnnotation(ctx, origin.typeAnnotation, key, 0)) return true;
  const loop = origin.loop;
  if (loop) {
    if (loop.type === AST_NODE_TYPES.ForStatement) {
      return origin.init !== undefined && isNumericExpression(origin.init);
    }
    const right = unwrapExpression(loop.right);
    const target = getSiteTarget(site);
    if (loop.type === AST_NODE_TYPES.ForInStatement)
      return target !== undefined && isSameReference(right, target);
    // for…of over a constant list, or over the target's own keys/entries.
    if (isConstantList(ctx, right)) return true;
    if (right.type === AST_NODE_TYPES.CallExpression && target) {
      const name = getCalleeName(right.callee);
      const arg = right.arguments[0];
      if (
        (name === 'keys' || name === 'entries' || name === 'getOwnPropertyNames') &&
        arg &&
        isSameReference(arg, target)
      ) {
        return true;
      }
    }
    return false;
  }
  if (origin.kind === 'const' && origin.init) return isSafeKey(ctx, origin.init, site, options, depth + 1);
  return false;
}

/** The object written to at a write site (`target` of `target[key] = v`, first argument of `Reflect.set`). */
function getSiteTarget(site: TSESTree.Node): TSESTree.Node | undefined {
  if (site.type === AST_NODE_TYPES.MemberExpression) return site.object;
  if (site.type === AST_NODE_TYPES.CallExpression) {
    const first = site.arguments[0];
    return first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  }
  return undefined;
}

function isConstantList(ctx: DetectContext, raw: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.every((e) => {
      if (!e || e.type === AST_NODE_TYPES.SpreadElement) return false;
      const value = unwrapExpression(e);
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        // entries: `[['a', 1], ['b', 2]]`
        const first = value.elements[0];
        return (
          first !== null &&
          first !== undefined &&
          first.type === AST_NODE_TYPES.Literal &&
          !DANGEROUS_KEYS.has(String(first.value))
        );
      }
      return value.type === AST_NODE_TYPES.Literal && !DANGEROUS_KEYS.has(String(value.value));
    });
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 2) {
    const origin = getOrigin(ctx, node);
    if (origin?.kind === 'const' && origin.init) return isConstantList(ctx, origin.init, depth + 1);
  }
  return false;
}

/** A written annotation that only admits safe keys: literal unions, `keyof T`, `number`, `symbol`, enums, aliases of these. */
function isSafeKeyAnnotation(
  ctx: DetectContext,
  type: TSESTree.TypeNode,
  at: TSESTree.Node,
  depth: number,
): boolean {
  if (depth > 4) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSLiteralType:
      return type.literal.type === AST_NODE_TYPES.Literal && !DANGEROUS_KEYS.has(String(type.literal.value));
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSSymbolKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every((t) => isSafeKeyAnnotation(ctx, t, at, depth + 1));
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'keyof';
    case AST_NODE_TYPES.TSIndexedAccessType:
      // `(typeof KEYS)[number]`
      return (
        type.indexType.type === AST_NODE_TYPES.TSNumberKeyword &&
        type.objectType.type === AST_NODE_TYPES.TSTypeQuery
      );
    case AST_NODE_TYPES.TSTypeReference: {
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
      const scope = ctx.getScope(at);
      if (!scope) return false;
      let s: typeof scope | null = scope;
      while (s) {
        const variable = s.set.get(type.typeName.name);
        if (variable) {
          for (const def of variable.defs) {
            if (def.type === 'TSEnumName') return true;
            if (def.node.type === AST_NODE_TYPES.TSTypeParameter) {
              return (
                def.node.constraint !== undefined &&
                isSafeKeyAnnotation(ctx, def.node.constraint, at, depth + 1)
              );
            }
            if (def.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
              return isSafeKeyAnnotation(ctx, def.node.typeAnnotation, at, depth + 1);
            }
          }
          return false;
        }
        s = s.upper;
      }
      return false;
    }
    default:
      return false;
  }
}

/** Whether a guard before `site` checks `key` (an allow list, an own-property check or a `__proto__` deny check). */
export function isGuarded(_ctx: DetectContext, key: TSESTree.Node, site: TSESTree.Node): boolean {
  if (key.type !== AST_NODE_TYPES.Identifier && key.type !== AST_NODE_TYPES.MemberExpression) return false;
  let child: TSESTree.Node = site;
  let current: TSESTree.Node | undefined = site.parent;
  while (current) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent && testChecksKey(current.test, key)) return true;
        if (child === current.alternate && testChecksKey(current.test, key)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right && testChecksKey(current.left, key)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase: {
        const list: readonly TSESTree.Node[] =
          current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : current.body;
        for (const statement of list) {
          if (statement === child) break;
          if (
            statement.type === AST_NODE_TYPES.IfStatement &&
            alwaysExits(statement.consequent) &&
            testChecksKey(statement.test, key)
          ) {
            return true;
          }
        }
        break;
      }
      default:
        break;
    }
    if (isFunctionNode(current)) return false;
    child = current;
    current = current.parent;
  }
  return false;
}

const GUARD_FUNCTION =
  /safe|valid|allow|permit|known|white|forbid|danger|unsafe|reserved|block|deny|black|proto|pollut|own/i;

/** Whether a condition checks `key` in a way that excludes `__proto__`/`constructor` (either polarity). */
function testChecksKey(raw: TSESTree.Node, key: TSESTree.Node): boolean {
  const test = unwrapExpression(raw);
  switch (test.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return testChecksKey(test.left, key) || testChecksKey(test.right, key);
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' && testChecksKey(test.argument, key);
    case AST_NODE_TYPES.BinaryExpression: {
      const { left, right, operator } = test;
      if (left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
      if (operator === '===' || operator === '!==' || operator === '==' || operator === '!=') {
        // `key === '__proto__'`, `key !== 'constructor'`, `key === 'name'`, `typeof key === 'number'`
        const other = isSameReference(left, key) ? right : isSameReference(right, key) ? left : undefined;
        const literal = other ? getStaticString(other) : undefined;
        // Comparing with a dangerous name guards either way; with another name only `=== 'name'` pins the key.
        if (literal !== undefined && (DANGEROUS_KEYS.has(literal) || operator === '===' || operator === '=='))
          return true;
        const typeofSide = [left, right].find(
          (s) => s.type === AST_NODE_TYPES.UnaryExpression && s.operator === 'typeof',
        );
        const typeofOther = typeofSide === left ? right : left;
        if (
          typeofSide &&
          typeofSide.type === AST_NODE_TYPES.UnaryExpression &&
          isSameReference(typeofSide.argument, key)
        ) {
          // `typeof key === 'number'` / `'symbol'`; `typeof key !== 'string'` says nothing useful.
          const kind = getStaticString(typeofOther);
          return kind === 'number' || kind === 'symbol';
        }
        // `ALLOWED.indexOf(key) !== -1`
        return testChecksKey(left, key) || testChecksKey(right, key);
      }
      if (operator === '>' || operator === '>=' || operator === '<') return testChecksKey(left, key);
      return false;
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(test.callee);
      if (name === undefined) return false;
      const mentionsKey = test.arguments.some((a) => isSameReference(a, key));
      if (!mentionsKey) return false;
      if (
        name === 'has' ||
        name === 'includes' ||
        name === 'indexOf' ||
        name === 'hasOwn' ||
        name === 'hasOwnProperty'
      )
        return true;
      if (name === 'call') {
        // `Object.prototype.hasOwnProperty.call(target, key)`
        const callee = unwrapExpression(test.callee);
        return (
          callee.type === AST_NODE_TYPES.MemberExpression && getCalleeName(callee.object) === 'hasOwnProperty'
        );
      }
      return GUARD_FUNCTION.test(name);
    }
    default:
      return false;
  }
}

/**
 * Targets a dynamic write cannot harm: arrays and typed arrays, `Object.create(null)` dictionaries, and (for
 * single-level writes) empty object literals or `Record<string, …>`-annotated dictionaries declared in the same
 * function: they have no field to overwrite, and `__proto__` on them only changes that one local object.
 */
function isHarmlessTarget(
  ctx: DetectContext,
  raw: TSESTree.Node,
  site: TSESTree.Node,
  deep: boolean,
): boolean {
  const target = unwrapExpression(raw);
  const type = getType(ctx, target);
  if (type && isArrayLikeType(ctx, type)) return true;
  if (target.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (target.type === AST_NODE_TYPES.Identifier && target.name === 'arguments') return true;
  const origin = getOrigin(ctx, target);
  if (!origin) return false;
  const init = origin.init ? unwrapExpression(origin.init) : undefined;
  if (init) {
    if (init.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (init.type === AST_NODE_TYPES.NewExpression) {
      const name = getCalleeName(init.callee);
      if (name !== undefined && (TYPED_ARRAYS.has(name) || name === 'Array')) return true;
    }
    if (init.type === AST_NODE_TYPES.CallExpression) {
      const name = getCalleeName(init.callee);
      const arg = init.arguments[0];
      if (
        name === 'create' &&
        arg &&
        unwrapExpression(arg).type === AST_NODE_TYPES.Literal &&
        (unwrapExpression(arg) as TSESTree.Literal).value === null
      ) {
        return true;
      }
      if (name === 'map' || name === 'filter') return true;
      if (
        name !== undefined &&
        /^(?:from|of|alloc|allocUnsafe)$/.test(name) &&
        /^(?:Array|Buffer)$/.test(String(getCalleeObject(init.callee)))
      ) {
        return true;
      }
    }
  }
  if (origin.typeAnnotation) {
    const annotation = origin.typeAnnotation;
    if (annotation.type === AST_NODE_TYPES.TSArrayType || annotation.type === AST_NODE_TYPES.TSTupleType)
      return true;
    if (
      annotation.type === AST_NODE_TYPES.TSTypeReference &&
      annotation.typeName.type === AST_NODE_TYPES.Identifier
    ) {
      const n = annotation.typeName.name;
      if (n === 'Array' || n === 'ReadonlyArray' || TYPED_ARRAYS.has(n)) return true;
    }
  }
  if (deep) return false;
  // Dictionary building in the same function: `const counts: Record<string, number> = {}; counts[word] = …`.
  const declaredHere = getEnclosingFunction(origin.node) === getEnclosingFunction(site);
  if (!declaredHere || origin.kind === undefined) return false;
  if (init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.length === 0) return true;
  return false;
}

const PRIMITIVE_KEYWORDS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
]);

function isPrimitiveTypeNode(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (PRIMITIVE_KEYWORDS.has(type.type) || type.type === AST_NODE_TYPES.TSLiteralType) return true;
  return type.type === AST_NODE_TYPES.TSUnionType && type.types.every((t) => isPrimitiveTypeNode(t));
}

/**
 * A dictionary of primitives (`Record<string, string>`, `{ [k: string]: number }`) receiving a primitive: it has no
 * fixed field to overwrite, and `__proto__ = 'text'` is ignored by JavaScript.
 */
function isPrimitiveDictionaryWrite(
  ctx: DetectContext,
  rawTarget: TSESTree.Node,
  value: TSESTree.Node,
): boolean {
  const type = getType(ctx, rawTarget);
  const checker = ctx.checker;
  if (type && checker) {
    if (checker.getIndexInfosOfType(type).length === 0 || checker.getPropertiesOfType(type).length > 0)
      return false;
    const valueType = getType(ctx, value);
    const parts = valueType ? (valueType.isUnion() ? valueType.types : [valueType]) : [];
    return parts.length > 0 && parts.every((t) => isNonSecretPrimitiveType(t) || isStringLikeType(t));
  }
  const origin = getOrigin(ctx, rawTarget);
  const annotation = origin?.typeAnnotation;
  if (!annotation) return false;
  if (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Record'
  ) {
    const [keyType, valueType] = annotation.typeArguments?.params ?? [];
    return keyType?.type === AST_NODE_TYPES.TSStringKeyword && isPrimitiveTypeNode(valueType);
  }
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) {
    return (
      annotation.members.length > 0 &&
      annotation.members.every(
        (m) =>
          m.type === AST_NODE_TYPES.TSIndexSignature && isPrimitiveTypeNode(m.typeAnnotation?.typeAnnotation),
      )
    );
  }
  return false;
}

function getCalleeObject(callee: TSESTree.Node): string | undefined {
  const n = unwrapExpression(callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrapExpression(n.object);
  return object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
}

/**
 * The keys a target may legitimately receive, when finite: the writable, non-sensitive properties of its type
 * (with type information), of its written annotation (an interface or type literal in this file), or of the object
 * literal it was initialised with. Sensitive names and privilege fields (`isAdmin`, `role`, `passwordHash`) are left
 * out: a reviewer adds them back on purpose.
 */
export function inferAllowList(ctx: DetectContext, rawTarget: TSESTree.Node): string[] | undefined {
  const target = unwrapExpression(rawTarget);
  const type = getType(ctx, rawTarget);
  let names: string[] | undefined;
  if (type) names = getFiniteProperties(ctx, type);
  else {
    const origin = getOrigin(ctx, target);
    if (origin?.typeAnnotation) names = getAnnotationKeys(ctx, origin.typeAnnotation, target);
    const init = origin?.init ? unwrapExpression(origin.init) : undefined;
    if (!names && init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.length > 0) {
      const keys: string[] = [];
      for (const p of init.properties) {
        if (p.type !== AST_NODE_TYPES.Property) return undefined;
        const k = getStaticKeyName(p.key, p.computed);
        if (k === undefined) return undefined;
        keys.push(k);
      }
      names = keys;
    }
  }
  if (!names) return undefined;
  const allowed = names.filter(
    (n) => !DANGEROUS_KEYS.has(n) && !PRIVILEGED_FIELD.test(n) && ctx.classifier.classifyName(n) === null,
  );
  return allowed.length > 0 ? allowed : undefined;
}

function getAnnotationKeys(
  ctx: DetectContext,
  annotation: TSESTree.TypeNode,
  at: TSESTree.Node,
): string[] | undefined {
  const members = getTypeMembers(ctx, annotation, at);
  if (!members) return undefined;
  const keys: string[] = [];
  for (const m of members) {
    if (m.type === AST_NODE_TYPES.TSPropertySignature) {
      if (m.readonly) continue;
      const k = getStaticKeyName(m.key, m.computed);
      if (k === undefined) return undefined;
      keys.push(k);
    } else if (m.type === AST_NODE_TYPES.TSIndexSignature) {
      return undefined;
    }
  }
  return keys.length > 0 ? keys : undefined;
}

function getTypeMembers(
  ctx: DetectContext,
  annotation: TSESTree.TypeNode,
  at: TSESTree.Node,
): TSESTree.TypeElement[] | undefined {
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) return annotation.members;
  if (
    annotation.type !== AST_NODE_TYPES.TSTypeReference ||
    annotation.typeName.type !== AST_NODE_TYPES.Identifier
  )
    return undefined;
  let scope = ctx.getScope(at);
  while (scope) {
    const variable = scope.set.get(annotation.typeName.name);
    if (variable) {
      for (const def of variable.defs) {
        const node = def.node;
        if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration && node.extends.length === 0)
          return node.body.body;
        if (
          node.type === AST_NODE_TYPES.TSTypeAliasDeclaration &&
          node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral
        ) {
          return node.typeAnnotation.members;
        }
      }
      return undefined;
    }
    scope = scope.upper;
  }
  return undefined;
}
