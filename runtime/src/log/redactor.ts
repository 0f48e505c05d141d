/**
 * The redacting walk behind `sanitizeForLogging` and `createRedactor`. It returns the value itself when nothing in
 * it needs redacting, and otherwise a copy of the same kinds (an Error stays an Error of the same class, a Map a
 * Map, a class instance keeps its prototype) in which only what is sensitive differs: so a logger prints exactly
 * the same line for a value that holds no secret. It never mutates its input and never throws on a value.
 *
 * `redactor.plain(value)` is the other form: plain, JSON-safe data (Errors as `{ type, message, stack, … }`,
 * Maps as objects, Sets as arrays…), for hooks that hand the result to a JSON serialiser themselves.
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
  type SanitizeOptions,
} from './options.js';
import { compilePaths, stepPath, type PathNode } from './paths.js';
import {
  coversWhole,
  createSpanFinder,
  maskSpans,
  MIN_NAMED_LENGTH,
  MIN_SECRET_LENGTH,
  withoutCards,
  type SpanFinder,
} from './strings.js';
import { MIN_WHOLE_SECRET_LENGTH } from './known.js';
import { isIdName, type NameJudge } from './text.js';

/** A compiled redactor: call it with any value to get the value, or a redacted copy of the same kinds. */
export interface Redactor {
  (value: unknown): unknown;
  /**
   * The value known by `name` (a variable or property name), judged like a property: censored whole when the
   * name is sensitive, otherwise redacted as usual.
   */
  named(name: string, value: unknown): unknown;
  /**
   * A redacted copy as plain, JSON-safe data: Errors become `{ type, message, stack, …own properties }`, Maps
   * plain objects, Sets arrays, Dates ISO text, Buffers `'[Buffer N bytes]'`, class instances plain objects,
   * bigints and symbols text. For code that serialises the result itself (the pino and winston hooks).
   */
  plain(value: unknown): unknown;
  /** Masks secret spans in a log message (a whole-string secret becomes the censor text). */
  redactString(value: string): string;
  /** Whether a property name is redacted by name under this redactor's options. */
  isSensitiveKey(name: string): boolean;
}

/** The kind of copy an object on the walk gets, which decides the empty container a copy starts from. */
const KIND_NONE = 0;
const KIND_ARRAY = 1;
const KIND_PLAIN = 2;
const KIND_INSTANCE = 3;
const KIND_ERROR = 4;
const KIND_MAP = 5;
const KIND_SET = 6;

interface WalkState {
  /** Objects on the way from the root to the current value, for cycle detection. */
  ancestors: object[];
  /** Per ancestor: its copy, made early when a cycle closes on it, so the copy has the same cycle. */
  shells: (object | undefined)[];
  /** Per ancestor: its kind of copy. */
  kinds: number[];
  /** Keys from the root, kept only when a censor function needs them. */
  path: RedactionPathKey[] | null;
  /** `Object.prototype` has no enumerable properties (nobody polluted it), so `for…in` needs no own-check. */
  protoClean: boolean;
  /** Produce plain, JSON-safe data (`redactor.plain`). */
  plain: boolean;
  /** The object whose walk is being repeated: its copy is made when it is entered. */
  redo: object | null;
}

/** A remembered key sequence: name decisions and the last clean string per slot. */
interface Shape {
  keys: string[];
  sensitive: boolean[];
  clean: (string | undefined)[];
}

/** The state of one object's walk over its properties. */
interface PropsFrame {
  /** Its copy, once something in it changed. */
  out: Record<PropertyKey, unknown> | null;
  /** The remembered key sequence of objects that start with its first key. */
  shape: Shape | undefined;
  /** Whether its keys so far follow the remembered sequence. */
  replay: boolean;
}

/** Keys per shape that are remembered; wider objects fall back to the per-name cache past this. */
const SHAPE_KEYS = 64;
const SHAPE_CACHE_LIMIT = 1000;

/** Marks an ancestor a cycle closed on while it was unchanged. */
const CYCLE_SEEN: object = Object.freeze({});
/** A walk to repeat (see `finish`). */
const REDO: unique symbol = Symbol('redo');
/** A property to drop (`remove: true`). */
const REMOVED: unique symbol = Symbol('removed');
const KEY_CACHE_LIMIT = 10_000;
const STRING_SCAN_MARGIN = 4096;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const objectProto = Object.prototype;
const arrayProto = Array.prototype;
const mapProto = Map.prototype;
const setProto = Set.prototype;
const getProto = Object.getPrototypeOf;
const setPrototype = Object.setPrototypeOf;
const getSymbols = Object.getOwnPropertySymbols;
const describe = Object.getOwnPropertyDescriptor;

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
function define(out: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    out[key] = value;
  }
}

