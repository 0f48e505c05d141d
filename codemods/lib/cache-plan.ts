/**
 * encrypt-cache's decision for a whole project: every reader, or none. The clients that read or write the key
 * prefixes being encrypted are grouped (a client that touches two prefixes joins their groups); a group whose
 * constructions can all be wrapped is wrapped together, and a group with one client that cannot be (injected by a
 * package, passed as a parameter, a Lua script or counter on the encrypted keys, a file this run does not process)
 * is wrapped nowhere, with a TODO at each construction and write that names the others.
 */
import path from 'node:path';
import { CacheProject, writeCallAt, type CacheCall, type Construction } from './cache-construction.js';

/** A flagged cache write: the position the rule reported (1-based). */
export interface FlaggedWrite {
  file: string;
  line: number;
  column: number;
  /** What the file's own pass did with it (`rewritten`, `todo`). */
  action?: string;
}

/** What the project pass decided for one range of one file (original text). */
export interface PlannedEdit {
  start: number;
  end: number;
  /** The text the range must still hold (a later pass over changed text skips ranges that moved). */
  text: string;
}

export interface PlannedWrap extends PlannedEdit {
  /** The new text: `secureCache(<text>)` with options when needed. */
  replacement: string;
  note: string;
}

export interface PlannedTodo extends PlannedEdit {
  todo: string;
}

export interface PlannedWrite extends PlannedEdit {
  action: 'secured' | 'todo';
  /** For `secured`: where the client is wrapped; for `todo`: what to decide. */
  message: string;
}

/** Per absolute file path. Plain data, so it can cross to worker threads. */
export interface CachePlan {
  wraps: Record<string, PlannedWrap[]>;
  todos: Record<string, PlannedTodo[]>;
  writes: Record<string, PlannedWrite[]>;
}

/** The readers section of the migration report. */
export interface CacheRolloutReport {
  /** Key prefixes whose values the wrapped clients now encrypt (or, with --rollout, are ready to). */
  prefixes: string[];
  /** Prefixes left unencrypted because a client that uses them cannot be wrapped. */
  blockedPrefixes: string[];
  clients: {
    path: string;
    line: number;
    column: number;
    action: 'wrapped' | 'already wrapped' | 'todo';
    prefixes: string[];
    via: string;
  }[];
  /** Reads of the encrypted prefixes found in the project (they decrypt through the wrapped clients). */
  readers: {
    path: string;
    line: number;
    column: number;
    method: string;
    /** As Redis sees it (the client's ioredis keyPrefix included). */
    prefix: string;
    /** When the keys read were listed by `scan`/`scanStream`/`keys`: that call and where it is. */
    keysFrom?: string;
  }[];
  /** Why groups were left alone. */
  blocked: { prefixes: string[]; reasons: string[] }[];
  rollout: string[];
}

export interface PlanOptions {
  /** Files the run processes (only these are written). */
  files: readonly string[];
  flagged: readonly FlaggedWrite[];
  tsconfig?: string;
  /** Directory report paths are relative to. */
  root: string;
  /** Write the first phase of a rollout: `secureCache(client, { writes: 'plaintext' })`. */
  rollout?: boolean;
}

