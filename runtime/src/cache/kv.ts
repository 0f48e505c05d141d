/**
 * The wrapper for key-value caches: keyv, cache-manager v5/v6, any Map-like store, and the built-in memory store.
 * Values of any type are encrypted with their type kept; keys and TTL arguments pass through.
 */
import type { Codec, LegacyHit } from './codec.js';
import type { SecureCacheMethods, SetSecureOptions } from './types.js';
import { UNWRAP } from './redis.js';

/** Key-value client families. */
export type KvKind = 'keyv' | 'cache-manager' | 'map' | 'memory';

type Fn = (...args: unknown[]) => unknown;
type Obj = Record<PropertyKey, unknown>;

const isThenable = (x: unknown): x is Promise<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

const then = (res: unknown, f: (v: unknown) => unknown): unknown => (isThenable(res) ? res.then(f) : f(res));

const keyOf = (k: unknown): string => (typeof k === 'string' ? k : String(k));

/** Builds the method wrappers of one kind; each factory runs once per member name. */
type Factory = (orig: Fn) => Fn;

export function wrapKv<C extends object>(client: C, codec: Codec, kind: KvKind): C {
  const target = client as Obj;
  const reencrypts = codec.options.legacy === 'reencrypt' && kind !== 'cache-manager';

  /** Writes legacy values back encrypted if they are still there, keeping their remaining TTL. */
  const writeBack = (hits: readonly LegacyHit[]): unknown => {
    const one = (hit: LegacyHit): unknown => {
      if (kind === 'memory') {
        const ttl = (target.ttl as Fn).call(target, hit.key) as number;
        if ((target.raw as Fn).call(target, hit.key) === hit.raw) {
          (target.set as Fn).call(target, hit.key, hit.sealed, ttl > 0 ? ttl : undefined);
        }
        return undefined;
      }
      if (kind === 'map') {
        if ((target.get as Fn).call(target, hit.key) === hit.raw)
          (target.set as Fn).call(target, hit.key, hit.sealed);
        return undefined;
      }
      // keyv: getRaw gives the expiry; compare by value (keyv deserialises a fresh copy on every read).
      if (typeof target.getRaw !== 'function') return undefined;
      return Promise.resolve((target.getRaw as Fn).call(target, hit.key)).then((r) => {
        const rec = r as { value?: unknown; expires?: number | null } | undefined;
        if (!rec || JSON.stringify(rec.value) !== JSON.stringify(hit.raw)) return undefined;
        const ttl = typeof rec.expires === 'number' ? rec.expires - Date.now() : undefined;
        if (ttl !== undefined && ttl <= 0) return undefined;
        return (target.set as Fn).call(target, hit.key, hit.sealed, ttl);
      });
    };
    const done = hits.map(one).filter(isThenable);
    return done.length ? Promise.all(done).catch(() => undefined) : undefined;
  };

  /** Decrypts with `f` and, under `legacy: 'reencrypt'`, writes back legacy values before returning. */
  const opening = (res: unknown, f: (v: unknown, hits: LegacyHit[] | undefined) => unknown): unknown =>
    then(res, (v) => {
      if (!reencrypts) return f(v, undefined);
      const hits: LegacyHit[] = [];
      const out = f(v, hits);
      if (!hits.length) return out;
      return then(writeBack(hits), () => out);
    });

  const openOne = (raw: unknown, key: unknown, hits: LegacyHit[] | undefined): unknown =>
    codec.openValue(raw, keyOf(key), hits);
  const openMany = (raw: unknown, keys: readonly unknown[], hits: LegacyHit[] | undefined): unknown =>
    Array.isArray(raw) ? raw.map((r, i) => openOne(r, keys[i], hits)) : raw;
  /** keyv `{ value, expires }` records. */
  const openRecord = (rec: unknown, key: unknown, hits: LegacyHit[] | undefined): unknown =>
    typeof rec === 'object' && rec !== null && 'value' in rec
      ? { ...(rec as Obj), value: openOne((rec as Obj).value, key, hits) }
      : rec;
  const seal = (value: unknown, key: unknown): unknown => codec.sealValue(value, keyOf(key));
  const self = (res: unknown): unknown => (res === target ? proxy : res);

  const set: Factory = (orig) =>
    function securedSet(key: unknown, value: unknown, ...rest: unknown[]): unknown {
      return self(orig.call(target, key, seal(value, key), ...rest));
    };

  const factories: Record<string, Factory> = { set };

  if (kind === 'keyv') {
    factories.get = (orig) =>
      function securedGet(key: unknown, ...rest: unknown[]): unknown {
        const raw = (rest[0] as { raw?: unknown } | undefined)?.raw === true;
        return opening(orig.call(target, key, ...rest), (v, hits) => {
          if (Array.isArray(key)) {
            return Array.isArray(v)
              ? v.map((r, i) => (raw ? openRecord(r, key[i], hits) : openOne(r, key[i], hits)))
              : v;
          }
          return raw ? openRecord(v, key, hits) : openOne(v, key, hits);
        });
      };
    factories.getMany = (orig) =>
      function securedGetMany(keysArg: unknown, ...rest: unknown[]): unknown {
        const keys = Array.isArray(keysArg) ? (keysArg as unknown[]) : [];
        const raw = (rest[0] as { raw?: unknown } | undefined)?.raw === true;
        return opening(orig.call(target, keysArg, ...rest), (v, hits) =>
          Array.isArray(v)
            ? v.map((r, i) => (raw ? openRecord(r, keys[i], hits) : openOne(r, keys[i], hits)))
            : v,
        );
      };
    factories.getRaw = (orig) =>
      function securedGetRaw(key: unknown, ...rest: unknown[]): unknown {
        return opening(orig.call(target, key, ...rest), (v, hits) => openRecord(v, key, hits));
      };
    factories.getManyRaw = (orig) =>
      function securedGetManyRaw(keysArg: unknown, ...rest: unknown[]): unknown {
        const keys = Array.isArray(keysArg) ? (keysArg as unknown[]) : [];
        return opening(orig.call(target, keysArg, ...rest), (v, hits) =>
          Array.isArray(v) ? v.map((r, i) => openRecord(r, keys[i], hits)) : v,
        );
      };
    factories.setMany = (orig) =>
      function securedSetMany(entries: unknown, ...rest: unknown[]): unknown {
        const sealed = Array.isArray(entries)
          ? entries.map((e: unknown) =>
              typeof e === 'object' && e !== null && 'key' in e
                ? { ...(e as Obj), value: seal((e as Obj).value, (e as Obj).key) }
                : e,
            )
          : entries;
        return orig.call(target, sealed, ...rest);
      };
    factories.iterator = (orig) =>
      async function* securedIterator(...args: unknown[]): AsyncGenerator<unknown> {
        for await (const entry of orig.apply(target, args) as AsyncIterable<unknown>) {
          yield Array.isArray(entry) ? [entry[0], openOne(entry[1], entry[0], undefined)] : entry;
        }
      };
  } else {
    factories.get = (orig) =>
      function securedGet(key: unknown, ...rest: unknown[]): unknown {
        return opening(orig.call(target, key, ...rest), (v, hits) => openOne(v, key, hits));
      };
  }

  if (kind === 'cache-manager') {
    // v5: mget(...keys), mset([[key, value], …], ttl?); v6: mget(keys[]), mset([{ key, value, ttl? }, …]).
    factories.mget = (orig) =>
      function securedMget(...args: unknown[]): unknown {
        const keys = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
        return opening(orig.apply(target, args), (v, hits) => openMany(v, keys, hits));
      };
    factories.mset = (orig) =>
      function securedMset(list: unknown, ...rest: unknown[]): unknown {
        const sealed = Array.isArray(list)
          ? list.map((e: unknown) => {
              if (Array.isArray(e)) return [e[0], seal(e[1], e[0]), ...e.slice(2)];
              if (typeof e === 'object' && e !== null && 'key' in e)
                return { ...(e as Obj), value: seal((e as Obj).value, (e as Obj).key) };
              return e;
            })
          : list;
        return orig.call(target, sealed, ...rest);
      };
    factories.wrap = (orig) =>
      function securedWrap(key: unknown, fn: unknown, ...rest: unknown[]): unknown {
        if (typeof fn !== 'function') return orig.call(target, key, fn, ...rest);
        let fresh: unknown;
        let token: unknown;
        const produce = async (...a: unknown[]): Promise<unknown> => {
          fresh = await (fn as Fn)(...a);
          token = seal(fresh, key);
          return token;
        };
        return then(orig.call(target, key, produce, ...rest), (out) =>
          out === token && token !== undefined ? fresh : openOne(out, key, undefined),
        );
      };
  }

  if (kind === 'map') {
    // Iteration decrypts too, so a wrapped Map reads back as it was written.
    const entries = (): Iterable<[unknown, unknown]> =>
      (target.entries as Fn).call(target) as Iterable<[unknown, unknown]>;
    factories.get = (orig) =>
      function securedGet(key: unknown): unknown {
        return opening(orig.call(target, key), (v, hits) => openOne(v, key, hits));
      };
    factories.entries = () =>
      function* securedEntries(): Generator<[unknown, unknown]> {
        for (const [k, v] of entries()) yield [k, openOne(v, k, undefined)];
      };
    factories[Symbol.iterator as unknown as string] = factories.entries;
    factories.values = () =>
      function* securedValues(): Generator<unknown> {
        for (const [k, v] of entries()) yield openOne(v, k, undefined);
      };
    factories.forEach = () =>
      function securedForEach(cb: unknown, thisArg?: unknown): void {
        for (const [k, v] of entries()) (cb as Fn).call(thisArg, openOne(v, k, undefined), k, proxy);
      };
  }

  const extra: SecureCacheMethods = {
    setSecure(key: string, value: unknown, options?: SetSecureOptions): Promise<unknown> {
      try {
        const token = codec.sealTyped(value, key);
        const args: unknown[] = [key, token];
        if (options?.ttl !== undefined) args.push(options.ttl);
        return Promise.resolve(self((target.set as Fn).apply(target, args)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    getSecure<T>(key: string): Promise<T> {
      return Promise.resolve((target.get as Fn).call(target, key)).then(
        (raw) => codec.openStrict(raw, key) as T,
      );
    },
  };

  const cache = new Map<PropertyKey, { orig: unknown; fn: unknown }>();
  // cache-manager v5 exposes its store (`cache.store.mget/mset`): wrapped the same way, so writes through it seal.
  let store: { orig: unknown; wrapped: unknown } | undefined;
  const proxy: Obj = new Proxy(target, {
    get(t, prop) {
      if (prop === 'setSecure') return extra.setSecure;
      if (prop === 'getSecure') return extra.getSecure;
      if (prop === UNWRAP) return t;
      const value = Reflect.get(t, prop, t);
      if (kind === 'cache-manager' && prop === 'store' && typeof value === 'object' && value !== null) {
        if (store?.orig !== value) store = { orig: value, wrapped: wrapKv(value, codec, 'cache-manager') };
        return store.wrapped;
      }
      if (typeof value !== 'function') return value;
      const hit = cache.get(prop);
      if (hit && hit.orig === value) return hit.fn;
      const factory = Object.hasOwn(factories, prop) ? factories[prop as string] : undefined;
      const orig = value as Fn;
      const fn = factory
        ? factory(orig)
        : function passthroughMethod(...args: unknown[]): unknown {
            return self(orig.apply(t, args));
          };
      cache.set(prop, { orig: value, fn });
      return fn;
    },
    set(t, prop, value) {
      return Reflect.set(t, prop, value, t);
    },
  });
  return proxy as C;
}
