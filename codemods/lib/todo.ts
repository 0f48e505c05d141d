import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from './edits.js';

/** The marker the transforms write above a site they leave for a person to decide. */
export const TODO_MARKER = 'secure-migrate: TODO';
/** A comment that tells the transforms to leave the next line (or its own line) alone. */
export const IGNORE_MARKER = 'secure-migrate-ignore';

export type MarkerKind = 'todo' | 'ignore';

const CONTAINERS = new Set([
  'Program',
  'BlockStatement',
  'StaticBlock',
  'SwitchCase',
  'TSModuleBlock',
  'ClassBody',
]);

type WithParent = TSESTree.Node & { parent?: TSESTree.Node };

/** The statement (or class member) that contains a node: where a comment line can go above it. */
function anchorOf(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  let current = node as WithParent | undefined;
  while (current?.parent && !CONTAINERS.has(current.parent.type)) current = current.parent as WithParent;
  return current;
}

function lineStartOffset(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

function lineOffset(source: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset;
}

/** Nodes inside a statement that may carry a comment line of their own: object properties and class members. */
const MEMBERS = new Set(['Property', 'PropertyDefinition', 'MethodDefinition', 'TSPropertySignature']);

/**
 * Where the comment line goes: above the innermost property or member holding the site when it starts its own
 * line (one TODO per property of a multi-line object), else above the whole statement.
 */
function anchorStart(source: string, node: TSESTree.Node | undefined, line: number): number {
  for (
    let current = node as WithParent | undefined;
    current;
    current = current.parent as WithParent | undefined
  ) {
    if (CONTAINERS.has(current.parent?.type ?? 'Program')) break;
    if (MEMBERS.has(current.type)) {
      const start = current.range[0];
      if (/^[ \t]*$/.test(source.slice(lineStartOffset(source, start), start))) return start;
    }
  }
  const anchor = anchorOf(node);
  return anchor ? anchor.range[0] : lineOffset(source, line);
}

/** A `secure-migrate-ignore` comment, parsed. */
export interface IgnoreComment {
  /** Rule ids it names, without the plugin prefix; empty: every rule. */
  rules: string[];
  /** The text after ` -- `, when there is one. */
  reason?: string;
}

const RULE_ID = /^(?:secure-migrate\/)?[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const IGNORE_COMMENT = /secure-migrate-ignore(?:-next-line|-line)?(?![\w-])(.*)$/s;

/**
 * Parses the text of a comment line (`// secure-migrate-ignore-next-line no-sensitive-logging -- reason`,
 * `/* secure-migrate-ignore *\/`, the bare `// secure-migrate-ignore` for every rule); undefined when it is none.
 */
export function parseIgnoreComment(text: string): IgnoreComment | undefined {
  const match = IGNORE_COMMENT.exec(text);
  if (!match) return undefined;
  const rest = (match[1] ?? '').replace(/\*\/\s*$/, '');
  const split = rest.search(/(?:^|\s)--(?:\s|$)/);
  const names = split < 0 ? rest : rest.slice(0, split);
  const reason =
    split < 0
      ? ''
      : rest
          .slice(split)
          .replace(/^\s*--/, '')
          .trim();
  const rules: string[] = [];
  // Rule ids lead; words after them (`// secure-migrate-ignore reviewed by hand`) are free text.
  for (const word of names.split(/[\s,]+/).filter(Boolean)) {
    if (!RULE_ID.test(word)) break;
    rules.push(word.replace(/^secure-migrate\//, ''));
  }
  return { rules, ...(reason ? { reason } : {}) };
}

/** A marker found for a site: leave it alone (`ignore`, with the comment's reason) or already marked (`todo`). */
export interface Marker {
  kind: MarkerKind;
  reason?: string;
}

function ignoreFor(text: string, rule: string): Marker | undefined {
  const comment = parseIgnoreComment(text);
  if (!comment || (comment.rules.length > 0 && !comment.rules.includes(rule))) return undefined;
  return { kind: 'ignore', ...(comment.reason ? { reason: comment.reason } : {}) };
}

/**
 * Looks for a marker on the site's own line, on the line above it, or in the comment lines directly above its
 * statement: a `secure-migrate-ignore` comment naming the rule or no rule (leave it alone), or an earlier
 * `secure-migrate: TODO (<rule>)` (already marked).
 */
export function findMarker(
  source: string,
  _ast: TSESTree.Program,
  node: TSESTree.Node | undefined,
  line: number,
  rule: string,
): Marker | undefined {
  const siteLineStart = lineOffset(source, line);
  const siteLineEnd = source.indexOf('\n', siteLineStart);
  const siteLine = source.slice(siteLineStart, siteLineEnd < 0 ? source.length : siteLineEnd);
  const onLine = siteLine.includes(IGNORE_MARKER) ? ignoreFor(siteLine, rule) : undefined;
  if (onLine) return onLine;
  if (siteLineStart > 0) {
    const above = source.slice(lineStartOffset(source, siteLineStart - 1), siteLineStart - 1).trim();
    const aboveMarker = above.startsWith('//') || above.startsWith('/*') ? ignoreFor(above, rule) : undefined;
    if (aboveMarker) return aboveMarker;
  }
  let end = lineStartOffset(source, anchorStart(source, node, line));
  while (end > 0) {
    const start = lineStartOffset(source, end - 1);
    const text = source.slice(start, end - 1).trim();
    if (!(text.startsWith('//') || text.startsWith('/*') || text.startsWith('*'))) break;
    const ignore = text.includes(IGNORE_MARKER) ? ignoreFor(text, rule) : undefined;
    if (ignore) return ignore;
    if (text.includes(`${TODO_MARKER} (${rule})`)) return { kind: 'todo' };
    end = start;
  }
  return undefined;
}

/** Width the TODO comment lines are wrapped to (indentation included). */
export const TODO_WIDTH = 100;

/**
 * Comments that apply to the line below them: a TODO must go above them (and above a stack of them), or the
 * directive would apply to the TODO instead of the code.
 */
const NEXT_LINE_DIRECTIVES: readonly RegExp[] = [
  /^\/\/\s*eslint-disable-next-line\b/,
  /^\/\*\s*eslint-disable-next-line\b.*\*\/$/,
  /^\/\/\s*@ts-(?:ignore|expect-error)\b/,
  /^\/\*\s*@ts-(?:ignore|expect-error)\b.*\*\/$/,
  /^\/\/\s*prettier-ignore\b/,
  /^\/\*\s*prettier-ignore\s*\*\/$/,
  /^(?:\/\/|\/\*)\s*(?:istanbul|c8|v8|node:coverage)\s+ignore\s+next\b/,
  /^\/\/\s*(?:biome-ignore|deno-lint-ignore|oxlint-disable-next-line)\b/,
  /^\/\/\s*secure-migrate-ignore\b/,
  /^\/\*\s*secure-migrate-ignore\b.*\*\/$/,
];

/** Whether a line (without its end of line) is a comment that applies to the next line. */
export function isNextLineDirective(line: string): boolean {
  const text = line.trim();
  return NEXT_LINE_DIRECTIVES.some((re) => re.test(text));
}

/**
 * The start of the line a comment line goes before: the anchor's line, moved up over the directives stacked
 * directly above it.
 */
function insertionLineStart(source: string, anchorLineStart: number): number {
  let start = anchorLineStart;
  while (start > 0) {
    const previous = lineStartOffset(source, start - 1);
    const text = source.slice(previous, start - 1).replace(/\r$/, '');
    if (!isNextLineDirective(text)) break;
    start = previous;
  }
  return start;
}

/**
 * `// text` as comment lines of at most {@link TODO_WIDTH} columns: words are never split (a longer word gets
 * a line of its own), continuation lines keep the indentation and the `// ` prefix.
 */
export function wrapComment(indent: string, text: string, eol: string, width = TODO_WIDTH): string {
  const prefix = `${indent}// `;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && prefix.length + current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines.map((line) => `${prefix}${line}${eol}`).join('');
}

/**
 * The edit that puts `// secure-migrate: TODO (<rule>) <reason>` on lines of its own above the site's statement
 * (above the next-line directives that apply to it), wrapped at {@link TODO_WIDTH} columns.
 */
export function todoEdit(
  source: string,
  _ast: TSESTree.Program,
  node: TSESTree.Node | undefined,
  line: number,
  rule: string,
  reason: string,
): TextEdit {
  const start = anchorStart(source, node, line);
  const anchorLine = lineStartOffset(source, start);
  const before = source.slice(anchorLine, start);
  const indent = /^\s*$/.test(before) ? before : (before.match(/^\s*/)?.[0] ?? '');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const at = insertionLineStart(source, anchorLine);
  return { range: [at, at], text: wrapComment(indent, `${TODO_MARKER} (${rule}) ${reason}`, eol) };
}
