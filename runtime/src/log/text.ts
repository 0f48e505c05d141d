/**
 * Secrets a text names: the value after a sensitive name in `name=value`, `name: value`, JSON text
 * (`"password":"…"`, also escaped inside another string), URL query strings (`?client_secret=…&`) and header
 * lines (`Authorization: Basic …`). The name is judged by the classifier, like a property name; the text around
 * the value is left as it is, so `password=[REDACTED]` still says what was there.
 *
 * The scan looks for `=` and `:` and reads the name backwards from each, so text without either costs two
 * `indexOf` calls, and a separator after a name that is not sensitive costs one cached name lookup.
 */
import { splitWords, type SecretMatch } from '../classify/index.js';

/** The kind of a span found after a sensitive name. */
export const NAMED_VALUE_KIND = 'named-value';

/** Names longer than this are not read (nothing is redacted after them by name). */
const MAX_NAME_LENGTH = 64;

/** Authorization schemes: the credentials follow the scheme word, so the value is the word and the next token. */
const AUTH_SCHEMES: ReadonlySet<string> = new Set([
  'basic',
  'bearer',
  'digest',
  'token',
  'negotiate',
  'ntlm',
  'apikey',
  'hoba',
  'mutual',
  'aws4-hmac-sha256',
]);

/** Values that say nothing secret: kept, so `"password": null` stays readable. */
const LITERALS: ReadonlySet<string> = new Set(['null', 'true', 'false', 'undefined']);

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34, // "
  Dollar = 36,
  Ampersand = 38,
  Apostrophe = 39, // '
  RightParen = 41,
  Comma = 44,
  Hyphen = 45,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  LeftBracket = 91,
  Backslash = 92,
  RightBracket = 93,
  Underscore = 95,
  Backtick = 96,
  LeftBrace = 123,
  RightBrace = 125,
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === Char.Underscore ||
    c === Char.Hyphen ||
    c === Char.Dot ||
    c === Char.Dollar
  );
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === Char.Underscore || c === Char.Dollar;
}

/** Characters that end an unquoted value: white space, query and list separators, quotes, closing brackets. */
function endsValue(c: number): boolean {
  return (
    c <= Char.Space ||
    c === Char.Ampersand ||
    c === Char.Comma ||
    c === Char.Semicolon ||
    c === Char.Quote ||
    c === Char.Apostrophe ||
    c === Char.Backtick ||
    c === Char.Less ||
    c === Char.Greater ||
    c === Char.RightParen ||
    c === Char.RightBracket ||
    c === Char.RightBrace
  );
}

/** Whether text may name a secret: it has a separator. */
export function mightNameSecret(text: string): boolean {
  return text.indexOf('=') >= 0 || text.indexOf(':') >= 0;
}

/** Last words that make a name an id's: `orderId`, `order_id`, `ORDER-ID`, `userIds`, `requestUuid`. */
const ID_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'uuid', 'guid']);

/** Whether a name holds an id (`orderId`, `payment_id`): a Luhn-valid number under it is an id, not a card. */
export function isIdName(name: string): boolean {
  const words = splitWords(name);
  return words.length > 0 && ID_WORDS.has(words[words.length - 1]!);
}

/** How a name is judged: `1` sensitive (its value is masked), `2` an id (a card pattern in its value is no card). */
export type NameJudge = (name: string) => 0 | 1 | 2;

/** One value found after a name: where it is. */
interface NamedValue {
  start: number;
  end: number;
}

/**
 * The end of the unquoted value starting at `from`: at the first character that ends a value, or, on a header
 * line, at the end of the line.
 */
function unquotedEnd(text: string, from: number, wholeLine: boolean): number {
  const n = text.length;
  let i = from;
  if (wholeLine) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === Char.LineFeed || c === Char.CarriageReturn) break;
      i++;
    }
    while (i > from && text.charCodeAt(i - 1) <= Char.Space) i--;
    return i;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (endsValue(c)) break;
    // an escaped quote ends a value inside JSON text that is itself inside a string (`{\"token\":\"…\"}`)
    if (c === Char.Backslash && i + 1 < n && text.charCodeAt(i + 1) === Char.Quote) break;
    i++;
  }
  return i;
}

