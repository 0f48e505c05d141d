/**
 * Options, defaults and markers of `sanitizeForLogging` / `createRedactor`.
 */
import type { ClassifyOptions, SecretPatternOptions } from '../classify/index.js';

/** A key on the way from the root to a value: property names, or indices in arrays. */
export type RedactionPathKey = string | number;

/**
 * Computes the replacement of a redacted value. `path` is where the value sits (`['user', 'password']`);
 * for a secret found inside a longer string, `value` is the secret span only and the result is turned into
 * text.
 */
export type CensorFunction = (value: unknown, path: readonly RedactionPathKey[]) => unknown;

/**
 * Options of `createRedactor` and `sanitizeForLogging`. Classifier options pass through: `extraNames`,
 * `allowedNames`, `pii` for names, `extraPatterns`, `disabledKinds` for values.
 */
export interface RedactorOptions extends ClassifyOptions, SecretPatternOptions {
  /** What a redacted value becomes. Default `'[REDACTED]'`. */
  censor?: string | CensorFunction;
  /**
   * Drop properties redacted as a whole instead of censoring them (array items become `undefined`).
   * Default `false`.
   */
  remove?: boolean;
  /**
   * Extra exact paths to redact, whatever their names: `'user.ssn'`, `'items[*].code'`,
   * `'headers["x-signature"]'`.
   * `*` matches any one key or index. Paths are matched from the root of the value given.
   */
  paths?: readonly string[];
  /**
   * Scan string values for secret patterns (JWT, `Bearer …`, provider keys, URL passwords, cards).
   * Default `true`.
   */
  values?: boolean;
  /**
   * Redact the value a sensitive name announces inside text: `name=value` and `name: value` (quoted or not),
   * JSON text (`{"password":"…"}`, also escaped inside another string), URL query strings
   * (`?client_secret=…&`) and header lines (`Authorization: Basic …`), in every string, error message and stack
   * and log message. The name is judged by the classifier, like a property name; the name and the text around
   * stay. A card-number match that is an id's value (`orderId=…`, `payment_id: …`) is an id, not a card.
   * Default `true`.
   */
  textNames?: boolean;
  /** Objects nested deeper than this are replaced by a marker (the value given is depth 0). Default `10`. */
  maxDepth?: number;
  /** Properties kept per object; the rest are counted in a `'[Truncated]'` property. Default `1000`. */
  maxKeys?: number;
  /** Items kept per array, Set or Map; the rest are counted in a marker item. Default `1000`. */
  maxArrayLength?: number;
  /** Characters kept per string (after scanning); the rest are counted in a marker suffix. Default `10_000`. */
  maxStringLength?: number;
  /**
   * Slots of a redactor's memory of strings already found free of secrets, so repeated values (user agents,
   * routes, host names) skip the pattern scan: a direct-mapped table (rounded up to a power of two, at most
   * 65,536; a new string replaces the one in its slot). Only strings of at most 512 characters are remembered,
   * never a secret. `0` turns it off. Default `2048`.
   */
  valueCacheSize?: number;
  /**
   * Symbol-keyed properties: JSON ignores them, `console.log` (`util.inspect`) shows them. `'redact'` (default)
   * redacts their values by value pattern and keeps them; `'drop'` leaves them out of a copy; `'keep'` neither
   * looks at nor changes them (faster, but `console.log` shows what they hold). The plain form
   * (`redactor.plain`) always leaves them out unless `'keep'`.
   */
  symbols?: 'redact' | 'drop' | 'keep';
}

/** Options of `sanitizeForLogging`: the redactor's, plus the name the value is known by. */
export interface SanitizeOptions extends RedactorOptions {
  /**
   * The name the value is known by (a variable or property name), judged like a property name: when the
   * classifier calls it sensitive the whole value is censored, whatever it holds, and keeps its place and kind
   * (a string stays a string): `` `token ${sanitizeForLogging(token, { name: 'token' })}` `` logs
   * `token [REDACTED]`. Otherwise the value is redacted as usual.
   */
  name?: string;
}

/** Defaults, exported so documentation and tests read the same numbers. */
export const SANITIZE_DEFAULTS = Object.freeze({
  censor: '[REDACTED]',
  maxDepth: 10,
  maxKeys: 1000,
  maxArrayLength: 1000,
  maxStringLength: 10_000,
  valueCacheSize: 2048,
});

/** The markers that replace what cannot or should not be logged as is. */
export const SANITIZE_MARKERS = Object.freeze({
  circular: '[Circular]',
  depth: '[Truncated: depth]',
  getterThrew: '[Getter threw]',
  unreadable: '[Unreadable]',
  /** Property name that counts the properties cut by `maxKeys`. */
  truncatedKey: '[Truncated]',
});
