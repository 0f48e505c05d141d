// @ts-check
/**
 * eslint-doc-generator settings: the rule doc headers in docs/rules/ and the rules list in README.md.
 * The generator loads the plugin through package.json (dist/src/index.js), so run `npm run docs:rules`
 * (which builds first), or `npm run docs:rules:check` in CI.
 */
import prettier from 'prettier';

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  ruleDocTitleFormat: 'prefix-name',
  ruleDocNotices: [
    'deprecated',
    'configs',
    'fixableAndHasSuggestions',
    'requiresTypeChecking',
    'type',
    'options',
  ],
  ruleDocSectionInclude: ['Why', 'Examples', 'Options', 'When Not To Use It', 'Related'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'deprecated',
  ],
  pathRuleList: 'README.md',
  /** Generated Markdown goes through Prettier so `prettier --check .` and `--check` here agree. */
  postprocess: async (content, path) =>
    prettier.format(content, { ...(await prettier.resolveConfig(path)), parser: 'markdown' }),
};

export default config;
