/**
 * Cache and storage keys: `session:abc`, `token:42`, `oauth:google:u1`, `refresh_token/x`, `sess:` hold
 * sensitive values; `user:42`, `ratelimit:ip`, `counter:x` do not. The leading segments decide.
 */
import type { SensitivityCategory } from './types.js';

const SEPARATORS = /[:/|#{}.]+/;
/** At most this many leading segments are looked at; later ones are ids and payload. */
const MAX_SEGMENTS = 4;
const ID_LIKE = /^(?:\d+|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Segment spellings (lower case, `-` and `_` removed) that name a store of sensitive values. */
const PREFIXES: ReadonlyMap<string, SensitivityCategory> = new Map<string, SensitivityCategory>([
  ['sess', 'session'],
  ['session', 'session'],
  ['sessions', 'session'],
  ['sid', 'session'],
  ['token', 'token'],
  ['tokens', 'token'],
  ['jwt', 'token'],
  ['oauth', 'token'],
  ['oauth2', 'token'],
  ['oidc', 'token'],
  ['refresh', 'token'],
  ['magic', 'token'],
  ['magiclink', 'token'],
  ['passwordreset', 'token'],
  ['pwreset', 'token'],
  ['pwdreset', 'token'],
  ['reset', 'token'],
  ['verify', 'token'],
  ['verification', 'token'],
  ['pkce', 'secret'],
  ['otp', 'credential'],
  ['totp', 'credential'],
  ['mfa', 'credential'],
  ['2fa', 'credential'],
]);

/**
 * Segments that make a whole key bookkeeping, wherever they stand among the leading segments
 * (`ratelimit:token:abc` counts requests, `lock:session:42` holds a lock token, `revoked:jwt:<jti>` a flag,
 * `sessions:created:<day>` a counter, `otp:attempts:42` a number).
 */
const STOP = new Set(
  `ratelimit ratelimiter rate rl throttle limiter lock locks mutex semaphore counter counters count counts stats
  metrics usage quota llm created attempts failures expiry ttl blacklist blocklist denylist revoked bull bullmq
  queue jobs job csrf xsrf`.split(/\s+/),
);

/**
 * Classifies a key by its leading segments (split on `:`, `/`, `.`, `|`, `#`, `{`, `}`), using the prefix table and
 * then the name classifier on each segment. Id-like segments (digits, hex, UUIDs) are skipped.
 */
export function classifyKey(
  key: string,
  classifyName: (segment: string) => SensitivityCategory | null,
  isAllowed: (segment: string) => boolean,
): SensitivityCategory | null {
  if (typeof key !== 'string' || key.length === 0) return null;
  const parts = key.split(SEPARATORS);
  let seen = 0;
  let found: SensitivityCategory | null = null;
  for (const part of parts) {
    if (seen >= MAX_SEGMENTS) break;
    if (part.length === 0) continue;
    seen++;
    if (part.length > 64 || ID_LIKE.test(part)) continue;
    const compact = part.toLowerCase().replace(/[-_]/g, '');
    if (STOP.has(compact)) return null;
    if (found !== null || isAllowed(part)) continue;
    found = PREFIXES.get(compact) ?? classifyName(part);
  }
  return found;
}
