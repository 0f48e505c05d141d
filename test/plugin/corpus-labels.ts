/**
 * Reads the labels of the precision corpus (test/corpus/README.md describes the scheme):
 * `// expect: <rule>[, <rule>]`, `// expect(typed): <rule>`, `// ok: <rule>`, `// ok(typed): <rule>`,
 * several directives in one comment separated by `;`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type LabelKind = 'expect' | 'ok';

export interface Label {
  kind: LabelKind;
  /** Only meaningful with type information: ignored when linting without it. */
  typedOnly: boolean;
  rule: string;
}

export interface LabelledLine {
  file: string;
  line: number;
  text: string;
  labels: Label[];
}

const DIRECTIVE = /^\s*(expect|ok)(\(typed\))?:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/;

/** Parses the labels in the trailing `//` comment of one line; [] when it has none. */
export function parseLabels(lineText: string): Label[] {
  const at = lineText.search(/\/\/\s*(?:expect|ok)(?:\(typed\))?:/);
  if (at < 0) return [];
  const labels: Label[] = [];
  for (const part of lineText.slice(at + 2).split(';')) {
    const match = DIRECTIVE.exec(part);
    if (!match) throw new Error(`Malformed corpus label: ${lineText.trim()}`);
    for (const rule of match[3]!.split(',')) {
      labels.push({ kind: match[1] as LabelKind, typedOnly: match[2] !== undefined, rule: rule.trim() });
    }
  }
  return labels;
}

export function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every labelled line under `dir`, keyed by `<path relative to root>:<line>`. */
export function readCorpusLabels(dir: string, root: string): Map<string, LabelledLine> {
  const out = new Map<string, LabelledLine>();
  for (const path of listSourceFiles(dir)) {
    const file = relative(root, path);
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const labels = parseLabels(text);
        if (labels.length)
          out.set(`${file}:${index + 1}`, { file, line: index + 1, text: text.trim(), labels });
      });
  }
  return out;
}
