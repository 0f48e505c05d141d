/**
 * Prototype guards: `target[key] = value` and `Object.assign(target, ...sources)` with exactly their behaviour,
 * except that the keys `__proto__`, `constructor` and `prototype` and prototype objects as targets are refused.
 *
 * These are what the `secure-assign` codemod writes by itself, so they must not change what a program does for
 * legitimate input: every other key and value — sensitive names, numbers, symbols, anything — is written with a
 * plain assignment (setters run, frozen objects throw the usual TypeError, array `length` truncates). A refused
 * key is dropped with one process warning per (key, call site), or throws in strict mode.
 */
import { types } from 'node:util';
import { AssignmentRefusedError } from '../errors.js';
import { runtimeAudit } from '../internal/audit-hook.js';
import { stateSlot } from '../internal/state.js';
import { FORBIDDEN_KEYS, describeKey, isPrototypeObject, keyText } from './policy.js';

/**
 * What `Object.assign` accepts as a target (any value but `null`/`undefined`); the overloads below mirror its
 * declarations, so replacing `Object.assign(a, b)` keeps the type of the expression.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NonNullish = {};

/** A public guard function: stack traces are cut above it to find the call site. */
type Caller = (...args: never[]) => unknown;

/** Why a guard refused a key. */
export type GuardRefusalReason = 'forbidden-key' | 'prototype-target';

/** Options of {@link guardAssign} and {@link guardAssignAllWith}; each one overrides {@link configureGuards}. */
export interface GuardOptions {
  /** Throw `AssignmentRefusedError` (code `ERR_ASSIGN_REFUSED`) instead of dropping the key. */
  strict?: boolean;
  /** `false` silences the process warning about a dropped key. */
  warn?: boolean;
  /** Called for every refusal (also in strict mode, before the throw). `key` is the key as text. */
  onRefuse?: (key: string, reason: GuardRefusalReason) => void;
}

/** Process-wide guard settings: see {@link configureGuards}. */
export type GuardSettings = GuardOptions;

/** The `type` of the process warning a dropped key emits. */
export const GUARD_WARNING_TYPE = 'SecureMigrateWarning';
/** The `code` of the process warning a dropped key emits. */
export const GUARD_WARNING_CODE = 'SECURE_MIGRATE_ASSIGN_REFUSED';
/** How many (key, call site) pairs are remembered; refusals at new pairs beyond it are not warned about. */
export const GUARD_WARNED_LIMIT = 1000;

interface GuardState {
  settings: GuardSettings;
  /** `describeKey(key) + '\0' + site` of every warned refusal. */
  warned: Set<string>;
  /** Whether the "further refusals are not warned about" warning was given. */
  saturated: boolean;
}

const guardState = (): GuardState =>
  stateSlot<GuardState>('guards@1', () => ({ settings: {}, warned: new Set(), saturated: false }));

/**
 * Sets the process-wide defaults of every guard call (including those the codemod wrote, which pass no options),
 * replacing the previous ones; an option given at a call site wins over these. `onRefuse` here is called in
 * addition to a call site's own. Returns the previous settings, so `configureGuards(previous)` restores them.
 *
 * @example
 * configureGuards({ strict: true }); // every guard throws AssignmentRefusedError instead of dropping the key
 */
export function configureGuards(settings: GuardSettings = {}): GuardSettings {
  const state = guardState();
  const previous = state.settings;
  const next: GuardSettings = {};
  if (settings.strict !== undefined) next.strict = settings.strict;
  if (settings.warn !== undefined) next.warn = settings.warn;
  if (settings.onRefuse !== undefined) next.onRefuse = settings.onRefuse;
  state.settings = next;
  return previous;
}

/** Forgets which (key, call site) pairs were warned about, so they warn again (for tests). */
export function resetGuardWarnings(): void {
  const state = guardState();
  state.warned.clear();
  state.saturated = false;
}

/**
 * `target[key] = value`, returning `value` like the assignment expression does, except that the keys
 * `__proto__`, `constructor` and `prototype` and prototype objects as targets (`Object.prototype`, a class's
 * `prototype`) are refused: the write is skipped and a warning names the key and the call site, once per pair.
 *
 * The key is converted once, as `target[key]` converts it (an array `['__proto__']` or an object whose
 * `toString` returns `'__proto__'` is `'__proto__'`), then checked, then written with a plain assignment: setters
 * run, a frozen target throws the usual TypeError, array `length` truncates.
 *
 * @throws AssignmentRefusedError (code `ERR_ASSIGN_REFUSED`, reason `forbidden-key` or `prototype-target`) when
 * refused and `strict` is set here or through {@link configureGuards}.
 *
 * @example
 * guardAssign(settings, req.body.name, req.body.value); // was: settings[req.body.name] = req.body.value
 */
