/**
 * createAuditLog: security events, redacted, numbered and HMAC-chained per log instance, written in order to one
 * sink, with signed checkpoints kept apart from the log.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import type { AuditOutcome } from '../internal/audit-hook.js';
import { getDefaultKeyring } from '../keys/env.js';
import type { Keyring } from '../keys/index.js';
import { createRedactor, type Redactor } from '../log/index.js';
import { AUDIT_CHECKPOINT_PURPOSE, AUDIT_FORMAT_VERSION, AUDIT_PURPOSE, macOf } from './mac.js';
import { AppendFile, sinkWriter, type SinkItem, type SinkWriter } from './sinks.js';
import type {
  AuditCheckpoint,
  AuditCheckpointOptions,
  AuditCheckpointReason,
  AuditEventInput,
  AuditLog,
  AuditRecord,
  BuiltInAuditEventType,
  CreateAuditLogOptions,
} from './types.js';

/** The outcome each built-in event type has unless the event says otherwise. */
export const AUDIT_EVENT_TYPES: Readonly<Record<BuiltInAuditEventType, AuditOutcome>> = Object.freeze({
  'auth.login.success': 'success',
  'auth.login.failure': 'failure',
  'access.denied': 'denied',
  'key.rotated': 'success',
  'decrypt.failed': 'failure',
  'lock.lost': 'failure',
  'assign.refused': 'refused',
  'cache.command.refused': 'refused',
  'config.changed': 'success',
});

const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>([
  'success',
  'failure',
  'denied',
  'refused',
  'unknown',
]);
const CUSTOM_TYPE = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/;
const DEFAULT_CHECKPOINT_EVERY = 100;

function defaultOutcome(type: string): AuditOutcome {
  return Object.prototype.hasOwnProperty.call(AUDIT_EVENT_TYPES, type)
    ? AUDIT_EVENT_TYPES[type as BuiltInAuditEventType]
    : 'unknown';
}

function checkType(type: unknown): asserts type is string {
  if (typeof type !== 'string') throw new InvalidArgumentError('Audit event: type must be a string.');
  if (Object.prototype.hasOwnProperty.call(AUDIT_EVENT_TYPES, type)) return;
  if (type.length > 100 || !CUSTOM_TYPE.test(type) || type.startsWith('audit.')) {
    throw new InvalidArgumentError(
      `Audit event: ${JSON.stringify(type.slice(0, 100))} is not a built-in type nor a custom dotted name of ` +
        'lower-case words such as "payment.refund.approved" (at most 100 characters; "audit." is reserved).',
    );
  }
}

interface Pending {
  item: SinkItem;
  /** Write a checkpoint once this event is written. */
  checkpoint: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function warn(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(`secure-migrate audit log: ${message}`, { code: 'SECURE_MIGRATE_AUDIT' });
}

class AuditLogImpl implements AuditLog {
  readonly service: string;
  readonly chainId: string;
  readonly #keyring: Keyring;
  readonly #redactor: Redactor;
  readonly #sink: SinkWriter;
  readonly #checkpointFile: AppendFile | null;
  readonly #checkpointSink: AuditCheckpointOptions['sink'];
  readonly #checkpointEvery: number;
  readonly #correlationId: (() => string | undefined) | undefined;
  readonly #onError: (error: unknown) => void;
  #seq = 0;
  #prev: string | null = null;
  #pending: Pending[] = [];
  #pump: Promise<void> | null = null;
  /** The last event the sink took, and the file it went to. */
  #written: { seq: number; mac: string | null; file: string | null } = { seq: -1, mac: null, file: null };
  #checkpoints = 0;
  /** `seq` of the last event a checkpoint covered. */
  #checkpointed = -1;
  #closed = false;

  constructor(options: CreateAuditLogOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('createAuditLog: options { sink, service } are required.');
    }
    if (typeof options.service !== 'string' || options.service === '') {
      throw new InvalidArgumentError('createAuditLog: service must be a non-empty string.');
    }
    this.service = options.service;
    this.#keyring = options.keyring ?? getDefaultKeyring();
    const redact = options.redact;
    this.#redactor = typeof redact === 'function' ? redact : createRedactor(redact ?? {});
    this.#sink = sinkWriter(options.sink);
    const checkpoints = options.checkpoints ?? {};
    const every = checkpoints.every ?? DEFAULT_CHECKPOINT_EVERY;
    if (!Number.isInteger(every) || every < 1) {
      throw new InvalidArgumentError('createAuditLog: checkpoints.every must be a positive integer.');
    }
    this.#checkpointEvery = every;
    const file =
      checkpoints.file ?? (this.#sink.filePath === null ? null : `${this.#sink.filePath}.checkpoints`);
    if (file !== null && this.#sink.filePath !== null && path.resolve(file) === this.#sink.filePath) {
      throw new InvalidArgumentError('createAuditLog: the checkpoint file must not be the log file.');
    }
    this.#checkpointFile = file === null ? null : new AppendFile(file);
    this.#checkpointSink = checkpoints.sink;
    this.#correlationId = options.correlationId;
    this.#onError = options.onError ?? warn;
    this.chainId = randomBytes(12).toString('base64url');
  }

