/**
 * The built-in secret value patterns. Each has a cheap gate (a literal that must occur), a global regular
 * expression and an optional validator that returns the span to mask or rejects the match.
 */
import {
  isBasicCredentials,
  isCardShaped,
  isJwt,
  isOpaqueToken,
  isPlaceholderPassword,
  luhnValid,
} from './checks.js';
import type { SecretKind } from './types.js';

/** One compiled value pattern. */
export interface ValuePattern {
  readonly kind: string;
  /** No match is possible in a shorter string. */
  readonly minLength: number;
  /** No match is possible without a run of this many token characters (`[A-Za-z0-9_.+/=~-]`). */
  readonly minRun: number;
  /** No match is possible with fewer ASCII digits. */
  readonly minDigits?: number;
  /** Characters (as {@link Needs} bits, all required) without which no match is possible. */
  readonly needs?: number;
  /** A necessary condition, much cheaper than the regular expression. */
  readonly gate: (value: string) => boolean;
  /** Global; `lastIndex` is reset before every use. */
  readonly regex: RegExp;
  /** The `[start, end)` span to mask, or `null` to reject the match. Default: the whole match. */
  readonly span?: (match: RegExpExecArray) => readonly [number, number] | null;
}

/** Bits for characters a pattern cannot match without; the scanner sees them in its one pass. */
export const Needs = {
  space: 1,
  at: 2,
  colon: 4,
  slash: 8,
  dot: 16,
  underscore: 32,
  dash: 64,
} as const;

const whole = (m: RegExpExecArray): readonly [number, number] => [m.index, m.index + m[0].length];
const includes =
  (...needles: string[]) =>
  (value: string): boolean =>
    needles.some((n) => value.includes(n));

// Boundaries: a token must not continue a longer word on either side.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';

