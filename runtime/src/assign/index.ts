/**
 * `@secure-migrate/runtime/assign`: assignment with dynamic keys that cannot pollute prototypes or overwrite
 * fields the caller must not touch. Refusals in strict mode throw `AssignmentRefusedError` (from the errors
 * module, code `ERR_ASSIGN_REFUSED`).
 */
export {
  secureAssign,
  secureAssignAll,
  type AssignRefusal,
  type SecureAssignAllOptions,
  type SecureAssignAllResult,
  type SecureAssignOptions,
} from './secure-assign.js';
export { secureSet, type SecureSetOptions } from './secure-set.js';
export type { PathSegment as AssignPathSegment } from './path.js';
export type { AssignPolicyOptions, AssignKeyList } from './policy.js';
export {
  guardAssign,
  guardAssignAll,
  guardAssignAllWith,
  configureGuards,
  resetGuardWarnings,
  GUARD_WARNING_TYPE,
  GUARD_WARNING_CODE,
  GUARD_WARNED_LIMIT,
  type GuardOptions,
  type GuardSettings,
  type GuardRefusalReason,
} from './guard.js';
