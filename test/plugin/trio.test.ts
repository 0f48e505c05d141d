/** Every rule and every codemod is a trio with one name: source, test, doc. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleIds } from './lint.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Source modules of a folder that are one rule or one transform each (not indexes, registries or helpers). */
function unitsIn(folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => e.name.slice(0, -'.ts'.length))
    .filter((name) => !['index', 'registry', 'types', 'utils', 'util', 'create-rule'].includes(name))
    .filter((name) => !name.startsWith('_'))
    .sort();
}

const missing = (paths: string[]) => paths.filter((p) => !existsSync(join(root, p)));

describe('rule trios', () => {
  const rules = unitsIn('rules');

  it('the plugin exports exactly the rules in rules/', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(ruleIds()).toEqual(rules);
  });

  it.each(rules)('%s has a test and a doc', (id) => {
    expect(missing([`test/rules/${id}.test.ts`, `docs/rules/${id}.md`])).toEqual([]);
  });
});

describe('codemod trios', () => {
  const codemods = unitsIn('codemods');

  it('every codemod in codemods/ has a test and a doc', () => {
    expect(
      missing(codemods.flatMap((name) => [`test/codemods/${name}.test.ts`, `docs/codemods/${name}.md`])),
    ).toEqual([]);
  });
});