  /** Redacts, numbers and signs an event: synchronous, so events keep the order of the calls. */
  #build<T extends string>(event: AuditEventInput<T>): SinkItem {
    if (typeof event !== 'object' || event === null) {
      throw new InvalidArgumentError('Audit event: an object { type, … } is required.');
    }
    checkType(event.type);
    const outcome = event.outcome ?? defaultOutcome(event.type);
    if (!OUTCOMES.has(outcome)) {
      throw new InvalidArgumentError(
        `Audit event: outcome must be one of ${[...OUTCOMES].join(', ')}, not ${JSON.stringify(outcome)}.`,
      );
    }
    const fields = this.#redactor.plain({
      type: event.type,
      actor: event.actor ?? null,
      target: event.target ?? null,
      reason: event.reason ?? null,
      correlationId: event.correlationId ?? this.#correlationId?.() ?? null,
      details: event.details ?? null,
    }) as Pick<AuditRecord, 'type' | 'actor' | 'target' | 'reason' | 'correlationId' | 'details'>;
    // A round trip through JSON text, so the signed form is the form a reader parses.
    const unsigned = JSON.parse(
      JSON.stringify({
        v: AUDIT_FORMAT_VERSION,
        time: new Date().toISOString(),
        type: fields.type,
        service: this.service,
        outcome,
        actor: fields.actor,
        target: fields.target,
        reason: fields.reason,
        correlationId: fields.correlationId,
        details: fields.details,
        pid: process.pid,
        chain: this.chainId,
        seq: this.#seq,
        prev: this.#prev,
        kid: this.#keyring.primaryId,
      }),
    ) as Omit<AuditRecord, 'mac'>;
    const mac = macOf(unsigned, 'mac', this.#keyring, unsigned.kid, AUDIT_PURPOSE);
    const record: AuditRecord = { ...unsigned, mac };
    this.#seq++;
    this.#prev = mac;
    return { record, line: JSON.stringify(record) };
  }

  record<T extends string>(event: AuditEventInput<T>): Promise<void> {
    if (this.#closed) return Promise.reject(new InvalidArgumentError('The audit log is closed.'));
    const item = this.#build(event);
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({
        item,
        checkpoint: (item.record.seq + 1) % this.#checkpointEvery === 0,
        resolve,
        reject,
      });
      this.#pump ??= this.#drain();
    });
  }

  emit<T extends string>(event: AuditEventInput<T>): void {
    try {
      this.record(event).catch(this.#onError);
    } catch (error) {
      this.#onError(error);
    }
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending;
        this.#pending = [];
        try {
          await this.#writeBatch(batch);
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.#pump = null;
    }
  }

  async #writeBatch(batch: readonly Pending[]): Promise<void> {
    const sink = this.#sink;
    const bytes = sink.wantsBytes ? linesOf(batch) : null;
    const move = await sink.prepare(bytes?.length ?? 0);
    if (move && this.#written.seq >= 0) await this.#checkpoint(move.reason);
    // Checkpoints go out after the events they cover are written, never before.
    const cut = batch.findIndex((p) => p.checkpoint);
    const items = batch.map((p) => p.item);
    await sink.write(items, bytes);
    const last = items[items.length - 1]!.record;
    this.#written = { seq: last.seq, mac: last.mac, file: sink.fileName };
    if (cut >= 0) await this.#checkpoint('interval');
  }

  /** Signs and writes a checkpoint of the last written event. */
  async #checkpoint(reason: AuditCheckpointReason): Promise<void> {
    if (this.#checkpointFile === null && this.#checkpointSink === undefined) return;
    const unsigned: Omit<AuditCheckpoint, 'sig'> = {
      v: AUDIT_FORMAT_VERSION,
      kind: 'checkpoint',
      time: new Date().toISOString(),
      service: this.service,
      pid: process.pid,
      chain: this.chainId,
      n: this.#checkpoints,
      seq: this.#written.seq,
      mac: this.#written.mac,
      file: this.#written.file,
      reason,
      kid: this.#keyring.primaryId,
    };
    const checkpoint: AuditCheckpoint = {
      ...unsigned,
      sig: macOf(unsigned, 'sig', this.#keyring, unsigned.kid, AUDIT_CHECKPOINT_PURPOSE),
    };
    const line = JSON.stringify(checkpoint);
    this.#checkpoints++;
    this.#checkpointed = checkpoint.seq;
    await this.#checkpointFile?.append(`${line}\n`);
    await this.#checkpointSink?.(checkpoint, line);
  }

  async flush(): Promise<void> {
    while (this.#pump) await this.#pump;
  }

  async close(): Promise<void> {
    if (this.#closed) return this.flush();
    this.#closed = true;
    await this.flush();
    try {
      if (this.#written.seq > this.#checkpointed) await this.#checkpoint('close');
    } finally {
      await this.#sink.close();
      await this.#checkpointFile?.close();
    }
  }
}

function linesOf(batch: readonly Pending[]): Buffer {
  let text = '';
  for (const p of batch) text += `${p.item.line}\n`;
  return Buffer.from(text);
}

/**
 * Creates an audit log writing to `sink`: every event redacted (so it never carries a secret), signed with an
 * HMAC chained to the previous event of the same log, and written in the order of the calls.
 *
 * @example
 * const audit = createAuditLog({ sink: { file: '/var/log/app/audit.jsonl' }, service: 'api' });
 * audit.emit({ type: 'auth.login.failure', actor: { ip: req.ip }, target: username, correlationId: req.id });
 */
export function createAuditLog(options: CreateAuditLogOptions): AuditLog {
  return new AuditLogImpl(options);
}
