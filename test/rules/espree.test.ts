/**
 * Plain JavaScript through ESLint's default parser (espree), which gives no `decorators`, `typeAnnotation` or other
 * typescript-estree-only fields: the rules must not throw on such nodes and must still find what they find in
 * TypeScript.
 */
import { Linter } from 'eslint';
import type { Linter as LinterTypes } from 'eslint';
import plugin from '../../src/index.js';

const config = plugin.configs.recommended as unknown as LinterTypes.Config;

function lint(code: string, filename = 'a.js'): LinterTypes.LintMessage[] {
  // No parser in the config: ESLint's default, espree.
  return new Linter().verify(code, [{ files: ['**/*.js'], ...config }], { filename });
}

describe('rules on espree class fields', () => {
  it('do not throw on a class field read through `this` (a field has no `decorators` array)', () => {
    const code = 'class Store { cache = new Map(); put(k, v) { this.cache.set(k, v); } }';
    expect(() => lint(code)).not.toThrow();
    expect(lint(code)).toEqual([]);
  });

  it('still find a token written through a class field made with `new Redis()`', () => {
    const code = [
      "import Redis from 'ioredis';",
      'export class Sessions {',
      '  cache = new Redis();',
      '  #spare = null;',
      '  static { this.shared = true; }',
      '  save(id, accessToken) { return this.cache.set(`user:${id}`, accessToken); }',
      '}',
    ].join('\n');
    const messages = lint(code);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['secure-migrate/no-plaintext-cache-write', 6]]);
  });

  it('tell a field built as a Map from a cache client', () => {
    const code = 'class Store { cache = new Map(); put(token) { this.cache.set("token", token); } }';
    expect(lint(code)).toEqual([]);
  });
});
