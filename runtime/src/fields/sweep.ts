/**
 * sweepField: brings every stored value of one column to the column's format and primary key, in batches, while
 * the application keeps serving. Each row is written with a compare-and-set (on the old value, or on a version
 * column), so a concurrent update is never overwritten. A checkpoint makes it resumable; without one a new run
 * starts over and skips what is already current, so a crash never loses or double-encrypts a value.
 */
import { DecryptionError, InvalidArgumentError } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import { getDefaultKeyring } from '../keys/env.js';
import { fieldStatus, reencryptField, type FieldOptions } from './field.js';

/** A row as a sweep store returns it. */
export interface SweepRow {
  id: unknown;
  value: unknown;
  /** The version column's value, for stores that compare-and-set on it. */
  version?: unknown;
}

/** What sweepField reads and writes through: see sqlSweepStore and typeormSweepStore. */
export interface SweepStore {
  /**
   * Up to `limit` rows whose id is greater than `after` (every row when `after` is undefined), in id order.
   * `hint.skipPrefix` (when given) lets a store leave out values that start with it: they are already current.
   */
  fetch(after: unknown, limit: number, hint: { skipPrefix?: string }): Promise<SweepRow[]>;
  /** Writes `next` if the row still holds `row.value` (or `row.version`); true when it did. */
  update(row: SweepRow, next: string): Promise<boolean>;
}

/** Where a sweep remembers the last id it finished, to resume after a crash. */
export interface SweepCheckpoint {
  load(): unknown;
  /** `undefined` clears it (the sweep finished). */
  save(cursor: unknown): unknown;
}

/** Counts of a sweep so far. */
export interface SweepProgress {
  /** Rows read (rows already current may be left out by the store). */
  scanned: number;
  /** Plaintext values encrypted. */
  encrypted: number;
  /** Ciphertext moved to the primary key or to the column's format. */
  rotated: number;
  /** Rows changed by someone else between read and write: left as that writer left them. */
  conflicts: number;
  /** Ciphertext that does not decrypt with this key ring (listed in `failedIds`, up to 100): left as it is. */
  failed: number;
  failedIds: unknown[];
  /** The last id done. */
  cursor: unknown;
}

/** Options of sweepField. */
export interface SweepOptions extends FieldOptions {
  /** Rows per batch; default 500. */
  batchSize?: number;
  checkpoint?: SweepCheckpoint;
  /** Called after each batch. */
  onProgress?: (progress: Readonly<SweepProgress>) => unknown;
  /** Stops after the current row; the checkpoint keeps the place. */
  signal?: AbortSignal;
  /** Pause between batches, to leave room for the application's traffic; default 0. */
  pauseMs?: number;
}

/** The result of sweepField. */
export interface SweepResult extends SweepProgress {
  /** True when the whole table was read (not aborted). */
  completed: boolean;
  /** Values still to do after this run: conflicts and failures. A second run picks up conflicts. */
  remaining: number;
}

/**
 * Encrypts the plaintext values of a column and moves ciphertext under other keys (or in the other format) to the
 * primary key and the column's format. Run it again until `remaining` is 0 (conflicts are rows the application
 * rewrote meanwhile; with the field adapter they are current already).
 */
export async function sweepField(store: SweepStore, options: SweepOptions): Promise<SweepResult> {
  const keyring = options.keyring ?? getDefaultKeyring();
  const field: FieldOptions = {
    context: options.context,
    keyring,
    ...(options.format ? { format: options.format } : {}),
  };
  fieldStatus(null, field); // validates the context
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError('sweepField: batchSize must be a positive integer.');
  }
  const skipPrefix = options.format === 'fernet' ? undefined : `sm1.${keyring.primaryId}.`;
  const progress: SweepProgress = {
    scanned: 0,
    encrypted: 0,
    rotated: 0,
    conflicts: 0,
    failed: 0,
    failedIds: [],
    cursor: (await options.checkpoint?.load()) ?? undefined,
  };
  let completed = false;
  outer: for (;;) {
    if (options.signal?.aborted) break;
    const rows = await store.fetch(progress.cursor, batchSize, skipPrefix ? { skipPrefix } : {});
    for (const row of rows) {
      if (options.signal?.aborted) break outer;
      progress.scanned++;
      const status =
        row.value === null || row.value === undefined ? 'current' : fieldStatus(row.value, field);
      if (status !== 'current') {
        let next: string | undefined;
        try {
          next = reencryptField(row.value, field);
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          progress.failed++;
          if (progress.failedIds.length < 100) progress.failedIds.push(row.id);
        }
        if (next !== undefined) {
          if (await store.update(row, next)) progress[status === 'plaintext' ? 'encrypted' : 'rotated']++;
          else progress.conflicts++;
        }
      }
      progress.cursor = row.id;
    }
    if (rows.length > 0) await options.checkpoint?.save(progress.cursor);
    await options.onProgress?.({ ...progress, failedIds: [...progress.failedIds] });
    if (rows.length < batchSize) {
      completed = true;
      break;
    }
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  if (completed) await options.checkpoint?.save(undefined);
  const { scanned, encrypted, rotated, conflicts, failed } = progress;
  runtimeAudit()?.emit({
    type: 'key.rotated',
    outcome: failed ? 'failure' : 'success',
    target: options.context,
    details: { primaryKeyId: keyring.primaryId, scanned, encrypted, rotated, conflicts, failed, completed },
  });
  return { ...progress, completed, remaining: progress.conflicts + progress.failed };
}
