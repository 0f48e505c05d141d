import { Router, type Request, type Response } from 'express';
import _ from 'lodash';

/** Workspace settings: generic update endpoints, some guarded and some not. */
export const settingsRouter = Router();

interface Workspace {
  name: string;
  plan: string;
  isAdmin: boolean;
  theme: Record<string, string>;
}

const workspaces = new Map<string, Workspace>();
const themeCache: Record<string, object> = {};
const EDITABLE_FIELDS = ['name', 'plan'] as const;

settingsRouter.patch('/workspaces/:id', (req: Request, res: Response) => {
  const ws = workspaces.get(String(req.params.id)) as Workspace;
  Object.assign(ws, req.body); // expect: no-unsafe-dynamic-assignment
  res.json(ws);
});

settingsRouter.put('/workspaces/:id/fields', (req: Request, res: Response) => {
  const ws = workspaces.get(String(req.params.id)) as Workspace;
  for (const field in req.body) {
    if (field === 'id') continue;
    (ws as unknown as Record<string, unknown>)[field] = req.body[field]; // expect: no-unsafe-dynamic-assignment
  }
  for (const field of EDITABLE_FIELDS) {
    ws[field] = String(req.body[field]); // ok: no-unsafe-dynamic-assignment
  }
  res.json(ws);
});

settingsRouter.post('/workspaces/:id/theme', (req: Request, res: Response) => {
  const ws = workspaces.get(String(req.params.id)) as Workspace;
  const { key, value } = req.body as { key: string; value: string };
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    res.status(400).end();
    return;
  }
  ws.theme[key] = value; // ok: no-unsafe-dynamic-assignment
  themeCache[String(req.params.id)] = ws.theme; // expect: no-unsafe-dynamic-assignment
  res.json(ws.theme);
});

settingsRouter.post('/workspaces/:id/path', (req: Request, res: Response) => {
  const ws = workspaces.get(String(req.params.id)) as Workspace;
  _.set(ws, String(req.body.path), req.body.value); // expect: no-unsafe-dynamic-assignment
  Reflect.set(ws, req.query.field as string, req.body.value); // expect: no-unsafe-dynamic-assignment
  const counts: Record<string, number> = {};
  for (const tag of req.body.tags as string[]) counts[tag] = (counts[tag] ?? 0) + 1; // ok: no-unsafe-dynamic-assignment
  res.json({ ws, counts });
});

settingsRouter.post('/import', (req: Request, res: Response) => {
  const imported = JSON.parse(String(req.body.json)) as Record<string, Record<string, unknown>>;
  const target: Record<string, Record<string, unknown>> = {};
  for (const [section, values] of Object.entries(imported)) {
    target[section] = target[section] ?? {}; // ok: no-unsafe-dynamic-assignment
    Object.assign(target[section], values); // expect: no-unsafe-dynamic-assignment
  }
  res.json(target);
});
