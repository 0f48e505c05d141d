/** A replacement of the source text in `[range[0], range[1])` by `text`, as ESLint fixes are. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/** Sorts edits by position; insertions at the same offset keep their given order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort(
      (a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1] || a.index - b.index,
    )
    .map(({ edit }) => edit);
}

/** Whether two edits touch the same bytes (two insertions at one offset do not overlap). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const [a0, a1] = a.range;
  const [b0, b1] = b.range;
  if (a0 === a1 || b0 === b1) return a0 < b1 && b0 < a1;
  return a0 < b1 && b0 < a1;
}

/**
 * Applies non-overlapping edits in one pass. Bytes outside the edited ranges are copied unchanged.
 * Throws when two edits overlap, like ESLint refuses to merge conflicting fixes.
 */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < cursor || end < start || end > source.length) {
      throw new RangeError(`Overlapping or invalid edit at [${start}, ${end}]`);
    }
    out += source.slice(cursor, start) + edit.text;
    cursor = end;
  }
  return out + source.slice(cursor);
}
