import { describeWithRedis, startRedis } from './redis.js';
import { Socket } from 'node:net';

const send = (port: number, line: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write(line));
  });

describeWithRedis('test redis-server helper', () => {
  it('starts a server on a free port that answers, and stops it', async () => {
    const server = await startRedis();
    expect(await send(server.port, 'PING\r\n')).toBe('+PONG\r\n');
    await server.stop();
    await expect(send(server.port, 'PING\r\n')).rejects.toThrow();
  });
});
