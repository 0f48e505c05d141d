/**
 * Validators behind the value patterns: Luhn, base64url JSON for JWTs, Basic credentials, URL password
 * placeholders, opaque-token shape. Pure functions, node built-ins only.
 */
import { Buffer } from 'node:buffer';

/** Luhn checksum over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Whether a digit string has the prefix and length of a card network: Visa (4…, 13/16/19), Mastercard (51–55 and
 * 2221–2720, 16), Maestro (50, 56–58, 13–19), Amex (34/37, 15), Diners (30/36/38/39, 14–19), JCB (3528–3589,
 * 16–19), Discover/UnionPay/other 6… (16–19).
 */
export function isCardShaped(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  switch (digits[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '5':
      return two >= 51 && two <= 55 ? n === 16 : two === 50 || (two >= 56 && two <= 58);
    case '2':
      return four >= 2221 && four <= 2720 && n === 16;
    case '3':
      if (two === 34 || two === 37) return n === 15;
      if (two === 30 || two === 36 || two === 38 || two === 39) return n >= 14;
      return four >= 3528 && four <= 3589 && n >= 16;
    case '6':
      return n >= 16;
    default:
      return false;
  }
}

function decodeJson(part: string): unknown {
  if (part.length === 0 || part.length % 4 === 1) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A JWS compact token: the header decodes to a JSON object with `alg` or `typ`, the payload to JSON. */
export function isJwt(header: string, payload: string): boolean {
  const h = decodeJson(header);
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return false;
  const fields = h as Record<string, unknown>;
  if (typeof fields.alg !== 'string' && typeof fields.typ !== 'string') return false;
  const p = decodeJson(payload);
  return typeof p === 'object' && p !== null;
}

// Printable ASCII and common UTF-8 letters; no control characters, no replacement characters.
const PRINTABLE = /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffc]+$/;

/** `Basic <base64>`: the credentials decode to printable `user:password` text. */
export function isBasicCredentials(encoded: string): boolean {
  if (encoded.length < 4) return false;
  const body = encoded.replace(/=+$/, '');
  if (body.length % 4 === 1) return false;
  const decoded = Buffer.from(body, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.length >= 3 && colon < decoded.length - 1 && PRINTABLE.test(decoded);
}

const PLACEHOLDER_WORDS = new Set([
  'password',
  'pass',
  'passwd',
  'pwd',
  'pw',
  'secret',
  'yourpassword',
  'mypassword',
  'redacted',
  'masked',
  'hidden',
  'filtered',
]);

/**
 * A URL password that is a placeholder, not a password: templates (`${PASSWORD}`, `$PASSWORD`, `{{pass}}`,
 * `{password}`, `<password>`, `%s`), masks (`***`, `xxxx`, `[REDACTED]`) and the literal words of docs
 * (`user:password@`, `:pass@`, `:secret@`).
 */
export function isPlaceholderPassword(password: string): boolean {
  if (password.startsWith('$') || password.includes('${') || password.includes('{{')) return true;
  if (/^(?:\{[^{}]*\}|<[^<>]*>|\[[^[\]]*\]|%(?:\([^)]*\))?s)$/.test(password)) return true;
  if (/^(?:\*+|x+|\.+|•+)$/i.test(password)) return true;
  return PLACEHOLDER_WORDS.has(password.toLowerCase().replace(/[^a-z]/g, ''));
}

const OPAQUE_PLACEHOLDERS = new Set(['undefined', 'null', 'token', 'redacted', 'placeholder', 'example']);

/**
 * An opaque `Bearer` credential rather than prose (`Bearer authentication`, `Bearer token-based`) or a bug
 * (`Bearer undefined`): at least 8 characters, not a placeholder word, and either with a digit or one of
 * `. _ ~ + / =`, or 20+ letters that are not hyphenated lower-case words. Callers trim trailing sentence dots.
 */
export function isOpaqueToken(token: string): boolean {
  if (token.length < 8) return false;
  if (OPAQUE_PLACEHOLDERS.has(token.toLowerCase())) return false;
  if (/^(?:x+|\*+|\.+)$/i.test(token)) return false;
  if (/[0-9._~+/=]/.test(token)) return true;
  if (token.includes('-') && /^[a-z-]+$/.test(token)) return false;
  return token.length >= 20;
}
