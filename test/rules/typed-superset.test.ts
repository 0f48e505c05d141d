/**
 * Typed mode finds everything untyped mode finds. Every RuleTester case of every rule (the untyped and the typed
 * ones) is linted twice with the same file name and options, without and with a TypeScript program, and every
 * report of the untyped run (rule, messageId, line, column) must be in the typed run. A type removes a finding only
 * where it proves the receiver or the value is no sink and no secret: those cases are listed in REMOVED with the type
 * that proves it, and each listed removal must still happen, so the list cannot go stale.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import noHardcodedCredentials from '../../rules/no-hardcoded-credentials.js';
import noPlaintextCacheWrite from '../../rules/no-plaintext-cache-write.js';
import noPlaintextSensitiveColumn from '../../rules/no-plaintext-sensitive-column.js';
import noSensitiveLogging from '../../rules/no-sensitive-logging.js';
import noUnsafeDynamicAssignment from '../../rules/no-unsafe-dynamic-assignment.js';
import type { CaseGroup } from '../helpers/case-groups.js';
import { lint, prepareTypedPrograms, reportKey, type LintResult } from '../helpers/lint-both-modes.js';
import { CASE_TIMEOUT_MS, fixturesDir } from '../helpers/rule-tester.js';
import { cases as credentials } from './no-hardcoded-credentials.cases.js';
import { cacheCases } from './no-plaintext-cache-write.cases.js';
import { structuralCacheCases, typedCacheCases } from './no-plaintext-cache-write.typed-cases.js';
import { cases as columns } from './no-plaintext-sensitive-column.cases.js';
import { cases as logging } from './no-sensitive-logging.cases.js';
import { cases as assignment } from './no-unsafe-dynamic-assignment.cases.js';

type AnyGroup = CaseGroup<string, readonly unknown[]>;
type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;
type Mode = 'untyped' | 'typed';

interface RuleUnderTest {
  id: string;
  rule: AnyRule;
  groups: { mode: Mode; group: AnyGroup }[];
}

const group = (mode: Mode) => (g: object) => ({ mode, group: g as AnyGroup });

const RULES: RuleUnderTest[] = [
  {
    id: 'no-sensitive-logging',
    rule: noSensitiveLogging as unknown as AnyRule,
    groups: [...logging.untyped.map(group('untyped')), ...logging.typed.map(group('typed'))],
  },
  {
    id: 'no-hardcoded-credentials',
    rule: noHardcodedCredentials as unknown as AnyRule,
    groups: [...credentials.untyped.map(group('untyped')), ...credentials.typed.map(group('typed'))],
  },
  {
    id: 'no-unsafe-dynamic-assignment',
    rule: noUnsafeDynamicAssignment as unknown as AnyRule,
    groups: [...assignment.untyped.map(group('untyped')), ...assignment.typed.map(group('typed'))],
  },
  {
    id: 'no-plaintext-cache-write',
    rule: noPlaintextCacheWrite as unknown as AnyRule,
    groups: [
      ...cacheCases.untyped.map(group('untyped')),
      ...cacheCases.typed.map(group('typed')),
      group('typed')(typedCacheCases),
      group('untyped')(structuralCacheCases),
    ],
  },
  {
    id: 'no-plaintext-sensitive-column',
    rule: noPlaintextSensitiveColumn as unknown as AnyRule,
    groups: [...columns.untyped.map(group('untyped')), ...columns.typed.map(group('typed'))],
  },
];

/**
 * Findings that type information removes, each with the type in the case's code that proves the receiver is not a
 * sink (a logger, a cache) or the value not a secret or not a key from input.
 */
interface Removal {
  rule: string;
  /** A line of the case's code that picks the case out. */
  code: string;
  /** The untyped reports (`messageId line:column`) the typed run drops. */
  reports: string[];
  /** The declared type that proves it, as written in the code. */
  proof: string;
}

const REMOVED: Removal[] = [
  // The value: a number or a boolean cannot hold a secret.
  {
    rule: 'no-sensitive-logging',
    code: 'declare const password: boolean; declare const token: number;',
    reports: ['sensitiveLog 1:75', 'sensitiveLog 1:85'],
    proof: 'password: boolean; declare const token: number',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'declare const token: number;',
    reports: ['plaintextCacheWrite 5:22'],
    proof: 'token: number',
  },
  // The receiver: named like a logger or a cache, typed as a collection or a web platform object.
  {
    rule: 'no-sensitive-logging',
    code: 'log.log(token);',
    reports: ['sensitiveLog 3:9'],
    proof: 'URLSearchParams',
  },
  {
    rule: 'no-sensitive-logging',
    code: 'logger.error(token);',
    reports: ['sensitiveLog 3:14'],
    proof: 'Map<',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'declare const cache: Map<string, string>;',
    reports: ['plaintextCacheWrite 3:20'],
    proof: 'Map<',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'cacheStore.set(key, token);',
    reports: ['plaintextCacheWrite 4:21'],
    proof: 'WeakMap<',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'kv.set("token", token);',
    reports: ['plaintextCacheWrite 3:17'],
    proof: 'URLSearchParams',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'cache.set("authorization", token);',
    reports: ['plaintextCacheWrite 3:28'],
    proof: 'Headers',
  },
  {
    rule: 'no-plaintext-cache-write',
    code: 'cache.set("password", password);',
    reports: ['plaintextCacheWrite 3:23'],
    proof: 'FormData',
  },
  // The key: a number or a literal union from input cannot be `__proto__`.
  {
    rule: 'no-unsafe-dynamic-assignment',
    code: 'list[req.body.i] = req.body;',
    reports: ['unsafeComputedWrite 3:27'],
    proof: 'body: { i: number }',
  },
  {
    rule: 'no-unsafe-dynamic-assignment',
    code: 'o[req.body.side] = req.body;',
    reports: ['unsafeComputedWrite 4:27'],
    proof: "type Side = 'left' | 'right'",
  },
  {
    rule: 'no-unsafe-dynamic-assignment',
    code: 'o[req.body.side] = {}; o[req.body.i] = {};',
    reports: ['unsafeComputedWrite 3:105', 'unsafeComputedWrite 3:128'],
    proof: '{ side: Side; i: number }',
  },
];

