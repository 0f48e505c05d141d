/** no-hardcoded-credentials without type information; the cases are in ./no-hardcoded-credentials.cases.ts. */
import rule from '../../rules/no-hardcoded-credentials.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';
import { cases } from './no-hardcoded-credentials.cases.js';

const tester = createUntypedRuleTester();
for (const group of cases.untyped) tester.run(group.name, rule, group);
