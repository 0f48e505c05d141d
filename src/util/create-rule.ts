import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields of secure-migrate rules. */
export interface SecureMigrateDocs {
  /** An imperative one-line description. */
  description: string;
  /** The lowest config that enables the rule (`recommended` ⊂ `strict` ⊂ `all`). */
  recommended?: 'recommended' | 'strict';
  /** Whether the rule needs type information (all secure-migrate rules use it when present, none need it). */
  requiresTypeChecking?: boolean;
  /** The CWE the rule is about, e.g. `CWE-532`. */
  cwe?: string;
}

/** Builds a rule with a docs URL that points at `docs/rules/<name>.md`. */
export const createRule = ESLintUtils.RuleCreator<SecureMigrateDocs>(
  (name) => `https://github.com/secure-migrate/secure-migrate/blob/main/docs/rules/${name}.md`,
);
