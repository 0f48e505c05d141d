export function setNested(store: Record<string, Record<string, unknown>>, group: string, key: string, value: unknown) {
  store[group][key] = value;
}
