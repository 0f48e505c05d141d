/**
 * Tolerant base64 decoding for key material: standard or url-safe alphabet, padded or not.
 * Anything else (other characters, misplaced padding, impossible lengths) is rejected with `null`.
 */
const BASE64_LOOSE = /^[A-Za-z0-9+/_-]*$/;

/** Decodes standard or url-safe base64, padded or unpadded; returns `null` when the text is not base64. */
export function decodeBase64Loose(text: string): Buffer | null {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) end--;
  const padding = text.length - end;
  const data = padding ? text.slice(0, end) : text;
  if (data.length === 0 || padding > 2 || data.length % 4 === 1) return null;
  if (padding && text.length % 4 !== 0) return null;
  if (!BASE64_LOOSE.test(data)) return null;
  // Node's base64 decoder accepts both alphabets.
  return Buffer.from(data, 'base64');
}

/** Key ids name keys inside envelopes and env variables: 1–64 characters of `A–Z a–z 0–9 _ -`. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidKeyId(id: unknown): id is string {
  return typeof id === 'string' && KEY_ID_PATTERN.test(id);
}
