/**
 * Is this call a log call? By type when the program has types (pino/winston/bunyan/NestJS loggers, `Console`,
 * `debug`'s `Debugger`, or any object with `info`/`warn`/`error` methods), else by how its receiver was created in
 * this module (`pino()`, `winston.createLogger()`, `new Logger()`, `debug('app')`, `logger.child()`…), else by
 * name (`logger`, `log`, `console`, `this.logger`, `*Logger`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getCalleeName, getMemberName, unwrapExpression } from './ast.js';
import { isGlobalReference, type DetectContext } from './context.js';
import { getAnnotationTypeName, getImportSource, getOrigin } from './origin.js';
import { isExportedLogger } from './peek.js';
import {
  getNonNullableParts,
  getType,
  getTypeNames,
  hasMethods,
  isAnyOrUnknown,
  isProvablyNotSink,
} from './types.js';

/** Methods that write a log record. */
export const LOG_METHODS: ReadonlySet<string> = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'http',
  'notice',
  'crit',
  'critical',
  'alert',
  'emerg',
  'emergency',
  'dir',
  'table',
  'success',
  'fail',
  'assert',
]);

/** Modules whose exports create loggers. */
export const LOGGER_MODULES: ReadonlySet<string> = new Set([
  'pino',
  'winston',
  'bunyan',
  'debug',
  'log4js',
  'loglevel',
  'npmlog',
  'fancy-log',
  'signale',
  'consola',
  'tslog',
  'roarr',
  '@nestjs/common',
  'console',
  'node:console',
]);

/** Factory function and class names that create loggers. */
const LOGGER_FACTORIES: ReadonlySet<string> = new Set([
  'pino',
  'bunyan',
  'debug',
  'createLogger',
  'getLogger',
  'child',
  'getChildLogger',
  'Logger',
  'ConsoleLogger',
  'Console',
  'Signale',
  'Consola',
  'createConsola',
]);

const LOGGER_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Logger',
  'BaseLogger',
  'LoggerService',
  'ConsoleLogger',
  'Console',
  'Debugger',
  'Signale',
  'ConsolaInstance',
]);

/**
 * Names that are loggers whatever they were made from: `log`, `logger`, `Logger`, `console`, the logging libraries'
 * own names (`winston`, `pino`, `bunyan`, `log4js`), `*Logger` and `*Log` (`auditLog`), `LOGGER`, `APP_LOGGER`.
 */
const LOGGER_NAME =
  /^_?(?:log|logger|console|winston|pino|bunyan|log4js|Log|Logger|LOG|LOGGER)$|[a-z0-9_]Logger$|[a-z0-9]Log$|^[A-Z0-9_]*_LOG(?:GER)?$/;

/** What a log call was recognised by, for messages and tests. */
export type LoggerEvidence = 'type' | 'creation' | 'name' | 'option';

/** A recognised log call. */
export interface LogCall {
  call: TSESTree.CallExpression;
  /** The arguments that are written to the log. */
  args: readonly TSESTree.CallExpressionArgument[];
  evidence: LoggerEvidence;
}

/** Returns the log call `call` is, or `null`. */
export function getLogCall(ctx: DetectContext, call: TSESTree.CallExpression): LogCall | null {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = getMemberName(callee);
    if (method === undefined || !LOG_METHODS.has(method)) return null;
    const evidence = isLogger(ctx, callee.object, 0);
    if (!evidence) return null;
    // `console.assert(condition, ...message)`: the condition is not written.
    return { call, args: method === 'assert' ? call.arguments.slice(1) : call.arguments, evidence };
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // `const debug = require('debug')('app'); debug('token %s', token)` and `log(...)` made by a logger factory.
    const evidence = isLoggerFunction(ctx, callee);
    return evidence ? { call, args: call.arguments, evidence } : null;
  }
  return null;
}

/** Whether an expression is a logger object (receiver of `.info()`…). */
export function isLogger(ctx: DetectContext, raw: TSESTree.Node, depth = 0): LoggerEvidence | null {
  if (depth > 4) return null;
  const node = unwrapExpression(raw);
  const name = receiverName(node);
  if (name !== undefined && ctx.options.extraLoggers?.includes(name)) return 'option';

  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'console' && isGlobalReference(ctx, node))
    return 'type';

  const byType = isLoggerType(ctx, node);
  if (byType === true) return 'type';

  if (isLoggerCreation(ctx, node, depth)) return 'creation';

  const origin = getOrigin(ctx, node);
  if (origin) {
    if (origin.init && isLoggerCreation(ctx, origin.init, depth + 1)) return 'creation';
    // `import logger from '../config/logger'`, and `let winston; … winston = require('./winston')`.
    const imported = origin.imported ?? (origin.init ? getImportSource(ctx, origin.init) : undefined);
    if (imported && LOGGER_MODULES.has(imported.source)) return 'creation';
    if (imported && isExportedLogger(ctx.physicalFilename, imported.source, imported.name)) return 'creation';
    const annotated = getAnnotationTypeName(origin.typeAnnotation);
    if (annotated !== undefined && LOGGER_TYPE_NAMES.has(annotated)) return 'creation';
  }

  // `req.log`, `request.log`, `reply.log`, `fastify.log`, `app.log` (pino-http, Fastify).
  if (node.type === AST_NODE_TYPES.MemberExpression && getMemberName(node) === 'log') {
    const objectName = receiverName(unwrapExpression(node.object));
    if (objectName !== undefined && /^(?:req|request|reply|res|fastify|app|server|ctx)$/.test(objectName))
      return 'creation';
  }

  if (name === undefined || !LOGGER_NAME.test(name)) return null;
  // A type only overrules the name when it proves the receiver is not a logger (a `Map`, `URLSearchParams`, a
  // string…); any other type (`new Store()`, a small `{ info, warn }` object) keeps what the name says.
  if (byType === false && isProvablyNotSink(ctx, node)) return null;
  return 'name';
}