/** The value after a separator at `sep`, or `null` when there is none to judge (`{`, `[`, nothing, a literal). */
function valueAfter(text: string, sep: number, headerLine: boolean): NamedValue | null {
  const n = text.length;
  let i = sep + 1;
  while (i < n && (text.charCodeAt(i) === Char.Space || text.charCodeAt(i) === Char.Tab)) i++;
  if (i >= n) return null;
  const c = text.charCodeAt(i);
  if (c === Char.Quote || c === Char.Apostrophe || c === Char.Backtick) {
    const start = i + 1;
    let j = start;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === c) break;
      if (d === Char.Backslash) {
        j += 2; // an escaped character, the closing quote included
        continue;
      }
      if (d === Char.LineFeed) break;
      j++;
    }
    j = Math.min(j, n);
    return j > start ? { start, end: j } : null;
  }
  if (c === Char.Backslash && i + 1 < n && text.charCodeAt(i + 1) === Char.Quote) {
    // escaped JSON: \"value\"
    const start = i + 2;
    let j = start;
    while (j < n && !(text.charCodeAt(j) === Char.Backslash && text.charCodeAt(j + 1) === Char.Quote)) {
      if (text.charCodeAt(j) === Char.LineFeed) break;
      j++;
    }
    return j > start ? { start, end: j } : null;
  }
  if (c === Char.LeftBrace || c === Char.LeftBracket) return null;
  let end = unquotedEnd(text, i, headerLine);
  if (end === i) return null;
  const word = text.slice(i, end);
  if (!headerLine) {
    const lower = word.toLowerCase();
    if (LITERALS.has(lower)) return null;
    if (AUTH_SCHEMES.has(lower)) {
      let k = end;
      while (k < n && (text.charCodeAt(k) === Char.Space || text.charCodeAt(k) === Char.Tab)) k++;
      const next = unquotedEnd(text, k, false);
      if (next > k) end = next;
    }
  }
  return { start: i, end };
}

/**
 * The spans of `text` to mask because a sensitive name announces them, and the spans that are an id's value.
 * Calls `judge` once per distinct name before a separator.
 */
export function findNamedValues(
  text: string,
  judge: NameJudge,
): { masks: SecretMatch<string>[]; ids: NamedValue[] } | null {
  let masks: SecretMatch<string>[] | null = null;
  let ids: NamedValue[] | null = null;
  let multiline: boolean | undefined;
  const n = text.length;
  let from = 0;
  // The next `=` and `:` at or after `from`, each searched again only once passed, so text with many of one and
  // none of the other (a stack trace's `file.js:12:5`) is read once.
  let eq = -2;
  let colon = -2;
  while (from < n) {
    if (eq !== -1 && eq < from) eq = text.indexOf('=', from);
    if (colon !== -1 && colon < from) colon = text.indexOf(':', from);
    const sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    if (sep < 0) break;
    from = sep + 1;
    const sepChar = text.charCodeAt(sep);
    // `a://b` is a URL scheme, `a==b` base64 padding, `a:=b` / `a=>b`: not a name and its value
    const after = sep + 1 < n ? text.charCodeAt(sep + 1) : 0;
    if (sepChar === Char.Colon && after === Char.Slash && text.charCodeAt(sep + 2) === Char.Slash) continue;
    if (after === Char.Equals || after === Char.Greater) continue;
    // read the name backwards: spaces, a closing quote (", ', \"), name characters
    let j = sep;
    while (j > 0 && (text.charCodeAt(j - 1) === Char.Space || text.charCodeAt(j - 1) === Char.Tab)) j--;
    let quote = 0;
    if (j > 0) {
      const q = text.charCodeAt(j - 1);
      if (q === Char.Quote || q === Char.Apostrophe) {
        quote = q;
        j--;
        if (j > 0 && text.charCodeAt(j - 1) === Char.Backslash) j--;
      }
    }
    const nameEnd = j;
    const floor = Math.max(0, nameEnd - MAX_NAME_LENGTH - 1);
    while (j > floor && isNameChar(text.charCodeAt(j - 1))) j--;
    if (j === floor && floor > 0 && isNameChar(text.charCodeAt(j - 1))) continue; // longer than a name
    while (j < nameEnd && !isNameStart(text.charCodeAt(j))) j++; // `.password`, `-token`: from the letter
    if (j >= nameEnd) continue;
    // a quoted name opens with the same quote (`"password":`, `'token' =`, `\"secret\":`)
    if (quote !== 0 && (j === 0 || text.charCodeAt(j - 1) !== quote)) continue;
    const name = text.slice(j, nameEnd);
    const verdict = judge(name);
    if (verdict === 0) continue;
    let lineStart = j - (quote !== 0 ? 1 : 0);
    while (
      lineStart > 0 &&
      (text.charCodeAt(lineStart - 1) === Char.Space || text.charCodeAt(lineStart - 1) === Char.Tab)
    )
      lineStart--;
    // In text of several lines, `Name: value` opening a line is a header line: its value runs to the end of the
    // line (`Cookie: a=1; b=2`). In one line of text the value is one token, like after `=`.
    const headerLine =
      sepChar === Char.Colon &&
      quote === 0 &&
      (text.charCodeAt(sep + 1) === Char.Space || text.charCodeAt(sep + 1) === Char.Tab) &&
      (lineStart === 0 || text.charCodeAt(lineStart - 1) === Char.LineFeed) &&
      (multiline ??= text.indexOf('\n') >= 0);
    const value = valueAfter(text, sep, headerLine);
    if (value === null) continue;
    if (verdict === 1) (masks ??= []).push({ kind: NAMED_VALUE_KIND, start: value.start, end: value.end });
    else (ids ??= []).push(value);
    from = Math.max(from, value.end);
  }
  if (masks === null && ids === null) return null;
  return { masks: masks ?? [], ids: ids ?? [] };
}