export function guardAssign<V>(target: object, key: PropertyKey, value: V, options?: GuardOptions): V {
  const k = toPropertyKey(key);
  const reason = refusalReason(target, k);
  if (reason !== undefined) {
    refuseGuarded(k, reason, options, guardAssign);
    return value;
  }
  (target as Record<PropertyKey, unknown>)[k] = value;
  return value;
}

/**
 * Exactly `Object.assign(target, ...sources)` — each source's own enumerable string keys, then symbol keys, in
 * `Reflect.ownKeys` order, getters read once, `null`/`undefined` sources skipped, primitive sources wrapped
 * (a string copies its indices), a TypeError for a `null`/`undefined` target — except that the keys
 * `__proto__`, `constructor` and `prototype` (such as the own `__proto__` key `JSON.parse` creates) are skipped,
 * and a prototype object as the target is written nothing. Each skipped key warns once per (key, call site).
 *
 * Takes sources only; {@link guardAssignAllWith} takes options first.
 *
 * @returns `target` (as an object), like `Object.assign`.
 * @throws AssignmentRefusedError when a key is refused in strict mode ({@link configureGuards}); the keys before it
 * are written, as `Object.assign` leaves the keys before a failing one written.
 *
 * @example
 * guardAssignAll(filter, rowFilter); // was: Object.assign(filter, rowFilter)
 */
export function guardAssignAll<T extends NonNullish, U>(target: T, source: U): T & U;
export function guardAssignAll<T extends NonNullish, U, V>(target: T, source1: U, source2: V): T & U & V;
export function guardAssignAll<T extends NonNullish, U, V, W>(
  target: T,
  source1: U,
  source2: V,
  source3: W,
): T & U & V & W;
export function guardAssignAll(target: object, ...sources: any[]): any; // eslint-disable-line @typescript-eslint/no-explicit-any
export function guardAssignAll(target: object, ...sources: unknown[]): unknown {
  return assignAll(undefined, target, sources, guardAssignAll);
}

/**
 * {@link guardAssignAll} with options (`strict`, `warn`, `onRefuse`) as the first argument.
 *
 * @example
 * guardAssignAllWith({ strict: true }, user, JSON.parse(body));
 */
export function guardAssignAllWith<T extends NonNullish, U>(
  options: GuardOptions | undefined,
  target: T,
  source: U,
): T & U;
export function guardAssignAllWith<T extends NonNullish, U, V>(
  options: GuardOptions | undefined,
  target: T,
  source1: U,
  source2: V,
): T & U & V;
export function guardAssignAllWith<T extends NonNullish, U, V, W>(
  options: GuardOptions | undefined,
  target: T,
  source1: U,
  source2: V,
  source3: W,
): T & U & V & W;
export function guardAssignAllWith(options: GuardOptions | undefined, target: object, ...sources: any[]): any; // eslint-disable-line @typescript-eslint/no-explicit-any
export function guardAssignAllWith(
  options: GuardOptions | undefined,
  target: object,
  ...sources: unknown[]
): unknown {
  return assignAll(options, target, sources, guardAssignAllWith);
}

function assignAll(
  options: GuardOptions | undefined,
  target: unknown,
  sources: unknown[],
  caller: Caller,
): object {
  if (target === null || target === undefined) {
    throw new TypeError('Cannot convert undefined or null to object');
  }
  const to = Object(target) as Record<PropertyKey, unknown>;
  const prototypeTarget = isPrototypeObject(to);
  for (const source of sources) {
    if (source === null || source === undefined) continue;
    const from = Object(source) as Record<PropertyKey, unknown>;
    if (!prototypeTarget && !types.isProxy(from) && !hasForbiddenOwnKey(from)) {
      // Nothing to refuse: the native copy. Checking own keys of an object that is not a Proxy runs no code,
      // and Object.assign lists the keys before reading any, so no forbidden key can appear in between.
      Object.assign(to, from);
      continue;
    }
    for (const key of Reflect.ownKeys(from)) {
      const desc = Reflect.getOwnPropertyDescriptor(from, key);
      if (desc === undefined || !desc.enumerable) continue;
      const reason: GuardRefusalReason | undefined = prototypeTarget
        ? 'prototype-target'
        : typeof key === 'string' && FORBIDDEN_KEYS.has(key)
          ? 'forbidden-key'
          : undefined;
      if (reason !== undefined) {
        refuseGuarded(key, reason, options, caller);
        continue;
      }
      to[key] = from[key];
    }
  }
  return to;
}

