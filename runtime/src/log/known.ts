/**
 * Secret values known by value: the process-wide registry behind redaction of a secret wherever its text appears,
 * whatever name it is logged under. `@secure-migrate/runtime/secrets` registers every value it loads; an
 * application can register others with {@link registerSecretValue}.
 *
 * The registry is process-wide state (one per process, shared by the ESM and the CommonJS build). Each redactor
 * compares the registry's version once per call, so an empty registry costs one lookup per log call, not one per
 * string.
 */
import type { SecretMatch } from '../classify/index.js';
import { stateSlot } from '../internal/state.js';

/** The kind of a span that is a registered secret value. */
export const KNOWN_SECRET_KIND = 'known-secret';

/**
 * Values of at least this many characters are masked wherever they appear in a string. Shorter ones would mask
 * ordinary words and numbers inside unrelated text.
 */
export const MIN_KNOWN_SECRET_LENGTH = 8;

/** Values of this many characters up to {@link MIN_KNOWN_SECRET_LENGTH} are censored only as a whole string. */
export const MIN_WHOLE_SECRET_LENGTH = 4;

/** The registry: what every redactor reads. */
export interface KnownSecrets {
  /** Bumped on every change, so redactors drop their memory of strings found clean. */
  version: number;
  /** Texts masked wherever they appear: each value and its JSON-escaped and URL-encoded forms, longest first. */
  anywhere: string[];
  /** The length of the shortest text in `anywhere`. */
  shortest: number;
  /** Short values, censored when a string is exactly one of them. */
  whole: Set<string>;
}

const initKnown = (): KnownSecrets => ({
  version: 0,
  anywhere: [],
  shortest: Number.POSITIVE_INFINITY,
  whole: new Set(),
});

/** The process-wide registry. */
export const knownSecrets = (): KnownSecrets => stateSlot<KnownSecrets>('log-known-secrets@1', initKnown);

/** The forms of a value that text may carry: itself, JSON-escaped, URL-encoded. */
function formsOf(value: string): string[] {
  const forms = [value];
  const json = JSON.stringify(value).slice(1, -1);
  if (json !== value) forms.push(json);
  let url: string | undefined;
  try {
    url = encodeURIComponent(value);
  } catch {
    url = undefined; // a lone surrogate: it cannot be URL-encoded, so it cannot appear that way either
  }
  if (url !== undefined && url !== value && url !== json) forms.push(url);
  return forms;
}

/**
 * Registers a secret value with every redactor of the process (`sanitizeForLogging`, `createRedactor`,
 * `pinoRedaction`, `winstonRedactFormat`): from now on a string that contains it (or its JSON-escaped or
 * URL-encoded form) is masked there, whatever its name. Values of 8 characters or more are masked wherever
 * they appear; values of 4 to 7 characters only when a string is exactly the value; shorter ones are not
 * registered (they would mask ordinary text). Returns whether the value is registered (now or before).
 *
 * @example
 * registerSecretValue(apiKeyFromSomewhere);
 * logger.info(`calling with ${apiKeyFromSomewhere}`); // "calling with [REDACTED]"
 */
export function registerSecretValue(value: string): boolean {
  if (typeof value !== 'string' || value.length < MIN_WHOLE_SECRET_LENGTH) return false;
  const state = knownSecrets();
  if (value.length < MIN_KNOWN_SECRET_LENGTH) {
    if (!state.whole.has(value)) {
      state.whole.add(value);
      state.version++;
    }
    return true;
  }
  let added = false;
  for (const form of formsOf(value)) {
    if (state.anywhere.includes(form)) continue;
    state.anywhere.push(form);
    added = true;
  }
  if (added) {
    // Longest first: a value that contains another registered value is masked whole.
    state.anywhere.sort((a, b) => b.length - a.length);
    state.shortest = state.anywhere[state.anywhere.length - 1]!.length;
    state.version++;
  }
  return true;
}

/** The spans of `text` that are registered values (in the order found, possibly overlapping). */
export function findKnownSecrets(text: string, known: KnownSecrets): SecretMatch<string>[] {
  const spans: SecretMatch<string>[] = [];
  const n = text.length;
  if (known.whole.size > 0 && n < MIN_KNOWN_SECRET_LENGTH && known.whole.has(text)) {
    spans.push({ kind: KNOWN_SECRET_KIND, start: 0, end: n });
    return spans;
  }
  if (n < known.shortest) return spans;
  for (const form of known.anywhere) {
    if (form.length > n) continue;
    let at = text.indexOf(form);
    while (at >= 0) {
      spans.push({ kind: KNOWN_SECRET_KIND, start: at, end: at + form.length });
      at = text.indexOf(form, at + form.length);
    }
  }
  return spans;
}
