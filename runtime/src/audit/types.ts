/**
 * The events, records and options of `@secure-migrate/runtime/audit`.
 */
import type { AuditOutcome, AuditParty } from '../internal/audit-hook.js';
import type { Keyring } from '../keys/index.js';
import type { Redactor, RedactorOptions } from '../log/index.js';

export type { AuditOutcome, AuditParty };

/** The details each built-in event type carries (more properties are allowed). */
export interface AuditEventDetails {
  'auth.login.success': { method?: string };
  'auth.login.failure': { method?: string; attempts?: number };
  'access.denied': { permission?: string; action?: string };
  /** A key rotation or re-encryption sweep (`sweepField` reports its counts). */
  'key.rotated': {
    primaryKeyId?: string;
    scanned?: number;
    encrypted?: number;
    rotated?: number;
    conflicts?: number;
    failed?: number;
    completed?: boolean;
  };
  /** `area` is `'cache'` (decryptFromCache) or `'fields'` (decryptField); the target is the context. */
  'decrypt.failed': { area?: string };
  /** The target is the lock's resource; `fence` its fencing token (named so the redactor leaves it alone). */
  'lock.lost': { fence?: number };
  /** The target is the refused key or path; `refusal` is the reason code (`forbidden-key`, `sensitive`…). */
  'assign.refused': { refusal?: string };
  /** The target is the sensitive key. */
  'cache.command.refused': { command?: string };
  'config.changed': { setting?: string; from?: unknown; to?: unknown };
}

/** The built-in event types. */
export type BuiltInAuditEventType = keyof AuditEventDetails;

/**
 * An event type: a built-in one, or a custom dotted name of lower-case words (`payment.refund.approved`), at most
 * 100 characters, not starting with `audit.` (reserved).
 */
export type AuditEventType = BuiltInAuditEventType | (string & Record<never, never>);

/** The details of event type `T`. */
export type AuditDetailsOf<T extends string> = T extends BuiltInAuditEventType
  ? AuditEventDetails[T] & Record<string, unknown>
  : Record<string, unknown>;

/** What `record` and `emit` take. Every field goes through the redactor before it is written. */
export interface AuditEventInput<T extends string = AuditEventType> {
  type: T;
  /** Default: `success` for logins, key rotations and configuration changes, `failure` for failed logins,
   * decryption failures and lost locks, `denied` for `access.denied`, `refused` for refusals, `unknown` for
   * custom types. */
  outcome?: AuditOutcome;
  /** Who acted: a user or service id, or a small record (`{ id, ip }`). */
  actor?: AuditParty;
  /** What was acted on: a resource id, or a small record. */
  target?: AuditParty;
  /** Why, in words (a refusal's reason, a failure's cause). */
  reason?: string;
  /** Ties the event to a request or job. Default: the log's `correlationId()` option, else none. */
  correlationId?: string;
  details?: AuditDetailsOf<T>;
}

/** One line of an audit log: the event, redacted, and its place in its chain. */
export interface AuditRecord {
  /** Line format version (1). */
  v: number;
  /** ISO 8601 time the event was recorded. */
  time: string;
  type: string;
  service: string;
  outcome: AuditOutcome;
  actor: AuditParty | null;
  target: AuditParty | null;
  reason: string | null;
  correlationId: string | null;
  details: Record<string, unknown> | null;
  /** The writing process. */
  pid: number;
  /** The chain: random per log instance, so two processes (or two logs in one) never share one. */
  chain: string;
  /** Position in the chain, from 0. */
  seq: number;
  /** The `mac` of the chain's previous event, `null` for seq 0. */
  prev: string | null;
  /** The key id whose `audit` subkey made `mac`. */
  kid: string;
  /** HMAC-SHA256 (base64url) of the canonical form of every other field. */
  mac: string;
}

/** Why a checkpoint was written. */
export type AuditCheckpointReason = 'interval' | 'rotation' | 'reopen' | 'close';

/**
 * A signed statement, kept apart from the log, that a chain had reached event `seq` with MAC `mac`: a log whose
 * chain ends before it has lost its tail.
 */
