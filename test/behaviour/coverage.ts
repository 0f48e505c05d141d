/**
 * Whether a position of a source file ran, from the raw V8 coverage Node writes with NODE_V8_COVERAGE. For code a
 * loader transformed (TypeScript through tsx), Node keeps the source map in the same file (`source-map-cache`), and
 * the position is mapped to the generated code first.
 */

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

export interface RawCoverage {
  result: { url: string; functions: { ranges: Range[] }[] }[];
  'source-map-cache'?: Record<string, { lineLengths: number[]; data: { mappings: string } }>;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

interface Mapping {
  generatedLine: number;
  generatedColumn: number;
  line: number;
  column: number;
}

/** The mappings of a source map (0-based lines and columns), in generated order. */
export function decodeMappings(mappings: string): Mapping[] {
  const result: Mapping[] = [];
  let line = 0;
  let column = 0;
  let source = 0;
  mappings.split(';').forEach((group, generatedLine) => {
    let generatedColumn = 0;
    for (const segment of group.split(',')) {
      if (segment === '') continue;
      const [dColumn = 0, dSource, dLine, dOriginalColumn] = decodeVlq(segment);
      generatedColumn += dColumn;
      if (dSource === undefined || dLine === undefined || dOriginalColumn === undefined) continue;
      source += dSource;
      line += dLine;
      column += dOriginalColumn;
      result.push({ generatedLine, generatedColumn, line, column });
    }
  });
  return source >= 0 ? result : [];
}

/** Offsets in the generated code for a position of the source (1-based line, 0-based column). */
function generatedOffsets(
  entry: { lineLengths: number[]; data: { mappings: string } },
  line: number,
  column: number,
): number[] {
  const onLine = decodeMappings(entry.data.mappings).filter((m) => m.line === line - 1);
  const exact = onLine.filter((m) => m.column === column);
  const before = onLine.filter((m) => m.column < column);
  const nearest = before.filter((m) => m.column === Math.max(...before.map((b) => b.column)));
  const chosen = exact.length > 0 ? exact : nearest.length > 0 ? nearest : onLine;
  const lineStarts = [0];
  for (const length of entry.lineLengths) lineStarts.push(lineStarts[lineStarts.length - 1]! + length + 1);
  return chosen.map((m) => lineStarts[m.generatedLine]! + m.generatedColumn);
}

function offsetOf(source: string, line: number, column: number): number {
  const lines = source.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return offset + column;
}

/** The count of the innermost block around `offset`, or undefined when no function covers it. */
function countAt(functions: { ranges: Range[] }[], offset: number): number | undefined {
  let best: Range | undefined;
  for (const fn of functions) {
    for (const range of fn.ranges) {
      if (range.startOffset > offset || offset >= range.endOffset) continue;
      if (!best || range.endOffset - range.startOffset <= best.endOffset - best.startOffset) best = range;
    }
  }
  return best?.count;
}

/**
 * Whether the code at a position of `url` (1-based line, 0-based column in `source`, the file as loaded) ran in any
 * of the processes; undefined when no process loaded the file.
 */
export function executedAt(
  coverage: RawCoverage[],
  url: string,
  source: string,
  line: number,
  column: number,
): boolean | undefined {
  let loaded = false;
  for (const process of coverage) {
    const script = process.result.find((r) => r.url === url);
    if (!script) continue;
    loaded = true;
    const map = process['source-map-cache']?.[url];
    const offsets = map ? generatedOffsets(map, line, column) : [offsetOf(source, line, column)];
    if (offsets.some((offset) => (countAt(script.functions, offset) ?? 0) > 0)) return true;
  }
  return loaded ? false : undefined;
}
