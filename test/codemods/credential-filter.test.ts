import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { definition } from '../../codemods/hardcoded-credentials.js';
import { mayHoldCredential } from '../../codemods/lib/credential-filter.js';
import { runRules } from '../../codemods/lib/engine.js';
import { parseTree } from '../../codemods/lib/parser.js';
import { processFile } from '../../src/cli/process-file.js';
import { writeRepositoryCorpus } from '../bench/corpus.js';

type Case = string | { code: string; filename?: string; options?: unknown[] };
const collected = vi.hoisted(() => [] as { valid: Case[]; invalid: Case[] }[]);
vi.mock('../helpers/rule-tester.js', () => ({
  createUntypedRuleTester: () => ({
    run: (_name: string, _rule: unknown, tests: { valid: Case[]; invalid: Case[] }) => collected.push(tests),
  }),
}));

/** Sites `no-hardcoded-credentials` reports in a file, run as the transform runs it (default options). */
function reports(filePath: string, source: string): number {
  return runRules({ filePath, source, rules: definition.entries() }).sites.length;
}

const filter = (filePath: string, source: string): boolean => mayHoldCredential(parseTree(filePath, source));

describe('the hardcoded-credentials tree filter', () => {
  it('passes every case of the rule tests the rule reports on', async () => {
    await import('../rules/no-hardcoded-credentials.test.js');
    const cases = collected.flatMap((t) => [...t.valid, ...t.invalid]);
    expect(cases.length).toBeGreaterThan(30);
    let reported = 0;
    for (const c of cases) {
      const { code, filename } = typeof c === 'string' ? { code: c, filename: undefined } : c;
      const file = path.join('/app', filename ?? 'src/sample.ts');
      if (reports(file, code) === 0) continue;
      reported++;
      expect(filter(file, code), code).toBe(true);
    }
    expect(reported).toBeGreaterThanOrEqual(12);
  });

  it('passes secrets bound to names it sees only as literals, private names and key arguments', () => {
    const token = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');
    const cases = [
      "class Vault { #password = 'Tr0ub4dor&3'; }",
      "const settings = { 'api key': 'k-92f1c0e2aa' };",
      'const settings = { [`clientSecret`]: `s-92f1c0e2aa` };',
      "const hmac = createHmac('sha256', 'm4c-k3y-material');",
      "const key = process.env['SESSION_SECRET'] ?? 'dev';",
      "export const INTEG_TEST_KEY = 'cf667c93a1b24e0f9d8e7c6b5a4f3e2d';",
      // An escape sequence in the source: the filter judges the value, as the rule does.
      `const t = '${token.slice(0, 4)}\\u0061${token.slice(5)}';`,
    ];
    for (const code of cases) {
      expect(reports('/app/src/sample.ts', code), code).toBeGreaterThan(0);
      expect(filter('/app/src/sample.ts', code), code).toBe(true);
    }
  });

  it('rules out files whose strings and names hold no credential', () => {
    const code = [
      "import { Router } from 'express';",
      'const router = Router();',
      "router.get('/items', (req, res) => res.json({ status: 'ok', items: [], label: 'Items' === req.query.q }));",
      "export const DEFAULTS = { region: 'eu-west', currency: 'EUR', retries: 3 };",
    ].join('\n');
    expect(filter('/app/src/routes.ts', code)).toBe(false);
    expect(filter('/app/src/routes.ts', `${code}\nconst apiKey = 'k-92f1c0e2aa';`)).toBe(true);
  });

  it('agrees with the rule on a generated code base and on the real-code corpus', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secure-migrate-credential-filter-'));
    try {
      const generated = writeRepositoryCorpus(dir, {
        files: 60,
        seed: 4,
        minLines: 100,
        maxLines: 250,
      }).files;
      const corpusDir = fileURLToPath(new URL('../corpus/src/', import.meta.url));
      const real = readdirSync(corpusDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
        .map((e) => path.join(e.parentPath, e.name));
      let ruledOut = 0;
      let withSites = 0;
      for (const file of [...generated, ...real]) {
        const source = readFileSync(file, 'utf8');
        const passes = filter(file, source);
        if (!passes) ruledOut++;
        if (reports(file, source) > 0) {
          withSites++;
          expect(passes, file).toBe(true);
        }
      }
      expect(withSites).toBeGreaterThanOrEqual(3);
      expect(ruledOut).toBeGreaterThan(generated.length / 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spares the lint pass of a file only the credentials transform could touch, and still reports syntax errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secure-migrate-credential-process-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{}\n');
      const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        writeFileSync(file, text);
        return file;
      };
      const entries = vi.fn(definition.entries);
      const spied = [{ ...definition, entries }];
      const settings = { checkOnly: false };
      const clean = processFile(write('clean.ts', "export const region = 'eu-west';\n"), spied, settings);
      expect(clean).toMatchObject({ status: 'unchanged', sites: [] });
      expect(entries).not.toHaveBeenCalled();
      const broken = processFile(write('broken.ts', "export const region = 'eu-west'\n}\n"), spied, settings);
      expect(broken).toMatchObject({ status: 'failed', reason: 'unparsable' });
      const secret = processFile(
        write('secret.ts', "export const apiKey = 'k-92f1c0e2aa';\n"),
        spied,
        settings,
      );
      expect(entries).toHaveBeenCalled();
      expect(secret.status).toBe('changed');
      expect(secret.sites.map((s) => s.rule)).toEqual(['no-hardcoded-credentials']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
