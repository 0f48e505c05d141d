/**
 * Finding secrets in strings: a cheap prefilter first, the classifier's value patterns only when it passes,
 * and a bounded memory of strings already found clean.
 */
import type { SecretMatch } from '../classify/index.js';
import { findKnownSecrets, knownSecrets, MIN_WHOLE_SECRET_LENGTH, type KnownSecrets } from './known.js';
import { findNamedValues, mightNameSecret, type NameJudge } from './text.js';

/** The span finder the scanner wraps (the classifier's `findSecrets`). */
export type FindSecrets = (value: string) => readonly SecretMatch<string>[];

/** Returns the secret spans of a string (empty when none). */
export interface SpanFinder {
  (value: string): readonly SecretMatch<string>[];
  /**
   * Reads the process-wide registry of known secret values (one lookup): when it changed since the last call,
   * forgets the strings found clean and returns true, so the caller forgets its own. Call once per log call.
   */
  syncKnown(): boolean;
}

/**
 * Shortest string a built-in value pattern can match (`a://u:p@h`). Shorter strings are never scanned.
 */
export const MIN_SECRET_LENGTH = 8;

/** Shortest text that can name a secret (`k=v`). */
export const MIN_NAMED_LENGTH = 3;

/**
 * A superset test: every built-in secret pattern contains one of these marks, so a string without any skips
 * the patterns. Alternatives are grouped by first character so the regular expression engine can skip ahead,
 * and digit runs (cards) are a second, simpler expression: two small tests are faster than one big one (and
 * faster than a hand-written character loop, measured). The log tests check the marks against samples of
 * every kind the classifier recognises.
 */
const PREFILTER_MARKS =
  /e(?:y[A-Za-z0-9_-]{8})|[Bb](?:[Ee][Aa][Rr][Ee][Rr]|[Aa][Ss][Ii][Cc])[ \t]|-----|A(?:KIA|SIA|BIA|CCA|3T|Iza)|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|rt|ptt|soat)-)|x(?:ox|app-)|hooks\.slack|[rs]k_|whsec_|sk-|npm_|SG\.|:\/\/[^\s/]*@/;
/**
 * Card numbers only: the card pattern needs 13+ contiguous digits or grouped 4, 4–6 and 4+ digits, starting
 * 2–6. A looser test (any 8 digits) sent one random UUID in six through every pattern.
 */
const PREFILTER_DIGITS = /[2-6]\d{3}(?:\d{9}|[ -]\d{4,6}[ -]\d{4})/;

/** Whether a string may hold a secret: `false` means no built-in pattern can match it. */
export function mightHoldSecret(value: string): boolean {
  return PREFILTER_MARKS.test(value) || PREFILTER_DIGITS.test(value);
}

/** The memory of clean strings never grows beyond this many slots. */
const MAX_CACHE_SLOTS = 1 << 16;

const NONE: readonly SecretMatch<string>[] = Object.freeze([]);

/**
 * Wraps `findSecrets` with the length gate, the prefilter and a memory of clean strings: a direct-mapped table
 * of `cacheSize` slots (rounded up to a power of two, at most 65,536) indexed by the length and three
 * characters of the string, so a lookup never hashes the whole string and a miss costs one comparison. Only
 * strings of at most 512 characters are remembered, and a secret never is. `prefilter: false` (caller
 * patterns, which can match anything) skips the gates. `findSecrets: null` turns the value patterns off.
 *
 * With `judge`, the value after a sensitive name in the text is a span too (`password=…`, `"token":"…"`), and a
 * card-number match that is the value of an id (`orderId=4111…`) is dropped: ids are not cards.
 */
