import type { JSONSchema } from '@typescript-eslint/utils';

/** A JSON schema for a list of unique non-empty strings. */
export function stringArraySchema(description: string): JSONSchema.JSONSchema4ArraySchema {
  return { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description };
}
