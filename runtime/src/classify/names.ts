/**
 * The name classifier: split a name into words, find its head (the last meaningful word) and decide from the
 * head and the words right before it. Never substring matching: `secretary`, `monkey`, `author` and
 * `tokenizer` are words of their own.
 */
import type { ClassifyOptions, SensitivityCategory } from './types.js';
import {
  COMPOUNDS,
  FLOW_WORDS,
  HEADS,
  NEGATORS,
  PASSWORD_HEADS,
  PLURALS,
  PREFIX_WORDS,
  STRONG_SUFFIXES,
  VALUE_WORDS,
  type HeadRule,
  type Verdict,
} from './vocabulary.js';
import { splitSegments, splitWords } from './words.js';

const CATEGORIES = new Set<string>(['credential', 'token', 'secret', 'session', 'financial', 'pii']);
const DIGITS = /^\d+$/;

/** A name classifier compiled from one option set. */
export interface NameRules {
  classify(name: string): SensitivityCategory | null;
  /** Whether `allowedNames` lists the name (exactly, case-insensitive, or by word form). */
  isAllowed(name: string): boolean;
}

interface ExtraName {
  words: readonly string[];
  category: SensitivityCategory;
}

/** Expands one lower-case word into the words it is made of (`apikey` → `api key`, `pgpassword` → `pg password`). */
function expandWord(word: string, out: string[]): void {
  const singular = PLURALS.get(word) ?? word;
  if (HEADS.has(singular)) {
    out.push(singular);
    return;
  }
  const compound = COMPOUNDS.get(singular);
  if (compound) {
    for (const w of compound) out.push(w);
    return;
  }
  for (const suffix of STRONG_SUFFIXES) {
    const base = singular.endsWith(`${suffix}s`) ? singular.slice(0, -1) : singular;
    if (base.length >= suffix.length + 2 && base.endsWith(suffix)) {
      expandWord(base.slice(0, -suffix.length), out);
      out.push(suffix);
      return;
    }
  }
  out.push(singular);
}

function normalise(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) expandWord(w, out);
  return out;
}

/** The verdict of `rule` for a head at `index` of `words`, or `undefined` when it decides nothing. */
function decideHead(rule: HeadRule, words: readonly string[], index: number): Verdict | undefined {
  // The qualifier is the nearest non-digit word before the head (`aes256Key` → `aes`).
  let q = index - 1;
  while (q >= 0 && DIGITS.test(words[q]!)) q--;
  if (q < 0) return rule.bare;
  if (rule.by) {
    if (q >= 1) {
      const two = rule.by.get(`${words[q - 1]} ${words[q]}`);
      if (two !== undefined) return two;
    }
    const one = rule.by.get(words[q]!);
    if (one !== undefined) return one;
  }
  return 'other' in rule ? rule.other : rule.bare;
}

function endsWith(words: readonly string[], end: number, tail: readonly string[]): boolean {
  if (tail.length === 0 || tail.length > end) return false;
  for (let i = 0; i < tail.length; i++) if (words[end - tail.length + i] !== tail[i]) return false;
  return true;
}

