import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definition } from '../../codemods/secure-assign.js';
import { runRules } from '../../codemods/lib/engine.js';
import { describeFixtures } from './fixture-suite.js';
import { programFor } from './fixtures.js';

describeFixtures('secure-assign');

describe('secure-assign --allow-lists-from-types', () => {
  const inputPath = fileURLToPath(
    new URL('./__testfixtures__/secure-assign/typed-finite-target.input.ts', import.meta.url),
  );
  const source = readFileSync(inputPath, 'utf8');
  const run = (allowListsFromTypes: boolean) =>
    runRules({
      filePath: inputPath,
      source,
      rules: definition.entries(allowListsFromTypes ? { allowListsFromTypes: true } : {}),
      program: programFor(inputPath, source),
    });

  it('applies the declared fields of the target only when asked, privileged fields left out', () => {
    const opted = run(true).output;
    expect(opted).toContain(
      "secureAssignAll(profile, req.body, { allow: ['displayName', 'bio', 'avatarUrl'] });",
    );
    expect(opted).not.toContain('guardAssignAll(');
    expect(opted).not.toContain('Decide which keys callers may set');
    const byDefault = run(false).output;
    expect(byDefault).toContain('guardAssignAll(profile, req.body);');
    expect(byDefault).not.toContain("{ allow: ['");
  });
});
