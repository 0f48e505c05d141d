/**
 * no-unsafe-dynamic-assignment, without and with type information; the cases are in
 * ./no-unsafe-dynamic-assignment.cases.ts (the typed cases with declared types run in ./typed.test.ts).
 */
import rule from '../../rules/no-unsafe-dynamic-assignment.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../helpers/rule-tester.js';
import { typed, untyped } from './no-unsafe-dynamic-assignment.cases.js';

createUntypedRuleTester().run(untyped.name, rule, untyped);
createTypedRuleTester().run(typed.name, rule, typed);