export interface AuditCheckpoint {
  v: number;
  kind: 'checkpoint';
  time: string;
  service: string;
  pid: number;
  chain: string;
  /** Checkpoints of one chain are numbered from 0, so a removed checkpoint line shows too. */
  n: number;
  /** The last event written before the checkpoint (`-1`: none yet). */
  seq: number;
  mac: string | null;
  /** The log file that event went to (its base name), when the sink is a file. */
  file: string | null;
  reason: AuditCheckpointReason;
  kid: string;
  /** HMAC-SHA256 (base64url) under the `audit-checkpoint` subkey. */
  sig: string;
}

/** A pino logger, recognised by shape (`info`, `warn`, `child`, `bindings`, `levels`). */
export interface PinoLike {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  child(...args: never[]): unknown;
  bindings(): object;
  levels: object;
}

/** A winston logger, recognised by shape (`log`, `add`, `transports`). */
export interface WinstonLike {
  log(entry: { level: string; message: string; [key: string]: unknown }): unknown;
  add(...args: never[]): unknown;
  transports: unknown[];
}

/** A JSON-lines file, append-only, rotated by size. */
export interface AuditFileSinkOptions {
  file: string;
  /**
   * Rotate before a write would take the file past this size: the file is renamed to `<file>.<n>` (n = 1, 2, …,
   * the highest is the newest) and a new one started, under a lock file (`<file>.lock`) so several processes can
   * share it. Default 10 MiB; `0` or `Infinity` never rotates.
   */
  maxBytes?: number;
  /** `fdatasync` after every write, so a line survives a power loss, not only a crash. Default `false`. */
  fsync?: boolean;
  /** Permissions of a new file. Default `0o600`. */
  mode?: number;
}

/** A function sink: called in order, one event at a time; a returned promise is awaited before the next. */
export type AuditFunctionSink = (record: AuditRecord, line: string) => unknown;

/** Where events go: a file, `'stdout'`, a function, or a pino or winston logger. */
export type AuditSink = AuditFileSinkOptions | 'stdout' | AuditFunctionSink | PinoLike | WinstonLike;

/** Checkpoint settings of {@link CreateAuditLogOptions}. */
export interface AuditCheckpointOptions {
  /** Write a checkpoint after every `every` events of the chain. Default 100. */
  every?: number;
  /**
   * The checkpoint file (JSON lines, append-only). Default for a file sink: `<file>.checkpoints`; other sinks
   * have none unless given. Keep it where whoever can rewrite the log cannot (another volume, owner or host).
   */
  file?: string;
  /** Also (or instead) hand each checkpoint to a function, e.g. to ship it to another system. */
  sink?: (checkpoint: AuditCheckpoint, line: string) => unknown;
}

/** Options of `createAuditLog`. */
export interface CreateAuditLogOptions {
  sink: AuditSink;
  /** The service name written in every event. */
  service: string;
  /** The keys that sign (its primary) and verify. Default: the process key ring (`loadKeyring()`). */
  keyring?: Keyring;
  /** The redactor every field goes through, or options to build one. Default: `createRedactor()`. */
  redact?: Redactor | RedactorOptions;
  checkpoints?: AuditCheckpointOptions;
  /** The correlation id of events that give none (e.g. read from an AsyncLocalStorage of the request). */
  correlationId?: () => string | undefined;
  /** Where failures of `emit` (which never throws) go. Default: a process warning. */
  onError?: (error: unknown) => void;
}

/** An audit log: one chain of signed events in one sink. */
export interface AuditLog {
  /** The service name of its events. */
  readonly service: string;
  /** The id of its chain, written in every line. */
  readonly chainId: string;
  /**
   * Records an event. The event is redacted, numbered and signed at once (so events keep the order of the calls),
   * and the promise resolves when the sink has taken it (for a file: written to the operating system).
   * @throws InvalidArgumentError (synchronously) for an unknown outcome or a malformed type.
   */
  record<T extends string>(event: AuditEventInput<T>): Promise<void>;
  /** Like `record`, fire and forget: never throws, failures go to `onError`. */
  emit<T extends string>(event: AuditEventInput<T>): void;
  /** Resolves when every event recorded so far has been written. */
  flush(): Promise<void>;
  /** Writes a last checkpoint, closes files. Later `record` calls reject. */
  close(): Promise<void>;
}
