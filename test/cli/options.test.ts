import { EXIT, FLAGS, helpText, parseArgs, parseShard, UsageError } from '../../src/cli/options.js';

const HELP = helpText('1.2.3');
const helpFlags = [
  ...new Set([...HELP.matchAll(/(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b/g)].map((m) => m[1]!)),
];

function acceptedSomewhere(flag: string): boolean {
  const spec = FLAGS.find((f) => f.long === flag || f.short === flag);
  if (!spec) return false;
  const command = spec.commands[0]!;
  const prefix = command === 'migrate' ? [] : [command];
  const sample: Record<string, string> = { '--shard': '1/2', '--workers': '2', '--format': 'sarif' };
  const value = spec.value ? [sample[spec.long] ?? 'x'] : [];
  const extra = command === 'merge-reports' ? ['r.json'] : [];
  parseArgs([...prefix, flag, ...value, ...extra]);
  return true;
}

describe('CLI options', () => {
  it('every flag in --help is accepted, and every accepted flag is in --help', () => {
    expect(helpFlags.length).toBeGreaterThan(10);
    for (const flag of helpFlags) expect(acceptedSomewhere(flag), flag).toBe(true);
    for (const spec of FLAGS) {
      expect(helpFlags, spec.long).toContain(spec.long);
      if (spec.short) expect(helpFlags, spec.short).toContain(spec.short);
    }
  });

  it('documents every exit code in --help', () => {
    for (const code of Object.values(EXIT)) expect(HELP).toMatch(new RegExp(`^  ${code}  `, 'm'));
  });

  it('parses flags, values in both forms, repeated transforms and paths', () => {
    const options = parseArgs([
      'src',
      '-t',
      'a,b',
      '--transform=c',
      '--dry',
      '--workers=3',
      '--shard',
      '2/5',
      'lib',
    ]);
    expect(options).toMatchObject({
      command: 'migrate',
      paths: ['src', 'lib'],
      transforms: ['a', 'b', 'c'],
      dry: true,
      workers: 3,
      shard: { index: 2, total: 5 },
      types: true,
    });
    expect(parseArgs(['check', '--no-types', '.']).command).toBe('check');
    expect(parseArgs(['--', '--weird-file.ts']).paths).toEqual(['--weird-file.ts']);
  });

  it('rejects unknown flags, missing values, and flags of another command', () => {
    expect(() => parseArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseArgs(['--workers'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--dry=yes'])).toThrow(/takes no value/);
    expect(() => parseArgs(['check', '--force'])).toThrow(/does not apply/);
    expect(() => parseArgs(['merge-reports'])).toThrow(/needs the JSON report files/);
  });

  it('says which option was meant, or lists the options of the command when none is near', () => {
    expect(() => parseArgs(['--dryrun'])).toThrow('Unknown option --dryrun. Did you mean --dry?');
    expect(() => parseArgs(['check', '--basline', 'b.json'])).toThrow(
      'Unknown option --basline. Did you mean --baseline?',
    );
    // A flag of another command is named with the commands it belongs to.
    expect(() => parseArgs(['--update-baselin'])).toThrow(
      'Unknown option --update-baselin. Did you mean --update-baseline (check only)?',
    );
    let message = '';
    try {
      parseArgs(['check', '--frobnicate']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Unknown option --frobnicate\. Options of check: --transform, --json, --format, /,
    );
    expect(message).not.toContain('--force');
    expect(() => parseArgs(['check', '--format', 'sarf'])).toThrow(
      '--format needs one of text, json, sarif, github, gitlab, got "sarf". Did you mean sarif?',
    );
  });

  it('parses the check formats, the baseline flags and the suppression option', () => {
    expect(parseArgs(['check', '--format', 'gitlab'])).toMatchObject({ format: 'gitlab', json: false });
    expect(parseArgs(['check', '--json'])).toMatchObject({ format: 'json', json: true });
    expect(parseArgs(['check', '--format=json'])).toMatchObject({ format: 'json', json: true });
    expect(
      parseArgs(['check', '--baseline', 'b.json', '--update-baseline', '--require-suppression-reason']),
    ).toMatchObject({ baseline: 'b.json', updateBaseline: true, requireSuppressionReason: true });
    expect(() => parseArgs(['--format', 'sarif'])).toThrow(/does not apply to a migration/);
    expect(() => parseArgs(['check', '--update-baseline', '--shard', '1/2'])).toThrow(/without --shard/);
  });

  it('parses shards and refuses impossible ones', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(UsageError);
  });
});
