/**
 * The process-wide audit log the runtime's own helpers report to (decryption failures, key rotation sweeps, lost
 * locks, refused assignments and cache commands). It lives in the shared state slot `audit@1`, so the ESM and the
 * CommonJS copies of the package report to the one log `configureAudit` set, whichever copy set it.
 *
 * A helper reports with `runtimeAudit()?.emit({...})`: when no log is configured that is one slot lookup and a null
 * check, and the event object is never built.
 */
import { stateSlot } from './state.js';

/** The outcome of a security event. */
export type AuditOutcome = 'success' | 'failure' | 'denied' | 'refused' | 'unknown';

/** Who acted, or what was acted on: an id, or a small record of plain values. */
export type AuditParty = string | Readonly<Record<string, unknown>>;

/** What a helper hands to the configured log. */
export interface RuntimeAuditEvent {
  type: string;
  outcome?: AuditOutcome;
  actor?: AuditParty;
  target?: AuditParty;
  reason?: string;
  correlationId?: string;
  details?: Readonly<Record<string, unknown>>;
}

/** The part of an audit log the runtime's helpers use: fire and forget, never throws. */
export interface RuntimeAuditEmitter {
  emit(event: RuntimeAuditEvent): void;
}

interface AuditState {
  log: RuntimeAuditEmitter | null;
}

const auditState = (): AuditState => stateSlot<AuditState>('audit@1', () => ({ log: null }));

/** The configured audit log, or `null`. */
export function runtimeAudit(): RuntimeAuditEmitter | null {
  return auditState().log;
}

/** Sets (or with `null` clears) the configured audit log; returns the previous one. */
export function setRuntimeAudit(log: RuntimeAuditEmitter | null): RuntimeAuditEmitter | null {
  const state = auditState();
  const previous = state.log;
  state.log = log;
  return previous;
}
