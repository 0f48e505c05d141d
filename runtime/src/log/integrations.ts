/**
 * Ready-made redaction for pino and winston, recognised by shape: neither library is imported.
 */
import type { RedactorOptions } from './options.js';
import { createRedactor, type Redactor } from './redactor.js';

/** A pino serializer: `(value) => serialised`. */
export type PinoSerializer = (value: unknown) => unknown;

/** Options of {@link pinoRedaction}. */
export interface PinoRedactionOptions extends RedactorOptions {
  /** A redactor to share instead of compiling the options. */
  redactor?: Redactor;
  /**
   * Your pino serializers (`{ req, res }`…). They are returned wrapped, so their output is redacted too, and
   * `formatters.log` leaves those keys to them. Default: none besides the error key.
   */
  serializers?: Readonly<Record<string, PinoSerializer>>;
  /** pino's `errorKey`. Default `'err'`. */
  errorKey?: string;
  /** pino's `messageKey`. Default `'msg'`. */
  messageKey?: string;
}

/** The options {@link pinoRedaction} returns, to spread into `pino({...})`. */
export interface PinoRedactionHooks {
  formatters: {
    log(object: Record<string, unknown>): Record<string, unknown>;
    bindings(bindings: Record<string, unknown>): Record<string, unknown>;
  };
  hooks: {
    logMethod(
      this: unknown,
      args: unknown[],
      method: (...args: unknown[]) => unknown,
      level: number,
    ): unknown;
  };
  serializers: Record<string, PinoSerializer>;
}

const hasOwn = Object.prototype.hasOwnProperty;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

function errorMessage(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message: unknown = (value as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * pino options that redact every log line: `pino({ ...pinoRedaction(), level: 'info' }, destination)`.
 *
 * - `formatters.log` redacts the merging object (after `mixin`); `formatters.bindings` redacts the `base`
 *   bindings. pino formats a child's bindings only with a formatter given to that child, so pass it on:
 *   `logger.child(bindings, { formatters: { bindings: r.formatters.bindings } })`.
 * - `hooks.logMethod` scrubs the message and its `%s`/`%j` arguments (`logger.info(\`token ${t}\`)`), and
 *   supplies the scrubbed `err.message` when pino would take the message from an error.
 * - `serializers` redact the error key and wrap yours (pass them in `serializers`), so `req.headers` from
 *   a `req` serializer are redacted too.
 *
 * When you have your own `formatters` or `hooks`, merge them: `formatters: { ...r.formatters, level }`.
 */
export function pinoRedaction(options: PinoRedactionOptions = {}): PinoRedactionHooks {
  const redactor = options.redactor ?? createRedactor(options);
  const redact = Object.assign((value: unknown) => redactor.plain(value), redactor);
  const errorKey = options.errorKey ?? 'err';
  const messageKey = options.messageKey ?? 'msg';
  const serializers: Record<string, PinoSerializer> = Object.create(null) as Record<string, PinoSerializer>;
  for (const [key, serializer] of Object.entries(options.serializers ?? {})) {
    serializers[key] = (value) => redact(serializer(value));
  }
  if (!(errorKey in serializers)) serializers[errorKey] = (value) => redact(value);
  const serialized = Object.keys(serializers);

  return {
    formatters: {
      log(object) {
        let raw: Record<string, unknown> | undefined;
        for (const key of serialized) {
          if (hasOwn.call(object, key)) (raw ??= {})[key] = object[key];
        }
        if (raw === undefined) return asRecord(redact(object));
        const rest: Record<string, unknown> = {};
        for (const key of Object.keys(object)) {
          if (!(key in raw))
            Object.defineProperty(rest, key, { value: object[key], enumerable: true, writable: true });
        }
        // Serialized keys are redacted by their (wrapped) serializer, which pino runs next.
        return Object.assign(asRecord(redact(rest)), raw);
      },
      bindings(bindings) {
        return asRecord(redact(bindings));
      },
    },
    hooks: {
      logMethod(args, method) {
        let first = 0;
        const head = args[0];
        if (typeof head === 'object' && head !== null) {
          first = 1;
          if (args.length === 1) {
            // pino takes the message from the error when none is given: give it the scrubbed one.
            const err = head instanceof Error ? head : (head as Record<string, unknown>)[errorKey];
            const message = errorMessage(err);
            const ownMessage =
              head instanceof Error ? undefined : (head as Record<string, unknown>)[messageKey];
            if (message !== undefined && ownMessage === undefined) args.push(redact.redactString(message));
          }
        }
        for (let i = first; i < args.length; i++) {
          const arg = args[i];
          if (typeof arg === 'string') args[i] = redact.redactString(arg);
          else if (i > first && typeof arg === 'object' && arg !== null) args[i] = redact(arg);
        }
        return method.apply(this, args);
      },
    },
    serializers,
  };
}

/** winston's `info` object (logform's `TransformableInfo`). */
export interface WinstonInfo {
  level: string;
  message: unknown;
  [key: string | symbol]: unknown;
}

/** A winston format: an object with `transform(info)`, what `winston.format.combine(...)` accepts. */
export interface WinstonRedactFormat {
  transform(info: WinstonInfo, options?: unknown): WinstonInfo;
}

/** Options of {@link winstonRedactFormat}. */
export interface WinstonRedactOptions extends RedactorOptions {
  /** A redactor to share instead of compiling the options. */
  redactor?: Redactor;
}

const MESSAGE = Symbol.for('message');
const SPLAT = Symbol.for('splat');

/**
 * A winston format that redacts each `info`:
 * `winston.createLogger({ format: winston.format.combine(winstonRedactFormat(), winston.format.json()) })`.
 *
 * Returns a redacted copy of `info` (winston's input is not mutated). `message` and other strings are scrubbed
 * by value patterns, properties by name. winston's symbol keys are kept: `Symbol.for('level')` as is,
 * `Symbol.for('splat')` (the `%s` arguments) redacted, `Symbol.for('message')` scrubbed. Put it before the
 * format that renders the line (`json()`, `printf()`), and before `splat()` so arguments are redacted first.
 */
export function winstonRedactFormat(options: WinstonRedactOptions = {}): WinstonRedactFormat {
  const redactor = options.redactor ?? createRedactor(options);
  const redact = Object.assign((value: unknown) => redactor.plain(value), redactor);
  return {
    transform(info) {
      const out = asRecord(redact(info)) as WinstonInfo;
      for (const symbol of Object.getOwnPropertySymbols(info)) {
        const value = info[symbol];
        if (symbol === SPLAT) out[symbol] = Array.isArray(value) ? redact(value) : value;
        else if (symbol === MESSAGE && typeof value === 'string') out[symbol] = redact.redactString(value);
        else out[symbol] = value;
      }
      return out;
    },
  };
}
