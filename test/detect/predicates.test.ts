import { analyze } from '@typescript-eslint/scope-manager';
import {
  AST_NODE_TYPES,
  parse,
  parseAndGenerateServices,
  simpleTraverse,
  type TSESTree,
} from '@typescript-eslint/typescript-estree';
import { fixturesDir } from '../helpers/rule-tester.js';
import {
  createDetectContext,
  findCacheClientCreation,
  findCacheClientCreations,
  findCacheWriteFindings,
  findSensitiveLogArguments,
  findUnsafeAssignments,
  getCacheWriteFindings,
  getHardcodedCredential,
  getLogCall,
  getSensitiveLogArguments,
  getUnsafeAssignment,
  isSensitiveExpression,
  sanitizeLogArgumentEdit,
  type DetectOptions,
} from '../../src/detect/index.js';
import { sanitizeForLogging } from '@secure-migrate/runtime/log';

/** Parses like a codemod does (typescript-estree + scope-manager) and returns a context and a node finder. */
function setup(code: string, options: DetectOptions = {}) {
  const ast = parse(code, { range: true, loc: true, comment: true });
  const scopeManager = analyze(ast, { sourceType: 'module' });
  const ctx = createDetectContext({ ast, text: code, scopeManager, options, filename: 'src/app.ts' });
  const nodes: TSESTree.Node[] = [];
  simpleTraverse(ast, { enter: (n) => void nodes.push(n) }, true);
  const calls = nodes.filter((n): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression);
  const assignments = nodes.filter(
    (n): n is TSESTree.AssignmentExpression => n.type === AST_NODE_TYPES.AssignmentExpression,
  );
  const literals = nodes.filter((n): n is TSESTree.Literal => n.type === AST_NODE_TYPES.Literal);
  return { ctx, calls, assignments, literals };
}

describe('isSensitiveExpression', () => {
  const first = (code: string, options?: DetectOptions) => {
    const { ctx, calls } = setup(`log(${code});`, options);
    const call = calls[0]!;
    return isSensitiveExpression(call.arguments[0]!, ctx);
  };

  it('names what is sensitive and why', () => {
    expect(first('user.password')).toMatchObject({
      name: 'user.password',
      category: 'credential',
      reason: 'name',
    });
    expect(first("headers['x-api-key']")).toMatchObject({ name: 'headers["x-api-key"]', reason: 'name' });
    expect(first('`Bearer ${tokens.accessToken}`')).toMatchObject({
      name: 'tokens.accessToken',
      category: 'token',
    });
    expect(first('req.headers')).toMatchObject({ reason: 'headers' });
    expect(first('{ ok: true, nested: { refreshToken } }')).toMatchObject({ name: 'refreshToken' });
  });

  it('stops at derivatives and safe wrappers', () => {
    for (const code of [
      'token.length',
      'typeof password',
      "password ? 'set' : 'unset'",
      'Boolean(apiKey)',
      'sanitizeForLogging(user)',
      'bcrypt.hash(password, 10)',
      'tokenExpiresAt',
      'secretName',
      'password === input',
    ]) {
      expect(first(code), code).toBeNull();
    }
  });

  it('honours extra and allowed names', () => {
    expect(first('internalCode', { extraSensitiveNames: ['internalCode'] })).toMatchObject({
      name: 'internalCode',
    });
    expect(first('sessionStore', { allowedNames: ['sessionStore'] })).toBeNull();
  });
});

describe('loggers and caches from a codemod parse', () => {
  it('recognises a log call by how its receiver was created', () => {
    const { ctx, calls } = setup(
      "import pino from 'pino';\nconst out = pino();\nout.info({ token });\nother.info(token);",
    );
    const [, logCall, otherCall] = calls;
    expect(getLogCall(ctx, logCall!)?.evidence).toBe('creation');
    expect(getLogCall(ctx, otherCall!)).toBeNull();
    expect(getSensitiveLogArguments(ctx, logCall!).map((f) => f.finding.name)).toEqual(['token']);
  });

  it('finds the client construction to wrap in secureCache, also through a pipeline', () => {
    const code =
      "import Redis from 'ioredis';\nconst redis = new Redis(url);\nawait redis.pipeline().set(`session:${id}`, data).exec();";
    const { ctx, calls } = setup(code);
    const set = calls.find(
      (c) => code.slice(c.callee.range[0], c.callee.range[1]) === 'redis.pipeline().set',
    )!;
    const [finding] = getCacheWriteFindings(ctx, set);
    expect(finding).toMatchObject({ reason: 'keyPrefix', category: 'session' });
    const creation = findCacheClientCreation(ctx, finding!.write.receiver)!;
    expect(code.slice(creation.range[0], creation.range[1])).toBe('new Redis(url)');
  });

  it('treats secureCache clients as safe', () => {
    const { ctx, calls } = setup(
      "const redis = secureCache(new Redis());\nawait redis.set('k', accessToken);",
    );
    const set = calls.at(-1)!;
    expect(getCacheWriteFindings(ctx, set)).toEqual([]);
  });
});

