import { makeProject, read, removeProject, runInProcess } from './helpers.js';

const FILES = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', noEmit: true },
    include: ['src'],
  }),
  // The type lives in another module: only the checker sees that a User holds an API key.
  'src/user.ts': `export interface User {
  id: string;
  apiKey: string;
}
`,
  'src/audit.ts': `import type { User } from './user';

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
