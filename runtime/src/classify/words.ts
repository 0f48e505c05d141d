/**
 * Splitting identifiers into lower-case words: the one tokenizer behind every name decision.
 */

// One word: an upper-case run not followed by lower case (an acronym: `API` in `APIKey`), a capitalised or
// lower-case word, or a digit run.
const WORD = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;
// Separators that start a new segment of a path-like name (`config.db.password`, `req.headers.cookie`).
const SEGMENT = /[.:/\\[\]\s]+/u;

/**
 * Splits an identifier into lower-case words: camelCase, PascalCase, snake_case, SCREAMING_CASE, kebab-case,
 * dotted names and digit runs. `'APIKey'` → `['api', 'key']`, `'x-api-token'` → `['x', 'api', 'token']`,
 * `'oauth2Token'` → `['oauth', '2', 'token']`.
 */
export function splitWords(name: string): string[] {
  if (typeof name !== 'string') return [];
  const out: string[] = [];
  for (const m of name.matchAll(WORD)) out.push(m[0].toLowerCase());
  return out;
}

/** Splits a name into segments (on `.`, `:`, `/`, `[`, `]`, spaces), each split into words; empty segments dropped. */
export function splitSegments(name: string): string[][] {
  const out: string[][] = [];
  for (const part of name.split(SEGMENT)) {
    const words = splitWords(part);
    if (words.length > 0) out.push(words);
  }
  return out;
}

/** The word form of a name: its words joined by `_` (`'internalCode'` → `'internal_code'`). */
export function wordForm(name: string): string {
  return splitWords(name).join('_');
}
