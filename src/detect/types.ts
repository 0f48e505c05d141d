/**
 * Type-information helpers. Every function returns `undefined` (meaning "unknown, fall back to syntax") when the
 * file has no type information, so callers never need to branch on it.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import type { DetectContext } from './context.js';

/** The type of an expression, or `undefined` without type information. */
export function getType(ctx: DetectContext, node: TSESTree.Node): ts.Type | undefined {
  const services = ctx.services;
  const checker = ctx.checker;
  if (!services || !checker) return undefined;
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  if (!tsNode) return undefined;
  return checker.getTypeAtLocation(tsNode);
}

const PRIMITIVE_SAFE =
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Null |
  ts.TypeFlags.Void |
  ts.TypeFlags.Never;

/** Whether every constituent of a type is a number, boolean, bigint, null or undefined (values that cannot hold a secret). */
export function isNonSecretPrimitiveType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isNonSecretPrimitiveType);
  return (type.flags & PRIMITIVE_SAFE) !== 0;
}

/** Whether a type is `any` or `unknown`. */
export function isAnyOrUnknown(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

/** Whether every constituent of a type is number-like (numeric index). */
export function isNumberLikeType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isNumberLikeType);
  return (type.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) !== 0;
}

/** Whether every constituent of a type is a symbol. */
export function isSymbolType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isSymbolType);
  return (type.flags & ts.TypeFlags.ESSymbolLike) !== 0;
}

/**
 * The finite set of property keys a type stands for: a string/number literal, a union of them, or an enum.
 * `undefined` when the type is not finite (`string`, `any`, template literal types…).
 */
export function getLiteralKeys(type: ts.Type): (string | number)[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const keys: (string | number)[] = [];
  for (const part of parts) {
    if (part.isStringLiteral() || part.isNumberLiteral()) keys.push(part.value);
    else if ((part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0) continue;
    else return undefined;
  }
  return keys.length > 0 ? keys : undefined;
}

/** The name of the symbol (or alias) a type is declared with: `Redis`, `Logger`, `RedisClientType`. */
export function getTypeNames(type: ts.Type): string[] {
  const names: string[] = [];
  const symbol = type.getSymbol();
  if (symbol) names.push(symbol.getName());
  if (type.aliasSymbol) names.push(type.aliasSymbol.getName());
  return names;
}

/** Whether a type is an array, a tuple or a typed array (numeric-indexed storage). */
export function isArrayLikeType(ctx: DetectContext, type: ts.Type): boolean {
  const checker = ctx.checker;
  if (!checker) return false;
  if (type.isUnion()) return type.types.every((t) => isArrayLikeType(ctx, t));
  if (checker.isArrayType(type) || checker.isTupleType(type)) return true;
  const name = type.getSymbol()?.getName();
  return name !== undefined && TYPED_ARRAYS.has(name);
}

/** Names of typed-array and buffer classes. */
export const TYPED_ARRAYS: ReadonlySet<string> = new Set([
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Buffer',
  'Array',
]);

/** Whether a type has callable properties with all the given names. */
export function hasMethods(
  ctx: DetectContext,
  type: ts.Type,
  names: readonly string[],
  min = names.length,
): boolean {
  const checker = ctx.checker;
  if (!checker) return false;
  let found = 0;
  for (const name of names) {
    const prop = type.getProperty(name);
    if (!prop) continue;
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const propType = decl ? checker.getTypeOfSymbolAtLocation(prop, decl) : undefined;
    if (propType && propType.getCallSignatures().length > 0) found++;
    if (found >= min) return true;
  }
  return false;
}

/** Property names of an object type (no index signatures), `undefined` when the type has an index signature or is not an object. */
export function getFiniteProperties(ctx: DetectContext, type: ts.Type): string[] | undefined {
  const checker = ctx.checker;
  if (!checker) return undefined;
  if ((type.flags & ts.TypeFlags.Object) === 0 && !type.isIntersection()) return undefined;
  if (checker.getIndexInfosOfType(type).length > 0) return undefined;
  if (type.getCallSignatures().length > 0) return undefined;
  const props = checker.getPropertiesOfType(type);
  if (props.length === 0) return undefined;
  const names: string[] = [];
  for (const prop of props) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (decl && (ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl))) continue;
    if (prop.flags & ts.SymbolFlags.Method) continue;
    if (
      decl &&
      ts.isPropertyDeclaration(decl) &&
      decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)
    )
      continue;
    names.push(prop.getName());
  }
  return names;
}

/** The constituents of a type without `null` and `undefined`. */
export function getNonNullableParts(type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter(
    (t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) === 0,
  );
}

/** Whether a type is an object type (not a primitive, not a type parameter). */
export function isObjectType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0;
}

/** Whether every constituent of a type is string-like. */
export function isStringLikeType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isStringLikeType);
  return (type.flags & ts.TypeFlags.StringLike) !== 0;
}

/**
 * Types that prove a receiver is no logger and no cache client, whatever its name: in-memory collections, web platform
 * objects (`URLSearchParams`, `Headers`, `FormData`, DOM `Storage`), promises and boxed primitives.
 */
export const NOT_SINK_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Map',
  'WeakMap',
  'Set',
  'WeakSet',
  'Array',
  'ReadonlyArray',
  'ReadonlyMap',
  'ReadonlySet',
  'URLSearchParams',
  'URL',
  'Headers',
  'FormData',
  'Storage',
  'Promise',
  'String',
  'Number',
  'Boolean',
  'Date',
  'RegExp',
  'Request',
  'Response',
]);

/**
 * Whether the type of `node` proves it is not a sink (a logger, a cache client) that its name would make it: every
 * constituent is a primitive, an array or tuple, or one of `NOT_SINK_TYPE_NAMES` (or `also`). Any other type, even a
 * known one (`new Store()`, a small `{ info, warn }` object, an interface with only `get`/`set`), proves nothing, so
 * that type information never loses a finding the name gives. `false` without type information.
 */
export function isProvablyNotSink(
  ctx: DetectContext,
  node: TSESTree.Node,
  also: ReadonlySet<string> = new Set(),
): boolean {
  const type = getType(ctx, node);
  if (!type || isAnyOrUnknown(type)) return false;
  const parts = getNonNullableParts(type);
  return (
    parts.length > 0 &&
    parts.every(
      (t) =>
        !isObjectType(t) ||
        getTypeNames(t).some((n) => NOT_SINK_TYPE_NAMES.has(n) || also.has(n)) ||
        (ctx.checker !== undefined && (ctx.checker.isArrayType(t) || ctx.checker.isTupleType(t))),
    )
  );
}
