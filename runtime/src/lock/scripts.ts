/**
 * The Lua scripts behind the Redis lock, fenced writes and compare-and-set. Each runs atomically on the server.
 */
import { defineScript } from '../internal/redis.js';

/**
 * Acquire: `SET lock token NX PX ttl` and, only when that succeeded, `INCR fence` (the fencing token: 1, 2, 3, …
 * per resource, never reset, because the fence key has no expiry and release leaves it alone).
 * KEYS: lock key, fence key. ARGV: token, ttl ms.
 * Reply: `{fencingToken, 0}` when acquired, `{0, pttl}` of the current holder when not.
 */
export const ACQUIRE = defineScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {redis.call('INCR', KEYS[2]), 0}
end
return {0, redis.call('PTTL', KEYS[1])}
`);

/** Release: delete the lock only if it still holds our token. KEYS: lock key. ARGV: token. Reply: 1 or 0. */
export const RELEASE = defineScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/** Extend: reset the expiry only if the lock still holds our token. KEYS: lock key. ARGV: token, ttl ms. */
export const EXTEND = defineScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/**
 * Fenced write: a hash `{value, fence}` that accepts a write only with a fencing token at least as high as the
 * highest one it has seen, so a stale lock holder (lower token) cannot overwrite a newer holder's write.
 * KEYS: the key. ARGV: value, fencing token, ttl ms (0 = keep). Reply: `{1, token}` or `{0, storedFence}`.
 */
export const FENCED_SET = defineScript(`
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
local token = tonumber(ARGV[2])
if token < stored then
  return {0, stored}
end
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'fence', ARGV[2])
if tonumber(ARGV[3]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {1, token}
`);

/**
 * Compare-and-set on a hash `{value, version}`: write only if the version is still the one that was read (0 for
 * a missing key), and bump it. KEYS: the key. ARGV: expected version, new value, ttl ms (0 = keep).
 * Reply: `{1, newVersion}` or `{0, currentVersion}`.
 */
export const COMPARE_AND_SET = defineScript(`
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then
  return {0, current}
end
local nextVersion = current + 1
redis.call('HSET', KEYS[1], 'value', ARGV[2], 'version', nextVersion)
if tonumber(ARGV[3]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {1, nextVersion}
`);
