import _ from 'lodash';

/** Config merging helpers from the old settings service. */
export function deepSet(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const segment of path.slice(0, -1)) {
    node = node[segment] as Record<string, unknown>; // ok: no-unsafe-dynamic-assignment
  }
  const last = path[path.length - 1] ?? '';
  node[last] = value; // expect: no-unsafe-dynamic-assignment
}

export function setNested(
  config: Record<string, Record<string, unknown>>,
  section: string,
  key: string,
  v: unknown,
): void {
  config[section]![key] = v; // ok: no-unsafe-dynamic-assignment
}

export function mergeOverrides(
  defaults: Record<string, unknown>,
  overrides: unknown,
): Record<string, unknown> {
  return _.merge(defaults, overrides); // ok: no-unsafe-dynamic-assignment
}

export function applyEnv(target: Record<string, string>, env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) {
    if (name.startsWith('APP_')) Reflect.set(target, name.slice(4).toLowerCase(), env[name]); // ok: no-unsafe-dynamic-assignment
  }
}

export function withDefaults<T extends object>(options: T, input: Partial<T>): T {
  return Object.assign(options, input); // ok: no-unsafe-dynamic-assignment
}

export function pickDefined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)); // ok: no-unsafe-dynamic-assignment
}

export function frozenDefaults(): Readonly<Record<string, unknown>> {
  return Object.assign(Object.create(null) as Record<string, unknown>, { retries: 3, timeout: 5000 }); // ok: no-unsafe-dynamic-assignment
}
