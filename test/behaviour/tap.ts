/** Reads the TAP that `node --test --test-reporter=tap` prints: each test's name, result and failure code. */

export interface TapTest {
  name: string;
  ok: boolean;
  /** Nesting depth: 0 for a top-level test or suite. */
  depth: number;
  suite: boolean;
  /** The error's `code` for a failure: `ERR_ASSERTION` when an assertion failed. */
  code?: string;
  failureType?: string;
}

const unquote = (value: string) => value.replace(/^'(.*)'$/, '$1');

export function parseTap(output: string): TapTest[] {
  const lines = output.split('\n');
  const tests: TapTest[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^( *)(not ok|ok) \d+ - (.*)$/.exec(lines[i]!);
    if (!match) continue;
    const fields = new Map<string, string>();
    if (lines[i + 1]?.trim() === '---') {
      for (let j = i + 2; j < lines.length && lines[j]!.trim() !== '...'; j++) {
        const field = /^\s*(\w+): (.*)$/.exec(lines[j]!);
        if (field && !fields.has(field[1]!)) fields.set(field[1]!, unquote(field[2]!));
      }
    }
    const failureType = fields.get('failureType');
    const code = fields.get('code');
    tests.push({
      name: match[3]!.replace(/\\#/g, '#'),
      ok: match[2] === 'ok',
      depth: match[1]!.length / 4,
      suite: fields.get('type') === 'suite' || failureType === 'subtestsFailed',
      ...(code === undefined ? {} : { code }),
      ...(failureType === undefined ? {} : { failureType }),
    });
  }
  return tests;
}

/** The tests themselves, without the suites that group them. */
export function leafTests(tests: TapTest[]): TapTest[] {
  return tests.filter((test) => !test.suite);
}
