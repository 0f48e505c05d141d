/**
 * `secure-migrate/detect`: the AST analysis shared by the ESLint rules and the codemods. Every predicate works on
 * typescript-estree nodes, with or without type information, through a {@link DetectContext}.
 */
export {
  createDetectContext,
  createDetectContextFromRule,
  isGlobalReference,
  resolveVariable,
  type CreateDetectContextOptions,
  type DetectContext,
  type DetectOptions,
  type TypeServices,
} from './context.js';
export {
  getClassifier,
  type SensitiveCategory,
  type SensitivityClassifier,
  type SensitivityOptions,
} from './classifier.js';
export { getAnnotationTypeName, getImportSource, getOrigin, type Origin } from './origin.js';
export {
  isHarmlessValue,
  isSensitiveExpression,
  type SensitiveFinding,
  type SensitiveReason,
} from './sensitive.js';
export { isInsideSafeWrapper, isSafeWrapperCall, RUNTIME_SAFE_WRAPPERS } from './safe.js';
export {
  getLogCall,
  isLogger,
  isLoggerCreation,
  isLoggerType,
  LOG_METHODS,
  LOGGER_MODULES,
  type LogCall,
  type LoggerEvidence,
} from './loggers.js';
export {
  CACHE_MODULES,
  CACHE_WRITE_CALL_TEXT,
  CACHE_WRITE_METHODS,
  findCacheClientCreation,
  findCacheClientCreations,
  getCacheClient,
  getCacheClientType,
  getCacheWrite,
  isCacheCreation,
  isSecureCacheCall,
  type CacheClientCreation,
  type CacheClientInfo,
  type CacheWrite,
  type CacheWriteEntry,
} from './caches.js';
export {
  getDeclaredFields,
  getUnsafeAssignment,
  isSafeKey,
  type AssignmentOptions,
  type AssignmentReach,
  type DeclaredFields,
  type UnsafeAssignment,
  type UnsafeAssignmentKind,
} from './assignment.js';
export { isKeyGuarded, isGuardingFilter, PROTOTYPE_KEYS, type GuardNeed } from './guards.js';
export { getTaint, isUntrustedInput, type InputOptions, type Taint, type TaintKind } from './input.js';
export {
  getHardcodedCredential,
  isNonSecretValue,
  isTestFile,
  looksGenerated,
  type CredentialKind,
  type CredentialOptions,
  type HardcodedCredential,
} from './credentials.js';
export {
  DEFAULT_RUNTIME_IMPORT,
  detectModuleStyle,
  ensureImports,
  ensureImportsFixes,
  type EnsureImportsOptions,
  type EnsureImportsResult,
  type TextEdit,
} from './imports.js';
export {
  findCacheWriteFindings,
  findSensitiveLogArguments,
  findUnsafeAssignments,
  getCacheWriteFindings,
  getSensitiveLogArguments,
  type CacheWriteFinding,
  type CacheWriteFindingReason,
  type LogArgumentFinding,
} from './findings.js';
export { encryptCacheValueEdit, sanitizeLogArgumentEdit, wrapInCall } from './edits.js';
export { getCalleeName } from './ast.js';
export { isExportedSecureCache } from './peek.js';
export {
  DEFAULT_FIELDS_IMPORT,
  encryptColumnEdit,
  encryptColumnImports,
  findColumnDeclarations,
  findSensitiveColumns,
  typeormSnakeCase,
  type ColumnDeclaration,
  type ColumnDeclarationKind,
  type ColumnOptions,
  type ColumnOrm,
  type EncryptColumnNames,
  type SensitiveColumn,
} from './columns.js';
