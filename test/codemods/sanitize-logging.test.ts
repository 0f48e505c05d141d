import { describeFixtures } from './fixture-suite.js';

describeFixtures('sanitize-logging');
