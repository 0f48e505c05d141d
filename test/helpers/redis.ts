/**
 * Test-suite helpers for Redis paths: real `redis-server` processes on free ports, never mocks.
 *
 * Where no `redis-server` binary exists the suites are skipped with a loud message, except under `CI=true`,
 * where a missing Redis is a failure.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { hasRedisServer, startRedis, type RedisServer } from './redis-server.js';

export { hasRedisServer, startRedis, type RedisServer } from './redis-server.js';

/**
 * `describe` for suites that need a real Redis. Fails under CI=true when redis-server is missing; elsewhere
 * skips the suite and says so loudly.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (hasRedisServer()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs redis-server, which CI must install', () => {
        throw new Error('redis-server is not installed; .ci/run installs it with apt-get');
      });
    });
    return;
  }
  console.warn(
    `\n*** SKIPPED "${name}": redis-server is not installed (apt-get install -y redis-server) ***\n`,
  );
  describe.skip(name, body);
}

/**
 * Starts a throwaway redis-server before the enclosing suite's tests and stops it after them. Read `.url` inside
 * tests and hooks (not while the suite is being declared).
 */
export function useRedisServer(): { readonly url: string } {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url(): string {
      if (!server) throw new Error('redis-server is not started yet: read .url inside a test or hook');
      return server.url;
    },
  };
}
