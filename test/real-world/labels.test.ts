import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const scoreScript = join(here, 'score.mjs');

interface Repo {
  repo: string;
  commit: string;
  language: string;
  framework: string;
  why: string;
  coverage: string;
}
interface Label {
  repo: string;
  path: string;
  line: number;
  rule: string;
  label: string;
  area: string;
  why: string;
}

const RULES = [
  'no-unsafe-dynamic-assignment',
  'no-sensitive-logging',
  'no-plaintext-cache-write',
  'no-hardcoded-credentials',
  'no-plaintext-sensitive-column',
];

const repos = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')) as Repo[];
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8')) as Label[];

describe('real-world corpus files', () => {
  it('lists repositories with a 40-hex commit, a language and a reason', () => {
    expect(repos.length).toBeGreaterThanOrEqual(6);
    for (const r of repos) {
      expect(r.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(['ts', 'js']).toContain(r.language);
      for (const k of ['framework', 'why', 'coverage'] as const) expect(r[k].trim()).not.toBe('');
    }
    expect(new Set(repos.map((r) => r.repo)).size).toBe(repos.length);
    expect(repos.filter((r) => r.language === 'js').length).toBeGreaterThanOrEqual(2);
  });

  it('gives every label the fields, a known rule, kind and area, and a listed repository', () => {
    const listed = new Set(repos.map((r) => r.repo));
    for (const l of labels) {
      expect(Object.keys(l).sort()).toEqual(['area', 'label', 'line', 'path', 'repo', 'rule', 'why']);
      expect(listed.has(l.repo), l.repo).toBe(true);
      expect(RULES).toContain(l.rule);
      expect(['TP', 'near-miss', 'borderline']).toContain(l.label);
      expect(['src', 'test', 'script']).toContain(l.area);
      expect(Number.isInteger(l.line) && l.line > 0).toBe(true);
      expect(l.path).not.toMatch(/^(\/|\.\/|[A-Za-z]:)/);
      expect(l.why.trim().length).toBeGreaterThan(10);
    }
  });

  it('has no duplicate (repo, path, line, rule) and labels every rule with true positives', () => {
    const keys = labels.map((l) => `${l.repo}|${l.path}|${l.line}|${l.rule}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of RULES) {
      expect(labels.some((l) => l.rule === rule && l.label === 'TP')).toBe(true);
      expect(labels.some((l) => l.rule === rule && l.label === 'near-miss')).toBe(true);
    }
  });
});

describe('score.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'score-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const synthLabels: Label[] = [
    {
      repo: 'acme/api',
      path: 'src/a.js',
      line: 2,
      rule: RULES[1]!,
      label: 'TP',
      area: 'src',
      why: 'token logged here',
    },
    {
      repo: 'acme/api',
      path: 'src/a.js',
      line: 5,
      rule: RULES[1]!,
      label: 'TP',
      area: 'src',
      why: 'second leak, missed',
    },
    {
      repo: 'acme/api',
      path: 'src/a.js',
      line: 8,
      rule: RULES[1]!,
      label: 'near-miss',
      area: 'src',
      why: 'only an id',
    },
    {
      repo: 'acme/api',
      path: 'src/b.js',
      line: 3,
      rule: RULES[3]!,
      label: 'TP',
      area: 'src',
      why: 'multi-line report',
    },
    {
      repo: 'acme/api',
      path: 'src/b.js',
      line: 9,
      rule: RULES[3]!,
      label: 'borderline',
      area: 'src',
      why: 'maybe',
    },
    {
      repo: 'acme/api',
      path: 'test/t.js',
      line: 1,
      rule: RULES[3]!,
      label: 'TP',
      area: 'test',
      why: 'not linted',
    },
    {
      repo: 'other/app',
      path: 'x.js',
      line: 1,
      rule: RULES[0]!,
      label: 'TP',
      area: 'src',
      why: 'no report here',
    },
  ];
  const report = {
    repo: 'somewhere/acme+api',
    linted: 2,
    ms: 1,
    crashes: [{ file: 'src/c.js', message: 'boom', stack: '' }],
    results: [
      {
        file: 'src/a.js',
        messages: [
          { ruleId: 'secure-migrate/no-sensitive-logging', line: 2, endLine: 2, message: 'leak' },
          { ruleId: 'secure-migrate/no-sensitive-logging', line: 8, endLine: 8, message: 'false' },
          { ruleId: 'secure-migrate/no-sensitive-logging', line: 6, endLine: 6, message: 'unlabelled' },
          { ruleId: 'security/detect-object-injection', line: 2, endLine: 2, message: 'other plugin' },
          { ruleId: null, fatal: true, line: 1, message: 'parse error' },
        ],
      },
      {
        file: 'src/b.js',
        messages: [
          { ruleId: 'secure-migrate/no-hardcoded-credentials', line: 2, endLine: 4, message: 'range' },
          { ruleId: 'secure-migrate/no-hardcoded-credentials', line: 9, message: 'no endLine' },
        ],
      },
    ],
  };

  function setup() {
    const labelsPath = join(dir, 'labels.json');
    const reportPath = join(dir, 'acme+api.json');
    writeFileSync(labelsPath, JSON.stringify(synthLabels));
    writeFileSync(reportPath, JSON.stringify(report));
    mkdirSync(join(dir, 'acme+api', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'acme+api', 'src', 'a.js'),
      Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join('\n'),
    );
    writeFileSync(
      join(dir, 'acme+api', 'src', 'b.js'),
      Array.from({ length: 10 }, (_, i) => `row${i + 1}`).join('\n'),
    );
    return { labelsPath, reportPath };
  }
  const run = (args: string[]) =>
    execFileSync(process.execPath, [scoreScript, ...args], { encoding: 'utf8' });

  it('matches reports to labels by repo, file, rule and line range', () => {
    const { labelsPath, reportPath } = setup();
    const out = JSON.parse(run([dir, reportPath, '--labels', labelsPath, '--json']));
    expect(out.crashes).toBe(1);
    expect(out.repos).toEqual(['acme/api']);
    expect(out.rules['no-sensitive-logging']).toMatchObject({
      reports: 3,
      labelledTPs: 2,
      labelledTPsFound: 1,
      recall: 0.5,
      reportsOnTP: 1,
      reportsOnNearMiss: 1,
      reportsOnBorderline: 0,
      reportsUnlabelled: 1,
      missedTPs: ['acme/api src/a.js:5'],
    });
    // The label on line 3 lies inside the 2..4 report; the one on line 9 equals a report without endLine;
    // the test-file label is outside what was linted.
    expect(out.rules['no-hardcoded-credentials']).toMatchObject({
      reports: 2,
      labelledTPs: 1,
      labelledTPsFound: 1,
      reportsOnTP: 1,
      reportsOnBorderline: 1,
      reportsUnlabelled: 0,
      labelledTPsNotLinted: 1,
    });
    // A repository without a report does not count against recall.
    expect(out.rules['no-unsafe-dynamic-assignment']).toMatchObject({
      reports: 0,
      labelledTPs: 0,
      recall: null,
    });
  });

  it('restricts to one rule and rejects an unknown one', () => {
    const { labelsPath, reportPath } = setup();
    const out = JSON.parse(run([dir, reportPath, '--labels', labelsPath, '--json', '--rule', RULES[3]!]));
    expect(Object.keys(out.rules)).toEqual([RULES[3]]);
    expect(() =>
      execFileSync(
        process.execPath,
        [scoreScript, dir, reportPath, '--labels', labelsPath, '--rule', 'nope'],
        {
          stdio: 'pipe',
        },
      ),
    ).toThrow();
  });

  it('draws the same seeded sample each time, with code and label', () => {
    const { labelsPath, reportPath } = setup();
    const args = [dir, reportPath, '--labels', labelsPath, '--sample', '3', '--seed', '7'];
    const a = JSON.parse(run([...args, '--json']));
    const b = JSON.parse(run([...args, '--json']));
    expect(a).toEqual(b);
    expect(a).toHaveLength(3);
    const all = JSON.parse(
      run([dir, reportPath, '--labels', labelsPath, '--sample', '50', '--seed', '7', '--json']),
    );
    expect(all).toHaveLength(5);
    const onTwo = all.find((r: { file: string; line: number }) => r.file === 'src/a.js' && r.line === 2);
    expect(onTwo.label.label).toBe('TP');
    const unlabelled = all.find((r: { line: number; file: string }) => r.file === 'src/a.js' && r.line === 6);
    expect(unlabelled.label).toBeNull();
    const text = run([
      dir,
      reportPath,
      '--labels',
      labelsPath,
      '--sample',
      '50',
      '--seed',
      '7',
      '--rule',
      RULES[1]!,
    ]);
    expect(text).toContain('>    2: line2');
    expect(text).toContain('[unlabelled]');
    expect(text).toContain('[TP: token logged here]');
  });
});
