/**
 * The redacting walk behind `sanitizeForLogging` and `createRedactor`: a copy of the value with sensitive keys
 * censored, secrets in strings masked, and everything a log call can receive turned into something safe to
 * serialise. It never mutates its input and never throws on a value.
 */
import { createClassifier, type ClassifyOptions, type SecretPatternOptions } from '../classify/index.js';
import { InvalidArgumentError } from '../errors.js';
import { stateSlot } from '../internal/state.js';
import {
  SANITIZE_DEFAULTS,
  SANITIZE_MARKERS,
  type CensorFunction,
  type RedactionPathKey,
  type RedactorOptions,
} from './options.js';
import { compilePaths, stepPath, type PathNode } from './paths.js';
import { coversWhole, createSpanFinder, maskSpans, MIN_SECRET_LENGTH, type SpanFinder } from './strings.js';

/** A compiled redactor: call it with any value to get a redacted copy. */
export interface Redactor {
  (value: unknown): unknown;
  /** Masks secret spans in a log message (a whole-string secret becomes the censor text). */
  redactString(value: string): string;
  /** Whether a property name is redacted by name under this redactor's options. */
  isSensitiveKey(name: string): boolean;
}

interface WalkState {
  /** Objects on the way from the root to the current value, for cycle detection. */
  ancestors: object[];
  /** Keys from the root, kept only when a censor function needs them. */
  path: RedactionPathKey[] | null;
  /** `Object.prototype` has no enumerable properties (nobody polluted it), so `for…in` needs no own-check. */
  protoClean: boolean;
}

/** A remembered key sequence: name decisions and the last clean string per slot. */
interface Shape {
  keys: string[];
  sensitive: boolean[];
  clean: (string | undefined)[];
}

/** Keys per shape that are remembered; wider objects fall back to the per-name cache past this. */
const SHAPE_KEYS = 64;
const SHAPE_CACHE_LIMIT = 1000;

/** A property to drop (`remove: true`). */
const REMOVED: unique symbol = Symbol('removed');
const KEY_CACHE_LIMIT = 10_000;
const STRING_SCAN_MARGIN = 4096;

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const getProto = Object.getPrototypeOf;
const getSymbols = Object.getOwnPropertySymbols;

function isProtoClean(): boolean {
  for (const _ in objectProto) return false;
  return true;
}

function nonNegativeInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`${name} must be a non-negative finite number.`);
  }
  return Math.floor(value);
}

/** Sets `out[key] = value` as an own data property, also for `__proto__`. */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    out[key] = value;
  }
}

function describeBytes(value: ArrayBufferView | ArrayBuffer): string {
  const name =
    typeof Buffer !== 'undefined' && Buffer.isBuffer(value)
      ? 'Buffer'
      : ((value as { constructor?: { name?: string } }).constructor?.name ?? 'Bytes');
  return `[${name} ${value.byteLength} bytes]`;
}