function describeBytes(value: ArrayBufferView | ArrayBufferLike): string {
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

/** The bytes of a buffer-like value as Latin-1 text (one character per byte), the first `max` bytes. */
function bytesAsText(value: ArrayBufferView | ArrayBufferLike, max: number): string {
  const bytes = ArrayBuffer.isView(value)
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
  const n = Math.min(bytes.length, max);
  let text = '';
  for (let i = 0; i < n; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(n, i + 8192)));
  }
  return text;
}

/** A native Error with no own properties and the prototype of `error`: an Error of the same class to fill. */
function emptyError(error: object): Error {
  const out = new Error();
  for (const key of Reflect.ownKeys(out)) delete (out as unknown as Record<PropertyKey, unknown>)[key];
  const proto: unknown = getProto(error);
  if (proto !== Error.prototype) setPrototype(out, proto as object | null);
  return out;
}

/** An empty container of the kind a copy of `value` has. */
function emptyCopy(kind: number, value: object): object | undefined {
  switch (kind) {
    case KIND_ARRAY: {
      const out: unknown[] = [];
      const proto: unknown = getProto(value);
      if (proto !== arrayProto) setPrototype(out, proto as object | null);
      return out;
    }
    case KIND_PLAIN:
      return getProto(value) === null ? (Object.create(null) as object) : {};
    case KIND_INSTANCE:
      return Object.create(getProto(value) as object | null) as object;
    case KIND_ERROR:
      return emptyError(value);
    case KIND_MAP: {
      const out = new Map<unknown, unknown>();
      const proto: unknown = getProto(value);
      if (proto !== mapProto) setPrototype(out, proto as object | null);
      return out;
    }
    case KIND_SET: {
      const out = new Set<unknown>();
      const proto: unknown = getProto(value);
      if (proto !== setProto) setPrototype(out, proto as object | null);
      return out;
    }
    default:
      return undefined;
  }
}

