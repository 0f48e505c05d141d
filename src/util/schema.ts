import type { JSONSchema } from '@typescript-eslint/utils';

/** A JSON schema for a list of unique non-empty strings. */
export function stringArraySchema(description: string): JSONSchema.JSONSchema4ArraySchema {
  return { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description };
}

/**
 * The options every rule that judges names by the shared classifier takes, spread into its schema's properties so
 * the wording (and so the generated docs) is the same in each rule.
 */
export const sensitiveNameOptionsSchema = {
  extraSensitiveNames: stringArraySchema(
    'Extra names that hold secrets in this code base (matched like the built-in names).',
  ),
  allowedNames: stringArraySchema(
    'Names that look sensitive but are not here; they win over every built-in pattern.',
  ),
} as const;
