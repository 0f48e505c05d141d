import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../cli/build.js';
import { FIXTURES } from './fixtures.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

interface RunnerResult {
  ok: number;
  nochange: number;
  skip: number;
  error: number;
}

beforeAll(() => ensureBuilt(), 300_000);

describe('jscodeshift compatibility', () => {
  it("jscodeshift's Runner runs a built transform (--no-babel, in band) and writes the fixture output", async () => {
    const { run } = require('jscodeshift/src/Runner.js') as {
      run(transform: string, paths: string[], options: Record<string, unknown>): Promise<RunnerResult>;
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-jscodeshift-'));
    try {
      const fixture = path.join(FIXTURES, 'sanitize-logging');
      const target = path.join(dir, 'basic.ts');
      copyFileSync(path.join(fixture, 'basic.input.ts'), target);
      const transform = path.join(ROOT, 'dist/codemods/sanitize-logging.js');
      const dry = await run(transform, [target], {
        dry: true,
        runInBand: true,
        babel: false,
        silent: true,
        extensions: 'ts',
      });
      expect(dry).toMatchObject({ ok: 1, error: 0 });
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(path.join(fixture, 'basic.input.ts'), 'utf8'));
      const real = await run(transform, [target], {
        runInBand: true,
        babel: false,
        silent: true,
        extensions: 'ts',
      });
      expect(real).toMatchObject({ ok: 1, error: 0 });
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(path.join(fixture, 'basic.output.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