export interface PlanResult {
  plan: CachePlan;
  report: CacheRolloutReport;
  /** Files whose outcome the plan changes (to process again with it). */
  files: string[];
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

function push<T>(record: Record<string, T[]>, key: string, value: T): void {
  (record[key] ??= []).push(value);
}

/** Builds the project, follows every cache call to its constructions, and decides per group. */
export function planCache(options: PlanOptions): PlanResult {
  const project = new CacheProject(options.files, {
    root: options.root,
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
  });
  return decide(project, project.cacheCalls(), options);
}

export function decide(project: CacheProject, calls: readonly CacheCall[], options: PlanOptions): PlanResult {
  const root = options.root;
  const where = (file: string, line: number): string => `${rel(root, file)}:${line}`;
  const byStart = new Map(calls.map((c) => [`${c.file}:${c.start}`, c]));
  const flagged = new Set<CacheCall>();
  const leftInFile = new Set<CacheCall>();
  for (const site of options.flagged) {
    const call = writeCallAt(project, path.resolve(site.file), site.line, site.column);
    const found = call ? byStart.get(`${call.getSourceFile().getFilePath()}:${call.getStart()}`) : undefined;
    if (found) flagged.add(found);
    if (found && site.action === 'todo') leftInFile.add(found);
  }
  // Prefixes as Redis sees them: a client's ioredis keyPrefix comes before the key the call writes.
  const encrypted = new Set([...flagged].flatMap((c) => c.prefixes));
  const encryptedOf = (c: CacheCall): string[] => c.prefixes.filter((p) => encrypted.has(p));

  const uf = new UnionFind();
  const constructions = new Map<string, Construction>();
  const callNode = (c: CacheCall): string => `call:${c.file}:${c.start}`;
  for (const call of calls) {
    const node = callNode(call);
    uf.find(node);
    for (const prefix of encryptedOf(call)) uf.union(node, `prefix:${prefix}`);
    for (const c of call.resolution.constructions) {
      constructions.set(c.id, c);
      uf.union(node, `construction:${c.id}`);
    }
  }

  const groups = new Map<string, CacheCall[]>();
  for (const call of calls) {
    const group = uf.find(callNode(call));
    groups.set(group, [...(groups.get(group) ?? []), call]);
  }

  const plan: CachePlan = { wraps: {}, todos: {}, writes: {} };
  const report: CacheRolloutReport = {
    prefixes: [],
    blockedPrefixes: [],
    clients: [],
    readers: [],
    blocked: [],
    rollout: [],
  };
  const touched = new Set<string>();

  for (const members of groups.values()) {
    const writes = members.filter((c) => flagged.has(c));
    if (writes.length === 0) continue;
    const groupConstructions = new Map<string, Construction>();
    for (const call of members)
      for (const c of call.resolution.constructions) groupConstructions.set(c.id, c);
    const prefixes = [...new Set(members.flatMap(encryptedOf))].sort();
    const prefixesOf = (construction: Construction): string[] =>
      [
        ...new Set(
          members
            .filter((c) => c.resolution.constructions.some((k) => k.id === construction.id))
            .flatMap(encryptedOf),
        ),
      ].sort();
    const files = new Set(members.map((c) => c.file));
    const blockers: string[] = [];
    for (const call of members) {
      for (const why of call.resolution.unresolved) {
        blockers.push(`${call.method}() at ${where(call.file, call.line)}: ${why}`);
      }
      if (call.kind === 'raw' && encryptedOf(call).length) {
        blockers.push(
          `${call.method}() at ${where(call.file, call.line)} works on the stored bytes of ${encryptedOf(call).join(', ')} keys, which ciphertext would break`,
        );
      }
    }
    for (const c of groupConstructions.values()) {
      if (!c.secure && !project.processes(c.file))
        blockers.push(`${where(c.file, c.line)} is in a file this run does not process`);
    }
    // Counters and scripts on other keys of the same clients: encrypt only the sensitive prefixes.
    const rawElsewhere = members.some((c) => c.kind === 'raw' && encryptedOf(c).length === 0);
    const unknownWritePrefix = writes.some((w) => w.prefixes.length === 0);
    if (rawElsewhere && unknownWritePrefix) {
      blockers.push(
        'the same clients run counters or scripts on other keys, and a sensitive write has a key whose prefix is not static, so the keys to encrypt cannot be listed',
      );
    }
    const uniqueBlockers = [...new Set(blockers)];
    // A client that no construction is found for, used in one file only: the in-file handling stays
    // (encryptForCache with its reads decrypted there); where that left a TODO, it says where the client comes from.
    if (groupConstructions.size === 0 && files.size === 1) {
      for (const w of writes) {
        if (!leftInFile.has(w) || uniqueBlockers.length === 0) continue;
        push(plan.writes, w.file, {
          start: w.start,
          end: w.end,
          text: '',
          action: 'todo',
          message: `The client cannot be wrapped in secureCache(...) where it is made: ${uniqueBlockers.slice(0, 2).join('; ')}.`,
        });
        touched.add(w.file);
      }
      continue;
    }
    const list = [...groupConstructions.values()];
    const names = (except?: Construction): string =>
      list
        .filter((c) => c !== except)
        .map((c) => where(c.file, c.line))
        .join(', ');
    const shownPrefixes = prefixes.length ? prefixes.map((p) => `${p}*`).join(', ') : 'these keys';

    if (uniqueBlockers.length === 0) {
      const optionParts: string[] = [];
      if (rawElsewhere)
        optionParts.push(
          `encryptAll: false, sensitiveKeys: [${prefixes.map((p) => `'${p.replace(/'/g, "\\'")}'`).join(', ')}]`,
        );
      if (options.rollout) optionParts.push(`writes: 'plaintext'`);
      const optionText = optionParts.length ? `, { ${optionParts.join(', ')} }` : '';
      for (const c of list) {
        report.clients.push({
          path: rel(root, c.file),
          line: c.line,
          column: c.column,
          action: c.secure ? 'already wrapped' : 'wrapped',
          prefixes: prefixesOf(c),
          via: c.via,
        });
        if (c.secure) continue;
        push(plan.wraps, c.file, {
          start: c.start,
          end: c.end,
          text: c.text,
          replacement: c.rewrite
            ? c.rewrite.template.replace('%CLIENT%', `secureCache(${c.rewrite.client}${optionText})`)
            : `secureCache(${c.text}${optionText})`,
          note: `every client reading or writing ${shownPrefixes} is wrapped together${list.length > 1 ? ` (also ${names(c)})` : ''}`,
        });
        touched.add(c.file);
      }
      const wrappedAt = list.map((c) => where(c.file, c.line)).join(', ');
      for (const w of writes) {
        push(plan.writes, w.file, {
          start: w.start,
          end: w.end,
          text: '',
          action: 'secured',
          message: `the client is wrapped in secureCache(...) where it is created (${wrappedAt})`,
        });
        touched.add(w.file);
      }
      report.prefixes.push(...prefixes);
      for (const r of members) {
        if (r.kind !== 'read') continue;
        for (const prefix of encryptedOf(r))
          report.readers.push({
            path: rel(root, r.file),
            line: r.line,
            column: r.column,
            method: r.method,
            prefix,
            ...(r.keysFrom ? { keysFrom: r.keysFrom } : {}),
          });
      }
      continue;
    }