export function createSpanFinder(
  findSecrets: FindSecrets | null,
  cacheSize: number,
  prefilter: boolean,
  judge: NameJudge | null = null,
): SpanFinder {
  let size = 1;
  while (size < cacheSize && size < MAX_CACHE_SLOTS) size <<= 1;
  const mask = size - 1;
  const clean: (string | undefined)[] | null =
    cacheSize > 0 ? new Array<string | undefined>(size).fill(undefined) : null;
  /** The registry when it holds values, else null (the common case costs one comparison per string). */
  let known: KnownSecrets | null = null;
  let knownState: KnownSecrets | null = null;
  let knownVersion = -1;
  const syncKnown = (): boolean => {
    const state = knownSecrets();
    if (state === knownState && state.version === knownVersion) return false;
    const first = knownState === null;
    knownState = state;
    knownVersion = state.version;
    known = state.anywhere.length > 0 || state.whole.size > 0 ? state : null;
    if (first) return false; // nothing remembered yet
    if (clean !== null) clean.fill(undefined);
    return true;
  };
  const slotOf = (v: string): number => {
    const n = v.length;
    return (n * 31 + v.charCodeAt(0) * 7 + v.charCodeAt(n >> 1) * 131 + v.charCodeAt(n - 1) * 17) & mask;
  };
  const finder = (value: string): readonly SecretMatch<string>[] => {
    const n = value.length;
    const patterns = findSecrets !== null && (n >= MIN_SECRET_LENGTH || !prefilter);
    const byValue = known !== null && n >= MIN_WHOLE_SECRET_LENGTH;
    if (!patterns && !byValue && (judge === null || n < MIN_NAMED_LENGTH || !mightNameSecret(value))) {
      return NONE;
    }
    const slot = clean !== null && n > 0 && n <= 512 ? slotOf(value) : -1;
    if (slot >= 0 && clean![slot] === value) return NONE;
    let found = patterns && (!prefilter || mightHoldSecret(value)) ? findSecrets(value) : NONE;
    if (judge !== null && n >= MIN_NAMED_LENGTH && mightNameSecret(value)) {
      found = withNamedValues(value, found, judge);
    }
    if (byValue) {
      const spans = findKnownSecrets(value, known!);
      if (spans.length > 0) found = [...found, ...spans].sort((a, b) => a.start - b.start);
    }
    if (found.length === 0 && slot >= 0) clean![slot] = value;
    return found;
  };
  return Object.assign(finder, { syncKnown });
}

/** Whether two spans overlap. */
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** The pattern matches, less card numbers that are an id's value, plus the values sensitive names announce. */
function withNamedValues(
  text: string,
  found: readonly SecretMatch<string>[],
  judge: NameJudge,
): readonly SecretMatch<string>[] {
  const named = findNamedValues(text, judge);
  if (named === null) return found;
  let out = found;
  if (named.ids.length > 0) {
    out = out.filter((m) => m.kind !== 'card-number' || !named.ids.some((id) => overlaps(m, id)));
  }
  if (named.masks.length > 0) out = [...out, ...named.masks].sort((a, b) => a.start - b.start);
  return out;
}

/** Drops card-number matches: the string is the value of an id (`orderId`, `order_id`). */
export function withoutCards(matches: readonly SecretMatch<string>[]): readonly SecretMatch<string>[] {
  for (const m of matches) {
    if (m.kind === 'card-number') return matches.filter((x) => x.kind !== 'card-number');
  }
  return matches;
}

/** Replaces each span with `mask(secretText)`; overlapping spans are merged left to right. */
export function maskSpans(
  value: string,
  matches: readonly SecretMatch<string>[],
  mask: (secret: string) => string,
): string {
  const spans = matches.length > 1 ? [...matches].sort((a, b) => a.start - b.start) : matches;
  let out = '';
  let last = 0;
  for (const { start, end } of spans) {
    const from = Math.max(start, last);
    if (end <= from) continue;
    out += value.slice(last, from) + mask(value.slice(from, end));
    last = end;
  }
  return out + value.slice(last);
}

/** Whether one match spans the whole string, leading and trailing white space aside. */
export function coversWhole(value: string, matches: readonly SecretMatch<string>[]): boolean {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 32) start++;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  for (const m of matches) if (m.start <= start && m.end >= end) return true;
  return false;
}