/** Copies the own properties of `from` (a copy being finished) onto `to` (the early copy a cycle points at). */
function moveInto(to: object, from: object): object {
  if (to instanceof Map) {
    for (const [k, v] of from as Map<unknown, unknown>) to.set(k, v);
  } else if (to instanceof Set) {
    for (const v of from as Set<unknown>) to.add(v);
  } else {
    Object.defineProperties(to, Object.getOwnPropertyDescriptors(from));
  }
  return to;
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
  const symbolsMode = options.symbols ?? 'redact';
  if (symbolsMode !== 'redact' && symbolsMode !== 'drop' && symbolsMode !== 'keep') {
    throw new InvalidArgumentError("symbols must be 'redact', 'drop' or 'keep'.");
  }
  const pathsRoot: PathNode | null = compilePaths(options.paths);

  const classifierOptions: ClassifyOptions & SecretPatternOptions = {};
  if (options.extraNames) classifierOptions.extraNames = options.extraNames;
  if (options.allowedNames) classifierOptions.allowedNames = options.allowedNames;
  if (options.pii !== undefined) classifierOptions.pii = options.pii;
  if (options.extraPatterns) classifierOptions.extraPatterns = options.extraPatterns;
  if (options.disabledKinds) classifierOptions.disabledKinds = options.disabledKinds;
  const classifier = createClassifier(classifierOptions);
  const extraPatterns = options.extraPatterns !== undefined && options.extraPatterns.length > 0;
  const scanValues = options.values !== false;
  const scanNames = options.textNames !== false;
  /** Per name: 1 sensitive, 2 an id, 0 neither. */
  const verdicts = new Map<string, 0 | 1 | 2>();
  const judge: NameJudge = (name) => {
    let verdict = verdicts.get(name);
    if (verdict === undefined) {
      verdict = isSensitiveKey(name) ? 1 : isIdName(name) ? 2 : 0;
      if (verdicts.size >= KEY_CACHE_LIMIT) verdicts.clear();
      verdicts.set(name, verdict);
    }
    return verdict;
  };
  // Always made: secret values registered with the process (`registerSecretValue`, the secrets module) are
  // masked even when the value patterns and the text names are off.
  const findSpans: SpanFinder = createSpanFinder(
    scanValues ? (s) => classifier.findSecrets(s) : null,
    cacheSize,
    !extraPatterns,
    scanNames ? judge : null,
  );
  const minScanLength = Math.min(
    scanValues && extraPatterns ? 1 : scanNames ? MIN_NAMED_LENGTH : MIN_SECRET_LENGTH,
    MIN_WHOLE_SECRET_LENGTH,
  );
  /** Reads the registry of known secret values once per call; a change forgets every remembered clean string. */
  function syncKnown(): void {
    if (findSpans.syncKnown()) shapes.clear();
  }

  const keyCache = new Map<string, boolean>();
  const shapes = new Map<string, Shape>();
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

  function enter(st: WalkState, value: object, kind: number): void {
    st.ancestors.push(value);
    if (st.redo === value) {
      st.redo = null;
      st.shells.push(emptyCopy(kind, value));
    } else {
      st.shells.push(undefined);
    }
    st.kinds.push(kind);
  }

  /**
   * Leaves the current object: the object itself when nothing in it changed (`out` is null), else its copy. When
   * a cycle closed on it during the walk and it turns out changed, `REDO`: the walk is repeated with its copy made
   * first, so the cycle in the copy closes on the copy, never on the original.
   */
  function finish(value: object, out: object | null, st: WalkState): unknown {
    const shell = leave(st);
    if (out === null) return value;
    if (shell === undefined) return out;
    if (shell === CYCLE_SEEN) return REDO;
    return moveInto(shell, out);
  }

  /** Leaves the current object; returns its early copy when a cycle closed on it. */
  function leave(st: WalkState): object | undefined {
    st.ancestors.pop();
    st.kinds.pop();
    return st.shells.pop();
  }

  /**
   * A cycle closes on ancestor `i`: the plain form marks it; otherwise the result points at the ancestor, or at
   * its copy when the ancestor's walk is being repeated because it changed.
   */
  function closeCycle(i: number, st: WalkState): unknown {
    if (st.plain || st.kinds[i] === KIND_NONE) return SANITIZE_MARKERS.circular;
    const shell = st.shells[i];
    if (shell === undefined || shell === CYCLE_SEEN) {
      // Unchanged so far: point at the original; if the ancestor turns out changed, its walk is repeated.
      st.shells[i] = CYCLE_SEEN;
      return st.ancestors[i];
    }
    return shell;
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

  /**
   * A string as it may be logged: secret spans masked, a whole-string secret censored, long text cut. `key` is the
   * name of the property it is the value of: under an id's name (`orderId`) a card-number match is an id.
   */
  function walkString(value: string, st: WalkState, key?: string): unknown {
    const long = value.length > maxStringLength;
    if (value.length < minScanLength) return long ? truncate(value, value.length) : value;
    const head = long ? value.slice(0, maxStringLength + STRING_SCAN_MARGIN) : value;
    let matches = findSpans(head);
    if (matches.length > 0 && key !== undefined && judge(key) === 2) matches = withoutCards(matches);
    if (matches.length === 0) return long ? truncate(value, value.length) : value;
    if (coversWhole(head, matches) && !long) return censorWhole(value, st);
    const masked = maskSpans(head, matches, (secret) => spanText(secret, st));
    return long ? truncate(masked, value.length) : masked;
  }

  /** Text that must stay text (error messages, stacks, log messages): every span masked, then cut. */
  function scrubText(value: string, st: WalkState | null): string {
    let text = value;
    if (text.length >= minScanLength) {
      const head = text.length > maxStringLength ? text.slice(0, maxStringLength + STRING_SCAN_MARGIN) : text;
      const matches = findSpans(head);
      if (matches.length > 0) text = maskSpans(head, matches, (secret) => spanText(secret, st));
    }
    return value.length > maxStringLength ? truncate(text, value.length) : text;
  }

  /** Whether text holds a secret the value patterns find. */
  function holdsSecret(text: string): boolean {
    return text.length >= minScanLength && findSpans(text).length > 0;
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
        return st.plain ? value.toString() : value;
      case 'symbol':
        return st.plain ? value.toString() : value;
      case 'function':
        return st.plain
          ? `[Function: ${typeof value.name === 'string' && value.name !== '' ? value.name : 'anonymous'}]`
          : value;
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
    if (isSensitiveKey(key) && !isConnectionUrl(value)) result = censorWhole(value, st);
    else if (typeof value === 'string' && next === null) result = walkString(value, st, key);
    else result = child(value, depth + 1, st, next);
    if (st.path !== null) st.path.pop();
    return result;
  }

  function walkObject(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (depth >= maxDepth) return SANITIZE_MARKERS.depth;
    const ancestors = st.ancestors;
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === value) return closeCycle(i, st);
    const mark = ancestors.length;
    const pathMark = st.path === null ? 0 : st.path.length;
    try {
      let result = dispatch(value, depth, st, trie);
      if (result === REDO) {
        st.redo = value;
        result = dispatch(value, depth, st, trie);
        st.redo = null;
      }
      return result;
    } catch {
      ancestors.length = st.shells.length = st.kinds.length = mark;
      if (st.path !== null) st.path.length = pathMark;
      return SANITIZE_MARKERS.unreadable;
    }
  }

  function dispatch(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (Array.isArray(value)) return walkArray(value, depth, st, trie);
    const proto: unknown = getProto(value);
    if (proto === objectProto || proto === null) return walkProps(value, KIND_PLAIN, depth, st, trie, true);
    return walkSpecial(value, depth, st, trie);
  }

  /** The copy of an object's own enumerable properties that a change starts from. */
  function startCopy(value: object, kind: number, st: WalkState): Record<PropertyKey, unknown> {
    const bare = st.plain || kind === KIND_PLAIN;
    if (bare && (st.plain || getProto(value) !== null)) {
      try {
        return { ...value } as Record<PropertyKey, unknown>;
      } catch {
        // A getter threw: copied one by one below.
      }
    }
    const out = (bare ? emptyCopy(KIND_PLAIN, value) : emptyCopy(KIND_INSTANCE, value)) as Record<
      PropertyKey,
      unknown
    >;
    const src = value as Record<PropertyKey, unknown>;
    const keys: PropertyKey[] = Object.keys(value);
    for (const symbol of getSymbols(value)) if (isEnumerable.call(value, symbol)) keys.push(symbol);
    for (const key of keys) {
      let v: unknown;
      try {
        v = src[key];
      } catch {
        v = SANITIZE_MARKERS.getterThrew;
      }
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    }
    return out;
  }

  /**
   * Objects and class instances: their own enumerable properties, each by name and then by value; the object
   * itself when nothing changed, else a copy (a spread, patched where needed; a class instance keeps its
   * prototype). A shape (the key sequence, remembered by first key) replays the name decisions and the last clean
   * string seen in each slot, so a familiar object costs a few comparisons per key. `ownToJSON`: an own `toJSON`
   * method decides what JSON shows.
   */
  /**
   * Whether `v`, under a sensitive name, is a connection URL (kept, its password masked by value); when it is
   * not, the shape slot remembers it.
   */
  function isConnectionUrlAt(frame: PropsFrame, slot: number, v: unknown): boolean {
    if (isConnectionUrl(v)) return true;
    if (slot >= 0 && typeof v === 'string') frame.shape!.clean[slot] = v;
    return false;
  }

  /** One own property of an object on the walk: judged by name (remembered per shape), then by value. */
  function visitProp(
    value: object,
    kind: number,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
    frame: PropsFrame,
    key: string,
    v: unknown,
    count: number,
  ): void {
    let sensitive: boolean;
    let slot = -1;
    if (count < SHAPE_KEYS) {
      if (count === 0) frame.shape = shapeFor(key);
      const shape = frame.shape!;
      const shapeKeys = shape.keys;
      if (frame.replay && shapeKeys[count] === key) {
        sensitive = shape.sensitive[count]!;
      } else {
        if (frame.replay) {
          frame.replay = false;
          shapeKeys.length = shape.sensitive.length = shape.clean.length = count;
        }
        sensitive = isSensitiveKey(key);
        shapeKeys.push(key);
        shape.sensitive.push(sensitive);
        shape.clean.push(undefined);
      }
      slot = count;
    } else {
      sensitive = isSensitiveKey(key);
    }
    const next = trie === null ? null : stepPath(trie, key);
    let r: unknown;
    // Under a sensitive name a slot remembers the last value found not to be a connection URL.
    if (
      (sensitive && ((slot >= 0 && frame.shape!.clean[slot] === v) || !isConnectionUrlAt(frame, slot, v))) ||
      (next !== null && next.terminal)
    ) {
      if (st.path !== null) st.path.push(key);
      r = censorWhole(v, st);
      if (st.path !== null) st.path.pop();
    } else if (typeof v === 'string') {
      // (a sensitive slot remembers values that are censored, so only other slots skip a remembered value)
      if (slot >= 0 && !sensitive && frame.shape!.clean[slot] === v) return;
      if (st.path !== null) st.path.push(key);
      r = walkString(v, st, key);
      if (st.path !== null) st.path.pop();
      if (r === v) {
        if (slot >= 0 && !sensitive) frame.shape!.clean[slot] = v;
        return;
      }
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === undefined) {
      return;
    } else {
      if (st.path !== null) st.path.push(key);
      r = child(v, depth + 1, st, next);
      if (st.path !== null) st.path.pop();
    }
    if (r !== v) {
      const out = (frame.out ??= startCopy(value, kind, st));
      if (r === REMOVED) delete out[key];
      else define(out, key, r);
    }
  }

  function walkProps(
    value: object,
    kind: number,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
    ownToJSON: boolean,
  ): unknown {
    const src = value as Record<PropertyKey, unknown>;
    enter(st, value, kind);
    const frame: PropsFrame = { out: null, shape: undefined, replay: true };
    let n = 0;
    let limit = maxKeys;
    let keys: string[] | null = null;
    if (kind === KIND_PLAIN && (st.protoClean || getProto(value) === null)) {
      // for…in reads a plain object's own keys (nothing is inherited: its prototype is clean or null) through
      // the engine's enumeration cache, several times faster than `src[key]` over `Object.keys` (measured).
      for (const key in src) {
        const count = n++;
        if (count >= limit) continue;
        let v: unknown;
        try {
          v = src[key];
        } catch {
          frame.out ??= startCopy(value, kind, st);
          define(frame.out, key, SANITIZE_MARKERS.getterThrew);
          continue;
        }
        if (ownToJSON && key === 'toJSON' && typeof v === 'function') {
          leave(st);
          return viaToJSON(value, v as (key: string) => unknown, depth, st, trie, KIND_PLAIN);
        }
        visitProp(value, kind, depth, st, trie, frame, key, v, count);
      }
      if (n > limit) keys = Object.keys(value);
    } else {
      keys = Object.keys(value);
      n = keys.length;
      limit = n < maxKeys ? n : maxKeys;
      for (let count = 0; count < limit; count++) {
        const key = keys[count]!;
        let v: unknown;
        try {
          v = src[key];
        } catch {
          frame.out ??= startCopy(value, kind, st);
          define(frame.out, key, SANITIZE_MARKERS.getterThrew);
          continue;
        }
        if (ownToJSON && key === 'toJSON' && typeof v === 'function') {
          leave(st);
          return viaToJSON(value, v as (key: string) => unknown, depth, st, trie, KIND_PLAIN);
        }
        visitProp(value, kind, depth, st, trie, frame, key, v, count);
      }
    }
    if (limit > n) limit = n;
    let out = frame.out;
    const sh = frame.shape;
    if (frame.replay && sh !== undefined && sh.keys.length > limit) {
      sh.keys.length = sh.sensitive.length = sh.clean.length = limit;
    }
    if (n > limit && keys !== null) {
      out ??= startCopy(value, kind, st);
      for (let i = limit; i < n; i++) delete out[keys[i]!];
      out[SANITIZE_MARKERS.truncatedKey] = `${n - limit} more keys`;
    }
    out = walkSymbols(value, out, kind, depth, st);
    if (out === null && st.plain && getProto(value) !== objectProto && getProto(value) !== null) {
      out = startCopy(value, kind, st);
    }
    return finish(value, out, st);
  }

  /** Symbol-keyed properties: redacted by value, dropped, or kept (`symbols`); the plain form drops them. */
  function walkSymbols(
    value: object,
    copy: Record<PropertyKey, unknown> | null,
    kind: number,
    depth: number,
    st: WalkState,
  ): Record<PropertyKey, unknown> | null {
    if (symbolsMode === 'keep') return copy;
    let out = copy;
    if (st.plain || symbolsMode === 'drop') {
      if (out === null) {
        if (!getSymbols(value).some((s) => isEnumerable.call(value, s))) return null;
        out = startCopy(value, kind, st);
      }
      for (const symbol of getSymbols(out)) delete out[symbol];
      return out;
    }
    const symbols = getSymbols(value);
    for (let i = 0; i < symbols.length; i++) {
      const symbol = symbols[i]!;
      if (!isEnumerable.call(value, symbol)) continue;
      const v = (value as Record<PropertyKey, unknown>)[symbol];
      const r = typeof v === 'string' ? walkString(v, st) : child(v, depth + 1, st, null);
      if (r !== v && !(typeof v === 'number')) {
        out ??= startCopy(value, kind, st);
        if (r === REMOVED) delete out[symbol];
        else out[symbol] = r;
      }
    }
    return out;
  }

  /**
   * An object with a `toJSON` method: JSON loggers print what it returns, `console.log` its own properties. Kept
   * as it is when both are clean; otherwise the redacted `toJSON()` result stands in for it.
   */
  function viaToJSON(
    value: object,
    toJSON: (key: string) => unknown,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
    kind: number,
  ): unknown {
    const json = toJSON.call(value, st.path !== null && st.path.length > 0 ? String(st.path.at(-1)) : '');
    enter(st, value, KIND_NONE);
    const result = json === value ? SANITIZE_MARKERS.circular : child(json, depth, st, trie);
    leave(st);
    if (result === REMOVED) return undefined;
    if (st.plain || result !== json) return result;
    return walkProps(value, kind, depth, st, trie, false) === value ? value : result;
  }

  function walkArray(
    value: readonly unknown[],
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown {
    const length = value.length;
    const limit = length < maxArrayLength ? length : maxArrayLength;
    let out: unknown[] | null = null;
    enter(st, value, KIND_ARRAY);
    for (let i = 0; i < limit; i++) {
      const v = value[i];
      const next = trie === null ? null : stepPath(trie, String(i));
      let r: unknown;
      if (typeof v === 'number' || typeof v === 'boolean' || (v === undefined && next === null)) {
        r = v;
      } else {
        if (st.path !== null) st.path.push(i);
        r = typeof v === 'string' && next === null ? walkString(v, st) : child(v, depth + 1, st, next);
        if (st.path !== null) st.path.pop();
      }
      if (out === null) {
        if (r === v || typeof v === 'number') continue;
        out = startArray(value, i, st);
      }
      if (r !== v) out[i] = r === REMOVED ? undefined : r;
      else if (i in value) out[i] = v;
    }
    if (length > limit) {
      out ??= startArray(value, limit, st);
      out.length = limit;
      out.push(`[Truncated: ${length - limit} more items]`);
    } else if (out !== null) {
      out.length = length;
    }
    return finish(value, out, st);
  }

  /** A copy of the first `count` items of an array (holes stay holes; the plain form fills them). */
  function startArray(value: readonly unknown[], count: number, st: WalkState): unknown[] {
    const out = st.plain ? [] : (emptyCopy(KIND_ARRAY, value) as unknown[]);
    for (let j = 0; j < count; j++) if (st.plain || j in value) out[j] = value[j];
    return out;
  }

  /** Items of a Set as an array (plain form). */
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

  /** A Set: the Set itself when every item is clean, else a Set of the same class with redacted items. */
  function walkSet(value: Set<unknown>, depth: number, st: WalkState): unknown {
    if (st.plain) {
      enter(st, value, KIND_NONE);
      const items = walkItems(value, value.size, depth, st);
      leave(st);
      return items;
    }
    enter(st, value, KIND_SET);
    let out: Set<unknown> | null = null;
    let i = 0;
    for (const item of value) {
      if (i >= maxArrayLength) break;
      if (st.path !== null) st.path.push(i);
      const r = child(item, depth + 1, st, null);
      if (st.path !== null) st.path.pop();
      if (out === null && r !== item && typeof item !== 'number') out = startSet(value, i);
      if (out !== null && r !== REMOVED) out.add(r);
      i++;
    }
    if (value.size > i) {
      out ??= startSet(value, i);
      out.add(`[Truncated: ${value.size - i} more items]`);
    }
    return finish(value, out, st);
  }

  function startSet(value: Set<unknown>, count: number): Set<unknown> {
    const out = emptyCopy(KIND_SET, value) as Set<unknown>;
    let j = 0;
    for (const item of value) {
      if (j++ >= count) break;
      out.add(item);
    }
    return out;
  }

  /** The text a Map key is judged by as a property name. */
  function mapKeyName(k: unknown): string {
    return typeof k === 'string'
      ? k
      : typeof k === 'object' && k !== null
        ? `[${constructorName(k) ?? 'Object'}]`
        : typeof k === 'function'
          ? '[Function]'
          : String(k);
  }

  /**
   * A Map: values judged by their key's name, then by value; keys by value. The Map itself when nothing changed,
   * else a Map of the same class; the plain form is an object keyed by the keys' text.
   */
  function walkMap(
    value: Map<unknown, unknown>,
    depth: number,
    st: WalkState,
    trie: PathNode | null,
  ): unknown {
    if (st.plain) {
      const plainOut: Record<string, unknown> = {};
      enter(st, value, KIND_NONE);
      let i = 0;
      for (const [k, v] of value) {
        if (i >= maxKeys) break;
        i++;
        const key = mapKeyName(k);
        const r = property(key, v, depth, st, trie);
        if (r !== REMOVED) define(plainOut, key, r);
      }
      if (value.size > i) plainOut[SANITIZE_MARKERS.truncatedKey] = `${value.size - i} more entries`;
      leave(st);
      return plainOut;
    }
    enter(st, value, KIND_MAP);
    let out: Map<unknown, unknown> | null = null;
    let i = 0;
    for (const [k, v] of value) {
      if (i >= maxKeys) break;
      const rk = typeof k === 'string' || typeof k === 'object' ? child(k, depth + 1, st, null) : k;
      const r = property(mapKeyName(k), v, depth, st, trie);
      if (out === null && (rk !== k || (r !== v && typeof v !== 'number'))) out = startMap(value, i);
      if (out !== null && r !== REMOVED && rk !== REMOVED) out.set(rk, r);
      i++;
    }
    if (value.size > i) {
      out ??= startMap(value, i);
      out.set(SANITIZE_MARKERS.truncatedKey, `${value.size - i} more entries`);
    }
    return finish(value, out, st);
  }

  function startMap(value: Map<unknown, unknown>, count: number): Map<unknown, unknown> {
    const out = emptyCopy(KIND_MAP, value) as Map<unknown, unknown>;
    let j = 0;
    for (const [k, v] of value) {
      if (j++ >= count) break;
      out.set(k, v);
    }
    return out;
  }

  /** An Error as plain data: `{ type, message, stack, …own enumerable props, cause?, errors? }`. */
  function walkErrorPlain(value: Error, depth: number, st: WalkState, trie: PathNode | null): unknown {
    const out: Record<string, unknown> = {};
    enter(st, value, KIND_NONE);
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
    leave(st);
    return out;
  }

  /**
   * An Error: the same Error when its message, stack and own properties (`cause`, `errors`, `code`…) are clean;
   * else a native Error of the same class whose own properties are those of the original, with the same
   * flags, redacted: `message` and `stack` scrubbed by value, the rest by name and value.
   */
  function walkError(value: Error, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (st.plain) return walkErrorPlain(value, depth, st, trie);
    const keys = Reflect.ownKeys(value);
    const limit = Math.min(keys.length, maxKeys);
    const results: unknown[] = [];
    const descriptors: PropertyDescriptor[] = [];
    let changed = keys.length > limit;
    const src = value as unknown as Record<PropertyKey, unknown>;
    enter(st, value, KIND_ERROR);
    for (let i = 0; i < limit; i++) {
      const key = keys[i]!;
      const desc = describe(value, key) ?? {};
      descriptors.push(desc);
      let v: unknown;
      let r: unknown;
      try {
        v = 'value' in desc ? desc.value : src[key];
      } catch {
        results.push(SANITIZE_MARKERS.getterThrew);
        changed = true;
        continue;
      }
      if (typeof key === 'symbol') {
        if (symbolsMode === 'keep') r = v;
        else if (symbolsMode === 'drop') r = REMOVED;
        else r = typeof v === 'string' ? walkString(v, st) : child(v, depth + 1, st, null);
      } else if ((key === 'message' || key === 'stack') && typeof v === 'string') {
        r = scrubText(v, st);
      } else {
        r = property(key, v, depth, st, trie);
      }
      if (r !== v && typeof v !== 'number') changed = true;
      results.push(r);
    }
    const shell = leave(st);
    if (!changed) return value;
    if (shell === CYCLE_SEEN) return REDO;
    const out = (shell ?? emptyError(value)) as unknown as Record<PropertyKey, unknown>;
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r === REMOVED) continue;
      const desc = descriptors[i]!;
      Object.defineProperty(out, keys[i]!, {
        value: r,
        writable: desc.writable ?? true,
        enumerable: desc.enumerable ?? true,
        configurable: true,
      });
    }
    if (keys.length > limit) {
      out[SANITIZE_MARKERS.truncatedKey] = `${keys.length - limit} more keys`;
    }
    return out;
  }

  /** Bytes: the plain form describes them; otherwise they are kept unless their text holds a secret. */
  function walkBytes(value: ArrayBufferView | ArrayBufferLike, st: WalkState): unknown {
    if (st.plain) return describeBytes(value);
    return holdsSecret(bytesAsText(value, maxStringLength + STRING_SCAN_MARGIN))
      ? censorWhole(value, st)
      : value;
  }

  function walkSpecial(value: object, depth: number, st: WalkState, trie: PathNode | null): unknown {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return walkBytes(value, st);
    if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) {
      return st.plain ? `[SharedArrayBuffer ${value.byteLength} bytes]` : walkBytes(value, st);
    }
    if (value instanceof Error) return walkError(value, depth, st, trie);
    if (value instanceof Date) {
      if (!st.plain) return value;
      const time = value.getTime();
      return Number.isNaN(time) ? 'Invalid Date' : value.toISOString();
    }
    if (value instanceof Map) return walkMap(value, depth, st, trie);
    if (value instanceof Set) return walkSet(value, depth, st);
    if (value instanceof RegExp) {
      if (st.plain) return walkString(value.toString(), st);
      return holdsSecret(value.source) ? censorWhole(value, st) : value;
    }
    if (value instanceof WeakMap || value instanceof WeakSet) {
      // util.inspect does not show their entries; JSON shows `{}`.
      return st.plain ? `[${constructorName(value) ?? 'Object'}]` : value;
    }
    if (value instanceof Promise || (typeof WeakRef !== 'undefined' && value instanceof WeakRef)) {
      // What they hold cannot be checked synchronously, and util.inspect would show it.
      return `[${constructorName(value) ?? 'Object'}]`;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      const primitive: unknown = value.valueOf();
      const r = child(primitive, depth, st, null);
      // `Object.is`: a boxed NaN is clean too (NaN !== NaN).
      return st.plain || !Object.is(r, primitive) ? r : value;
    }
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      return viaToJSON(value, toJSON as (key: string) => unknown, depth, st, trie, KIND_INSTANCE);
    }
    // A custom inspect method may read state a copy lacks (private fields): a copy of such an object is plain.
    const kind = INSPECT in value ? KIND_PLAIN : KIND_INSTANCE;
    return walkProps(value, kind, depth, st, trie, false);
  }

  /** The walk state of the last finished call, reused by the next one (a nested call makes its own). */
  let idle: WalkState | null = null;

  function run(value: unknown, plain: boolean, name: string | undefined): unknown {
    syncKnown();
    const protoClean = typeof value === 'object' && value !== null ? isProtoClean() : true;
    let st = idle;
    if (st === null) {
      st = {
        ancestors: [],
        shells: [],
        kinds: [],
        path: censorFn === null ? null : [],
        protoClean,
        plain,
        redo: null,
      };
    } else {
      idle = null;
      st.protoClean = protoClean;
      st.plain = plain;
      st.redo = null;
    }
    try {
      let result: unknown;
      if (pathsRoot !== null && pathsRoot.terminal) {
        result = censorWhole(value, st);
      } else if (name !== undefined && isSensitiveKey(name) && !isConnectionUrl(value)) {
        if (st.path !== null) st.path.push(name);
        result = censorWhole(value, st);
      } else {
        result = child(value, 0, st, pathsRoot);
      }
      return result === REMOVED ? undefined : result;
    } catch {
      return SANITIZE_MARKERS.unreadable;
    } finally {
      // Emptied so the state holds no reference to the value between calls.
      if (st.ancestors.length !== 0) st.ancestors.length = st.shells.length = st.kinds.length = 0;
      if (st.path !== null && st.path.length !== 0) st.path.length = 0;
      idle = st;
    }
  }

  const redactor = (value: unknown): unknown => run(value, false, undefined);
  return Object.assign(redactor, {
    named(name: string, value: unknown): unknown {
      return run(value, false, typeof name === 'string' ? name : undefined);
    },
    plain(value: unknown): unknown {
      return run(value, true, undefined);
    },
    redactString(value: string): string {
      try {
        syncKnown();
        return scrubText(String(value), null);
      } catch {
        return SANITIZE_MARKERS.unreadable;
      }
    },
    isSensitiveKey,
  });
}

