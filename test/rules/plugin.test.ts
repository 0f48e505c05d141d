import plugin, { configs, rules } from '../../src/index.js';

describe('plugin', () => {
  it('exposes its name, version, rules and flat configs', () => {
    expect(plugin.meta).toEqual({
      name: 'eslint-plugin-secure-migrate',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(Object.keys(plugin.rules).sort()).toEqual([
      'no-hardcoded-credentials',
      'no-plaintext-cache-write',
      'no-plaintext-sensitive-column',
      'no-sensitive-logging',
      'no-unsafe-dynamic-assignment',
    ]);
    expect(plugin.rules).toBe(rules);
    expect(plugin.configs).toBe(configs);
    for (const name of ['recommended', 'strict', 'all'] as const) {
      expect(configs[name].name).toBe(`secure-migrate/${name}`);
      expect(configs[name].plugins?.['secure-migrate']).toBe(plugin);
    }
  });

  it('computes configs from rule metadata', () => {
    const recommended = Object.entries(rules)
      .filter(([, rule]) => rule.meta.docs?.recommended === 'recommended')
      .map(([id]) => `secure-migrate/${id}`)
      .sort();
    expect(Object.keys(configs.recommended.rules ?? {}).sort()).toEqual(recommended);
    expect(Object.keys(configs.all.rules ?? {})).toHaveLength(Object.keys(rules).length);
    expect(configs.recommended.rules?.['secure-migrate/no-sensitive-logging']).toBe('error');
    expect(configs.strict.rules?.['secure-migrate/no-sensitive-logging']).toEqual([
      'error',
      { pii: true, checkTypes: true },
    ]);
    expect(configs.strict.rules?.['secure-migrate/no-plaintext-cache-write']).toEqual([
      'error',
      { pii: true, checkTypes: true },
    ]);
  });

  it('documents every option and rejects unknown ones', () => {
    for (const [id, rule] of Object.entries(rules)) {
      const schema = rule.meta.schema as {
        type: string;
        additionalProperties: boolean;
        properties: Record<string, { description?: string }>;
      }[];
      expect(schema, id).toHaveLength(1);
      expect(schema[0]?.additionalProperties, id).toBe(false);
      for (const [option, spec] of Object.entries(schema[0]?.properties ?? {})) {
        expect(spec.description, `${id}.${option}`).toMatch(/\w/);
      }
      expect(rule.meta.docs?.url).toBe(
        `https://github.com/secure-migrate/secure-migrate/blob/main/docs/rules/${id}.md`,
      );
      expect(rule.meta.docs?.requiresTypeChecking).toBe(false);
      expect(rule.meta.type).toBe('problem');
    }
  });
});
