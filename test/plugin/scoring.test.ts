import { parseLabels, type LabelledLine } from './corpus-labels.js';
import { scoreRule } from './scoring.js';

const entry = (line: number, text: string): [string, LabelledLine] => [
  `a.ts:${line}`,
  { file: 'a.ts', line, text, labels: parseLabels(text) },
];

describe('corpus labels', () => {
  it('parses several directives and typed-only labels', () => {
    expect(parseLabels('x(); // expect: rule-a, rule-b; ok(typed): rule-c')).toEqual([
      { kind: 'expect', typedOnly: false, rule: 'rule-a' },
      { kind: 'expect', typedOnly: false, rule: 'rule-b' },
      { kind: 'ok', typedOnly: true, rule: 'rule-c' },
    ]);
    expect(parseLabels('x(); // a plain comment')).toEqual([]);
    expect(() => parseLabels('x(); // expect: Rule A')).toThrow(/Malformed/);
  });

  it('scores reports: start line, covered range, ok and unlabelled lines, typed-only labels', () => {
    const labels = new Map([
      entry(1, 'a(); // expect: r'),
      entry(3, '.set(); // expect: r'),
      entry(4, 'b(); // ok: r'),
      entry(5, 'c(); // expect(typed): r'),
      entry(6, 'd(); // expect: r'),
    ]);
    const reports = [
      { file: 'a.ts', line: 1, endLine: 1, message: 'm' },
      { file: 'a.ts', line: 2, endLine: 3, message: 'm' },
      { file: 'a.ts', line: 4, endLine: 4, message: 'm' },
      { file: 'a.ts', line: 5, endLine: 5, message: 'm' },
      { file: 'a.ts', line: 9, endLine: 9, message: 'm' },
    ];
    const untyped = scoreRule('r', 'untyped', labels, reports);
    expect([untyped.tp, untyped.fp, untyped.fn, untyped.tn]).toEqual([2, 2, 1, 0]);
    expect(untyped.falsePositives.map((l) => l.split(' ')[0])).toEqual(['a.ts:4', 'a.ts:9']);
    expect(untyped.falseNegatives[0]).toMatch(/^a\.ts:6 /);
    const typed = scoreRule('r', 'typed', labels, reports.slice(0, 2));
    expect([typed.tp, typed.fp, typed.fn, typed.tn]).toEqual([2, 0, 2, 1]);
    expect(typed.precision).toBe(1);
    expect(typed.recall).toBe(0.5);
  });
});
