import { guardAssign } from '@secure-migrate/runtime';

const settings: Record<string, unknown> = {};

export function handler(req: { body: { field: string; value: unknown } }) {
  guardAssign(settings, req.body.field, req.body.value);
  const saved = (settings[`last:${req.body.field}`] = Date.now());
  return saved;
}

export function extend(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const key in source) {
    // eslint-disable-next-line no-prototype-builtins
    if (source.hasOwnProperty(key)) guardAssign(target, key, source[key]);
  }
  return target;
}

export function merge(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    // secure-migrate: TODO (no-unsafe-dynamic-assignment) This call recurses into target[key], and
    // key is a key of the parameter source, whatever the caller passes. Skip __proto__, constructor
    // and prototype before recursing (if (key === "__proto__" || key === "constructor" || key ===
    // "prototype") continue;), or recurse only into keys the target already owns.
    if (value && typeof value === 'object') merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}
