/**
 * @secure-migrate/runtime: every public name of every subpath, so one import always works.
 * Subpaths (`@secure-migrate/runtime/crypto`, `/cache`, …) exist for smaller bundles.
 */
export * from './errors.js';
export * from './keys/index.js';
export * from './crypto/index.js';
export * from './lock/index.js';
export * from './classify/index.js';
export * from './cache/index.js';
export * from './log/index.js';
export * from './assign/index.js';
export * from './fields/index.js';
export * from './secrets/index.js';
export * from './audit/index.js';
