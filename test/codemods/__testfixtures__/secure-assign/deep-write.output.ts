export function setNested(store: Record<string, Record<string, unknown>>, group: string, key: string, value: unknown) {
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) store[group] can be Object.prototype (when group is "__proto__"), so this nested write can change every object. Decide which keys callers may set and use secureAssign(target, key, value, { allow: [...] }) (or validate the input).
  store[group][key] = value;
}
