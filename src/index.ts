import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { name, version } = require('../../package.json') as { name: string; version: string };

/** The secure-migrate ESLint plugin (flat config). */
const plugin = {
  meta: { name, version },
  rules: {},
  configs: {},
};

export default plugin;
