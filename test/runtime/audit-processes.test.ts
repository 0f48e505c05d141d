/**
 * Two processes (and this one) append to the same audit log file at once, with rotations by size: each keeps its
 * own chain, no event is lost, and the rotated set with its shared checkpoint file verifies.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuditLog, verifyAuditLog, type AuditRecord } from '@secure-migrate/runtime/audit';
import { createKeyring, generateKey } from '@secure-migrate/runtime/keys';

const childScript = fileURLToPath(new URL('./audit-child.ts', import.meta.url));

function runChild(settings: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
      env: { ...process.env, AUDIT_CHILD: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`child failed: ${err}`)),
    );
  });
}

describe('audit log shared by processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sm-audit-proc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'keeps one chain per process, loses no event and verifies across rotations',
    { timeout: 120_000 },
    async () => {
      const key = generateKey();
      const keyring = createKeyring({ keys: [{ id: 'k1', key }] });
      const file = path.join(dir, 'audit.jsonl');
      const common = { file, key, count: 400, maxBytes: 20_000 };
      const own = createAuditLog({ sink: { file, maxBytes: 20_000 }, service: 'parent', keyring });
      const parentWrites = (async () => {
        for (let i = 0; i < 200; i++) {
          await own.record({ type: 'config.changed', actor: 'parent', details: { i } });
          if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await own.close();
      })();
      const [a, b] = await Promise.all([
        runChild({ ...common, name: 'child-a' }),
        runChild({ ...common, name: 'child-b' }),
        parentWrites,
      ]);
      expect(a).not.toBe(b);

      const result = await verifyAuditLog(file, { keyring });
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ ok: true, events: 1000, chains: 3 });
      expect(result.files.length).toBeGreaterThan(3);

      const byChain = new Map<string, { pids: Set<number>; items: Set<unknown> }>();
      for (const f of result.files) {
        for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
          const r = JSON.parse(line) as AuditRecord;
          const entry = byChain.get(r.chain) ?? { pids: new Set(), items: new Set() };
          entry.pids.add(r.pid);
          entry.items.add(r.details!.i);
          byChain.set(r.chain, entry);
        }
      }
      expect(new Set(byChain.keys())).toEqual(new Set([a, b, own.chainId]));
      expect(byChain.get(a)!.items.size).toBe(400);
      expect(byChain.get(b)!.items.size).toBe(400);
      expect(byChain.get(own.chainId)!.items.size).toBe(200);
      for (const { pids } of byChain.values()) expect(pids.size).toBe(1);
      expect(byChain.get(own.chainId)!.pids).toEqual(new Set([process.pid]));
    },
  );
});