function receiverName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(node);
    if (name !== undefined && unwrapExpression(node.object).type === AST_NODE_TYPES.ThisExpression) {
      return name;
    }
    return name;
  }
  return undefined;
}

const loggerTypeCache = new WeakMap<ts.Type, boolean>();

/**
 * With types: `true` when the receiver's type is a logger, `false` when it is known and not one (so name
 * heuristics are skipped), `undefined` without type information or for `any`/`unknown`.
 */
export function isLoggerType(ctx: DetectContext, node: TSESTree.Node): boolean | undefined {
  const type = getType(ctx, node);
  if (!type || isAnyOrUnknown(type)) return undefined;
  const cached = loggerTypeCache.get(type);
  if (cached !== undefined) return cached;
  const parts = getNonNullableParts(type);
  const result = parts.length > 0 && parts.every((t) => isLoggerTypePart(ctx, t));
  loggerTypeCache.set(type, result);
  return result;
}

function isLoggerTypePart(ctx: DetectContext, type: ts.Type): boolean {
  if (getTypeNames(type).some((n) => LOGGER_TYPE_NAMES.has(n))) return true;
  // Structural: anything with info/warn/error methods (tslog, consola, custom wrappers), or debug's callable Debugger.
  return hasMethods(ctx, type, ['info', 'warn', 'error', 'debug', 'log'], 3);
}

/** Whether an expression creates a logger: `pino()`, `winston.createLogger()`, `new Logger()`, `logger.child()`… */
export function isLoggerCreation(ctx: DetectContext, raw: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) return isLoggerCreation(ctx, node.argument, depth);
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrapExpression(node.callee);
  const name = getCalleeName(callee);
  if (name !== undefined && ctx.options.extraLoggerFactories?.includes(name)) return true;
  // `require('pino')()`
  if (callee.type === AST_NODE_TYPES.CallExpression) {
    const imported = getImportSource(ctx, callee);
    if (imported && LOGGER_MODULES.has(imported.source)) return true;
  }
  const imported = getImportSource(ctx, callee);
  if (imported && LOGGER_MODULES.has(imported.source)) {
    return imported.source !== '@nestjs/common' || name === 'Logger' || name === 'ConsoleLogger';
  }
  if (name === undefined || !LOGGER_FACTORIES.has(name)) return false;
  if (name === 'child' || name === 'getChildLogger') {
    return (
      callee.type === AST_NODE_TYPES.MemberExpression && isLogger(ctx, callee.object, depth + 1) !== null
    );
  }
  return true;
}

/** Whether a called identifier is a logging function (`debug('x')` result, `const log = pino().info.bind(…)`). */
function isLoggerFunction(ctx: DetectContext, callee: TSESTree.Identifier): LoggerEvidence | null {
  if (ctx.options.extraLoggers?.includes(callee.name)) return 'option';
  const origin = getOrigin(ctx, callee);
  const init = origin?.init ? unwrapExpression(origin.init) : undefined;
  if (init?.type === AST_NODE_TYPES.CallExpression) {
    const initCallee = unwrapExpression(init.callee);
    // `debug('app')`, `require('debug')('app')`, `createDebug('app')`
    const imported = getImportSource(ctx, initCallee);
    if (
      imported &&
      (imported.source === 'debug' || imported.source === 'util') &&
      (imported.source === 'debug' || getCalleeName(initCallee) === 'debuglog')
    ) {
      return 'creation';
    }
    if (getCalleeName(initCallee) === 'debuglog') return 'creation';
    if (
      initCallee.type === AST_NODE_TYPES.Identifier &&
      initCallee.name === 'debug' &&
      !getOrigin(ctx, initCallee)
    ) {
      return 'creation';
    }
  }
  const type = getType(ctx, callee);
  if (type && getTypeNames(type).includes('Debugger')) return 'type';
  return null;
}
