import {
  createScriptRunner,
  defineScript,
  isRedisLikeClient,
  runScript,
  sendCommand,
} from '../../runtime/src/internal/redis.js';
import { describeWithRedis, useRedisServer } from '../helpers/redis.js';
import { clientKinds, type TestClient } from './lock-clients.js';

describeWithRedis('runtime/internal/redis: raw commands by client shape', () => {
  const server = useRedisServer();

  it('recognises clients by shape only', () => {
    expect(isRedisLikeClient({ call: async () => 'OK' })).toBe(true);
    expect(isRedisLikeClient({ sendCommand: async () => 'OK' })).toBe(true);
    expect(isRedisLikeClient({ get: async () => null, set: async () => 'OK' })).toBe(false);
    expect(isRedisLikeClient(null)).toBe(false);
    expect(isRedisLikeClient('redis://localhost')).toBe(false);
    expect(() => sendCommand({}, ['PING'])).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => sendCommand({ call: async () => 'OK' }, [])).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => createScriptRunner({ get: async () => null })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });

  describe.each(clientKinds)('with $name', (kind) => {
    let a: TestClient;
    beforeAll(async () => {
      a = await kind.connect(server.url);
    });
    afterAll(async () => {
      await a?.close();
    });

    it('sends raw commands with string, number and Buffer arguments', async () => {
      const key = `raw:${kind.name}`;
      expect(isRedisLikeClient(a.client)).toBe(true);
      expect(await sendCommand(a.client, ['SET', key, Buffer.from('hello'), 'PX', 60_000])).toBe('OK');
      expect(await sendCommand(a.client, ['GET', key])).toBe('hello');
      expect(await sendCommand(a.client, ['INCRBY', `${key}:n`, 5])).toBe(5);
      expect(Number(await a.raw('PTTL', key))).toBeGreaterThan(50_000);
    });

    it('runs scripts with EVALSHA and falls back to EVAL after SCRIPT FLUSH', async () => {
      const script = defineScript(`return {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1}`);
      expect(script.sha1).toMatch(/^[0-9a-f]{40}$/);
      await a.raw('SCRIPT', 'FLUSH');
      expect(await a.raw('SCRIPT', 'EXISTS', script.sha1)).toEqual([0]);
      expect(await runScript(a.client, script, ['k'], ['v', 41])).toEqual(['k', 'v', 42]);
      expect(await a.raw('SCRIPT', 'EXISTS', script.sha1)).toEqual([1]);
      expect(await runScript(a.client, script, ['k2'], ['w', 1])).toEqual(['k2', 'w', 2]);
      await expect(runScript(a.client, defineScript(`return redis.call('NOPE')`), [], [])).rejects.toThrow();
    });

    it('binds a script runner to the client: numbers and Buffers as arguments, EVAL fallback, script errors', async () => {
      const run = createScriptRunner(a.client);
      const script = defineScript(`return {#KEYS, KEYS[2], ARGV[1], tonumber(ARGV[2]) * 2}`);
      await a.raw('SCRIPT', 'FLUSH');
      expect(await run(script, ['k1', Buffer.from('k2')], [Buffer.from('bytes'), 21])).toEqual([
        2,
        'k2',
        'bytes',
        42,
      ]);
      expect(await a.raw('SCRIPT', 'EXISTS', script.sha1)).toEqual([1]);
      expect(await run(script, ['x', 'y'], ['z', 0.5])).toEqual([2, 'y', 'z', 1]);
      await expect(run(defineScript(`return redis.call('NOPE')`), [], [])).rejects.toThrow(/NOPE|Unknown/i);
    });
  });
});
