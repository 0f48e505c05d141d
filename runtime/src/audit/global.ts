/**
 * The process-wide audit log: `configureAudit(log)` makes the runtime's own helpers report their security events
 * (decryption failures, key rotation sweeps, lost locks, refused assignments and cache commands) to `log`. One per
 * process, shared by the ESM and CommonJS copies of the package.
 */
import { runtimeAudit, setRuntimeAudit } from '../internal/audit-hook.js';
import { InvalidArgumentError } from '../errors.js';
import type { AuditLog } from './types.js';

/**
 * Makes `log` the process's audit log, which the runtime's helpers report to; `null` stops them. Returns the
 * previous one. Without one, reporting costs a helper one lookup and a null check.
 *
 * @example
 * configureAudit(createAuditLog({ sink: { file: 'audit.jsonl' }, service: 'api' }));
 */
export function configureAudit(log: AuditLog | null): AuditLog | null {
  if (log !== null && (typeof log !== 'object' || typeof (log as Partial<AuditLog>).emit !== 'function')) {
    throw new InvalidArgumentError('configureAudit: pass an audit log made by createAuditLog, or null.');
  }
  return setRuntimeAudit(log) as AuditLog | null;
}

/** The process's audit log set by {@link configureAudit}, or `null`. */
export function getConfiguredAudit(): AuditLog | null {
  return runtimeAudit() as AuditLog | null;
}
