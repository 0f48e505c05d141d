import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The logger reads LOG_FILE when it is first imported, so set it before loading the app.
export const logFile = join(mkdtempSync(join(tmpdir(), 'example-app-')), 'app.log');
process.env.LOG_FILE = logFile;
process.env.LOG_LEVEL = 'debug';
// The tests run as tests: without a configured key, encryption uses a random key for this process only.
process.env.NODE_ENV ??= 'test';

const { createApp } = await import('../src/app.js');
const users = await import('../src/users.js');
export const { store } = await import('../src/cache.js');
export const { database } = await import('../src/db.js');

export const password = 'correct horse battery staple';
users.addUser('u1', 'ada@example.com', password);

export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createApp().listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: any }> {
  const response = await fetch(url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

export const readLog = (): string => readFileSync(logFile, 'utf8');
