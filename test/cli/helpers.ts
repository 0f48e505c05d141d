import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from 'eslint';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { main } from '../../src/cli/main.js';

/**
 * A small stand-in rule for CLI tests: flags `console.*(x)` where `x` is an identifier named like a secret.
 * `raw*` names get no suggestion (the transform must leave a TODO); `broken*` names get a suggestion that adds a
 * type error (for --verify); `bad*` names get a suggestion whose output does not parse.
 */
export const testRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    hasSuggestions: true,
    messages: { leak: '"{{name}}" is logged.', wrap: 'Wrap it' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return;
        if (callee.object.name !== 'console') return;
        for (const arg of node.arguments) {
          if (arg.type !== 'Identifier' || !/token|password/i.test(arg.name)) continue;
          const text = arg.name.startsWith('broken')
            ? `${arg.name}.notAMethod()`
            : arg.name.startsWith('bad')
              ? `sanitizeForLogging((${arg.name})`
              : `sanitizeForLogging(${arg.name})`;
          context.report({
            node: arg,
            messageId: 'leak',
            data: { name: arg.name },
            suggest: arg.name.startsWith('raw')
              ? []
              : [{ messageId: 'wrap', fix: (fixer) => fixer.replaceText(arg, text) }],
          });
        }
      },
    };
  },
};

export const testTransform: TransformDefinition = {
  name: 'test-logging',
  rule: 'test-logging',
  summary: 'test stand-in',
  mayApply: (source) => source.includes('console.'),
  entries: () => [{ name: 'test-logging', rule: testRule, todoHint: 'Decide what to log.' }],
};

/** Creates a temporary directory with files; with `git`, a repository with everything committed. */
export function makeProject(
  files: Record<string, string>,
  options: { git?: boolean; commit?: boolean } = {},
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-migrate-cli-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  if (options.git ?? true) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('config', 'commit.gpgsign', 'false');
    if (options.commit ?? true) {
      git('add', '-A');
      git('commit', '-q', '-m', 'fixtures');
    }
  }
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's main() in this process, with the test transform, or the registry's transforms for `null`. */
export async function runInProcess(
  args: readonly string[],
  cwd: string,
  transforms: readonly TransformDefinition[] | null = [testTransform],
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    ...(transforms ? { transforms } : {}),
  });
  return { code, stdout, stderr };
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const BIN = path.join(ROOT, 'bin/secure-migrate.js');

/** Runs the real bin (`node bin/secure-migrate.js`), which needs `npm run build` first. */
export function runBin(args: readonly string[], cwd: string, input?: string): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function gitApplyCheck(dir: string, patch: string): { ok: boolean; stderr: string } {
  const result = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: patch, encoding: 'utf8' });
  return { ok: result.status === 0, stderr: result.stderr };
}
