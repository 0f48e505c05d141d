import type { Request } from 'express';

const store: Record<string, Record<string, unknown>> = {};

export function setNested(req: Request) {
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) store[req.body.group] is Object.prototype
  // when req.body.group is "__proto__", and req.body.group comes from req.body. Check the first key
  // before this write: skip __proto__, constructor and prototype, or check it against an allow
  // list; for a map keyed by ids, use a Map or Object.create(null).
  store[req.body.group][req.body.key] = req.body.value;
}