/** Built-in patterns, in the order they run (the order also breaks ties between equal spans). */
export const BUILT_IN_PATTERNS: readonly (ValuePattern & { kind: SecretKind })[] = [
  {
    kind: 'private-key',
    minLength: 60,
    minRun: 10,
    needs: Needs.space | Needs.dash,
    gate: includes('PRIVATE KEY'),
    // Up to the END line, or (a truncated key) to the end of the base64 body. The body must be real.
    regex:
      /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,-]*)/g,
    span: (m) => {
      const body = m[0].replace(/-----[^-]*-----/g, '').replace(/\\n|[^A-Za-z0-9+/]/g, '');
      return body.length >= 32 ? whole(m) : null;
    },
  },
  {
    kind: 'jwt',
    minLength: 27,
    minRun: 27,
    needs: Needs.dot,
    gate: includes('eyJ'),
    regex:
      /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,})\.(ey[A-Za-z0-9_-]{10,})\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])/g,
    span: (m) => (isJwt(m[1]!, m[2]!) ? whole(m) : null),
  },
  {
    kind: 'bearer',
    minLength: 15,
    minRun: 8,
    needs: Needs.space,
    gate: (v) => (v.includes('earer') || v.includes('EARER')) && /bearer[ \t]/i.test(v),
    regex: /(?<![A-Za-z0-9_-])bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)/gi,
    span: (m) => {
      const token = m[1]!.replace(/\.+$/, '');
      if (!isOpaqueToken(token)) return null;
      const end = m.index + m[0].length - (m[1]!.length - token.length);
      return [m.index, end];
    },
  },
  {
    kind: 'basic-auth',
    minLength: 10,
    minRun: 4,
    needs: Needs.space,
    gate: (v) => (v.includes('asic') || v.includes('ASIC')) && /basic[ \t]/i.test(v),
    regex: /(?<![A-Za-z0-9_-])basic[ \t]+([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi,
    span: (m) => (isBasicCredentials(m[1]!) ? whole(m) : null),
  },
  {
    kind: 'url-password',
    minLength: 8,
    minRun: 1,
    needs: Needs.colon | Needs.slash | Needs.at,
    gate: (v) => {
      const scheme = v.indexOf('://');
      return scheme > 0 && v.indexOf('@', scheme) > 0;
    },
    // scheme://user:password@host — only the password is the span, so the URL stays readable.
    regex: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/?#]*:([^\s@/?#]+)@(?=[A-Za-z0-9[._~%-])/g,
    span: (m) => {
      const password = m[1]!;
      if (isPlaceholderPassword(password)) return null;
      const end = m.index + m[0].length - 1;
      return [end - password.length, end];
    },
  },
  {
    kind: 'aws-access-key',
    minLength: 20,
    minRun: 20,
    gate: (v) => /A(?:KIA|SIA|BIA|CCA|3T)/.test(v),
    regex: new RegExp(`${B}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${E}`, 'g'),
    // AWS's own documentation key ends in EXAMPLE.
    span: (m) => (m[0].endsWith('EXAMPLE') ? null : whole(m)),
  },
  {
    kind: 'github-token',
    minLength: 40,
    minRun: 40,
    needs: Needs.underscore,
    gate: includes('gh', 'github_pat_'),
    regex: new RegExp(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,240})${E}`, 'g'),
  },
  {
    kind: 'slack-token',
    minLength: 24,
    minRun: 20,
    gate: includes('xox', 'xapp-', 'hooks.slack.com/'),
    regex:
      /(?<![A-Za-z0-9_-])(?:xox[abeoprs]-\d+(?:-[A-Za-z0-9]+)+|xapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)|hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{20,100})/g,
    span: (m) => {
      // A webhook URL: mask the path that is the secret, keep the host readable.
      if (m[1] !== undefined) return [m.index + m[0].length - m[1].length, m.index + m[0].length];
      return m[0].length >= 24 ? whole(m) : null;
    },
  },
  {
    kind: 'stripe-key',
    minLength: 18,
    minRun: 18,
    needs: Needs.underscore,
    gate: includes('k_', 'whsec_'),
    regex: new RegExp(
      `${B}(?:(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}|whsec_[A-Za-z0-9]{24,99})${E}`,
      'g',
    ),
  },
  {
    kind: 'google-api-key',
    minLength: 39,
    minRun: 39,
    gate: includes('AIza'),
    regex: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'openai-key',
    minLength: 51,
    minRun: 51,
    needs: Needs.dash,
    gate: includes('T3BlbkFJ'),
    regex:
      /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'anthropic-key',
    minLength: 95,
    minRun: 95,
    needs: Needs.dash,
    gate: includes('sk-ant-'),
    regex: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_-]{80,120}AA(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'npm-token',
    minLength: 40,
    minRun: 40,
    needs: Needs.underscore,
    gate: includes('npm_'),
    regex: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g'),
  },
  {
    kind: 'sendgrid-key',
    minLength: 69,
    minRun: 69,
    needs: Needs.dot,
    gate: includes('SG.'),
    regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'gitlab-token',
    minLength: 25,
    minRun: 25,
    needs: Needs.dash,
    gate: includes('gl'),
    regex: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|soat)-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'card-number',
    minLength: 13,
    minRun: 4,
    minDigits: 13,
    gate: () => true,
    // 13–19 digits starting 2–6 (the card networks; excludes 1… millisecond timestamps and snowflake ids),
    // contiguous or grouped 4-4-4-4(-3) / 4-6-5 with one kind of separator, standing alone; then a network's
    // prefix and length, and Luhn.
    regex:
      /(?<![A-Za-z0-9_.+\-/])(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4})?)(?![A-Za-z0-9_]|[.,-]\d)/g,
    span: (m) => {
      const digits = m[0].replace(/[ -]/g, '');
      if (digits.length < 13 || digits.length > 19) return null;
      if (/^(\d)\1+$/.test(digits) || !isCardShaped(digits) || !luhnValid(digits)) return null;
      return whole(m);
    },
  },
];
