/**
 * Every rule's typed cases, in one file so that one typed RuleTester (one TypeScript project service over
 * test/rules/fixtures) serves them all. The cases live beside each rule's test (`*.cases.ts`); the untyped ones run
 * in one file per rule, and test/rules/typed-superset.test.ts runs both sets in both modes.
 */
import noHardcodedCredentials from '../../rules/no-hardcoded-credentials.js';
import noPlaintextCacheWrite from '../../rules/no-plaintext-cache-write.js';
import noSensitiveLogging from '../../rules/no-sensitive-logging.js';
import noUnsafeDynamicAssignment from '../../rules/no-unsafe-dynamic-assignment.js';
import { createTypedRuleTester } from '../helpers/rule-tester.js';
import { cases as credentials } from './no-hardcoded-credentials.cases.js';
import { typedCacheCases } from './no-plaintext-cache-write.typed-cases.js';
import { cases as logging } from './no-sensitive-logging.cases.js';
import { typedDeclared } from './no-unsafe-dynamic-assignment.cases.js';

const typed = createTypedRuleTester();

for (const group of logging.typed) typed.run(group.name, noSensitiveLogging, group);
typed.run(typedCacheCases.name, noPlaintextCacheWrite, typedCacheCases);
// The assignment rule's shared cases run typed in its own test file; the cases with declared types run here.
typed.run(typedDeclared.name, noUnsafeDynamicAssignment, typedDeclared);
for (const group of credentials.typed) typed.run(group.name, noHardcodedCredentials, group);
