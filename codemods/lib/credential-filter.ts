/**
 * The tree-level pre-filter of `hardcoded-credentials`. Its text test (a quote character) passes nearly every
 * file, and running ESLint on a file costs several times TypeScript's bare parse. `no-hardcoded-credentials`
 * (with its default options, as the transform runs it) reports only a string literal (or a template without
 * expressions) that
 * - looks like a secret by value (the classifier's value patterns), or
 * - is bound to a name (variable, property, key, member, environment variable) the classifier calls a credential,
 *   secret or token, or
 * - is a long generated value (bound to a `*Key` name), or
 * - is the key argument of `jwt.sign` / `jwt.verify` / `createHmac` / `createCipheriv` / `createDecipheriv`.
 * Every such name is the text of an identifier or of a string literal of the file, so a file none of whose
 * literals looks like a secret, and none of whose identifiers and string literals is such a name or one of those
 * callees, has no site.
 */
import ts from 'typescript';
import { getClassifier, looksGenerated } from 'eslint-plugin-secure-migrate/detect';

const CREDENTIAL_CATEGORIES: ReadonlySet<string> = new Set(['credential', 'secret', 'token']);
/** Callees and objects whose literal arguments the rule checks as keys whatever they are bound to. */
const KEY_NAMES = /^(?:createHmac|createCipheriv|createDecipheriv|jwt|jsonwebtoken)$/i;

/** Whether `no-hardcoded-credentials` may report in this file (false: it certainly does not). */
export function mayHoldCredential(tree: ts.SourceFile): boolean {
  const classifier = getClassifier();
  const names = new Set<string>();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral: {
        const text = (node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral).text;
        if (classifier.detectSecret(text) !== null || looksGenerated(text.trim())) {
          found = true;
          return;
        }
        names.add(text);
        break;
      }
      case ts.SyntaxKind.Identifier:
        names.add(ts.idText(node as ts.Identifier));
        break;
      case ts.SyntaxKind.PrivateIdentifier:
        // ESTree names a private field without its `#`.
        names.add(ts.idText(node as ts.PrivateIdentifier).slice(1));
        break;
      default:
        break;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  if (found) return true;
  for (const name of names) {
    if (KEY_NAMES.test(name)) return true;
    const category = classifier.classifyName(name);
    if (category !== null && CREDENTIAL_CATEGORIES.has(category)) return true;
  }
  return false;
}
