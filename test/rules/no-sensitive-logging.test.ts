/** no-sensitive-logging without type information; the cases are in ./no-sensitive-logging.cases.ts. */
import rule from '../../rules/no-sensitive-logging.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';
import { cases } from './no-sensitive-logging.cases.js';

const tester = createUntypedRuleTester();
for (const group of cases.untyped) tester.run(group.name, rule, group);