    // Every reader, or none.
    const shortBlockers = uniqueBlockers.slice(0, 3).join('; ') + (uniqueBlockers.length > 3 ? '; …' : '');
    report.blocked.push({ prefixes, reasons: uniqueBlockers });
    report.blockedPrefixes.push(...prefixes);
    for (const c of list) {
      report.clients.push({
        path: rel(root, c.file),
        line: c.line,
        column: c.column,
        action: c.secure ? 'already wrapped' : 'todo',
        prefixes: prefixesOf(c),
        via: c.via,
      });
      if (c.secure || !project.processes(c.file)) continue;
      const others = names(c);
      push(plan.todos, c.file, {
        start: c.start,
        end: c.end,
        text: c.text,
        todo: `Wrap this client in secureCache(...) together with every other client of ${shownPrefixes}${others ? ` (${others})` : ''}, or none: not wrapped because ${shortBlockers}.`,
      });
      touched.add(c.file);
    }
    const constructionsText = list.length ? ` (created at ${names()})` : '';
    for (const w of writes) {
      push(plan.writes, w.file, {
        start: w.start,
        end: w.end,
        text: '',
        action: 'todo',
        message: `Every reader of ${shownPrefixes} must decrypt before this write is encrypted: wrap all its clients in secureCache(...) together${constructionsText}. Not done because ${shortBlockers}.`,
      });
      touched.add(w.file);
    }
  }

  const byPlace = (a: { path: string; line: number }, b: { path: string; line: number }): number =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
  report.clients.sort(byPlace);
  report.readers.sort(byPlace);
  report.prefixes = [...new Set(report.prefixes)].sort();
  report.blockedPrefixes = [...new Set(report.blockedPrefixes)].sort();
  report.rollout = rolloutSteps(report.prefixes, options.rollout === true);
  return { plan, report, files: [...touched] };
}

function rolloutSteps(prefixes: readonly string[], rollout: boolean): string[] {
  if (prefixes.length === 0) return [];
  const keys = prefixes.map((p) => `${p}*`).join(', ');
  if (rollout) {
    return [
      `Deploy this change: the wrapped clients decrypt what they read and still write plaintext ({ writes: 'plaintext' }).`,
      `Deploy every other reader of ${keys} this run cannot see (other services, workers, other repositories) the same way: secureCache(client, { writes: 'plaintext' }).`,
      `When every reader runs that phase, remove writes: 'plaintext' from the secureCache(...) calls (search for it) and deploy: writers now encrypt.`,
      `Values written before stay plaintext until rewritten or expired; legacy: 'reencrypt' rewrites them on read.`,
    ];
  }
  return [
    `Before deploying this change, deploy every reader of ${keys} this run cannot see (other services, workers, other repositories) with secureCache(client, { writes: 'plaintext' }): they then read plaintext and ciphertext.`,
    `Deploy this change: the wrapped clients encrypt what they write and decrypt what they read (or run secure-migrate --rollout to write the first phase instead).`,
    `Values written before stay plaintext until rewritten or expired; legacy: 'reencrypt' rewrites them on read.`,
  ];
}
