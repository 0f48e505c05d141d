/** Pulls the ❌ / ✅ example code blocks out of a rule doc. */

export interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  /** 1-based line of the opening fence in the doc. */
  line: number;
  /** The block says it needs type information (a comment on its first line): checked with types only. */
  typedOnly: boolean;
}

/** Every fenced `ts` block under a `❌ Incorrect` or `✅ Correct` heading, in document order. */
export function extractExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const out: Example[] = [];
  let kind: Example['kind'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const heading = /^#{1,6}\s+(.*)$/.exec(text);
    if (heading) {
      kind = heading[1]!.includes('❌') ? 'incorrect' : heading[1]!.includes('✅') ? 'correct' : undefined;
      continue;
    }
    const fence = /^```(\w*)\s*$/.exec(text);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (kind && ['ts', 'typescript', 'js', 'javascript'].includes(fence[1]!)) {
      out.push({
        kind,
        code: `${body.join('\n')}\n`,
        line: start + 1,
        typedOnly: /^\/\/.*type information/i.test(body[0] ?? ''),
      });
    }
  }
  return out;
}
