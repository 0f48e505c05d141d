/**
 * hardcoded-credentials with `refuseMissingSecrets` (`--refuse-missing-secrets`): `process.env.X || 'literal'`
 * becomes `getSecret('X', { developmentFallback: 'literal' })` with the import in the file's module style; `??`,
 * other shapes and the default run keep their TODO; every site carries its committed value, redacted.
 */
import transform, { redactValue } from '../../codemods/hardcoded-credentials.js';
import { definition } from '../../codemods/hardcoded-credentials.js';
import { runRules, type SiteReport } from '../../codemods/lib/engine.js';

const REFUSE = { refuseMissingSecrets: true };

function migrate(path: string, source: string, options: Record<string, unknown> = REFUSE): string {
  return transform({ path, source }, {}, options) ?? source;
}

function sitesOf(path: string, source: string, refuse = true): SiteReport[] {
  return runRules({
    filePath: path,
    source,
    rules: definition.entries(refuse ? { refuseMissingSecrets: true } : {}),
  }).sites;
}

const GENERATED = 'Xk3Jq9LmP2vR7tW4zB8nC1dF';

describe('hardcoded-credentials --refuse-missing-secrets', () => {
  it('rewrites || in an ES module and imports getSecret from the runtime', () => {
    const input = [
      "import express from 'express';",
      '',
      "export const sessionSecret = process.env.SESSION_SECRET || 'keyboard cat';",
      '',
    ].join('\n');
    expect(migrate('/app/src/config.ts', input)).toBe(
      [
        "import express from 'express';",
        "import { getSecret } from '@secure-migrate/runtime';",
        '',
        "export const sessionSecret = getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' });",
        '',
      ].join('\n'),
    );
  });

  it("rewrites process.env['X'] || \"…\" in CommonJS with a require, keeping the file's quotes", () => {
    const input = [
      "'use strict';",
      '',
      'const secret = process.env["JWT_SECRET"] || "dev-jwt-secret";',
      '',
      'module.exports = { secret };',
      '',
    ].join('\n');
    const output = migrate('/app/src/config.cjs', input);
    expect(output).toContain("'use strict';\nconst { getSecret } = require('@secure-migrate/runtime');\n");
    expect(output).toContain(
      'const secret = getSecret("JWT_SECRET", { developmentFallback: "dev-jwt-secret" });',
    );
    expect(output).not.toContain('secure-migrate: TODO');
    // A second run changes nothing, and the rule no longer reports the fallback.
    expect(migrate('/app/src/config.cjs', output)).toBe(output);
    expect(sitesOf('/app/src/config.cjs', output)).toEqual([]);
  });

  it('imports from --runtime-import, merges into an existing import, and aliases a taken name', () => {
    const merged = migrate(
      '/app/src/a.ts',
      "import { sanitizeForLogging } from '@acme/rt';\nexport const s = process.env.API_SECRET || 'local';\nsanitizeForLogging(s);\n",
      { ...REFUSE, runtimeImport: '@acme/rt' },
    );
    expect(merged).toContain("import { sanitizeForLogging, getSecret } from '@acme/rt';");
    expect(merged).toContain("export const s = getSecret('API_SECRET', { developmentFallback: 'local' });");

    const aliased = migrate(
      '/app/src/b.ts',
      "const getSecret = () => 'x';\nexport const s = process.env.API_SECRET || 'local';\nexport { getSecret };\n",
    );
    expect(aliased).toContain("import { getSecret as getSecret_1 } from '@secure-migrate/runtime';");
    expect(aliased).toContain(
      "export const s = getSecret_1('API_SECRET', { developmentFallback: 'local' });",
    );
  });

  it('leaves ?? with a TODO: it keeps an empty variable, which getSecret reads as missing', () => {
    const input = "export const token = process.env.API_TOKEN ?? 'dev-token';\n";
    const output = migrate('/app/src/c.ts', input);
    expect(output).toContain("export const token = process.env.API_TOKEN ?? 'dev-token';");
    expect(output).not.toContain('import');
    expect(output).toMatch(/TODO \(no-hardcoded-credentials\) process\.env\.API_TOKEN falls back/);
    expect(output).toContain('keeps an empty API_TOKEN');
    const [site] = sitesOf('/app/src/c.ts', input);
    expect(site).toMatchObject({ action: 'todo', messageId: 'envFallback' });
  });

  it('keeps other shapes as TODOs: a chain of variables, a non-literal name, a bound literal', () => {
    const input = [
      "export const sessionSecret = process.env.A_SECRET || process.env.B_SECRET || 'shared-secret';",
      "export const jwtSecret = process.env[secretName] || 'fallback-secret';",
      "export const password = 'hunter2-but-longer';",
      '',
    ].join('\n');
    const output = migrate('/app/src/d.ts', input);
    expect(output).not.toContain('getSecret(');
    expect(output.match(/secure-migrate: TODO/g)).toHaveLength(3);
  });

  it('rewrites a fallback that looks like a real secret and keeps a TODO to rotate it', () => {
    const input = `export const webhook = process.env.WEBHOOK_SECRET || '${GENERATED}';\n`;
    const output = migrate('/app/src/e.ts', input);
    expect(output).toContain(`getSecret('WEBHOOK_SECRET', { developmentFallback: '${GENERATED}' })`);
    expect(output).toMatch(
      /TODO \(no-hardcoded-credentials\) This development fallback of WEBHOOK_SECRET looks/,
    );
    // The rule still reports the committed value, and the marker covers it: a second run adds nothing.
    expect(migrate('/app/src/e.ts', output)).toBe(output);
    const [site] = sitesOf('/app/src/e.ts', output);
    expect(site).toMatchObject({ action: 'todo', marked: true, messageId: 'generatedFallback' });
    // The report of the rewrite says so too.
    const [rewritten] = sitesOf('/app/src/e.ts', input);
    expect(rewritten!.action).toBe('rewritten');
    expect(rewritten!.reason).toMatch(
      /the fallback looks like a real secret: a TODO beside it says to rotate it$/,
    );
  });

  it('changes nothing at run time without the flag: the fallback gets a TODO', () => {
    const input = "export const sessionSecret = process.env.SESSION_SECRET || 'keyboard cat';\n";
    const output = migrate('/app/src/f.ts', input, {});
    expect(output).not.toContain('getSecret(');
    expect(output).toMatch(/secure-migrate\s+(?:\/\/ )?--refuse-missing-secrets\s+(?:\/\/ )?rewrites/);
    // jscodeshift passes flags as strings.
    expect(migrate('/app/src/f.ts', input, { refuseMissingSecrets: 'true' })).toContain('getSecret(');
  });

  it('says per site that the rewrite is the behaviour change, and lists every value to rotate, redacted', () => {
    const input = [
      "export const sessionSecret = process.env.SESSION_SECRET || 'keyboard cat';",
      "export const token = process.env.API_TOKEN ?? 'dev-token-1234';",
      "export const db = { password: 'hunter2-but-longer' };",
      '',
    ].join('\n');
    const rewritten = sitesOf('/app/src/g.ts', input, true);
    expect(rewritten.map((s) => [s.line, s.action])).toEqual([
      [1, 'rewritten'],
      [2, 'todo'],
      [3, 'todo'],
    ]);
    expect(rewritten[0]!.reason).toMatch(
      /rewritten to getSecret\('SESSION_SECRET'\): behaviour change \(--refuse-missing-secrets\): a production process .* without SESSION_SECRET now refuses to start/,
    );
    expect(rewritten.map((s) => s.secret)).toEqual([
      { name: 'SESSION_SECRET', kind: 'fallback of process.env.SESSION_SECRET', redacted: 'ke…(12 chars)' },
      { name: 'API_TOKEN', kind: 'fallback of process.env.API_TOKEN', redacted: 'de…(14 chars)' },
      { name: 'password', kind: 'hard-coded credential', redacted: 'hun…(18 chars)' },
    ]);
    const plain = sitesOf('/app/src/g.ts', input, false);
    expect(plain.every((s) => s.action === 'todo')).toBe(true);
    expect(plain.map((s) => s.secret)).toEqual(rewritten.map((s) => s.secret));
    for (const site of [...rewritten, ...plain]) {
      const text = JSON.stringify(site);
      for (const value of ['keyboard cat', 'dev-token-1234', 'hunter2-but-longer'])
        expect(text).not.toContain(value);
    }
  });

  it('redacts a value to a few characters (none for short ones) or its published prefix, and its length', () => {
    expect(redactValue('dev')).toBe('…(3 chars)');
    expect(redactValue('correct-horse-battery')).toBe('cor…(21 chars)');
    expect(redactValue(['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_'))).toBe('ghp_…(40 chars)');
    expect(redactValue(['sk', 'live', 'abcdefghijklmnop1234'].join('_'))).toBe('sk_live_…(28 chars)');
  });
});
