/**
 * verifyAuditLog: checks the chains of an audit log across its rotated files, and its checkpoints, and reports
 * every edited, missing, reordered, duplicated or malformed line, and a tail removed after a checkpoint.
 */
import { promises as fs } from 'node:fs';
import { InvalidArgumentError } from '../errors.js';
import { getDefaultKeyring } from '../keys/env.js';
import type { Keyring } from '../keys/index.js';
import { AUDIT_CHECKPOINT_PURPOSE, AUDIT_PURPOSE, macOf, sameMac } from './mac.js';
import { rotatedFiles } from './sinks.js';
import type { AuditCheckpoint, AuditRecord } from './types.js';

/** Options of {@link verifyAuditLog}. */
export interface VerifyAuditLogOptions {
  /** The key ring that holds every key id the lines name. Default: the process key ring (`loadKeyring()`). */
  keyring?: Keyring;
  /**
   * Checkpoint files. Default: `<file>.checkpoints` beside each log file (its name without the rotation number),
   * where one exists. `false`: none. A file named here that does not exist is a problem.
   */
  checkpoints?: string | readonly string[] | false;
  /**
   * Lines that hold no audit record (a pino or winston log has other lines too): `'error'` reports them
   * (the default: a file the log wrote has none), `'skip'` passes over them.
   */
  otherLines?: 'error' | 'skip';
}

/** What is wrong at a line. */
export type AuditProblemKind =
  /** Not JSON, or not the shape of a record (a line cut short by a crash or an edit). */
  | 'malformed'
  /** Signed with a key id the key ring does not hold. */
  | 'unknown-key'
  /** The MAC does not match the content: the line was edited. */
  | 'bad-mac'
  /** The line does not follow on from the previous event of its chain (`prev` differs). */
  | 'broken'
  /** Events of a chain are missing before this line (lines or whole files removed). */
  | 'missing'
  /** An event of a chain comes after a later event of the same chain. */
  | 'reordered'
  /** The same event twice. */
  | 'duplicate'
  /** A checkpoint names an event the log does not have: its tail was removed. */
  | 'truncated'
  /** A checkpoint line whose signature does not verify. */
  | 'bad-checkpoint'
  /** A file given does not exist. */
  | 'missing-file';

/** One problem found. `line` counts from 1 (0 for a file-level problem). */
export interface AuditProblem {
  kind: AuditProblemKind;
  file: string;
  line: number;
  chain: string | null;
  seq: number | null;
  message: string;
}

/** The result of {@link verifyAuditLog}. */
export interface AuditVerification {
  /** True when no problem was found. */
  ok: boolean;
  /** The log files read, in order (rotated files oldest first, then the current one). */
  files: string[];
  /** The checkpoint files read. */
  checkpointFiles: string[];
  /** Events whose MAC verified. */
  events: number;
  /** Chains seen (one per writing log instance: per process and file). */
  chains: number;
  /** Checkpoints whose signature verified. */
  checkpoints: number;
  /** Every problem, in the order of the files and lines (log files first, then checkpoint files). */
  problems: AuditProblem[];
  /** The first problem, or `null`. */
  first: AuditProblem | null;
}

interface ChainState {
  /** The seq the next event must have. */
  next: number;
  /** The MAC the next event's `prev` must hold. */
  prev: string | null;
  /** Every seq this chain has anywhere in the files (for telling missing from reordered). */
  all: Set<number>;
  /** MAC per seq of the events read so far. */
  macs: Map<number, string>;
  /** The highest seq seen. */
  max: number;
  checkpointNext: number;
}

interface Located<T> {
  file: string;
  line: number;
  value: T;
}

const MAX_PROBLEMS = 1000;

function isRecord(value: unknown): value is AuditRecord {
  const r = value as Partial<AuditRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.chain === 'string' &&
    typeof r.mac === 'string' &&
    typeof r.kid === 'string' &&
    Number.isSafeInteger(r.seq) &&
    (r.seq as number) >= 0 &&
    (r.prev === null || typeof r.prev === 'string')
  );
}

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const c = value as Partial<AuditCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.kind === 'checkpoint' &&
    typeof c.chain === 'string' &&
    typeof c.sig === 'string' &&
    typeof c.kid === 'string' &&
    Number.isSafeInteger(c.n) &&
    Number.isSafeInteger(c.seq) &&
    (c.mac === null || typeof c.mac === 'string')
  );
}

