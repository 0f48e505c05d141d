/**
 * Redacting a typical 20-key log object and serialising it: our precompiled redactor (names AND values
 * checked) and `sanitizeForLogging` against fast-redact with the 5 sensitive paths (names only, default
 * serialize = JSON.stringify). Plain JSON.stringify and a per-call fresh-values variant for reference. The text
 * scan (`textNames`, on by default) is measured on and off, and a hand-written censored copy gives the floor of any
 * redactor that does not mutate its input.
 * Run: npx tsx test/bench/run.ts log
 */
import { randomUUID } from 'node:crypto';
import fastRedact from 'fast-redact';
import { createRedactor, sanitizeForLogging } from '../../runtime/src/log/index.js';
import { compare, measure, type CaseResult, type Comparison } from './harness.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const SECRETS = {
  password: 'correct-horse-battery-staple',
  token: JWT,
  apiKey: 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv',
  authorization: `Bearer ${JWT}`,
  cookie: 'sid=s%3Aabc123def456ghi789; Path=/; HttpOnly',
};
const PATHS = Object.keys(SECRETS);

/** 15 innocent keys + 5 sensitive ones: what a request log line carries. */
function logObject(requestId: string, durationMs: number): Record<string, unknown> {
  return {
    requestId,
    method: 'POST',
    url: '/api/v1/users/12345/profile?include=orders',
    status: 200,
    durationMs,
    userId: 'usr_8d7f6e5c',
    email: 'jane.doe@example.com',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    ip: '203.0.113.42',
    service: 'accounts-api',
    env: 'production',
    region: 'eu-west-1',
    route: '/api/v1/users/:id/profile',
    level: 'info',
    retry: false,
    ...SECRETS,
  };
}

const OBJECT = logObject('7f3c2a9e-4b1d-4c8e-9a2f-1e6d5b4c3a21', 42.7);

function verify(label: string, line: string): void {
  for (const [key, secret] of Object.entries(SECRETS)) {
    if (line.includes(secret)) throw new Error(`${label}: the ${key} secret is still in the output`);
  }
  const parsed = JSON.parse(line) as Record<string, unknown>;
  for (const key of ['requestId', 'url', 'userAgent', 'status', 'email']) {
    if (parsed[key] !== OBJECT[key]) throw new Error(`${label}: innocent field ${key} changed`);
  }
}

/**
 * The same cases timed in CPU time of this process (`process.cpuUsage()`), interleaved round by round: on a machine
 * shared with other busy processes, wall-clock rounds also count the time spent waiting for a core.
 */
function measureCpu(cases: Record<string, () => unknown>, rounds = 13, calls = 20_000): CaseResult[] {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const fn = cases[name]!;
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) fn();
      const used = process.cpuUsage(start);
      // the first rounds warm the code up
      if (round >= 3) samples[name]!.push((calls * 1e6) / (used.user + used.system));
    }
  }
  return names.map((name) => {
    const xs = [...samples[name]!].sort((a, b) => a - b);
    return {
      name: `${name} (CPU time)`,
      opsPerSec: xs[xs.length >> 1]!,
      min: xs[0]!,
      max: xs[xs.length - 1]!,
      rounds: xs.length,
    };
  });
}

