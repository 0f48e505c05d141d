import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { makeProject, read, removeProject, runInProcess } from './helpers.js';
import type { Report } from '../../src/cli/report.js';
import type { BaselineFile } from '../../src/cli/baseline.js';
import { parseIgnoreComment } from '../../codemods/lib/todo.js';
import { enclosingScope, normaliseCode } from '../../codemods/lib/site-context.js';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeProject));

function write(dir: string, file: string, text: string): void {
  writeFileSync(path.join(dir, file), text);
}

const AUTH = `export function login(token: string) {
  console.log('login', token);
}

export function logout(password: string) {
  console.log('logout', password);
}
`;

describe('check --baseline', () => {
  it('fails on a new finding, passes once baselined, survives moved lines and edits, reports fixed', async () => {
    const dir = project({ 'src/auth.ts': 'export const clean = 1;\n' });
    const baselineArgs = ['check', '--no-types', '--baseline', '.secure-migrate-baseline.json'];

    // No finding yet: an empty (missing) baseline passes.
    expect((await runInProcess(baselineArgs, dir)).code).toBe(0);

    // A finding is added: it is new, and the run fails.
    write(dir, 'src/auth.ts', AUTH);
    const added = await runInProcess(baselineArgs, dir);
    expect(added.code).toBe(1);
    expect(added.stdout).toContain('src/auth.ts:2:24  test-logging  "token" is logged.');
    expect(added.stdout).toContain('Baseline .secure-migrate-baseline.json: 0 baselined, 2 new, 0 fixed.');

    // --update-baseline records both and exits 0; the file holds no source text.
    const update = await runInProcess([...baselineArgs, '--update-baseline'], dir);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('wrote 2 findings to the baseline .secure-migrate-baseline.json');
    const file = JSON.parse(read(dir, '.secure-migrate-baseline.json')) as BaselineFile;
    expect(file.version).toBe(1);
    expect(file.findings).toEqual([
      {
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        rule: 'test-logging',
        path: 'src/auth.ts',
        line: 2,
      },
      {
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        rule: 'test-logging',
        path: 'src/auth.ts',
        line: 6,
      },
    ]);
    expect(read(dir, '.secure-migrate-baseline.json')).not.toContain('token');

    const baselined = await runInProcess(baselineArgs, dir);
    expect(baselined.code).toBe(0);
    expect(baselined.stdout).toContain('No new findings');
    expect(baselined.stdout).toContain('2 baselined, 0 new, 0 fixed');

    // Lines move (a function added above, the code reformatted): still the same findings.
    write(
      dir,
      'src/auth.ts',
      `import { audit } from './audit.js';\n\nexport function greet() {\n  return 'hi';\n}\n\n${AUTH.replace(
        "console.log('login', token);",
        "console.log(\n    'login',\n    token,\n  );",
      )}`,
    );
    const moved = await runInProcess(baselineArgs, dir);
    expect(moved.stdout).toContain('2 baselined, 0 new, 0 fixed');
    expect(moved.code).toBe(0);

    // The same code in another function is a new finding.
    write(
      dir,
      'src/auth.ts',
      `${read(dir, 'src/auth.ts')}\nexport function refresh(token: string) {\n  console.log('login', token);\n}\n`,
    );
    const another = await runInProcess(baselineArgs, dir);
    expect(another.code).toBe(1);
    expect(another.stdout).toContain('1 new finding in 1 files');
    expect(another.stdout).toContain('2 baselined, 1 new, 0 fixed');

    // Fixing a baselined finding is reported as fixed; the run passes.
    write(dir, 'src/auth.ts', AUTH.replace("console.log('logout', password);", "console.log('logout');"));
    const fixed = await runInProcess(baselineArgs, dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('1 baselined, 0 new, 1 fixed');
    expect(fixed.stdout).toContain('--update-baseline to drop them');

    // --json carries the counts, the fixed entry and each site's fingerprint.
    const json = JSON.parse((await runInProcess([...baselineArgs, '--json'], dir)).stdout) as Report;
    expect(json.baseline).toMatchObject({ baselined: 1, new: 0, fixed: 1 });
    expect(json.baseline!.fixedFindings).toEqual([expect.objectContaining({ path: 'src/auth.ts', line: 6 })]);
    expect(json.files[0]!.sites[0]).toMatchObject({
      fingerprint: file.findings[0]!.fingerprint,
      baselined: true,
    });
  });

  it('identical lines in one function are told apart by their occurrence; a renamed file starts fresh', async () => {
    const twice = 'export function f(token: string) {\n  console.log(token);\n  console.log(token);\n}\n';
    const dir = project({ 'src/a.ts': twice });
    const args = ['check', '--no-types', '--baseline', 'baseline.json'];
    await runInProcess([...args, '--update-baseline'], dir);
    const file = JSON.parse(read(dir, 'baseline.json')) as BaselineFile;
    expect(new Set(file.findings.map((f) => f.fingerprint)).size).toBe(2);

    // A third identical line is one new finding, not three.
    write(dir, 'src/a.ts', twice.replace('}\n', '  console.log(token);\n}\n'));
    expect((await runInProcess(args, dir)).stdout).toContain('2 baselined, 1 new, 0 fixed');

    write(dir, 'src/b.ts', twice);
    write(dir, 'src/a.ts', 'export {};\n');
    const renamed = await runInProcess(args, dir);
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toContain('0 baselined, 2 new, 2 fixed');
  });

  it('refuses a baseline that is not one', async () => {
    const dir = project({ 'a.ts': 'console.log(token);\n', 'bad.json': '{"findings": 3}' });
    const result = await runInProcess(['check', '--no-types', '--baseline', 'bad.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.json is not a secure-migrate baseline');
  });
});

describe('suppression comments', () => {
  const SOURCE = [
    'export function f(token: string, password: string, secretToken: string, apiToken: string) {',
    '  // secure-migrate-ignore-next-line test-logging -- a test key, printed on purpose',
    '  console.log(token);',
    '  // secure-migrate-ignore-next-line some-other-rule -- does not apply here',
    '  console.log(password);',
    '  // eslint-disable-next-line secure-migrate/test-logging -- rotated every hour',
    '  console.log(secretToken);',
    '  console.log(apiToken); // secure-migrate-ignore',
    '}',
    '',
  ].join('\n');

  it('leave the site alone with their reason, in check and in the migration; other rules are not silenced', async () => {
    const dir = project({ 'src/a.ts': SOURCE });
    const check = JSON.parse((await runInProcess(['check', '--no-types', '--json'], dir)).stdout) as Report;
    const sites = check.files[0]!.sites.map((s) => ({ line: s.line, action: s.action, reason: s.reason }));
    expect(sites).toEqual(
      expect.arrayContaining([
        { line: 3, action: 'ignored', reason: 'secure-migrate-ignore: a test key, printed on purpose' },
        { line: 5, action: 'rewritten', reason: '"password" is logged.' },
        { line: 7, action: 'ignored', reason: 'eslint-disable: rotated every hour' },
        { line: 8, action: 'ignored', reason: 'secure-migrate-ignore comment' },
      ]),
    );
    expect(sites).toHaveLength(4);
    expect(check.exitCode).toBe(1);

    const migration = await runInProcess(['--no-types', '--no-package-json'], dir);
    expect(migration.code).toBe(0);
    const out = read(dir, 'src/a.ts');
    expect(out).toContain('  console.log(token);');
    expect(out).toContain('  console.log(sanitizeForLogging(password));');
    expect(out).toContain('  console.log(secretToken);');
    expect(out).toContain('  console.log(apiToken); // secure-migrate-ignore');
    expect(migration.stdout).toMatch(/ignored \(suppression comments\)\s+3/);
  });

  it('--require-suppression-reason makes a suppression without a reason a finding', async () => {
    const dir = project({
      'src/a.ts': SOURCE.replace('console.log(password);', "console.log('x');"),
    });
    expect((await runInProcess(['check', '--no-types'], dir)).code).toBe(0);
    const strict = await runInProcess(['check', '--no-types', '--require-suppression-reason'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(
      'src/a.ts:8:15  test-logging  Suppressed without a reason: add " -- <why>" to the secure-migrate-ignore comment',
    );
    expect(strict.stdout).toContain('1 finding in 1 files');
  });
});

const SARIF_APP = {
  'package.json': '{ "name": "app", "type": "module" }\n',
  'src/login.ts': `import pino from 'pino';
const logger = pino();
export function login(password: string) {
  logger.info({ password }, 'login');
  // eslint-disable-next-line secure-migrate/no-sensitive-logging -- only the length is logged
  logger.info(password.length, password);
}
`,
  'src/config.ts': "export const apiKey = process.env.API_KEY || 'sk_live_0123456789abcdefghijklmn';\n",
  'src/broken.ts': 'export const = ;\n',
};

describe('check --format', () => {
  it('sarif: valid SARIF 2.1.0 with rule metadata, fingerprints, suppressions and failed files', async () => {
    const dir = project(SARIF_APP);
    const result = await runInProcess(['check', '--no-types', '--format', 'sarif'], dir, null);
    expect(result.code).toBe(3);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: {
          driver: { rules: { id: string; help: { text: string }; properties: Record<string, unknown> }[] };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          partialFingerprints: Record<string, string>;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
          suppressions?: { kind: string; justification?: string }[];
        }[];
        invocations: { executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }[];
      }[];
    };

    // Validated against the SARIF 2.1.0 JSON schema (draft-04), shipped by @microsoft/jest-sarif.
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const Ajv = require(require.resolve('ajv', { paths: [path.dirname(schemaPath)] })) as new (
      options: object,
    ) => {
      addMetaSchema(schema: object): void;
      validate(schema: object, data: unknown): boolean;
      errors: unknown;
    };
    const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
    const valid = ajv.validate(schema, log);
    expect(ajv.errors, JSON.stringify(ajv.errors)).toBeNull();
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const logging = run.tool.driver.rules.find((r) => r.id === 'no-sensitive-logging')!;
    expect(logging.properties).toMatchObject({
      tags: ['security', 'external/cwe/cwe-532'],
      'security-severity': '5.5',
      precision: 'high',
    });
    expect(logging.help.text).toContain('CWE-532');
    const credentials = run.tool.driver.rules.find((r) => r.id === 'no-hardcoded-credentials')!;
    expect(credentials.properties['security-severity']).toBe('8.0');

    const byRule = (id: string) => run.results.filter((r) => r.ruleId === id);
    const logged = byRule('no-sensitive-logging');
    expect(logged).toHaveLength(2);
    expect(logged.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([4, 6]);
    expect(logged[1]!.suppressions).toEqual([
      { kind: 'inSource', justification: 'only the length is logged' },
    ]);
    expect(logged[0]!.suppressions).toBeUndefined();
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.partialFingerprints['secureMigrate/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(byRule('no-hardcoded-credentials')[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'src/config.ts',
    );
    // The unparsable file is a tool notification, and the run is marked unsuccessful.
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(JSON.stringify(run.invocations[0]!.toolExecutionNotifications)).toContain('src/broken.ts');
  });

  it('gitlab: a Code Quality report; github: annotations with escaped text', async () => {
    const dir = project({ 'src/a.ts': 'export function f(token: string) {\n  console.log(token);\n}\n' });
    const gitlab = await runInProcess(['check', '--no-types', '--format', 'gitlab'], dir);
    expect(gitlab.code).toBe(1);
    expect(JSON.parse(gitlab.stdout)).toEqual([
      {
        description: '"token" is logged.',
        check_name: 'secure-migrate/test-logging',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'major',
        categories: ['Security'],
        location: { path: 'src/a.ts', lines: { begin: 2 } },
      },
    ]);
    const github = await runInProcess(['check', '--no-types', '--format', 'github'], dir);
    expect(github.code).toBe(1);
    expect(github.stdout).toBe(
      '::error file=src/a.ts,line=2,col=15,title=secure-migrate/test-logging::"token" is logged.\n' +
        '::notice title=secure-migrate check::secure-migrate: 1 finding(s)\n',
    );
  });

  it('paths are relative to the repository root when check runs in a subdirectory', async () => {
    const dir = project({ 'packages/api/src/a.ts': 'console.log(token);\n' });
    const result = await runInProcess(
      ['check', '--no-types', '--format', 'gitlab'],
      path.join(dir, 'packages/api'),
    );
    expect((JSON.parse(result.stdout) as { location: { path: string } }[])[0]!.location.path).toBe(
      'packages/api/src/a.ts',
    );
  });
});

describe('--tsconfig', () => {
  it('a missing or broken --tsconfig is a usage error with the reason', async () => {
    const dir = project({
      'a.ts': 'console.log(token);\n',
      'broken.json': '{ "compilerOptions": { "strict": "very" } }\n',
      'empty/tsconfig.json': '{ "include": ["nothing/*.ts"] }\n',
    });
    const missing = await runInProcess(['check', '--tsconfig', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--tsconfig nope.json: no such file');
    const broken = await runInProcess(['check', '--tsconfig', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/--tsconfig broken\.json: .*strict/);
    const empty = await runInProcess(['check', '--tsconfig', 'empty'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--tsconfig empty: it includes no files');
  });

  it('a broken tsconfig found by itself is a warning, and the run goes on without types', async () => {
    const dir = project({
      'a.ts': 'console.log(token);\n',
      'tsconfig.json': '{ "compilerOptions": { "target": 42 } }\n',
    });
    const result = await runInProcess(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('warning: tsconfig.json cannot be used');
  });
});

describe('check --shard with a baseline', () => {
  it('each shard compares with its own files, and merge-reports adds the counts up', async () => {
    const dir = project({
      'src/a.ts': 'export function a(token: string) {\n  console.log(token);\n}\n',
      'src/b.ts': 'export function b(password: string) {\n  console.log(password);\n}\n',
    });
    await runInProcess(['check', '--no-types', '--update-baseline'], dir);
    write(dir, 'src/b.ts', 'export function b(password: string) {\n  console.log(password.length);\n}\n');
    write(
      dir,
      'src/a.ts',
      `${read(dir, 'src/a.ts')}export function c(token: string) {\n  console.log(token);\n}\n`,
    );
    const args = ['check', '--no-types', '--json', '--baseline', '.secure-migrate-baseline.json'];
    const one = await runInProcess([...args, '--shard', '1/2'], dir);
    const two = await runInProcess([...args, '--shard', '2/2'], dir);
    expect((JSON.parse(one.stdout) as Report).baseline).toMatchObject({ baselined: 1, new: 1, fixed: 0 });
    expect((JSON.parse(two.stdout) as Report).baseline).toMatchObject({ baselined: 0, new: 0, fixed: 1 });
    write(dir, 'one.json', one.stdout);
    write(dir, 'two.json', two.stdout);
    const merged = await runInProcess(['merge-reports', '--json', 'one.json', 'two.json'], dir);
    const report = JSON.parse(merged.stdout) as Report;
    expect(report.baseline).toMatchObject({ baselined: 1, new: 1, fixed: 1 });
    expect(report.exitCode).toBe(1);
  });
});

describe('suppression comments, parsed', () => {
  it('read rule names, the reason after --, and leave free text after a bare marker alone', () => {
    expect(
      parseIgnoreComment('// secure-migrate-ignore-next-line no-sensitive-logging -- printed on purpose'),
    ).toEqual({ rules: ['no-sensitive-logging'], reason: 'printed on purpose' });
    expect(
      parseIgnoreComment(
        '/* secure-migrate-ignore-next-line secure-migrate/no-sensitive-logging, no-plaintext-cache-write -- why */',
      ),
    ).toEqual({ rules: ['no-sensitive-logging', 'no-plaintext-cache-write'], reason: 'why' });
    expect(parseIgnoreComment('// secure-migrate-ignore')).toEqual({ rules: [] });
    expect(parseIgnoreComment('// secure-migrate-ignore reviewed by hand')).toEqual({ rules: [] });
    expect(parseIgnoreComment('// secure-migrate-ignore -- reviewed by hand')).toEqual({
      rules: [],
      reason: 'reviewed by hand',
    });
    // A double dash inside a word is not the separator.
    expect(parseIgnoreComment('// secure-migrate-ignore-next-line no-sensitive-logging a--b')).toEqual({
      rules: ['no-sensitive-logging'],
    });
    expect(parseIgnoreComment('// secure-migrate-ignored')).toBeUndefined();
    expect(parseIgnoreComment('// eslint-disable-next-line')).toBeUndefined();
  });
});

describe('site identity', () => {
  it('ignores formatting, and names the enclosing classes and functions', () => {
    expect(normaliseCode('f(\n  a,\n  b,\n)')).toBe(normaliseCode('f(a, b)'));
    const source = [
      'class UserService {',
      '  login(token) {',
      '    const run = () => log(token);',
      '  }',
      '}',
      'export const handler = function () { log(1); };',
      'log(2);',
    ].join('\n');
    const ast = parse(source, { range: true, loc: true });
    const calls: TSESTree.CallExpression[] = [];
    const visit = (node: TSESTree.Node, parent?: TSESTree.Node): void => {
      (node as TSESTree.Node & { parent?: TSESTree.Node }).parent = parent;
      if (node.type === 'CallExpression') calls.push(node);
      for (const [key, value] of Object.entries(node)) {
        if (key === 'parent') continue;
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof child === 'object' && 'type' in child) visit(child as TSESTree.Node, node);
        }
      }
    };
    visit(ast);
    expect(calls.map((c) => enclosingScope(c))).toEqual(['UserService.login.run', 'handler', '']);
  });
});
