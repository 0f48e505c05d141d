/** The part of a socket.io server this module uses. */
interface Socket {
  on(event: string, handler: (msg: never) => void): void;
}
interface Server {
  on(event: 'connection', handler: (socket: Socket) => void): void;
}

/** Live document editing over socket.io, and the merge helper the document service uses. */
const documents: Record<string, Record<string, unknown>> = {};

export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object') {
      deepMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>); // expect: no-unsafe-dynamic-assignment
    } else {
      target[key] = value;
    }
  }
}

export function safeMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = source[key];
    if (value && typeof value === 'object') {
      safeMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>); // ok: no-unsafe-dynamic-assignment
    } else {
      target[key] = value; // ok: no-unsafe-dynamic-assignment
    }
  }
}

export function attach(io: Server): void {
  io.on('connection', (socket) => {
    socket.on('doc:set', (msg: { doc: string; field: string; value: unknown }) => {
      const doc = documents[msg.doc] ?? {};
      doc[msg.field] = msg.value; // expect: no-unsafe-dynamic-assignment
    });
    socket.on('doc:rename', (msg: { doc: string; to: string }) => {
      documents[`doc:${msg.to}`] = documents[msg.doc] ?? {}; // ok: no-unsafe-dynamic-assignment
    });
  });
}
