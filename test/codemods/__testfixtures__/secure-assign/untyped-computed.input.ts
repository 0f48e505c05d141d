export function applyPatch(target: Record<string, unknown>, field: string, value: unknown) {
  target[field] = value;
}