function constructorName(value: object): string | undefined {
  try {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Precompiles options into a redactor for hot paths: the classifier is built once, property names are
 * classified once and remembered, and strings that fail a cheap prefilter skip the value patterns.
 *
 * @throws InvalidArgumentError for malformed options (a bad path, a negative limit). Never on a value.
 *
 * @example
 * const redact = createRedactor({ paths: ['user.ssn'] });
 * logger.info(redact({ user, headers: req.headers }), 'login');
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const censor: string | CensorFunction = options.censor ?? SANITIZE_DEFAULTS.censor;
  if (typeof censor !== 'string' && typeof censor !== 'function') {
    throw new InvalidArgumentError('censor must be a string or a function.');
  }
  const censorFn: CensorFunction | null = typeof censor === 'function' ? censor : null;
  const censorString = typeof censor === 'string' ? censor : SANITIZE_DEFAULTS.censor;
  const remove = options.remove === true;
  const maxDepth = nonNegativeInt(options.maxDepth, SANITIZE_DEFAULTS.maxDepth, 'maxDepth');
  const maxKeys = nonNegativeInt(options.maxKeys, SANITIZE_DEFAULTS.maxKeys, 'maxKeys');
  const maxArrayLength = nonNegativeInt(
    options.maxArrayLength,
    SANITIZE_DEFAULTS.maxArrayLength,
    'maxArrayLength',
  );
  const maxStringLength = nonNegativeInt(
    options.maxStringLength,
    SANITIZE_DEFAULTS.maxStringLength,
    'maxStringLength',
  );
  const cacheSize = nonNegativeInt(
    options.valueCacheSize,
    SANITIZE_DEFAULTS.valueCacheSize,
    'valueCacheSize',
  );
  const pathsRoot: PathNode | null = compilePaths(options.paths);

  const classifierOptions: ClassifyOptions & SecretPatternOptions = {};
  if (options.extraNames) classifierOptions.extraNames = options.extraNames;
  if (options.allowedNames) classifierOptions.allowedNames = options.allowedNames;
  if (options.pii !== undefined) classifierOptions.pii = options.pii;
  if (options.extraPatterns) classifierOptions.extraPatterns = options.extraPatterns;
  if (options.disabledKinds) classifierOptions.disabledKinds = options.disabledKinds;
  const classifier = createClassifier(classifierOptions);
  const findSpans: SpanFinder | null =
    options.values === false
      ? null
      : createSpanFinder(
          (s) => classifier.findSecrets(s),
          cacheSize,
          !(options.extraPatterns && options.extraPatterns.length > 0),
        );
  const minScanLength = options.extraPatterns && options.extraPatterns.length > 0 ? 1 : MIN_SECRET_LENGTH;

  const keyCache = new Map<string, boolean>();
  const shapes = new Map<string, Shape>();
  const stripSymbols = options.symbols !== 'keep';
  function shapeFor(firstKey: string): Shape {
    let shape = shapes.get(firstKey);
    if (shape === undefined) {
      if (shapes.size >= SHAPE_CACHE_LIMIT) shapes.clear();
      shape = { keys: [], sensitive: [], clean: [] };
      shapes.set(firstKey, shape);
    }
    return shape;
  }
  function isSensitiveKey(key: string): boolean {
    let decision = keyCache.get(key);
    if (decision === undefined) {
      decision = classifier.isSensitiveName(key);
      if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
      keyCache.set(key, decision);
    }
    return decision;
  }

  /** The replacement of a value redacted as a whole. */
  function censorWhole(value: unknown, st: WalkState): unknown {
    if (remove) return REMOVED;
    return censorFn === null ? censorString : censorFn(value, st.path === null ? [] : st.path.slice());
  }

  /** The text that replaces a secret span inside a longer string. */
  function spanText(secret: string, st: WalkState | null): string {
    if (censorFn === null) return censorString;
    return String(censorFn(secret, st?.path ? st.path.slice() : []));
  }

  function truncate(text: string, originalLength: number): string {
    return `${text.slice(0, maxStringLength)}… [Truncated: ${originalLength - maxStringLength} more chars]`;
  }

  /** A string as it may be logged: secret spans masked, a whole-string secret censored, long text cut. */
  function walkString(value: string, st: WalkState): unknown {
    const long = value.length > maxStringLength;
    if (findSpans === null || value.length < minScanLength)
      return long ? truncate(value, value.length) : value;
    const head = long ? value.slice(0, maxStringLength + STRING_SCAN_MARGIN) : value;
    const matches = findSpans(head);
    if (matches.length === 0) return long ? truncate(value, value.length) : value;
    if (coversWhole(head, matches) && !long) return censorWhole(value, st);
    const masked = maskSpans(head, matches, (secret) => spanText(secret, st));
    return long ? truncate(masked, value.length) : masked;
  }

  /** Text that must stay text (error messages, stacks, log messages): every span masked, then cut. */
  function scrubText(value: string, st: WalkState | null): string {
    let text = value;
    if (findSpans !== null && text.length >= minScanLength) {
      const head = text.length > maxStringLength ? text.slice(0, maxStringLength + STRING_SCAN_MARGIN) : text;
      const matches = findSpans(head);
      if (matches.length > 0) text = maskSpans(head, matches, (secret) => spanText(secret, st));
    }
    return value.length > maxStringLength ? truncate(text, value.length) : text;
  }

  /** The output for one property value or item; `REMOVED` to drop it. `trie` is the paths state at this key. */
  function child(value: unknown, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (trie !== null && trie.terminal) return censorWhole(value, st);
    switch (typeof value) {
      case 'string':
        return walkString(value, st);
      case 'object':
        return value === null ? null : walkObject(value, depth, st, trie);
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'bigint':
        return value.toString();
      case 'symbol':
        return value.toString();
      case 'function':
        return `[Function: ${typeof value.name === 'string' && value.name !== '' ? value.name : 'anonymous'}]`;
      default:
        return SANITIZE_MARKERS.unreadable;
    }
  }

  /** Walks a property of an object: by name first, then by value. */
  function property(
    key: string,
    value: unknown,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown {
    const next = trie === null ? null : stepPath(trie, key);
    if (st.path !== null) st.path.push(key);
    let result: unknown;
    if (isSensitiveKey(key)) result = censorWhole(value, st);
    else if (typeof value === 'string' && next === null) result = walkString(value, st);
    else result = child(value, depth + 1, st, next);
    if (st.path !== null) st.path.pop();
    return result;
  }

  function walkObject(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (depth >= maxDepth) return SANITIZE_MARKERS.depth;
    const ancestors = st.ancestors;
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === value) return SANITIZE_MARKERS.circular;
    const mark = ancestors.length;
    const pathMark = st.path === null ? 0 : st.path.length;
    try {
      if (Array.isArray(value)) return walkArray(value, depth, st, trie);
      const proto: unknown = getProto(value);
      if (proto === objectProto || proto === null) return walkPlain(value, depth, st, trie);
      return walkSpecial(value, depth, st, trie);
    } catch {
      ancestors.length = mark;
      if (st.path !== null) st.path.length = pathMark;
      return SANITIZE_MARKERS.unreadable;
    }
  }

  /**
   * Plain objects (and class instances without special handling): a spread copy, patched where needed.
   * A shape (the key sequence, remembered by first key) replays the name decisions and the last clean string
   * seen in each slot, so a familiar object costs a few comparisons per key.
   */
  function walkPlain(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    let out: Record<string, unknown>;
    try {
      out = { ...value } as Record<string, unknown>;
    } catch {
      return walkGuarded(value, depth, st, trie);
    }
    st.ancestors.push(value);
    const protoClean = st.protoClean;
    let count = 0;
    let cut = 0;
    let shape: Shape | undefined;
    let replay = true;
    for (const key in out) {
      if (!protoClean && !hasOwn.call(out, key)) continue;
      if (count >= maxKeys) {
        delete out[key];
        cut++;
        continue;
      }
      const v = out[key];
      if (key === 'toJSON' && typeof v === 'function') {
        st.ancestors.pop();
        return viaToJSON(value, v as (key: string) => unknown, depth, st, trie);
      }
      let sensitive: boolean;
      let slot = -1;
      if (count < SHAPE_KEYS) {
        if (count === 0) shape = shapeFor(key);
        const keys = shape!.keys;
        if (replay && keys[count] === key) {
          sensitive = shape!.sensitive[count]!;
        } else {
          if (replay) {
            replay = false;
            keys.length = shape!.sensitive.length = shape!.clean.length = count;
          }
          sensitive = isSensitiveKey(key);
          keys.push(key);
          shape!.sensitive.push(sensitive);
          shape!.clean.push(undefined);
        }
        slot = count;
      } else {
        sensitive = isSensitiveKey(key);
      }
      count++;
      const next = trie === null ? null : stepPath(trie, key);
      let r: unknown;
      if (sensitive || (next !== null && next.terminal)) {
        if (st.path !== null) st.path.push(key);
        r = censorWhole(v, st);
        if (st.path !== null) st.path.pop();
      } else if (typeof v === 'string') {
        if (slot >= 0 && shape!.clean[slot] === v) continue;
        if (st.path !== null) st.path.push(key);
        r = walkString(v, st);
        if (st.path !== null) st.path.pop();
        if (r === v) {
          if (slot >= 0) shape!.clean[slot] = v;
          continue;
        }
      } else if (typeof v === 'number' || typeof v === 'boolean' || v === undefined) {
        continue;
      } else {
        if (st.path !== null) st.path.push(key);
        r = child(v, depth + 1, st, next);
        if (st.path !== null) st.path.pop();
      }
      if (r !== v) {
        if (r === REMOVED) delete out[key];
        else out[key] = r;
      }
    }
    if (replay && shape !== undefined && shape.keys.length > count) {
      shape.keys.length = shape.sensitive.length = shape.clean.length = count;
    }
    if (stripSymbols) {
      const symbols = getSymbols(out);
      for (let i = 0; i < symbols.length; i++) delete out[symbols[i] as unknown as string];
    }
    if (cut > 0) out[SANITIZE_MARKERS.truncatedKey] = `${cut} more keys`;
    st.ancestors.pop();
    return out;
  }

  /** The slow path for objects whose spread throws (a throwing getter): every property read on its own. */
  function walkGuarded(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    const keys = Object.keys(value);
    const out: Record<string, unknown> = {};
    st.ancestors.push(value);
    const limit = Math.min(keys.length, maxKeys);
    for (let i = 0; i < limit; i++) {
      const key = keys[i]!;
      let v: unknown;
      try {
        v = (value as Record<string, unknown>)[key];
      } catch {
        define(out, key, SANITIZE_MARKERS.getterThrew);
        continue;
      }
      const r = property(key, v, depth, st, trie);
      if (r !== REMOVED) define(out, key, r);
    }
    if (keys.length > limit) out[SANITIZE_MARKERS.truncatedKey] = `${keys.length - limit} more keys`;
    st.ancestors.pop();
    return out;
  }

  function viaToJSON(
    value: object,
    toJSON: (key: string) => unknown,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown {
    const json = toJSON.call(value, st.path !== null && st.path.length > 0 ? String(st.path.at(-1)) : '');
    st.ancestors.push(value);
    const result = json === value ? SANITIZE_MARKERS.circular : child(json, depth, st, trie);
    st.ancestors.pop();
    return result === REMOVED ? undefined : result;
  }

  function walkArray(
    value: readonly unknown[],
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown[] {
    const length = value.length;
    const limit = length < maxArrayLength ? length : maxArrayLength;
    const out: unknown[] = [];
    st.ancestors.push(value);
    for (let i = 0; i < limit; i++) {
      const v = value[i];
      const next = trie === null ? null : stepPath(trie, String(i));
      if (st.path !== null) st.path.push(i);
      const r = typeof v === 'string' && next === null ? walkString(v, st) : child(v, depth + 1, st, next);
      if (st.path !== null) st.path.pop();
      out.push(r === REMOVED ? undefined : r);
    }
    if (length > limit) out.push(`[Truncated: ${length - limit} more items]`);
    st.ancestors.pop();
    return out;
  }

  function walkItems(items: Iterable<unknown>, size: number, depth: number, st: WalkState): unknown[] {
    const out: unknown[] = [];
    let i = 0;
    for (const item of items) {
      if (i >= maxArrayLength) break;
      if (st.path !== null) st.path.push(i);
      const r = child(item, depth + 1, st, null);
      if (st.path !== null) st.path.pop();
      out.push(r === REMOVED ? undefined : r);
      i++;
    }
    if (size > i) out.push(`[Truncated: ${size - i} more items]`);
    return out;
  }

  function walkMap(
    value: Map<unknown, unknown>,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown {
    const out: Record<string, unknown> = {};
    st.ancestors.push(value);
    let i = 0;
    for (const [k, v] of value) {
      if (i >= maxKeys) break;
      i++;
      const key =
        typeof k === 'string'
          ? k
          : typeof k === 'object' && k !== null
            ? `[${constructorName(k) ?? 'Object'}]`
            : typeof k === 'function'
              ? '[Function]'
              : String(k);
      const r = property(key, v, depth, st, trie);
      if (r !== REMOVED) define(out, key, r);
    }
    if (value.size > i) out[SANITIZE_MARKERS.truncatedKey] = `${value.size - i} more entries`;
    st.ancestors.pop();
    return out;
  }

  function walkError(value: Error, depth: number, st: WalkState, trie: PathNode | null): unknown {
    const out: Record<string, unknown> = {};
    st.ancestors.push(value);
    out.type = constructorName(value) ?? (typeof value.name === 'string' ? value.name : 'Error');
    const message: unknown = value.message;
    out.message = typeof message === 'string' ? scrubText(message, st) : child(message, depth + 1, st, null);
    const stack: unknown = value.stack;
    if (typeof stack === 'string') out.stack = scrubText(stack, st);
    const keys = Object.keys(value);
    const limit = Math.min(keys.length, maxKeys);
    for (let i = 0; i < limit; i++) {
      const key = keys[i]!;
      if (key === 'message' || key === 'stack' || key === 'type') continue;
      let v: unknown;
      try {
        v = (value as unknown as Record<string, unknown>)[key];
      } catch {
        define(out, key, SANITIZE_MARKERS.getterThrew);
        continue;
      }
      const r = property(key, v, depth, st, trie);
      if (r !== REMOVED) define(out, key, r);
    }
    if (!('cause' in out) && hasOwn.call(value, 'cause')) {
      const r = property('cause', (value as { cause?: unknown }).cause, depth, st, trie);
      if (r !== REMOVED) out.cause = r;
    }
    const errors: unknown = (value as { errors?: unknown }).errors;
    if (!('errors' in out) && Array.isArray(errors)) {
      const r = property('errors', errors, depth, st, trie);
      if (r !== REMOVED) out.errors = r;
    }
    st.ancestors.pop();
    return out;
  }

  function walkSpecial(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (ArrayBuffer.isView(value)) return describeBytes(value);
    if (value instanceof Error) return walkError(value, depth, st, trie);
    if (value instanceof Date) {
      const time = value.getTime();
      return Number.isNaN(time) ? 'Invalid Date' : value.toISOString();
    }
    if (value instanceof Map) return walkMap(value, depth, st, trie);
    if (value instanceof Set) {
      st.ancestors.push(value);
      const items = walkItems(value, value.size, depth, st);
      st.ancestors.pop();
      return items;
    }
    if (value instanceof ArrayBuffer) return describeBytes(value);
    if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) {
      return `[SharedArrayBuffer ${value.byteLength} bytes]`;
    }
    if (value instanceof RegExp) return walkString(value.toString(), st);
    if (
      value instanceof WeakMap ||
      value instanceof WeakSet ||
      value instanceof Promise ||
      (typeof WeakRef !== 'undefined' && value instanceof WeakRef)
    ) {
      return `[${constructorName(value) ?? 'Object'}]`;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return child(value.valueOf(), depth, st, null);
    }
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function')
      return viaToJSON(value, toJSON as (key: string) => unknown, depth, st, trie);
    return walkPlain(value, depth, st, trie);
  }

  /** The walk state of the last finished call, reused by the next one (a nested call makes its own). */
  let idle: WalkState | null = null;

  function redactor(value: unknown): unknown {
    const protoClean = typeof value === 'object' && value !== null ? isProtoClean() : true;
    let st = idle;
    if (st === null) {
      st = { ancestors: [], path: censorFn === null ? null : [], protoClean };
    } else {
      idle = null;
      st.protoClean = protoClean;
    }
    try {
      const result =
        pathsRoot !== null && pathsRoot.terminal ? censorWhole(value, st) : child(value, 0, st, pathsRoot);
      return result === REMOVED ? undefined : result;
    } catch {
      return SANITIZE_MARKERS.unreadable;
    } finally {
      // Emptied so the state holds no reference to the value between calls.
      if (st.ancestors.length !== 0) st.ancestors.length = 0;
      if (st.path !== null && st.path.length !== 0) st.path.length = 0;
      idle = st;
    }
  }

  return Object.assign(redactor, {
    redactString(value: string): string {
      try {
        return scrubText(String(value), null);
      } catch {
        return SANITIZE_MARKERS.unreadable;
      }
    },
    isSensitiveKey,
  });
}

/** The shared default redactor, one per process (the ESM and the CommonJS build use the same one). */
const logState = (): { defaultRedactor?: Redactor } => stateSlot('log@1', () => ({}));

/**
 * A redacted deep copy of `value`, safe to hand to any logger. Never mutates `value` and never throws on it.
 *
 * - By name: properties the shared classifier calls sensitive (`password`, `accessToken`, `apiKey`,
 *   `authorization`, `cookie`…) at any depth are replaced by the censor.
 * - By value: JWTs, `Bearer …`, private keys, provider tokens and card numbers under any key are censored;
 *   inside longer text only the secret is masked (`redis://user:[REDACTED]@host`).
 * - Cycles, depth, width and long strings are bounded; Errors, Maps, Sets, Buffers, Dates, class instances,
 *   throwing getters and Proxies become plain, serialisable data.
 *
 * Without options a shared default redactor is used. With options the options are compiled on every call:
 * use {@link createRedactor} once for hot paths.
 *
 * @example
 * logger.info(sanitizeForLogging({ user, headers: req.headers }), 'login');
 */
export function sanitizeForLogging(value: unknown, options?: RedactorOptions): unknown {
  if (options === undefined) return (logState().defaultRedactor ??= createRedactor())(value);
  return createRedactor(options)(value);
}