/** The shared default redactors, one per process (the ESM and the CommonJS build use the same ones). */
const logState = (): { defaultRedactor?: Redactor; piiRedactor?: Redactor } => stateSlot('log@2', () => ({}));

/** The shared redactor for options that are only `name` and `pii`, else a new one. */
function redactorFor(options: SanitizeOptions): Redactor {
  let onlyPii = true;
  for (const key in options) {
    if (key !== 'name' && key !== 'pii' && (options as Record<string, unknown>)[key] !== undefined) {
      onlyPii = false;
      break;
    }
  }
  if (!onlyPii) {
    const { name: _name, ...rest } = options;
    return createRedactor(rest);
  }
  const state = logState();
  return options.pii === true
    ? (state.piiRedactor ??= createRedactor({ pii: true }))
    : (state.defaultRedactor ??= createRedactor());
}

/**
 * `value` itself when nothing in it is sensitive, else a redacted copy of the same kinds: safe to hand to any
 * logger, which then prints the same line as for `value` except where something was redacted. Never mutates
 * `value` and never throws on it. Treat the result as read-only: it may be `value`, or share its clean parts.
 *
 * - By name: properties the shared classifier calls sensitive (`password`, `accessToken`, `apiKey`,
 *   `authorization`, `cookie`…) at any depth are replaced by the censor; with `{ name }`, the value itself is
 *   judged by that name (`sanitizeForLogging(token, { name: 'token' })` is `'[REDACTED]'`).
 * - By value: JWTs, `Bearer …`, private keys, provider tokens and card numbers in any string (and in the text of
 *   Buffers, RegExps, Map keys) are censored; inside longer text only the secret is masked
 *   (`redis://user:[REDACTED]@host`).
 * - A copy keeps the kinds: Errors stay Errors of the same class (message, stack, `cause`, `code`… redacted),
 *   Maps stay Maps, Sets Sets, class instances keep their prototype, cycles stay cycles. Depth, width and long
 *   strings are bounded; throwing getters and Proxies become markers.
 *
 * Without options (or with only `name`/`pii`) a shared redactor is used. With other options they are compiled
 * on every call: use {@link createRedactor} once for hot paths.
 *
 * @example
 * logger.info(sanitizeForLogging({ user, headers: req.headers }), 'login');
 */
