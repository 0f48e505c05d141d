/**
 * The shipped flat configs work through the real `ESLint` class in ESLint 10 and ESLint 9, match the rules'
 * metadata, and are named; the plugin's meta comes from its package.json (plugin/package.json).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import type { Linter } from 'eslint';
import { eslintPlugin, languageOptions, NAMESPACE, ruleIds } from './lint.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}plugin/package.json`, 'utf8')) as {
  name: string;
  version: string;
};

const CONFIG_NAMES = ['recommended', 'strict', 'all'] as const;
type ConfigName = (typeof CONFIG_NAMES)[number];

/** One finding per rule. */
const SAMPLE = `import { Redis } from 'ioredis';
import { pgTable, text } from 'drizzle-orm/pg-core';

const redis = new Redis();
export const databaseUrl = 'postgres://app:s3cr3t@db:5432/app';
export const integrations = pgTable('integrations', { botToken: text('bot_token') });

export async function handle(accessToken: string, sid: string, target: Record<string, unknown>, req: { body: { key: string; value: unknown } }) {
  console.log('token', accessToken);
  await redis.set(\`session:\${sid}\`, accessToken);
  target[req.body.key] = req.body.value;
}
`;

const configOf = (name: ConfigName): Linter.Config => {
  const config = eslintPlugin.configs?.[name];
  if (!config || Array.isArray(config)) throw new Error(`configs.${name} is not a flat config object`);
  return config as Linter.Config;
};

const severity = (entry: Linter.RuleEntry | undefined): number => {
  const level = Array.isArray(entry) ? entry[0] : entry;
  return level === 'error' || level === 2 ? 2 : level === 'warn' || level === 1 ? 1 : 0;
};

/** `secure-migrate/<id>` → severity, for the rules a config turns on. */
function enabled(config: Linter.Config): Map<string, number> {
  return new Map(
    Object.entries(config.rules ?? {})
      .filter(([, entry]) => severity(entry) > 0)
      .map(([id, entry]) => [id, severity(entry)]),
  );
}

type Finding = { ruleId: string | null; severity: number; line: number; column: number; messageId?: string };

async function lintSample(Engine: typeof ESLint | typeof ESLint9, name: ConfigName): Promise<Finding[]> {
  const eslint = new Engine({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: languageOptions() },
      { ...configOf(name), files: ['**/*.ts'] },
    ] as never,
  });
  const [result] = await eslint.lintText(SAMPLE, { filePath: 'sample.ts' });
  return (result?.messages ?? []).map((m) => ({
    ruleId: m.ruleId,
    severity: m.severity,
    line: m.line,
    column: m.column,
    ...(m.messageId ? { messageId: m.messageId } : {}),
  }));
}

describe('plugin meta', () => {
  it('has the package name and version', () => {
    expect(eslintPlugin.meta?.name).toBe(pkg.name);
    expect(eslintPlugin.meta?.version).toBe(pkg.version);
  });
});

describe('configs', () => {
  it('are exactly recommended, strict and all, each with a name', () => {
    expect(Object.keys(eslintPlugin.configs ?? {}).sort()).toEqual([...CONFIG_NAMES].sort());
    for (const name of CONFIG_NAMES) {
      expect(configOf(name).name, name).toMatch(/^secure-migrate\//);
      expect(Object.keys(configOf(name).plugins ?? {}), name).toEqual([NAMESPACE]);
    }
  });

  it('match the rules’ docs.recommended metadata', () => {
    const level = (id: string) =>
      (eslintPlugin.rules?.[id]?.meta?.docs as { recommended?: unknown } | undefined)?.recommended;
    const ids = ruleIds();
    const expected: Record<ConfigName, string[]> = {
      recommended: ids.filter((id) => level(id) === 'recommended'),
      strict: ids.filter((id) => level(id) === 'recommended' || level(id) === 'strict'),
      all: ids,
    };
    expect(expected.recommended.length).toBeGreaterThan(0);
    for (const name of CONFIG_NAMES) {
      expect([...enabled(configOf(name)).keys()].sort(), name).toEqual(
        expected[name].map((id) => `${NAMESPACE}/${id}`),
      );
    }
  });

  it.each(CONFIG_NAMES)(
    '%s reports exactly its rules in ESLint 10 and ESLint 9, with the same findings',
    async (name) => {
      const on = enabled(configOf(name));
      const v10 = await lintSample(ESLint, name);
      const v9 = await lintSample(ESLint9, name);
      expect(v10.filter((m) => m.ruleId === null)).toEqual([]);
      const reported = new Map(v10.map((m) => [m.ruleId!, m.severity]));
      expect([...reported.keys()].sort()).toEqual([...on.keys()].sort());
      for (const [id, level] of on) expect(reported.get(id), id).toBe(level);
      expect(v9).toEqual(v10);
    },
  );
});
