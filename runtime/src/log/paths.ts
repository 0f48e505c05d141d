/**
 * Compiles the `paths` option into a small deterministic trie: one state per position, `*` merged into the
 * explicit branches at compile time, so matching a key is one `Map` lookup.
 */
import { InvalidArgumentError } from '../errors.js';
import { parsePath } from '../assign/path.js';

/** A node of the compiled path trie. */
export interface PathNode {
  /** A path ends here: redact the value at this position. */
  terminal: boolean;
  children: Map<string, PathNode>;
  wildcard: PathNode | null;
}

const node = (): PathNode => ({ terminal: false, children: new Map(), wildcard: null });

/** Compiles redaction paths; `null` when there are none. @throws InvalidArgumentError for a malformed path. */
export function compilePaths(paths: readonly string[] | undefined): PathNode | null {
  if (!paths || paths.length === 0) return null;
  const root = node();
  for (const path of paths) {
    const segments = typeof path === 'string' ? parsePath(path) : undefined;
    if (!segments) throw new InvalidArgumentError(`Invalid redaction path ${JSON.stringify(path)}.`);
    let current = root;
    for (const segment of segments) {
      const key = String(segment);
      if (key === '*') {
        current.wildcard ??= node();
        current = current.wildcard;
      } else {
        let next = current.children.get(key);
        if (!next) current.children.set(key, (next = node()));
        current = next;
      }
    }
    current.terminal = true;
  }
  determinise(root);
  return root;
}

/** Merges each node's wildcard branch into its explicit branches, so every key leads to exactly one state. */
function determinise(n: PathNode): void {
  if (n.wildcard) {
    for (const child of n.children.values()) mergeInto(child, n.wildcard);
  }
  for (const child of n.children.values()) determinise(child);
  if (n.wildcard) determinise(n.wildcard);
}

function mergeInto(target: PathNode, source: PathNode): void {
  if (source.terminal) target.terminal = true;
  for (const [key, child] of source.children) {
    let t = target.children.get(key);
    if (!t) target.children.set(key, (t = node()));
    mergeInto(t, child);
  }
  if (source.wildcard) {
    target.wildcard ??= node();
    mergeInto(target.wildcard, source.wildcard);
  }
}

/** The state after `key`, or `null` when no path continues. */
export function stepPath(state: PathNode, key: string): PathNode | null {
  return state.children.get(key) ?? state.wildcard;
}
