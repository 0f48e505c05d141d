export function applyPatch(target: Record<string, unknown>, field: string, value: unknown) {
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) target[field] is written with a key that is not provably safe. No finite allow list follows from the target type: decide which keys callers may set, then use secureAssign(target, key, value, { allow: [...] }).
  target[field] = value;
}
