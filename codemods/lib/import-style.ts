import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from './edits.js';

/** Whether most statements that can end with a semicolon do (imports, variables, expressions, exports). */
export function usesSemicolons(source: string, ast: TSESTree.Program): boolean {
  const candidates = ast.body.filter(
    (s) =>
      s.type === 'ImportDeclaration' ||
      s.type === 'VariableDeclaration' ||
      s.type === 'ExpressionStatement' ||
      s.type === 'TSTypeAliasDeclaration' ||
      (s.type === 'ExportNamedDeclaration' &&
        (s.source !== null || s.declaration?.type === 'VariableDeclaration')),
  );
  if (candidates.length === 0) return true;
  const withSemi = candidates.filter((s) => source[s.range[1] - 1] === ';').length;
  return withSemi * 2 >= candidates.length;
}

const NEW_STATEMENT =
  /^(\n*)((?:import \{[^}]*\} from |const \{[^}]*\} = require\()(['"])[^'"]+\3\)?)(;?)(\n*)$/;

/**
 * Makes a new import statement match the file: a semicolon when the file's statements end with one, and a blank
 * line between a new first import and the code that follows it. Merges into existing imports pass unchanged.
 */
export function polishImportEdit(edit: TextEdit, source: string, ast: TSESTree.Program): TextEdit {
  const match = NEW_STATEMENT.exec(edit.text);
  if (!match) return edit;
  const [, lead = '', statement = '', , , trail = ''] = match;
  const semi = usesSemicolons(source, ast) ? ';' : '';
  const before = source.slice(0, edit.range[0]);
  const after = source.slice(edit.range[1]);
  // Inserted before the first statement (no import above): keep the code one blank line below the import.
  const atTop =
    lead === '' &&
    trail === '\n' &&
    !/\S/.test(before.replace(/^#![^\n]*\n/, '').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''));
  const nextIsImport = /^\s*(import\b|const \{[^}]*\} = require\()/.test(after);
  const blank = atTop && !nextIsImport && !after.startsWith('\n') ? '\n' : '';
  return { range: edit.range, text: `${lead}${statement}${semi}${trail}${blank}` };
}
