import { makeProject, read, removeProject, runInProcess } from './helpers.js';

const FILES = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', noEmit: true },
    include: ['src'],
  }),
  'src/audit.ts': `interface User {
  id: string;
  apiKey: string;
}

export function audit(u: User) {
  console.log(u);
}
`,
};

describe('type information from the project tsconfig (registry transforms, in-process)', () => {
  it('is on by default when a tsconfig.json is found, and off with --no-types', async () => {
    const typed = makeProject(FILES);
    const untyped = makeProject(FILES);
    try {
      expect((await runInProcess(['--no-package-json'], typed, null)).code).toBe(0);
      expect(read(typed, 'src/audit.ts')).toContain('console.log(sanitizeForLogging(u));');
      expect((await runInProcess(['--no-package-json', '--no-types'], untyped, null)).code).toBe(0);
      expect(read(untyped, 'src/audit.ts')).toBe(FILES['src/audit.ts']);
    } finally {
      removeProject(typed);
      removeProject(untyped);
    }
  });
});
