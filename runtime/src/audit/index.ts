/**
 * `@secure-migrate/runtime/audit`: structured security events, redacted so they never carry a secret, HMAC-chained
 * with signed checkpoints kept apart from the log, and verifiable across rotated files.
 */
export { createAuditLog, AUDIT_EVENT_TYPES } from './audit-log.js';
export {
  verifyAuditLog,
  type AuditProblem,
  type AuditProblemKind,
  type AuditVerification,
  type VerifyAuditLogOptions,
} from './verify.js';
export { configureAudit, getConfiguredAudit } from './global.js';
export { canonicalJson, AUDIT_PURPOSE, AUDIT_CHECKPOINT_PURPOSE, AUDIT_FORMAT_VERSION } from './mac.js';
export { DEFAULT_MAX_BYTES as AUDIT_DEFAULT_MAX_BYTES } from './sinks.js';
export type {
  AuditCheckpoint,
  AuditCheckpointOptions,
  AuditCheckpointReason,
  AuditDetailsOf,
  AuditEventDetails,
  AuditEventInput,
  AuditEventType,
  AuditFileSinkOptions,
  AuditFunctionSink,
  AuditLog,
  AuditOutcome,
  AuditParty,
  AuditRecord,
  AuditSink,
  BuiltInAuditEventType,
  CreateAuditLogOptions,
  PinoLike,
  WinstonLike,
} from './types.js';
