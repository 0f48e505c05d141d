/**
 * The plaintext encoding of encryptForCache: one type byte, then the value.
 * Strings are raw UTF-8 (the hot path); containers are JSON, with tagged objects only when they hold values
 * JSON cannot carry (Date, bytes, BigInt, undefined, NaN/±Infinity/-0).
 */
import { InvalidArgumentError } from '../errors.js';

export const T_STRING = 0x73; // s: UTF-8
export const T_NUMBER = 0x6e; // n: float64 BE
export const T_TRUE = 0x74; // t
export const T_FALSE = 0x66; // f
export const T_NULL = 0x30; // 0
export const T_UNDEFINED = 0x75; // u
export const T_BUFFER = 0x62; // b: raw bytes, decoded as Buffer
export const T_BYTES = 0x79; // y: raw bytes, decoded as Uint8Array
export const T_BIGINT = 0x69; // i: decimal ASCII
export const T_DATE = 0x64; // d: float64 BE milliseconds (NaN for an invalid Date)
export const T_JSON = 0x6a; // j: plain JSON
export const T_TAGGED_JSON = 0x4a; // J: JSON with {"$sm": type, "v": …} objects

/** The key that marks a tagged object inside T_TAGGED_JSON. */
const TAG = '$sm';

/** A value split into its type byte and body, so the cipher can take a string body without a copy. */
export interface Encoded {
  type: number;
  body: string | Uint8Array;
}

const EMPTY = new Uint8Array(0);

function float64(n: number): Uint8Array {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(n, 0);
  return b;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  if (!ctor) return 'an object with a custom prototype';
  return `${/^[AEIOU]/.test(ctor) ? 'an' : 'a'} ${ctor} instance`;
}

function unsupported(value: unknown, path: string): never {
  throw new InvalidArgumentError(
    `encryptForCache cannot encode ${describe(value)} at ${path}. Supported: string, number, boolean, null, ` +
      'undefined, bigint, Date, Uint8Array/Buffer, and plain objects and arrays of these.',
  );
}

const isSpecialNumber = (n: number): boolean => !Number.isFinite(n) || Object.is(n, -0);

/**
 * Validates a container and reports whether it needs the tagged encoding.
 * Throws InvalidArgumentError for unsupported values and cycles.
 */
function scan(value: unknown, path: string, stack: object[]): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return false;
    case 'number':
      return isSpecialNumber(value);
    case 'bigint':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return false;
      if (value instanceof Date || value instanceof Uint8Array) {
        if (value instanceof Uint8Array && !Buffer.isBuffer(value) && value.constructor !== Uint8Array) {
          unsupported(value, path);
        }
        return true;
      }
      if (stack.includes(value)) {
        throw new InvalidArgumentError(`encryptForCache cannot encode a circular reference at ${path}.`);
      }
      stack.push(value);
      let special = false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (scan(value[i], `${path}[${i}]`, stack)) special = true;
        }
      } else {
        if (!isPlainObject(value)) unsupported(value, path);
        for (const key of Object.keys(value)) {
          if (scan((value as Record<string, unknown>)[key], `${path}.${key}`, stack)) special = true;
        }
      }
      stack.pop();
      return special;
    }
    default:
      return unsupported(value, path);
  }
}

function tagged(type: string, v?: unknown): Record<string, unknown> {
  return v === undefined ? { [TAG]: type } : { [TAG]: type, v };
}