/**
 * Findings the typed run loses although no type proves them harmless: bugs, each asserted to still happen so that
 * the fix shows here. None is known; a structural type of the project's own (`cacheManager: CacheLike`) no longer
 * overrules a cache client's name.
 */
const KNOWN_GAPS: Omit<Removal, 'proof'>[] = [];

/** The typed RuleTester lints in the fixture project; the untyped one at `file.ts` in the working directory. */
const DEFAULT_FILENAME: Record<Mode, string> = { untyped: 'file.ts', typed: `${fixturesDir}file.ts` };

interface Case {
  mode: Mode;
  group: string;
  code: string;
  filename: string;
  options: readonly unknown[] | undefined;
  /** `messageId line:column` of each expected report in `mode` (none for a valid case). */
  expected: string[];
}

type AnyValid = string | ValidTestCase<readonly unknown[]>;
type AnyInvalid = InvalidTestCase<string, readonly unknown[]>;

function toCase(mode: Mode, groupName: string, raw: AnyValid | AnyInvalid): Case {
  const item = typeof raw === 'string' ? { code: raw } : raw;
  const errors: AnyInvalid['errors'] = 'errors' in item ? (item as AnyInvalid).errors : [];
  return {
    mode,
    group: groupName,
    code: item.code,
    filename: item.filename ?? DEFAULT_FILENAME[mode],
    options: item.options,
    expected: errors.map((e) => `${e.messageId} ${e.line ?? '?'}:${e.column ?? '?'}`),
  };
}

/** Every case once: the assignment rule runs its shared cases in both groups, at the same file name. */
function casesOf(rule: RuleUnderTest): Case[] {
  const seen = new Set<string>();
  const out: Case[] = [];
  for (const { mode, group: g } of rule.groups) {
    for (const c of [
      ...g.valid.map((v) => toCase(mode, g.name, v)),
      ...g.invalid.map((i) => toCase(mode, g.name, i)),
    ]) {
      const key = JSON.stringify([c.code, c.filename, c.options]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

const keysOf = (result: LintResult, ruleId: string): string[] =>
  result.reports.filter((r) => r.ruleId === ruleId).map((r) => reportKey(r).slice(ruleId.length + 1));

function title(c: Case): string {
  const first =
    c.code.split('\n').find((line) => line.trim() !== '' && !line.startsWith('import ')) ?? c.code;
  return `${c.mode} case: ${first.length > 90 ? `${first.slice(0, 87)}...` : first}`;
}

const usedRemovals = new Set<object>();

// One program for all the cases that can share one (those with a relative file name).
beforeAll(() => {
  prepareTypedPrograms(RULES.flatMap(casesOf).map((c) => ({ code: c.code, filename: c.filename })));
});

for (const ruleUnderTest of RULES) {
  describe(`typed ⊇ untyped: ${ruleUnderTest.id}`, () => {
    const cases = casesOf(ruleUnderTest);
    it.each(cases.map((c) => [title(c), c] as const))(
      '%s',
      (_title, c) => {
        const lintCase = { code: c.code, filename: c.filename, ...(c.options ? { options: c.options } : {}) };
        const untyped = lint(ruleUnderTest.id, ruleUnderTest.rule, lintCase, false);
        const typed = lint(ruleUnderTest.id, ruleUnderTest.rule, lintCase, true);
        expect(untyped.fatal).toBeUndefined();
        expect(typed.fatal).toBeUndefined();
        const untypedKeys = keysOf(untyped, ruleUnderTest.id);
        const typedKeys = keysOf(typed, ruleUnderTest.id);
        // The case's own mode reports what its RuleTester case says: the comparison runs on real reports.
        expect((c.mode === 'untyped' ? untypedKeys : typedKeys).sort()).toEqual([...c.expected].sort());

        const picks = (r: { rule: string; code: string }) =>
          r.rule === ruleUnderTest.id && c.code.includes(r.code);
        const removal = REMOVED.find(picks);
        const gap = KNOWN_GAPS.find(picks);
        const dropped = untypedKeys.filter((k) => !typedKeys.includes(k)).sort();
        if (removal) {
          usedRemovals.add(removal);
          expect(c.code).toContain(removal.proof);
          expect(dropped).toEqual([...removal.reports].sort());
        } else if (gap) {
          usedRemovals.add(gap);
          expect(
            dropped,
            'a known gap is fixed: move the case to the typed cases and out of KNOWN_GAPS',
          ).toEqual([...gap.reports].sort());
        } else {
          expect(dropped).toEqual([]);
        }
      },
      CASE_TIMEOUT_MS,
    );
  });
}

describe('typed ⊇ untyped: the list of removals', () => {
  it('names only removals that happen', () => {
    expect([...REMOVED, ...KNOWN_GAPS].filter((r) => !usedRemovals.has(r))).toEqual([]);
  });
});