export default {
  title:
    'log: redact + JSON.stringify a 20-key log object (5 sensitive: password, JWT token, apiKey, Bearer, cookie)',
  async run(): Promise<Comparison[]> {
    const redact = createRedactor();
    const fr = fastRedact({ paths: PATHS });
    verify('createRedactor', JSON.stringify(redact(OBJECT)));
    verify('sanitizeForLogging', JSON.stringify(sanitizeForLogging(OBJECT)));
    verify('fast-redact', fr(OBJECT));
    // Our redactor also catches what fast-redact cannot: a JWT under an innocent key.
    const extra = { ...OBJECT, note: `retrying with ${JWT}` };
    if (JSON.stringify(redact(extra)).includes(JWT)) throw new Error('createRedactor missed a value');
    if (!fr(extra).includes(JWT)) throw new Error('fast-redact unexpectedly redacted a value');

    const uncached = createRedactor({ valueCacheSize: 0 });
    const keepSymbols = createRedactor({ symbols: 'keep' });
    // The text scan (a value after a sensitive name inside text) is on by default; these turn it off to show its cost.
    const noText = createRedactor({ textNames: false });
    const uncachedNoText = createRedactor({ valueCacheSize: 0, textNames: false });
    if (!JSON.stringify(redact({ note: 'login password=hunter2' })).includes('password=[REDACTED]')) {
      throw new Error('createRedactor did not scan text for a named secret');
    }
    const R = '[REDACTED]';
    // A new object with a new random request id per call: the id is a string never seen before, so it pays the
    // full check. Both sides pay for building the object.
    let n = 0;
    const fresh = () => logObject(randomUUID(), n++ % 1000);

    const r = await measure(
      {
        'ours: createRedactor() + JSON.stringify': () => JSON.stringify(redact(OBJECT)),
        'ours: sanitizeForLogging + JSON.stringify': () => JSON.stringify(sanitizeForLogging(OBJECT)),
        'fast-redact (5 paths, serialize: JSON.stringify)': () => fr(OBJECT),
        'reference: JSON.stringify alone (nothing redacted)': () => JSON.stringify(OBJECT),
        'ours: createRedactor({ valueCacheSize: 0 }) + JSON.stringify': () =>
          JSON.stringify(uncached(OBJECT)),
        "ours: createRedactor({ symbols: 'keep' }) + JSON.stringify": () =>
          JSON.stringify(keepSymbols(OBJECT)),
        'ours: createRedactor(), fresh object per call': () => JSON.stringify(redact(fresh())),
        'fast-redact, fresh object per call': () => fr(fresh()),
        'ours: createRedactor({ textNames: false }) + JSON.stringify': () => JSON.stringify(noText(OBJECT)),
        'ours: createRedactor({ valueCacheSize: 0, textNames: false }) + JSON.stringify': () =>
          JSON.stringify(uncachedNoText(OBJECT)),
        'ours: createRedactor({ textNames: false }), fresh object per call': () =>
          JSON.stringify(noText(fresh())),
        // The floor of any redactor that leaves its input alone: a copy with the 5 values censored, written by hand.
        'floor: hand-written censored copy + JSON.stringify': () =>
          JSON.stringify({ ...OBJECT, password: R, token: R, apiKey: R, authorization: R, cookie: R }),
        'floor: hand-written censored copy, fresh object per call': () =>
          JSON.stringify({ ...fresh(), password: R, token: R, apiKey: R, authorization: R, cookie: R }),
      },
      { rounds: 7, roundMs: 300, batch: 100 },
    );
    const [cpuOurs, cpuTextOff, cpuAnchor, cpuFloor, cpuFreshOurs, cpuFreshTextOff, cpuFreshAnchor] =
      measureCpu({
        'ours: createRedactor() + JSON.stringify': () => JSON.stringify(redact(OBJECT)),
        'ours: createRedactor({ textNames: false }) + JSON.stringify': () => JSON.stringify(noText(OBJECT)),
        'fast-redact (5 paths, serialize: JSON.stringify)': () => fr(OBJECT),
        'floor: hand-written censored copy + JSON.stringify': () =>
          JSON.stringify({ ...OBJECT, password: R, token: R, apiKey: R, authorization: R, cookie: R }),
        'ours: createRedactor(), fresh object per call': () => JSON.stringify(redact(fresh())),
        'ours: createRedactor({ textNames: false }), fresh object per call': () =>
          JSON.stringify(noText(fresh())),
        'fast-redact, fresh object per call': () => fr(fresh()),
      });
    const [
      precompiled,
      sanitize,
      anchor,
      stringify,
      noCache,
      keep,
      freshOurs,
      freshAnchor,
      textOff,
      noCacheTextOff,
      freshTextOff,
      floor,
      freshFloor,
    ] = r;
    return [
      compare('createRedactor() precompiled vs fast-redact', precompiled!, anchor!, '≥ 1.0×'),
      compare('sanitizeForLogging() vs fast-redact', sanitize!, anchor!),
      compare('createRedactor() without the clean-string memory vs fast-redact', noCache!, anchor!),
      compare("createRedactor({ symbols: 'keep' }) vs fast-redact", keep!, anchor!),
      compare(
        'fresh object per call (unique request id): createRedactor() vs fast-redact',
        freshOurs!,
        freshAnchor!,
      ),
      compare('reference: createRedactor() vs JSON.stringify alone', precompiled!, stringify!),
      compare(
        'text scanning own cost: createRedactor() vs createRedactor({ textNames: false })',
        precompiled!,
        textOff!,
      ),
      compare(
        'text scanning own cost, every string scanned: valueCacheSize: 0 with vs without textNames',
        noCache!,
        noCacheTextOff!,
      ),
      compare(
        'text scanning own cost, fresh object per call: with vs without textNames',
        freshOurs!,
        freshTextOff!,
      ),
      compare('floor: hand-written censored copy vs fast-redact', floor!, anchor!),
      compare(
        'floor, fresh object per call: hand-written censored copy vs fast-redact',
        freshFloor!,
        freshAnchor!,
      ),
      compare('CPU time: createRedactor() vs fast-redact', cpuOurs!, cpuAnchor!, '≥ 1.0×'),
      compare(
        'CPU time: fresh object per call, createRedactor() vs fast-redact',
        cpuFreshOurs!,
        cpuFreshAnchor!,
      ),
      compare('CPU time: text scanning own cost, with vs without textNames', cpuOurs!, cpuTextOff!),
      compare('CPU time: text scanning own cost, fresh object per call', cpuFreshOurs!, cpuFreshTextOff!),
      compare('CPU time: floor (hand-written censored copy) vs fast-redact', cpuFloor!, cpuAnchor!),
    ];
  },
};
