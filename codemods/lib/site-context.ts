/**
 * What identifies a reported site apart from its position, so a baseline entry survives edits elsewhere in the
 * file and moved lines: a hash of the reported node's text (whitespace and trailing commas left out) and the name
 * of the function it is in. The text is hashed, never kept: a reported literal may be a secret.
 */
import { createHash } from 'node:crypto';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** The position-independent part of a site's identity. */
export interface SiteContext {
  /** First 16 hex digits of the SHA-256 of the normalised text of the reported node (or of its line). */
  textHash: string;
  /** Names of the enclosing classes and functions, outermost first, joined by `.`; empty at module level. */
  scope: string;
}

type WithParent = TSESTree.Node & { parent?: TSESTree.Node };

/** The text with all whitespace and commas before a closing bracket removed (formatting does not count). */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, '').replace(/,([)\]}])/g, '$1');
}

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (key.type === 'Literal') return String(key.value);
  return undefined;
}

/** The name a function or class goes by: its own, or the variable, property or member it is assigned to. */
function nameOf(node: WithParent): string {
  if ('id' in node && node.id && node.id.type === 'Identifier') return node.id.name;
  const parent = node.parent as WithParent | undefined;
  if (!parent) return '<anonymous>';
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (
    parent.type === 'Property' ||
    parent.type === 'PropertyDefinition' ||
    parent.type === 'MethodDefinition'
  ) {
    return keyName(parent.key, parent.computed) ?? '<computed>';
  }
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression') {
    return keyName(parent.left.property, parent.left.computed) ?? '<computed>';
  }
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'Identifier') return parent.left.name;
  return '<anonymous>';
}

const SCOPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassDeclaration',
  'ClassExpression',
]);

/** The enclosing classes and functions of a node, outermost first (`UserService.login`). */
export function enclosingScope(node: TSESTree.Node | undefined): string {
  const names: string[] = [];
  for (let current = (node as WithParent | undefined)?.parent as WithParent | undefined; current;) {
    if (SCOPES.has(current.type)) names.unshift(nameOf(current));
    current = current.parent as WithParent | undefined;
  }
  return names.join('.');
}

/** The line's text (1-based line number). */
function lineText(source: string, line: number): string {
  return source.split(/\r?\n/)[line - 1] ?? '';
}

/** The {@link SiteContext} of a reported node (or, without one, of the reported line). */
export function siteContext(source: string, node: TSESTree.Node | undefined, line: number): SiteContext {
  const text = node?.range ? source.slice(node.range[0], node.range[1]) : lineText(source, line);
  const textHash = createHash('sha256').update(normaliseCode(text)).digest('hex').slice(0, 16);
  return { textHash, scope: enclosingScope(node) };
}
