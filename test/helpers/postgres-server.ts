/**
 * Starts a throwaway PostgreSQL server (Debian's packages: binaries under /usr/lib/postgresql/<version>/bin) on a
 * free loopback port, for tests and benchmarks of SQL paths. initdb and postgres refuse to run as root, so when the
 * process is root the server runs as the `postgres` user. The data and socket directories are temporary and
 * removed on stop. Free of vitest so that benchmarks can use it too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  readonly url: string;
  stop(): Promise<void>;
}

/** The directory holding `initdb` and `postgres`: the newest /usr/lib/postgresql/<version>/bin, or PATH. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0]!, 'bin');
  }
  const probe = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = probe.status === 0 ? probe.stdout.trim() : '';
  return dir && existsSync(path.join(dir, 'postgres')) ? dir : undefined;
}

/** uid and gid to run the server with: the `postgres` user when this process is root, else this process's own. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether a PostgreSQL server can be started here (binaries, and a `postgres` user when running as root). */
export function hasPostgresServer(): boolean {
  const bin = postgresBinDir();
  if (!bin || !existsSync(path.join(bin, 'initdb'))) return false;
  return process.getuid?.() !== 0 || serverUser() !== undefined;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(300);
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/**
 * initdb into a temporary directory, then `postgres` in the foreground (a child of this process) on a free port,
 * with durability settings off (fsync, synchronous_commit): the data is thrown away on stop.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const user = serverUser();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sm-pg-data-'));
  const socketDir = mkdtempSync(path.join(tmpdir(), 'sm-pg-sock-'));
  const cleanup = (): void => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(socketDir, { recursive: true, force: true });
  };
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(socketDir, user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    { encoding: 'utf8', ...as },
  );
  if (init.status !== 0) {
    cleanup();
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        socketDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...as },
    );
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 20_000) log += chunk.toString('utf8');
    });
    let exited = false;
    const exit = new Promise<void>((resolve) =>
      child.once('exit', () => {
        exited = true;
        resolve();
      }),
    );
    const deadline = Date.now() + 20_000;
    while (!exited && Date.now() < deadline) {
      if (log.includes('ready to accept connections') && (await accepts(port))) {
        return {
          host: '127.0.0.1',
          port,
          user: 'postgres',
          database: 'postgres',
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          stop: async () => {
            if (!exited) {
              child.kill('SIGINT'); // fast shutdown
              const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
              await exit;
              clearTimeout(timer);
            }
            cleanup();
          },
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) child.kill('SIGKILL');
    await exit;
    lastError = new Error(`postgres did not start on port ${port}: ${log.slice(-2000)}`);
  }
  cleanup();
  throw lastError;
}