/** Converts a scanned value into a JSON-safe tree with tagged objects for the special values. */
function toTagged(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return isSpecialNumber(value) ? tagged('N', Object.is(value, -0) ? '-0' : String(value)) : value;
    case 'bigint':
      return tagged('I', value.toString());
    case 'undefined':
      return tagged('u');
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) {
        const ms = value.getTime();
        return tagged('D', Number.isNaN(ms) ? 'NaN' : ms);
      }
      if (value instanceof Uint8Array) {
        const b64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
        return tagged(Buffer.isBuffer(value) ? 'B' : 'U', b64);
      }
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = toTagged(value[i]);
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(out, key, {
          value: toTagged((value as Record<string, unknown>)[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      // A user object that itself has a "$sm" key is escaped, so tags stay unambiguous.
      return Object.prototype.hasOwnProperty.call(value, TAG) ? tagged('o', out) : out;
    }
    default:
      return value; // strings and booleans
  }
}

/** Splits a value into type byte and body. @throws InvalidArgumentError for unsupported values. */
export function encodeValue(value: unknown): Encoded {
  switch (typeof value) {
    case 'string':
      return { type: T_STRING, body: value };
    case 'number':
      return { type: T_NUMBER, body: float64(value) };
    case 'boolean':
      return { type: value ? T_TRUE : T_FALSE, body: EMPTY };
    case 'undefined':
      return { type: T_UNDEFINED, body: EMPTY };
    case 'bigint':
      return { type: T_BIGINT, body: value.toString() };
    case 'object': {
      if (value === null) return { type: T_NULL, body: EMPTY };
      if (value instanceof Date) return { type: T_DATE, body: float64(value.getTime()) };
      if (value instanceof Uint8Array) {
        if (Buffer.isBuffer(value)) return { type: T_BUFFER, body: value };
        if (value.constructor === Uint8Array) return { type: T_BYTES, body: value };
      }
      const special = scan(value, '$', []);
      return special
        ? { type: T_TAGGED_JSON, body: JSON.stringify(toTagged(value)) }
        : { type: T_JSON, body: JSON.stringify(value) };
    }
    default:
      return unsupported(value, '$');
  }
}

/** Thrown by decodeValue on a malformed body; the caller maps it to DecryptionError. */
export class MalformedPlaintext extends Error {}

function fromTagged(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fromTagged(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, TAG)) {
    const v = record.v;
    switch (record[TAG]) {
      case 'N':
        return v === '-0' ? -0 : Number(v);
      case 'I':
        return BigInt(v as string);
      case 'u':
        return undefined;
      case 'D':
        return new Date(v === 'NaN' ? Number.NaN : (v as number));
      case 'B':
        return Buffer.from(v as string, 'base64');
      case 'U':
        return new Uint8Array(Buffer.from(v as string, 'base64'));
      case 'o':
        return fromTaggedObject(v as Record<string, unknown>);
      default:
        throw new MalformedPlaintext();
    }
  }
  return fromTaggedObject(record);
}

function fromTaggedObject(record: Record<string, unknown>): Record<string, unknown> {
  // JSON.parse made every key an own data property ("__proto__" included), so assignment cannot reach a setter.
  for (const key of Object.keys(record)) record[key] = fromTagged(record[key]);
  return record;
}

/** Decodes a plaintext produced by encodeValue (type byte at offset 0). */
export function decodeValue(plaintext: Buffer): unknown {
  if (plaintext.length === 0) throw new MalformedPlaintext();
  switch (plaintext[0]) {
    case T_STRING:
      return plaintext.toString('utf8', 1);
    case T_NUMBER:
      return plaintext.readDoubleBE(1);
    case T_TRUE:
      return true;
    case T_FALSE:
      return false;
    case T_NULL:
      return null;
    case T_UNDEFINED:
      return undefined;
    case T_BUFFER:
      return plaintext.subarray(1);
    case T_BYTES:
      return new Uint8Array(plaintext.buffer, plaintext.byteOffset + 1, plaintext.length - 1);
    case T_BIGINT:
      return BigInt(plaintext.toString('latin1', 1));
    case T_DATE:
      return new Date(plaintext.readDoubleBE(1));
    case T_JSON:
      return JSON.parse(plaintext.toString('utf8', 1));
    case T_TAGGED_JSON:
      return fromTagged(JSON.parse(plaintext.toString('utf8', 1)));
    default:
      throw new MalformedPlaintext();
  }
}
