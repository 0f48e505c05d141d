import { structuredPatch } from 'diff';

/**
 * A unified diff of one file in git's format (`diff --git a/<path> b/<path>`), which `git apply` accepts.
 * `relPath` is relative to the directory the patch will be applied from, with forward slashes.
 */
export function unifiedDiff(relPath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${relPath}`, `b/${relPath}`, before, after, '', '', { context });
  let out = `diff --git a/${relPath} b/${relPath}\n--- a/${relPath}\n+++ b/${relPath}\n`;
  for (const hunk of patch.hunks) {
    const oldRange = hunk.oldLines === 1 ? `${hunk.oldStart}` : `${hunk.oldStart},${hunk.oldLines}`;
    const newRange = hunk.newLines === 1 ? `${hunk.newStart}` : `${hunk.newStart},${hunk.newLines}`;
    out += `@@ -${oldRange} +${newRange} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return out;
}
