/**
 * The sinks an audit log writes to: a JSON-lines file (append-only, rotated by size under a lock file), stdout, a
 * function, and pino and winston loggers recognised by shape (neither is imported).
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import type {
  AuditFileSinkOptions,
  AuditFunctionSink,
  AuditRecord,
  AuditSink,
  PinoLike,
  WinstonLike,
} from './types.js';

/** One event on its way to a sink: the record and its JSON line (no newline). */
export interface SinkItem {
  record: AuditRecord;
  line: string;
}

/** What happened to the file before a write: this process rotated it, or found another process had. */
export interface SinkMove {
  reason: 'rotation' | 'reopen';
}

/** @internal A sink as the log drives it: one batch at a time, in order. */
export interface SinkWriter {
  /** The base name of the file events go to now, or `null` for sinks that are no file. */
  readonly fileName: string | null;
  /** The path of the file, for a default checkpoint file. */
  readonly filePath: string | null;
  /** Whether `write` takes the batch as bytes (the JSON lines, newline-terminated). */
  readonly wantsBytes: boolean;
  /** Before a batch of `bytes` bytes: rotates or reopens the file when needed. */
  prepare(bytes: number): Promise<SinkMove | null>;
  write(items: readonly SinkItem[], bytes: Buffer | null): Promise<void>;
  close(): Promise<void>;
}

/** Default rotation size of a file sink. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** A lock file older than this is taken to be left by a crashed process. */
const STALE_LOCK_MS = 10_000;
/** How long a rotation waits for another process's lock before writing on without rotating. */
const LOCK_WAIT_MS = 1_000;

function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

/** pino: `info`, `warn`, `child`, `bindings` functions and a `levels` object. */
export function isPinoLike(value: unknown): value is PinoLike {
  const v = value as Partial<Record<keyof PinoLike, unknown>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    isFunction(v.info) &&
    isFunction(v.warn) &&
    isFunction(v.child) &&
    isFunction(v.bindings) &&
    typeof v.levels === 'object' &&
    v.levels !== null
  );
}

/** winston: `log` and `add` functions and a `transports` array. */
export function isWinstonLike(value: unknown): value is WinstonLike {
  const v = value as Partial<Record<keyof WinstonLike, unknown>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    isFunction(v.log) &&
    isFunction(v.add) &&
    Array.isArray(v.transports)
  );
}

/** The log level an event is logged at by pino and winston: `warn` unless it succeeded. */
function levelOf(record: AuditRecord): 'info' | 'warn' {
  return record.outcome === 'success' ? 'info' : 'warn';
}

const noMove = (): Promise<null> => Promise.resolve(null);

function loggerSink(write: (item: SinkItem) => void): SinkWriter {
  return {
    fileName: null,
    filePath: null,
    wantsBytes: false,
    prepare: noMove,
    write(items) {
      for (const item of items) write(item);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

function functionSink(fn: AuditFunctionSink): SinkWriter {
  return {
    fileName: null,
    filePath: null,
    wantsBytes: false,
    prepare: noMove,
    async write(items) {
      for (const item of items) await fn(item.record, item.line);
    },
    close: () => Promise.resolve(),
  };
}

function stdoutSink(): SinkWriter {
  return {
    fileName: null,
    filePath: null,
    wantsBytes: true,
    prepare: noMove,
    write(_items, bytes) {
      return new Promise<void>((resolve, reject) => {
        process.stdout.write(bytes!, (error) => (error ? reject(error) : resolve()));
      });
    },
    close: () => Promise.resolve(),
  };
}

/** The rotated siblings of `file` (`<file>.1`, `<file>.2`, …), oldest first, as full paths. */
export async function rotatedFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const numbered: [number, string][] = [];
  for (const name of names) {
    if (name.length <= base.length + 1 || !name.startsWith(`${base}.`)) continue;
    const suffix = name.slice(base.length + 1);
    if (/^[1-9]\d{0,8}$/.test(suffix)) numbered.push([Number(suffix), path.join(dir, name)]);
  }
  return numbered.sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates `lock` exclusively; waits for another holder, takes over a stale one. False when it timed out. */
async function acquireLock(lock: string): Promise<boolean> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await fs.open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stat = await fs.stat(lock).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
      await fs.unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) return false;
    await sleep(5 + Math.random() * 15);
  }
}

class FileSink implements SinkWriter {
  readonly filePath: string;
  readonly fileName: string;
  readonly wantsBytes = true;
  readonly #maxBytes: number;
  readonly #fsync: boolean;
  readonly #mode: number;
  #handle: fs.FileHandle | null = null;
  #ino = -1;
  #dev = -1;