export function sanitizeForLogging(
  value: string,
  options?: SanitizeOptions & { remove?: false; censor?: string },
): string;
export function sanitizeForLogging(value: unknown, options?: SanitizeOptions): unknown;
export function sanitizeForLogging(value: unknown, options?: SanitizeOptions): unknown {
  if (options === undefined) return (logState().defaultRedactor ??= createRedactor())(value);
  const redactor = redactorFor(options);
  return options.name === undefined ? redactor(value) : redactor.named(options.name, value);
}

/**
 * A database or broker connection string (`postgres://app:pw@db/app`, `redis://cache:6379`): under a credential
 * name (`dbUri`, `redisUrl`) only its password is the secret, which the value scan masks, so host, port and database
 * stay readable in logs and a URL without a password logs as it was.
 */
const CONNECTION_URL =
  /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|nats|kafka):\/\//i;

/** First letters of the schemes above (`p`ostgres, `m`ysql…), lower-cased. */
const CONNECTION_URL_FIRST = new Set([...'pmracsnk'].map((c) => c.charCodeAt(0)));

function isConnectionUrl(value: unknown): boolean {
  // The first letter first: most values under a credential's name are no URL, and one lookup is cheaper than the
  // pattern (a hot path: every value under a sensitive name goes through here).
  return (
    typeof value === 'string' &&
    CONNECTION_URL_FIRST.has(value.charCodeAt(0) | 0x20) &&
    CONNECTION_URL.test(value)
  );
}
