/**
 * Real Redis clients for the lock tests: the same suite runs against ioredis and node-redis v5.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';

/** A connected client plus a way to close it and a plain command runner for assertions. */
export interface TestClient {
  /** The library's own client object, as an application would pass it. */
  client: unknown;
  /** Runs a raw command through the library's own API (not through the code under test). */
  raw(...args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface ClientKind {
  name: string;
  connect(url: string): Promise<TestClient>;
}

export const clientKinds: ClientKind[] = [
  {
    name: 'ioredis',
    async connect(url) {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      await client.ping();
      return {
        client,
        raw: (command, ...args) => client.call(command, ...args),
        close: async () => {
          await client.quit();
        },
      };
    },
  },
  {
    name: 'node-redis',
    async connect(url) {
      const client = createClient({ url });
      await client.connect();
      return {
        client,
        raw: (...args) => client.sendCommand(args),
        close: async () => {
          await client.close();
        },
      };
    },
  },
];

/** Opens `n` separate connections (each one a separate client object). */
export async function connectMany(kind: ClientKind, url: string, n: number): Promise<TestClient[]> {
  return Promise.all(Array.from({ length: n }, () => kind.connect(url)));
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