  constructor(options: AuditFileSinkOptions) {
    if (typeof options.file !== 'string' || options.file === '') {
      throw new InvalidArgumentError('createAuditLog: sink.file must be a file path.');
    }
    const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (typeof max !== 'number' || !(max >= 0)) {
      throw new InvalidArgumentError('createAuditLog: sink.maxBytes must be a non-negative number.');
    }
    this.filePath = path.resolve(options.file);
    this.fileName = path.basename(this.filePath);
    this.#maxBytes = max === 0 ? Infinity : max;
    this.#fsync = options.fsync ?? false;
    this.#mode = options.mode ?? 0o600;
  }

  async #open(): Promise<void> {
    await this.#handle?.close();
    this.#handle = null;
    const handle = await fs.open(this.filePath, 'a', this.#mode);
    const stat = await handle.stat();
    this.#handle = handle;
    this.#ino = stat.ino;
    this.#dev = stat.dev;
  }

  #isOurs(stat: Stats | null): stat is Stats {
    return stat !== null && stat.ino === this.#ino && stat.dev === this.#dev;
  }

  async prepare(bytes: number): Promise<SinkMove | null> {
    if (this.#handle === null) {
      await this.#open();
      return null;
    }
    // One stat per batch: another process may have rotated the file (or someone removed it).
    let stat = await fs.stat(this.filePath).catch(() => null);
    if (!this.#isOurs(stat)) {
      await this.#open();
      return { reason: 'reopen' };
    }
    if (stat.size === 0 || stat.size + bytes <= this.#maxBytes) return null;
    const lock = `${this.filePath}.lock`;
    if (!(await acquireLock(lock))) return null; // write on; the next batch tries again
    try {
      stat = await fs.stat(this.filePath).catch(() => null);
      if (!this.#isOurs(stat)) {
        await this.#open();
        return { reason: 'reopen' };
      }
      if (stat.size + bytes <= this.#maxBytes) return null;
      const rotated = await rotatedFiles(this.filePath);
      const last = rotated.length ? Number(rotated[rotated.length - 1]!.slice(this.filePath.length + 1)) : 0;
      try {
        await fs.rename(this.filePath, `${this.filePath}.${last + 1}`);
      } catch (error) {
        // Gone meanwhile (a lock taken over from a process that only seemed dead): whoever moved it started anew.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null; // write on; the next batch tries again
        await this.#open();
        return { reason: 'reopen' };
      }
      await this.#open();
      return { reason: 'rotation' };
    } finally {
      await fs.unlink(lock).catch(() => undefined);
    }
  }

  async write(_items: readonly SinkItem[], bytes: Buffer | null): Promise<void> {
    if (this.#handle === null) await this.#open(); // a reopen that failed before: try again
    const handle = this.#handle!;
    // O_APPEND: each write lands at the end, whole, also with other processes appending to the same file.
    let offset = 0;
    while (offset < bytes!.length) {
      const { bytesWritten } = await handle.write(bytes!, offset);
      offset += bytesWritten;
    }
    if (this.#fsync) await handle.datasync();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }
}

/** @internal The writer for a sink given to `createAuditLog`, recognised by shape. */
export function sinkWriter(sink: AuditSink): SinkWriter {
  if (sink === 'stdout') return stdoutSink();
  if (typeof sink === 'function') return functionSink(sink);
  if (isPinoLike(sink)) {
    return loggerSink(({ record }) => sink[levelOf(record)]({ audit: record }, `audit ${record.type}`));
  }
  if (isWinstonLike(sink)) {
    return loggerSink(({ record }) =>
      sink.log({ level: levelOf(record), message: `audit ${record.type}`, audit: record }),
    );
  }
  if (typeof sink === 'object' && sink !== null && 'file' in sink) return new FileSink(sink);
  throw new InvalidArgumentError(
    "createAuditLog: sink must be { file }, 'stdout', a function, or a pino or winston logger.",
  );
}

/** @internal An append-only JSON-lines file for checkpoints, opened on first use. */
export class AppendFile {
  readonly #path: string;
  #handle: Promise<fs.FileHandle> | null = null;

  constructor(file: string) {
    this.#path = path.resolve(file);
  }

  async append(text: string): Promise<void> {
    const opening = (this.#handle ??= fs.open(this.#path, 'a', 0o600));
    const handle = await opening.catch((error: unknown) => {
      if (this.#handle === opening) this.#handle = null; // try again next time
      throw error;
    });
    const bytes = Buffer.from(text);
    let offset = 0;
    while (offset < bytes.length) offset += (await handle.write(bytes, offset)).bytesWritten;
    await handle.datasync();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await (await handle)?.close();
  }
}
