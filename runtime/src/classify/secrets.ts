/**
 * The value scanner: runs the enabled patterns over a string, cheapest gates first, and returns the spans to
 * mask. Compiled once per option set.
 */
import { BUILT_IN_PATTERNS, Needs, type ValuePattern } from './patterns.js';
import type { SecretMatch, SecretPatternOptions } from './types.js';

/** A compiled set of value patterns. */
export interface SecretScanner<K extends string = string> {
  /** Whether any pattern matches (stops at the first validated match). */
  test(value: string): boolean;
  /** All non-overlapping spans, sorted by start. */
  find(value: string): SecretMatch<K>[];
}

// Per ASCII character: bit 0x80 marks a token character (letters, digits, `_ . + / = ~ -`: base64, base64url,
// token68, dotted JWTs); the low bits are the {@link Needs} the character satisfies.
const TOKEN = 0x80;
const CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+/=~-')
  CHAR[c.charCodeAt(0)] = TOKEN;
CHAR[32] = Needs.space;
CHAR[9] = Needs.space;
CHAR[64] = Needs.at;
CHAR[58] = Needs.colon;
CHAR[47]! |= Needs.slash;
CHAR[46]! |= Needs.dot;
CHAR[95]! |= Needs.underscore;
CHAR[45]! |= Needs.dash;

interface Shape {
  /** The longest run of token characters. */
  run: number;
  /** ASCII digits. */
  digits: number;
  /** {@link Needs} bits of the characters present. */
  has: number;
}

/** One pass over the string; it rules most patterns out for ordinary text. */
function profile(value: string): Shape {
  let run = 0;
  let longest = 0;
  let digits = 0;
  let has = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const bits = c < 128 ? CHAR[c]! : 0;
    has |= bits;
    if (bits & TOKEN) {
      if (++run > longest) longest = run;
      if (c >= 48 && c <= 57) digits++;
    } else {
      run = 0;
    }
  }
  return { run: longest, digits, has };
}

function toGlobal(pattern: RegExp): RegExp {
  return pattern.global
    ? new RegExp(pattern.source, pattern.flags)
    : new RegExp(pattern.source, `${pattern.flags}g`);
}

/** Calls `onMatch` with each accepted span of `pattern` in `value`; stops when it returns `true`. */
function scan(
  pattern: ValuePattern,
  value: string,
  onMatch: (start: number, end: number) => boolean,
): boolean {
  const regex = pattern.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(value); m !== null; m = regex.exec(value)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = pattern.span ? pattern.span(m) : ([m.index, m.index + m[0].length] as const);
    if (span && span[1] > span[0] && onMatch(span[0], span[1])) {
      regex.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/** Compiles the built-in patterns (minus `disabledKinds`) plus `extraPatterns`. */
export function compileSecretScanner<K extends string = string>(
  options: SecretPatternOptions<K> = {},
): SecretScanner<K> {
  const disabled = new Set<string>(options.disabledKinds ?? []);
  const patterns: ValuePattern[] = BUILT_IN_PATTERNS.filter((p) => !disabled.has(p.kind));
  for (const extra of options.extraPatterns ?? []) {
    if (!extra || !(extra.pattern instanceof RegExp) || typeof extra.kind !== 'string') continue;
    if (disabled.has(extra.kind)) continue;
    patterns.push({
      kind: extra.kind,
      minLength: 1,
      minRun: 0,
      gate: () => true,
      regex: toGlobal(extra.pattern),
    });
  }
  const minLength = patterns.reduce((min, p) => Math.min(min, p.minLength), Number.POSITIVE_INFINITY);

  // Patterns run in order; the profile (one pass) rules most of them out for ordinary text.
  const applies = (p: ValuePattern, value: string, shape: Shape): boolean =>
    value.length >= p.minLength &&
    shape.run >= p.minRun &&
    shape.digits >= (p.minDigits ?? 0) &&
    (shape.has & (p.needs ?? 0)) === (p.needs ?? 0) &&
    p.gate(value);

  const test = (value: string): boolean => {
    if (typeof value !== 'string' || value.length < minLength) return false;
    const shape = profile(value);
    for (const p of patterns) {
      if (!applies(p, value, shape)) continue;
      if (scan(p, value, () => true)) return true;
    }
    return false;
  };

  const find = (value: string): SecretMatch<K>[] => {
    if (typeof value !== 'string' || value.length < minLength) return [];
    const shape = profile(value);
    const found: { kind: string; start: number; end: number; order: number }[] = [];
    patterns.forEach((p, order) => {
      if (!applies(p, value, shape)) return;
      scan(p, value, (start, end) => {
        found.push({ kind: p.kind, start, end, order });
        return false;
      });
    });
    if (found.length === 0) return [];
    // Earliest first; of two starting together the longer; then pattern order. Keep what does not overlap.
    found.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
    const out: SecretMatch<K>[] = [];
    let reached = -1;
    for (const f of found) {
      if (f.start < reached) continue;
      out.push({ kind: f.kind as K, start: f.start, end: f.end });
      reached = f.end;
    }
    return out;
  };

  return { test, find };
}
