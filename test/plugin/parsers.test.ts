/**
 * Every rule (the `all` config) over sources that differ between espree, ESLint's default parser for JavaScript, and
 * typescript-eslint's parser: class fields, no `decorators` arrays, parameter properties, `import.meta`, JSX,
 * optional chaining, `export =`, private fields, static blocks, getters and setters. Under ESLint 10 and ESLint 9,
 * no file may end in a fatal message or a rule exception, and the findings each file was written to hold must still
 * be reported, so that a rule that silently stops running on such nodes fails here too.
 */
import { Linter } from 'eslint';
import type { Linter as LinterTypes } from 'eslint';
import { Linter as Linter9 } from 'eslint-v9';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';

const all = plugin.configs.all as unknown as LinterTypes.Config;

/** A source written to exercise one parser difference, and findings it must produce: `[rule, line]`. */
interface Fixture {
  filename: string;
  code: string;
  expected: [rule: string, line: number][];
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const FIXTURES: Fixture[] = [
  {
    // espree: `PropertyDefinition` without `decorators`/`typeAnnotation`, `PrivateIdentifier`, `StaticBlock`.
    filename: 'token-store.js',
    code: lines(
      "import Redis from 'ioredis';",
      '',
      'export class TokenStore {',
      '  cache = new Redis(process.env.REDIS_URL);',
      "  password = 'hunter2-correct-horse';",
      '  #secret = process.env.SIGNING_KEY;',
      '  static #count = 0;',
      '  static {',
      '    TokenStore.#count = 1;',
      '  }',
      '  get secret() {',
      '    return this.#secret;',
      '  }',
      '  set secret(value) {',
      '    this.#secret = value;',
      '  }',
      '  static owns(o) {',
      '    return #secret in o;',
      '  }',
      '  async remember(userId, accessToken) {',
      '    await this.cache.set(`user:${userId}`, accessToken);',
      '  }',
      '  login(user, password) {',
      "    console.log('login', user.name, password);",
      '    console.info(this.#secret);',
      '  }',
      '}',
    ),
    expected: [
      ['no-hardcoded-credentials', 5],
      ['no-plaintext-cache-write', 21],
      ['no-sensitive-logging', 24],
      ['no-sensitive-logging', 25],
    ],
  },
  {
    // espree with `ecmaFeatures.jsx`: JSX elements, attributes and expression containers; optional chains.
    filename: 'profile.jsx',
    code: lines(
      "import pino from 'pino';",
      '',
      'const logger = pino();',
      '',
      'export function Profile({ user, onSave }) {',
      '  logger?.info(user?.session?.accessToken);',
      "  const label = user?.name ?? 'anonymous';",
      '  return (',
      '    <form className="profile" data-id={user?.id} onSubmit={() => onSave?.(user)}>',
      '      <input type="password" name="password" defaultValue="" />',
      '      <span title={label}>{label}</span>',
      '    </form>',
      '  );',
      '}',
    ),
    expected: [['no-sensitive-logging', 6]],
  },
  {
    // espree module: `import.meta` (a `MetaProperty`), dynamic `import()` (an `ImportExpression`), top-level await.
    filename: 'session.mjs',
    code: lines(
      "import { createClient } from 'redis';",
      '',
      'const client = await createClient({ url: import.meta.env?.REDIS_URL }).connect();',
      "const { default: loadConfig } = await import('./config.mjs');",
      "export const sessionSecret = process.env.SESSION_SECRET || 'keyboard-cat-fallback';",
      '',
      'export async function start(id) {',
      '  const config = await loadConfig(import.meta.url);',
      '  await client.set(`session:${id}`, JSON.stringify(config.session));',
      "  console.warn('config', import.meta.url, config.apiKey);",
      '}',
    ),
    expected: [
      ['no-hardcoded-credentials', 5],
      ['no-plaintext-cache-write', 9],
      ['no-sensitive-logging', 10],
    ],
  },
  {
    // espree CommonJS: `require`, `module.exports`, getters and setters in an object literal, request-keyed writes.
    filename: 'legacy.cjs',
    code: lines(
      "'use strict';",
      "const Redis = require('ioredis');",
      '',
      'const redis = new Redis();',
      'const settings = {};',
      '',
      'module.exports = {',
      '  get token() {',
      '    return process.env.TOKEN;',
      '  },',
      '  set token(value) {',
      "    redis.set('token:current', value);",
      '  },',
      '  save(req) {',
      '    settings[req.query.name] = req.query.value;',
      '  },',
      '};',
    ),
    expected: [
      ['no-plaintext-cache-write', 12],
      ['no-unsafe-dynamic-assignment', 15],
    ],
  },
  {
    // typescript-eslint only: parameter properties with decorators, `accessor`, `declare`, `abstract`, `definite`,
    // accessibility, type-only imports, type arguments on calls.
    filename: 'session.service.ts',
    code: lines(
      "import type { Request } from 'express';",
      "import { Inject, Injectable, Logger } from '@nestjs/common';",
      "import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';",
      '',
      'abstract class Base {',
      '  protected abstract readonly name: string;',
      '  declare meta: unknown;',
      '}',
      '',
      '@Injectable()',
      'export class SessionService extends Base {',
      "  protected readonly name = 'sessions';",
      '  private readonly logger = new Logger(SessionService.name);',
      '  private store!: Map<string, string>;',
      '  accessor hits = 0;',
      '  #last?: string;',
      '  static {',
      '    void 0;',
      '  }',
      '',
      '  constructor(',
      '    @Inject(CACHE_MANAGER) private readonly sessions: Cache,',
      "    public readonly apiKey: string = 'hunter2-correct-horse',",
      '  ) {',
      '    super();',
      '  }',
      '',
      '  get last(): string | undefined {',
      '    return this.#last;',
      '  }',
      '',
      '  async save(req: Request, refreshToken?: string): Promise<void> {',
      '    this.#last = req.params.id;',
      '    await this.sessions.set<string>(`session:${req.params.id}`, refreshToken!);',
      '    this.logger.log(`refreshed ${refreshToken}`);',
      '    this.store?.set(req.params.id as string, `${this.hits}`);',
      '  }',
      '}',
    ),
    expected: [
      ['no-hardcoded-credentials', 23],
      ['no-plaintext-cache-write', 34],
      ['no-sensitive-logging', 35],
    ],
  },
  {
    // typescript-eslint only: `import x = require()` and `export =`.
    filename: 'export-equals.ts',
    code: lines(
      "import Redis = require('ioredis');",
      '',
      'const redis = new Redis();',
      '',
      'function remember(userId: string, accessToken: string): Promise<unknown> {',
      '  return redis.set(`user:${userId}`, accessToken);',
      '}',
      '',
      'export = { remember };',
    ),
    expected: [['no-plaintext-cache-write', 6]],
  },
  {
    // typescript-eslint with JSX: generics in arrow functions, `satisfies`, non-null assertions, optional calls.
    filename: 'login.tsx',
    code: lines(
      'interface Props {',
      '  onLogin?: (password: string) => void;',
      '}',
      '',
      'const defaults = { theme: "dark" } satisfies Record<string, string>;',
      '',
      'export const Login = <T,>({ onLogin }: Props & T) => {',
      '  const submit = (password: string) => {',
      "    console.debug('submitting', password);",
      '    onLogin?.(password);',
      '  };',
      '  return <button onClick={() => submit(document.querySelector("input")!.value)}>{defaults.theme}</button>;',
      '};',
    ),
    expected: [['no-sensitive-logging', 9]],
  },
];

/** The flat config for a fixture: espree for JavaScript (JSX on for `.jsx`), typescript-eslint for TypeScript. */
function configFor(parser: 'espree' | 'typescript'): LinterTypes.Config[] {
  return [
    {
      files: ['**/*.jsx'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    ...(parser === 'typescript'
      ? [
          {
            files: ['**/*.{js,jsx,mjs,cjs,ts,tsx}'],
            languageOptions: { parser: tseslint.parser as LinterTypes.Parser },
          },
        ]
      : []),
    { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx}'], ...all },
  ];
}

const defaultParser = (filename: string): 'espree' | 'typescript' =>
  /\.tsx?$/.test(filename) ? 'typescript' : 'espree';

/** What a lint of one fixture gave: findings, fatal messages, or the exception a rule threw. */
interface Outcome {
  findings: [rule: string, line: number][];
  fatal: string[];
  exception?: string;
}

const ENGINES = {
  'ESLint 10': () => new Linter(),
  'ESLint 9': () => new Linter9() as unknown as Linter,
};

function lintFixture(
  engine: keyof typeof ENGINES,
  fixture: Fixture,
  parser = defaultParser(fixture.filename),
): Outcome {
  let messages: LinterTypes.LintMessage[];
  try {
    messages = ENGINES[engine]().verify(fixture.code, configFor(parser), { filename: fixture.filename });
  } catch (error) {
    return { findings: [], fatal: [], exception: error instanceof Error ? error.message : String(error) };
  }
  return {
    findings: messages
      .filter((m) => !m.fatal && m.ruleId?.startsWith('secure-migrate/'))
      .map((m): [string, number] => [m.ruleId!.slice('secure-migrate/'.length), m.line]),
    fatal: messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.message}`),
  };
}

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('%s, all rules', (engine) => {
  it.each(FIXTURES.map((f) => [f.filename, f] as const))(
    '%s parses, lints without a rule exception and keeps its findings',
    (_name, fixture) => {
      const outcome = lintFixture(engine, fixture);
      expect(outcome.exception).toBeUndefined();
      expect(outcome.fatal).toEqual([]);
      expect(outcome.findings).toEqual(expect.arrayContaining(fixture.expected));
    },
  );

  const javascript = FIXTURES.filter((f) => defaultParser(f.filename) === 'espree');
  it.each(javascript.map((f) => [f.filename, f] as const))(
    '%s gives the same findings through espree and through typescript-eslint',
    (_name, fixture) => {
      const viaEspree = lintFixture(engine, fixture, 'espree');
      const viaTypescript = lintFixture(engine, fixture, 'typescript');
      expect(viaTypescript.exception).toBeUndefined();
      expect(viaTypescript.fatal).toEqual([]);
      expect(viaEspree.findings).toEqual(viaTypescript.findings);
    },
  );
});