describe('assignments and credentials', () => {
  it('offers the declared fields of an interface, naming the privileged ones, never an initialiser literal', () => {
    const { ctx, assignments } = setup(
      'interface P { name: string; role: string; bio: string }\nfunction f(p: P, req) { p[req.body.k] = 1; const q = { a: 1 }; q[req.body.k] = req.body; }',
    );
    expect(getUnsafeAssignment(ctx, assignments[0]!)).toMatchObject({
      kind: 'computed',
      reach: { kind: 'input', from: 'req.body' },
      declared: { typeName: 'P', allow: ['name', 'bio'], privileged: ['role'] },
      isStatement: true,
    });
    const literal = getUnsafeAssignment(ctx, assignments[1]!);
    expect(literal).toMatchObject({ kind: 'computed' });
    expect(literal?.declared).toBeUndefined();
  });

  it('reports a hard-coded secret with its kind or name', () => {
    const { ctx, literals } = setup(
      "const dbPassword = 'hunter2';\nconst url = 'postgres://app:s3cr3t-pw@db:5432/app';",
    );
    const [pw, url] = literals;
    expect(getHardcodedCredential(ctx, pw!)).toMatchObject({
      kind: 'name',
      name: 'dbPassword',
    });
    expect(getHardcodedCredential(ctx, url!)).toMatchObject({
      kind: 'pattern',
      secretKind: 'url-password',
    });
  });
});

describe('findCacheClientCreations', () => {
  it('lists unwrapped constructions with their binding and export status', () => {
    const code = [
      "import Redis from 'ioredis';",
      "import { createClient } from 'redis';",
      'export const redis = new Redis(url);',
      "const client = await createClient().on('error', log).connect();",
      'const safe = secureCache(new Redis());',
      'export { client };',
      'class Store { kv = new Keyv(); }',
    ].join('\n');
    const { ctx } = setup(code);
    const found = findCacheClientCreations(ctx).map((c) => ({
      text: code.slice(c.node.range[0], c.node.range[1]),
      name: c.name,
      exported: c.exported,
    }));
    expect(found).toEqual([
      { text: 'new Redis(url)', name: 'redis', exported: true },
      { text: "await createClient().on('error', log).connect()", name: 'client', exported: true },
      { text: 'new Keyv()', name: 'kv', exported: false },
    ]);
  });
});

describe('whole-file finders with type information (parseAndGenerateServices)', () => {
  it('finds every site, judging objects by their type', () => {
    const code = [
      "import Redis from 'ioredis';",
      'interface User { id: string; password: string }',
      'const redis = new Redis();',
      "import type { Request } from 'express';",
      'export async function save(u: User, o: Record<string, object>, req: Request) {',
      '  const k = String(req.query.k);',
      '  console.log(u);',
      '  await redis.set(u.id, JSON.stringify(u));',
      '  o[k] = u;',
      '}',
    ].join('\n');
    const filePath = `${fixturesDir}file.ts`;
    const { ast, services } = parseAndGenerateServices(code, {
      filePath,
      range: true,
      loc: true,
      comment: true,
      projectService: true,
      tsconfigRootDir: fixturesDir,
    });
    const scopeManager = analyze(ast, { sourceType: 'module' });
    const ctx = createDetectContext({ ast, text: code, scopeManager, services, filename: filePath });
    expect(ctx.checker).toBeDefined();
    expect(findSensitiveLogArguments(ctx).map((f) => f.finding.reason)).toEqual(['type']);
    expect(findCacheWriteFindings(ctx).map((f) => f.name)).toEqual(['u (its type has "password")']);
    expect(findUnsafeAssignments(ctx).map((f) => f.kind)).toEqual(['computed']);
  });
});

describe('sanitizeLogArgumentEdit', () => {
  /** Applies the edit to `log(<expr>)` and evaluates the new argument with the real runtime. */
  function redactedOutput(declarations: Record<string, unknown>, expression: string): unknown {
    const { ctx, calls } = setup(`log(${expression});`);
    const call = calls[0]!;
    const argument = call.arguments[0]!;
    const finding = isSensitiveExpression(argument, ctx)!;
    const edit = sanitizeLogArgumentEdit(ctx, argument, finding)!;
    const text = ctx.text.slice(0, edit.range[0]) + edit.text + ctx.text.slice(edit.range[1]);
    const names = Object.keys(declarations);
    const body = `return ${text.slice('log('.length, -');'.length)};`;
    // Evaluating the suggested code with the real runtime is the point of this test.
    return new Function('sanitizeForLogging', ...names, body)(
      sanitizeForLogging,
      ...Object.values(declarations),
    );
  }
  const SECRET = 'opaque-9f8e7d6c5b4a';

  it('produces calls the runtime actually redacts', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ accessToken: SECRET }, 'accessToken'],
      [{ user: { password: SECRET } }, 'user.password'],
      [{ getPassword: () => SECRET }, 'getPassword()'],
      [{ credentials: { user: 'u', pass: SECRET } }, 'JSON.stringify(credentials)'],
      [{ user: { name: 'n', password: SECRET } }, '{ name: user.name, password: user.password }'],
      [{ session: { id: SECRET } }, 'session'],
    ];
    for (const [declarations, expression] of cases) {
      const output = JSON.stringify(redactedOutput(declarations, expression));
      expect(output, expression).not.toContain(SECRET);
      expect(output, expression).toContain('[REDACTED]');
    }
  });

  it('offers no edit for a secret embedded in a message string', () => {
    const { ctx, calls } = setup('log(`token: ${token}`);');
    const argument = calls[0]!.arguments[0]!;
    expect(sanitizeLogArgumentEdit(ctx, argument, isSensitiveExpression(argument, ctx)!)).toBeNull();
  });
});