const hasOwn = Object.prototype.hasOwnProperty;

function hasForbiddenOwnKey(from: object): boolean {
  return hasOwn.call(from, '__proto__') || hasOwn.call(from, 'constructor') || hasOwn.call(from, 'prototype');
}

/** `ToPropertyKey`: symbols kept, primitives as `String` gives them, objects through their `toPrimitive`. */
function toPropertyKey(key: unknown): string | symbol {
  if (typeof key === 'string' || typeof key === 'symbol') return key;
  if ((typeof key === 'object' && key !== null) || typeof key === 'function') {
    // A computed property name applies exactly the conversion `target[key]` does, once.
    return Reflect.ownKeys({ [key as unknown as PropertyKey]: undefined })[0]!;
  }
  return String(key);
}

function refusalReason(target: unknown, key: string | symbol): GuardRefusalReason | undefined {
  if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) return 'forbidden-key';
  if (
    ((typeof target === 'object' && target !== null) || typeof target === 'function') &&
    isPrototypeObject(target)
  )
    return 'prototype-target';
  return undefined;
}

const REASON_TEXT: Record<GuardRefusalReason, string> = {
  'forbidden-key': 'the key reaches the prototype or constructor of an object',
  'prototype-target': 'the target is a prototype object shared by other objects',
};

function refuseGuarded(
  key: string | symbol,
  reason: GuardRefusalReason,
  options: GuardOptions | undefined,
  caller: Caller,
): void {
  const state = guardState();
  const settings = state.settings;
  const text = keyText(key);
  settings.onRefuse?.(text, reason);
  options?.onRefuse?.(text, reason);
  runtimeAudit()?.emit({
    type: 'assign.refused',
    target: text,
    reason: REASON_TEXT[reason],
    details: { refusal: reason },
  });
  if (options?.strict ?? settings.strict ?? false) {
    throw new AssignmentRefusedError(
      text,
      reason,
      `Refused to assign ${describeKey(text)}: ${REASON_TEXT[reason]}.`,
    );
  }
  if (!(options?.warn ?? settings.warn ?? true)) return;
  const site = callSite(caller);
  const id = `${describeKey(text)}\0${site}`;
  if (state.warned.has(id)) return;
  if (state.warned.size >= GUARD_WARNED_LIMIT) {
    if (!state.saturated) {
      state.saturated = true;
      emit(
        `${GUARD_WARNED_LIMIT} distinct refused keys and call sites were warned about; further refusals are not ` +
          'warned about (pass onRefuse to configureGuards to see every one).',
      );
    }
    return;
  }
  state.warned.add(id);
  emit(
    `Refused to assign ${describeKey(text)} at ${site}: ${REASON_TEXT[reason]}, so the key was dropped. ` +
      'This is reported once per key and call site; configureGuards({ strict: true }) makes it throw.',
  );
}

function emit(message: string): void {
  if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
    process.emitWarning(message, { type: GUARD_WARNING_TYPE, code: GUARD_WARNING_CODE });
  } else {
    console.warn(`${GUARD_WARNING_TYPE}: ${message}`);
  }
}

/** `file:line:column` of the code that called `caller`, from a stack trace taken only now. */
function callSite(caller: Caller): string {
  const holder: { stack?: string } = {};
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(holder, caller);
  else holder.stack = new Error().stack;
  const frame = holder.stack?.split('\n').find((line) => /^\s+at /.test(line));
  if (frame === undefined) return 'an unknown call site';
  const body = frame.trim().slice(3);
  const paren = body.lastIndexOf('(');
  const location = body.endsWith(')') && paren >= 0 ? body.slice(paren + 1, -1) : body;
  // Paths cannot be chosen by an attacker, but keep the message one short line all the same.
  // eslint-disable-next-line no-control-regex
  const clean = location.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 300 ? `…${clean.slice(-300)}` : clean;
}