/** The audit record a parsed line holds: the line itself, or (pino, winston) its `audit` property. */
function recordOf(parsed: unknown): unknown {
  if (isRecord(parsed) || isCheckpoint(parsed)) return parsed;
  const inner = (parsed as { audit?: unknown } | null)?.audit;
  return isRecord(inner) || isCheckpoint(inner) ? inner : undefined;
}

async function readLines(file: string): Promise<string[] | null> {
  try {
    const text = await fs.readFile(file, 'utf8');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Verifies an audit log: `files` is the log file a file sink writes (its rotated files `<file>.1`, `<file>.2`, …
 * are read first, oldest first), or a list of files in order, oldest first. Each line's MAC is checked, each
 * chain must run from seq 0 without gaps, repeats or swaps, and each checkpoint must name an event the log has
 * (with the same MAC), so a tail removed after a checkpoint is found. Lines of chains of other processes may be
 * interleaved anywhere.
 *
 * @example
 * const result = await verifyAuditLog('/var/log/app/audit.jsonl', { keyring });
 * if (!result.ok) console.error(result.first);
 */
export async function verifyAuditLog(
  files: string | readonly string[],
  options: VerifyAuditLogOptions = {},
): Promise<AuditVerification> {
  const keyring = options.keyring ?? getDefaultKeyring();
  const skipOthers = options.otherLines === 'skip';
  let list: string[];
  if (typeof files === 'string') {
    list = [...(await rotatedFiles(files)), files];
  } else if (Array.isArray(files) && files.every((f) => typeof f === 'string')) {
    list = [...files];
  } else {
    throw new InvalidArgumentError('verifyAuditLog: files must be a path or a list of paths.');
  }
  let checkpointFiles: string[];
  const explicit = options.checkpoints !== undefined;
  if (options.checkpoints === false) checkpointFiles = [];
  else if (typeof options.checkpoints === 'string') checkpointFiles = [options.checkpoints];
  else if (Array.isArray(options.checkpoints)) checkpointFiles = [...(options.checkpoints as string[])];
  else {
    checkpointFiles = [];
    for (const base of new Set(list.map((f) => f.replace(/\.[1-9]\d*$/, '')))) {
      if (await exists(`${base}.checkpoints`)) checkpointFiles.push(`${base}.checkpoints`);
    }
  }

  const problems: AuditProblem[] = [];
  const report = (
    kind: AuditProblemKind,
    at: { file: string; line: number },
    chain: string | null,
    seq: number | null,
    message: string,
  ): void => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ kind, file: at.file, line: at.line, chain, seq, message });
  };

  const records: Located<AuditRecord>[] = [];
  const checkpoints: Located<AuditCheckpoint>[] = [];
  const readFiles: string[] = [];
  const parse = async (file: string, checkpointFile: boolean, required: boolean): Promise<void> => {
    const lines = await readLines(file);
    if (lines === null) {
      if (required) report('missing-file', { file, line: 0 }, null, null, `${file} does not exist.`);
      return;
    }
    readFiles.push(file);
    lines.forEach((text, i) => {
      const at = { file, line: i + 1 };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        report('malformed', at, null, null, `Line ${at.line} of ${file} is not JSON (cut short or edited).`);
        return;
      }
      const value = recordOf(parsed);
      if (value === undefined) {
        if (!skipOthers || checkpointFile) {
          report('malformed', at, null, null, `Line ${at.line} of ${file} holds no audit record.`);
        }
      } else if (isCheckpoint(value)) {
        checkpoints.push({ ...at, value });
      } else if (checkpointFile) {
        report('malformed', at, null, null, `Line ${at.line} of ${file} is an event, not a checkpoint.`);
      } else {
        records.push({ ...at, value: value as AuditRecord });
      }
    });
  };
  for (const file of list) await parse(file, false, true);
  for (const file of checkpointFiles) await parse(file, true, explicit);

  const chains = new Map<string, ChainState>();
  const chainOf = (id: string): ChainState => {
    let state = chains.get(id);
    if (!state) {
      state = { next: 0, prev: null, all: new Set(), macs: new Map(), max: -1, checkpointNext: 0 };
      chains.set(id, state);
    }
    return state;
  };
  for (const { value } of records) chainOf(value.chain).all.add(value.seq);

  let events = 0;
  for (const located of records) {
    const r = located.value;
    const state = chainOf(r.chain);
    let signed = false;
    if (!keyring.hasKey(r.kid)) {
      report(
        'unknown-key',
        located,
        r.chain,
        r.seq,
        `Event ${r.seq} of chain ${r.chain} is signed with a key id the key ring does not hold.`,
      );
    } else if (
      !sameMac(r.mac, macOf(r as unknown as Record<string, unknown>, 'mac', keyring, r.kid, AUDIT_PURPOSE))
    ) {
      report(
        'bad-mac',
        located,
        r.chain,
        r.seq,
        `Event ${r.seq} of chain ${r.chain} was altered: its MAC does not match its content.`,
      );
    } else {
      signed = true;
      events++;
    }
    if (state.macs.has(r.seq)) {
      report(
        'duplicate',
        located,
        r.chain,
        r.seq,
        `Event ${r.seq} of chain ${r.chain} appears a second time.`,
      );
      continue;
    }
    state.macs.set(r.seq, r.mac);
    state.max = Math.max(state.max, r.seq);
    if (r.seq === state.next) {
      if (signed && r.prev !== state.prev) {
        report(
          'broken',
          located,
          r.chain,
          r.seq,
          `Event ${r.seq} of chain ${r.chain} does not follow on from event ${r.seq - 1}: its link to the previous event differs.`,
        );
      }
      state.next = r.seq + 1;
      state.prev = r.mac;
    } else if (r.seq > state.next) {
      const from = state.next;
      if (state.all.has(from)) {
        report(
          'reordered',
          located,
          r.chain,
          r.seq,
          `Event ${r.seq} of chain ${r.chain} comes before event ${from} of the same chain.`,
        );
      } else {
        const which = from === r.seq - 1 ? `event ${from}` : `events ${from}–${r.seq - 1}`;
        report(
          'missing',
          located,
          r.chain,
          r.seq,
          `Before event ${r.seq} of chain ${r.chain}, ${which} ${from === r.seq - 1 ? 'is' : 'are'} missing.`,
        );
      }
      state.next = r.seq + 1;
      state.prev = r.mac;
    } else {
      report(
        'reordered',
        located,
        r.chain,
        r.seq,
        `Event ${r.seq} of chain ${r.chain} comes after event ${state.next - 1} of the same chain.`,
      );
    }
  }

  let verifiedCheckpoints = 0;
  for (const located of checkpoints) {
    const c = located.value;
    if (!keyring.hasKey(c.kid)) {
      report(
        'unknown-key',
        located,
        c.chain,
        c.seq,
        `Checkpoint ${c.n} of chain ${c.chain} is signed with a key the key ring does not hold.`,
      );
      continue;
    }
    if (
      !sameMac(
        c.sig,
        macOf(c as unknown as Record<string, unknown>, 'sig', keyring, c.kid, AUDIT_CHECKPOINT_PURPOSE),
      )
    ) {
      report(
        'bad-checkpoint',
        located,
        c.chain,
        c.seq,
        `Checkpoint ${c.n} of chain ${c.chain} was altered: its signature does not verify.`,
      );
      continue;
    }
    verifiedCheckpoints++;
    const state = chainOf(c.chain);
    if (c.n > state.checkpointNext) {
      report(
        'missing',
        located,
        c.chain,
        c.seq,
        `Checkpoints ${state.checkpointNext}–${c.n - 1} of chain ${c.chain} are missing before checkpoint ${c.n}.`,
      );
    } else if (c.n < state.checkpointNext) {
      report(
        'reordered',
        located,
        c.chain,
        c.seq,
        `Checkpoint ${c.n} of chain ${c.chain} comes after checkpoint ${state.checkpointNext - 1}.`,
      );
    }
    state.checkpointNext = Math.max(state.checkpointNext, c.n + 1);
    if (c.seq < 0) continue;
    if (c.seq > state.max) {
      const end = state.max < 0 ? 'has no event of it' : `ends at event ${state.max}`;
      report(
        'truncated',
        located,
        c.chain,
        c.seq,
        `Checkpoint ${c.n} says chain ${c.chain} reached event ${c.seq}, but the log ${end}: its tail was removed.`,
      );
      continue;
    }
    const mac = state.macs.get(c.seq);
    if (mac !== undefined && mac !== c.mac) {
      report(
        'broken',
        located,
        c.chain,
        c.seq,
        `Checkpoint ${c.n} of chain ${c.chain} names another event ${c.seq} than the log holds.`,
      );
    }
  }

  return {
    ok: problems.length === 0,
    files: readFiles.filter((f) => !checkpointFiles.includes(f)),
    checkpointFiles: checkpointFiles.filter((f) => readFiles.includes(f)),
    events,
    chains: [...chains.values()].filter((s) => s.macs.size > 0).length,
    checkpoints: verifiedCheckpoints,
    problems,
    first: problems[0] ?? null,
  };
}
