const settings: Record<string, unknown> = {};

export function handler(req: { body: { field: string; value: unknown } }) {
  settings[req.body.field] = req.body.value;
  const saved = (settings[`last:${req.body.field}`] = Date.now());
  return saved;
}

export function extend(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const key in source) {
    // eslint-disable-next-line no-prototype-builtins
    if (source.hasOwnProperty(key)) target[key] = source[key];
  }
  return target;
}

export function merge(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object') merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}
