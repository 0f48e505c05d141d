/** eslint-plugin-security ships no types; the lint benchmark only reads its flat `recommended` config. */
declare module 'eslint-plugin-security' {
  import type { ESLint, Linter } from 'eslint';
  const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } };
  export default plugin;
}
