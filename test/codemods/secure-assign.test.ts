import { describeFixtures } from './fixture-suite.js';

describeFixtures('secure-assign');
