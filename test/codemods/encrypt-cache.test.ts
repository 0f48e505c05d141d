import { describeFixtures } from './fixture-suite.js';

describeFixtures('encrypt-cache');
