/** no-plaintext-sensitive-column without type information; the cases are in ./no-plaintext-sensitive-column.cases.ts. */
import rule from '../../rules/no-plaintext-sensitive-column.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';
import { cases } from './no-plaintext-sensitive-column.cases.js';

const tester = createUntypedRuleTester();
for (const group of cases.untyped) tester.run(group.name, rule, group);