/** Compiles the name rules for one option set. */
export function compileNameRules(options: ClassifyOptions = {}): NameRules {
  const pii = options.pii === true;

  const allowed = new Set<string>();
  for (const name of options.allowedNames ?? []) {
    if (typeof name !== 'string') continue;
    allowed.add(name.toLowerCase());
    const form = splitWords(name).join('_');
    if (form) allowed.add(form);
  }

  const extras: ExtraName[] = [];
  const addExtra = (name: string, category: SensitivityCategory) => {
    if (typeof name !== 'string' || !CATEGORIES.has(category)) return;
    const words = normalise(splitWords(name));
    if (words.length > 0) extras.push({ words, category });
  };
  const extraNames = options.extraNames;
  if (Array.isArray(extraNames)) {
    for (const name of extraNames as readonly string[]) addExtra(name, 'secret');
  } else if (extraNames && typeof extraNames === 'object') {
    for (const [name, category] of Object.entries(extraNames as Record<string, SensitivityCategory>)) {
      addExtra(name, category);
    }
  }
  // Longest first, so `internal code` beats `code`.
  extras.sort((a, b) => b.words.length - a.words.length);

  const isAllowed = (name: string): boolean => {
    if (allowed.size === 0) return false;
    if (allowed.has(name.toLowerCase())) return true;
    return allowed.has(splitWords(name).join('_'));
  };

  const classify = (name: string): SensitivityCategory | null => {
    if (typeof name !== 'string' || name.length === 0) return null;
    if (isAllowed(name)) return null;

    const segments = splitSegments(name);
    if (segments.length === 0) return null;
    const words: string[] = [];
    let lastSegmentStart = 0;
    for (const segment of segments) {
      lastSegmentStart = words.length;
      for (const w of segment) expandWord(w, words);
    }

    // Trailing digit runs and version suffixes say nothing (`password2`, `apiKeyV2`).
    let end = words.length;
    // `authTokenFromHeaders`, `tokenForUser`: the thing is named before `from`/`for` in the last segment; what
    // follows says where it comes from or what it is for (`of` is not: `dateOfBirth`).
    for (let i = lastSegmentStart + 1; i < end - 1; i++) {
      if (words[i] === 'from' || words[i] === 'for') {
        end = i;
        break;
      }
    }
    // A second-factor qualifier after the head says which secret it is, not another thing (`secret_2FA`,
    // `secretMfa`); alone (`mfa`, `2fa`) it names nothing.
    if (end > 2 && words[end - 1] === 'fa' && DIGITS.test(words[end - 2]!)) end -= 2;
    else if (end > 1 && (words[end - 1] === 'mfa' || words[end - 1] === 'tfa')) end--;
    let stripped = false;
    while (end > 0 && DIGITS.test(words[end - 1]!)) {
      end--;
      stripped = true;
    }
    if (stripped && end > 1 && words[end - 1] === 'v') end--;
    if (end === 0) return null;

    let verdict: Verdict | undefined;
    let headStart = -1;
    let headRule: HeadRule | undefined;
    while (end > 0) {
      const extra = extras.find((e) => endsWith(words, end, e.words));
      if (extra) {
        verdict = extra.category;
        headStart = end - extra.words.length;
        break;
      }
      const head = words[end - 1]!;
      const rule = HEADS.get(head);
      if (rule) {
        const v = decideHead(rule, words, end - 1);
        if (v !== undefined) {
          verdict = v;
          headStart = end - 1;
          headRule = rule;
          break;
        }
      }
      if (end > 1 && VALUE_WORDS.has(head)) {
        end--;
        continue;
      }
      return null;
    }
    if (verdict === undefined || verdict === null) return null;
    if (verdict === 'pii-contact') {
      if (!pii) return null;
      verdict = 'pii';
    }

    // Words before the head that turn the name into a description, a boolean, a function or a quantity.
    for (let i = 0; i < headStart; i++) {
      const w = words[i]!;
      if (NEGATORS.has(w)) return null;
      if (headRule?.negatedBy?.has(w)) return null;
    }
    if (lastSegmentStart < headStart) {
      const first = words[lastSegmentStart]!;
      if (PREFIX_WORDS.has(first)) {
        // `setCookie` / `set-cookie` is the Set-Cookie header, not a setter.
        const setCookie = first === 'set' && words[lastSegmentStart + 1] === 'cookie';
        if (!setCookie) return null;
      }
      if (
        FLOW_WORDS.has(first) &&
        headStart === lastSegmentStart + 1 &&
        PASSWORD_HEADS.has(words[headStart]!)
      ) {
        return null;
      }
    }
    return verdict;
  };

  return { classify, isAllowed };
}
