/**
 * The `secure-migrate` package's entry: the ESLint plugin, re-exported from `eslint-plugin-secure-migrate`, so
 * configs that `import secureMigrate from 'secure-migrate'` keep working and get the same plugin object. The CLI and
 * the codemods are the package's own (`bin/secure-migrate.js`, `dist/codemods/`).
 */
export { default } from 'eslint-plugin-secure-migrate';
export * from 'eslint-plugin-secure-migrate';
