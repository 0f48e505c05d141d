/**
 * The tamper evidence of audit lines: HMAC-SHA256 under an HKDF subkey of the key ring, over a canonical JSON form
 * of the record (keys sorted at every level), so a line verifies whatever key order a logger printed it in
 * (pino keeps insertion order, winston's JSON format sorts keys).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keys/index.js';

/** HKDF purpose of the key that signs events (`Keyring.subkey`). */
export const AUDIT_PURPOSE = 'audit';
/** HKDF purpose of the key that signs checkpoints: a checkpoint can never pass for an event, nor the reverse. */
export const AUDIT_CHECKPOINT_PURPOSE = 'audit-checkpoint';
/** The version of the line format, written as `v` in every line. */
export const AUDIT_FORMAT_VERSION = 1;

/** JSON text of plain JSON data with the keys of every object sorted; `undefined` properties are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The MAC (base64url, 43 characters) of `record` without its `omit` property, under key `keyId`'s subkey. */
export function macOf(
  record: Readonly<Record<string, unknown>>,
  omit: string,
  keyring: Keyring,
  keyId: string,
  purpose: string,
): string {
  const { [omit]: _ignored, ...rest } = record;
  return createHmac('sha256', keyring.subkey(purpose, keyId))
    .update(`secure-migrate/${purpose}/v${AUDIT_FORMAT_VERSION}\n`)
    .update(canonicalJson(rest))
    .digest('base64url');
}

/** Constant-time comparison of two MAC texts. */
export function sameMac(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
