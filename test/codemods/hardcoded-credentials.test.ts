import { describeFixtures } from './fixture-suite.js';

// As files of an application: in a test folder the rule only reports values that match a secret pattern.
describeFixtures('hardcoded-credentials', { asSourceFile: true });
