import type { Request } from 'express';

const store: Record<string, Record<string, unknown>> = {};

export function setNested(req: Request) {
  store[req.body.group][req.body.key] = req.body.value;
}
