/**
 * Property paths in lodash's notation: `a.b.c`, `items[0].name`, `headers["x-api-key"]`, `a['b.c']`.
 */

/** One segment of a parsed path. Numbers come from `[0]`-style brackets. */
export type PathSegment = string | number;

/**
 * Splits a dotted/bracket path into segments. Returns `undefined` for a malformed path (empty, empty segment,
 * unclosed bracket or quote, text right after a `]`) instead of guessing, so a hostile path is refused rather
 * than read some other way.
 */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const n = path.length;
  let i = 0;
  if (n === 0) return undefined;
  while (i < n) {
    const ch = path[i];
    if (ch === '[') {
      const parsed = parseBracket(path, i + 1);
      if (!parsed) return undefined;
      segments.push(parsed.segment);
      i = parsed.next;
    } else {
      let j = i;
      while (j < n && path[j] !== '.' && path[j] !== '[') {
        if (path[j] === ']') return undefined;
        j++;
      }
      if (j === i) return undefined;
      segments.push(path.slice(i, j));
      i = j;
    }
    if (i === n) break;
    if (path[i] === '.') {
      i++;
      if (i === n) return undefined;
    } else if (path[i] !== '[') {
      return undefined;
    }
  }
  return segments;
}

function parseBracket(path: string, start: number): { segment: PathSegment; next: number } | undefined {
  const quote = path[start];
  if (quote === '"' || quote === "'") {
    let text = '';
    let i = start + 1;
    while (i < path.length && path[i] !== quote) {
      if (path[i] === '\\' && i + 1 < path.length) i++;
      text += path[i];
      i++;
    }
    if (path[i] !== quote || path[i + 1] !== ']') return undefined;
    return { segment: text, next: i + 2 };
  }
  const close = path.indexOf(']', start);
  if (close === -1 || close === start) return undefined;
  const inner = path.slice(start, close);
  return { segment: /^(?:0|[1-9]\d*)$/.test(inner) ? Number(inner) : inner, next: close + 1 };
}

/** Whether a segment names an array index: a non-negative integer or its decimal text. */
export function isIndexSegment(segment: PathSegment): boolean {
  if (typeof segment === 'number') return Number.isSafeInteger(segment) && segment >= 0;
  return /^(?:0|[1-9]\d*)$/.test(segment) && Number.isSafeInteger(Number(segment));
}

/** Renders segments as a dotted path for reports: `items.0.name`. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map(String).join('.');
}
