/**
 * A deterministic generator of a realistic back-end code base for benchmarks: Express, NestJS and Fastify services
 * with controllers, services, repositories, middleware, utilities (loops, dictionary building, reads by key),
 * logging, cache calls and config modules. Most of it is ordinary code; a small, seeded share contains the mistakes
 * the plugin and the codemods look for (a token logged, a session cached in plaintext, `Object.assign(x, req.body)`,
 * a hard-coded password), so benchmarks measure realistic work and report counts.
 *
 * The same seed and file count always produce the same bytes.
 */
import { mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WriteCorpusOptions {
  /**
   * A `node_modules` folder to link into the corpus so that imports (express, ioredis, pino, ...) resolve and a
   * type-aware run sees real types. Without it, imports stay unresolved.
   */
  nodeModules?: string;
}

/** Mulberry32: a small, fast, seeded PRNG. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  rand: () => number;
  pick<T>(xs: readonly T[]): T;
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

function createGen(seed: number): Gen {
  const rand = createRandom(seed);
  return {
    rand,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!,
    int: (min, max) => min + Math.floor(rand() * (max - min + 1)),
    chance: (p) => rand() < p,
  };
}

const ENTITIES = [
  'order',
  'invoice',
  'product',
  'customer',
  'shipment',
  'review',
  'coupon',
  'payment',
  'tenant',
  'project',
  'ticket',
  'subscription',
  'warehouse',
  'notification',
  'report',
  'article',
] as const;

const FIELDS = [
  ['title', 'string'],
  ['status', 'string'],
  ['amount', 'number'],
  ['quantity', 'number'],
  ['createdAt', 'number'],
  ['updatedAt', 'number'],
  ['ownerId', 'string'],
  ['region', 'string'],
  ['priority', 'number'],
  ['archived', 'boolean'],
  ['currency', 'string'],
  ['tags', 'string[]'],
] as const;

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

function entityType(g: Gen, name: string): { type: string; fields: (readonly [string, string])[] } {
  const fields = FIELDS.filter(() => g.chance(0.55));
  if (fields.length < 3) fields.push(FIELDS[0], FIELDS[1], FIELDS[2]);
  const body = fields.map(([f, t]) => `  ${f}: ${t};`).join('\n');
  return { type: `export interface ${cap(name)} {\n  id: string;\n${body}\n}\n`, fields };
}

function expressController(g: Gen, entity: string, index: number): string {
  const E = cap(entity);
  const { type, fields } = entityType(g, entity);
  const numeric = fields.filter(([, t]) => t === 'number').map(([f]) => f);
  const sumField = numeric[0] ?? 'priority';
  const lines: string[] = [
    `import { Router, type Request, type Response, type NextFunction } from 'express';`,
    `import { pino } from 'pino';`,
    `import { Redis } from 'ioredis';`,
    ``,
    `const logger = pino({ name: '${entity}-controller-${index}' });`,
    `const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');`,
    `export const ${entity}Router${index} = Router();`,
    ``,
    type,
    `const store = new Map<string, ${E}>();`,
    ``,
    `function parseLimit(value: unknown): number {`,
    `  const n = Number(value);`,
    `  return Number.isInteger(n) && n > 0 && n <= 100 ? n : 20;`,
    `}`,
    ``,
    `${entity}Router${index}.get('/${entity}s', async (req: Request, res: Response) => {`,
    `  const limit = parseLimit(req.query.limit);`,
    `  const cached = await redis.get('${entity}s:list:' + limit);`,
    `  if (cached) {`,
    `    res.type('json').send(cached);`,
    `    return;`,
    `  }`,
    `  const items = [...store.values()].slice(0, limit);`,
    `  const byStatus: Record<string, number> = {};`,
    `  for (const item of items) {`,
    `    const key = String((item as unknown as Record<string, unknown>)['status'] ?? 'unknown');`,
    `    byStatus[key] = (byStatus[key] ?? 0) + 1;`,
    `  }`,
    `  await redis.set('${entity}s:list:' + limit, JSON.stringify({ items, byStatus }), 'EX', 30);`,
    `  logger.info({ count: items.length, limit, requestId: req.header('x-request-id') }, 'listed ${entity}s');`,
    `  res.json({ items, byStatus });`,
    `});`,
    ``,
    `${entity}Router${index}.get('/${entity}s/:id', async (req: Request, res: Response, next: NextFunction) => {`,
    `  try {`,
    `    const item = store.get(String(req.params.id));`,
    `    if (!item) {`,
    `      logger.warn({ id: req.params.id }, '${entity} not found');`,
    `      res.status(404).json({ error: 'not found' });`,
    `      return;`,
    `    }`,
    `    res.json(item);`,
    `  } catch (err) {`,
    `    logger.error({ err }, 'failed to load ${entity}');`,
    `    next(err);`,
    `  }`,
    `});`,
    ``,
    `${entity}Router${index}.get('/${entity}s/stats/${sumField}', (_req: Request, res: Response) => {`,
    `  let total = 0;`,
    `  const buckets: number[] = [];`,
    `  for (const item of store.values()) {`,
    `    const value = Number((item as unknown as Record<string, unknown>)['${sumField}'] ?? 0);`,
    `    total += value;`,
    `    const b = Math.min(9, Math.floor(value / 10));`,
    `    buckets[b] = (buckets[b] ?? 0) + 1;`,
    `  }`,
    `  res.json({ total, buckets });`,
    `});`,
    ``,
  ];
  if (g.chance(0.25)) {
    lines.push(
      `${entity}Router${index}.patch('/${entity}s/:id', (req: Request, res: Response) => {`,
      `  const item = store.get(String(req.params.id));`,
      `  if (!item) {`,
      `    res.status(404).end();`,
      `    return;`,
      `  }`,
      `  Object.assign(item, req.body);`,
      `  res.json(item);`,
      `});`,
      ``,
    );
  } else {
    const editable = fields.filter(([, t]) => t === 'string').map(([f]) => `'${f}'`);
    lines.push(
      `const EDITABLE = new Set<string>([${editable.join(', ')}]);`,
      ``,
      `${entity}Router${index}.patch('/${entity}s/:id', (req: Request, res: Response) => {`,
      `  const item = store.get(String(req.params.id));`,
      `  if (!item) {`,
      `    res.status(404).end();`,
      `    return;`,
      `  }`,
      `  const patch: Record<string, string> = {};`,
      `  for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {`,
      `    if (EDITABLE.has(key) && typeof value === 'string') patch[key] = value.trim();`,
      `  }`,
      `  store.set(item.id, { ...item, ...patch, updatedAt: Date.now() } as ${E});`,
      `  logger.info({ id: item.id, fields: Object.keys(patch) }, '${entity} updated');`,
      `  res.json(store.get(item.id));`,
      `});`,
      ``,
    );
  }
  if (g.chance(0.15)) {
    lines.push(
      `${entity}Router${index}.post('/${entity}s/import', async (req: Request, res: Response) => {`,
      `  const token = req.headers.authorization ?? '';`,
      `  logger.debug(\`import requested with \${token}\`);`,
      `  res.status(202).end();`,
      `});`,
      ``,
    );
  }
  return lines.join('\n');
}

function nestService(g: Gen, entity: string, index: number): string {
  const E = cap(entity);
  const { type, fields } = entityType(g, entity);
  const strField = fields.find(([, t]) => t === 'string')?.[0] ?? 'title';
  const lines = [
    `import { Injectable, Logger } from '@nestjs/common';`,
    `import type { Cache } from 'cache-manager';`,
    ``,
    type,
    `export interface ${E}Page {`,
    `  items: ${E}[];`,
    `  nextCursor: string | null;`,
    `}`,
    ``,
    `@Injectable()`,
    `export class ${E}Service${index} {`,
    `  private readonly logger = new Logger('${E}Service${index}');`,
    `  private readonly items: ${E}[] = [];`,
    ``,
    `  constructor(private readonly cacheManager: Cache) {}`,
    ``,
    `  async page(cursor: string | null, size = 25): Promise<${E}Page> {`,
    `    const key = \`${entity}s:page:\${cursor ?? 'first'}:\${size}\`;`,
    `    const hit = await this.cacheManager.get<${E}Page>(key);`,
    `    if (hit) return hit;`,
    `    const start = cursor ? this.items.findIndex((i) => i.id === cursor) + 1 : 0;`,
    `    const items = this.items.slice(start, start + size);`,
    `    const nextCursor = items.length === size ? (items[items.length - 1]?.id ?? null) : null;`,
    `    const result = { items, nextCursor };`,
    `    await this.cacheManager.set(key, result, 60_000);`,
    `    this.logger.log(\`page of \${items.length} ${entity}s from \${cursor ?? 'start'}\`);`,
    `    return result;`,
    `  }`,
    ``,
    `  groupBy${cap(strField)}(): Map<string, ${E}[]> {`,
    `    const groups = new Map<string, ${E}[]>();`,
    `    for (const item of this.items) {`,
    `      const k = String(item.${strField});`,
    `      const list = groups.get(k) ?? [];`,
    `      list.push(item);`,
    `      groups.set(k, list);`,
    `    }`,
    `    return groups;`,
    `  }`,
    ``,
    `  index(): Record<string, ${E}> {`,
    `    const byId: Record<string, ${E}> = {};`,
    `    for (let i = 0; i < this.items.length; i++) {`,
    `      const item = this.items[i];`,
    `      if (item) byId[item.id] = item;`,
    `    }`,
    `    this.logger.debug(\`indexed \${Object.keys(byId).length} ${entity}s\`);`,
    `    return byId;`,
    `  }`,
    ``,
  ];
  if (g.chance(0.2)) {
    lines.push(
      `  async rememberAccess(userId: string, accessToken: string): Promise<void> {`,
      `    await this.cacheManager.set(\`token:\${userId}\`, accessToken, 900_000);`,
      `    this.logger.log(\`cached access for \${userId}\`);`,
      `  }`,
      ``,
    );
  }
  if (g.chance(0.1)) {
    lines.push(
      `  debugCredentials(password: string): void {`,
      `    this.logger.debug(\`password was \${password}\`);`,
      `  }`,
      ``,
    );
  }
  lines.push(`}`, ``);
  return lines.join('\n');
}

function repository(g: Gen, entity: string, index: number): string {
  const E = cap(entity);
  const { type, fields } = entityType(g, entity);
  const cols = fields.map(([f]) => f);
  return [
    type,
    `type Row = Record<string, string | number | boolean | null>;`,
    `const COLUMNS = [${cols.map((c) => `'${c}'`).join(', ')}] as const;`,
    `type Column = (typeof COLUMNS)[number];`,
    ``,
    `export class ${E}Repository${index} {`,
    `  private readonly rows: Row[] = [];`,
    ``,
    `  insert(row: Row): void {`,
    `    this.rows.push({ ...row });`,
    `  }`,
    ``,
    `  select(columns: readonly Column[], where: Partial<Record<Column, unknown>> = {}): Row[] {`,
    `    const out: Row[] = [];`,
    `    for (const row of this.rows) {`,
    `      let match = true;`,
    `      for (const [column, value] of Object.entries(where)) {`,
    `        if (row[column] !== value) {`,
    `          match = false;`,
    `          break;`,
    `        }`,
    `      }`,
    `      if (!match) continue;`,
    `      const projected: Row = {};`,
    `      for (const column of columns) projected[column] = row[column] ?? null;`,
    `      out.push(projected);`,
    `    }`,
    `    return out;`,
    `  }`,
    ``,
    `  toSql(table: string, columns: readonly Column[]): string {`,
    `    const quoted = columns.map((c) => \`"\${c}"\`).join(', ');`,
    `    return \`SELECT \${quoted} FROM "\${table}" LIMIT ${g.int(10, 500)}\`;`,
    `  }`,
    ``,
    `  countBy(column: Column): Record<string, number> {`,
    `    const counts: Record<string, number> = {};`,
    `    for (const row of this.rows) {`,
    `      const key = String(row[column]);`,
    `      counts[key] = (counts[key] ?? 0) + 1;`,
    `    }`,
    `    return counts;`,
    `  }`,
    ``,
    `  update(id: string, patch: Row): boolean {`,
    `    const row = this.rows.find((r) => r['id'] === id);`,
    `    if (!row) return false;`,
    g.chance(0.3)
      ? `    Object.assign(row, patch);`
      : `    for (const column of COLUMNS) if (column in patch) row[column] = patch[column] ?? null;`,
    `    return true;`,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

function middleware(g: Gen, index: number): string {
  const lines = [
    `import type { NextFunction, Request, Response } from 'express';`,
    `import { Redis } from 'ioredis';`,
    `import winston from 'winston';`,
    ``,
    `const redis = new Redis({ host: process.env.REDIS_HOST ?? 'localhost', port: 6379 });`,
    `const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });`,
    `const WINDOW = ${g.int(10, 120)};`,
    `const LIMIT = ${g.int(50, 1000)};`,
    ``,
    `export async function rateLimit${index}(req: Request, res: Response, next: NextFunction): Promise<void> {`,
    `  const ip = req.ip ?? 'unknown';`,
    `  const hits = await redis.incr(\`ratelimit:${index}:\${ip}\`);`,
    `  if (hits === 1) await redis.expire(\`ratelimit:${index}:\${ip}\`, WINDOW);`,
    `  await redis.set(\`seen:\${ip}\`, Date.now(), 'EX', WINDOW);`,
    `  if (hits > LIMIT) {`,
    `    logger.warn('rate limited', { ip, hits });`,
    `    res.status(429).end();`,
    `    return;`,
    `  }`,
    `  next();`,
    `}`,
    ``,
    `export function requestLog${index}(req: Request, res: Response, next: NextFunction): void {`,
    `  const started = process.hrtime.bigint();`,
    `  res.on('finish', () => {`,
    `    const ms = Number(process.hrtime.bigint() - started) / 1e6;`,
    `    logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms });`,
    `  });`,
    `  next();`,
    `}`,
    ``,
    `export function requireAuth${index}(req: Request, res: Response, next: NextFunction): void {`,
    `  const header = req.headers.authorization;`,
    `  if (!header?.startsWith('Bearer ')) {`,
    `    logger.info('missing bearer token', { path: req.path, hasHeader: header !== undefined });`,
    `    res.status(401).end();`,
    `    return;`,
    `  }`,
  ];
  if (g.chance(0.3)) {
    lines.push(
      `  const token = header.slice(7);`,
      `  logger.debug('auth token', { token });`,
      `  redis.set(\`session:\${token.slice(0, 8)}\`, JSON.stringify({ token, at: Date.now() })).catch(() => undefined);`,
    );
  }
  lines.push(`  next();`, `}`, ``);
  return lines.join('\n');
}

function utils(g: Gen, index: number): string {
  return [
    `export function wordFrequencies${index}(text: string): Record<string, number> {`,
    `  const counts: Record<string, number> = {};`,
    `  for (const word of text.toLowerCase().split(/\\W+/)) {`,
    `    if (word.length < ${g.int(2, 4)}) continue;`,
    `    counts[word] = (counts[word] ?? 0) + 1;`,
    `  }`,
    `  return counts;`,
    `}`,
    ``,
    `export function chunk${index}<T>(items: readonly T[], size: number): T[][] {`,
    `  const out: T[][] = [];`,
    `  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));`,
    `  return out;`,
    `}`,
    ``,
    `export function pluck${index}<T extends object, K extends keyof T>(items: readonly T[], key: K): T[K][] {`,
    `  return items.map((item) => item[key]);`,
    `}`,
    ``,
    `export function invert${index}(map: Record<string, string>): Record<string, string> {`,
    `  const out: Record<string, string> = {};`,
    `  for (const key of Object.keys(map)) {`,
    `    const value = map[key];`,
    `    if (value !== undefined) out[value] = key;`,
    `  }`,
    `  return out;`,
    `}`,
    ``,
    `export function matrix${index}(rows: number, cols: number): number[][] {`,
    `  const m: number[][] = [];`,
    `  for (let r = 0; r < rows; r++) {`,
    `    const row: number[] = [];`,
    `    for (let c = 0; c < cols; c++) row[c] = r * cols + c;`,
    `    m[r] = row;`,
    `  }`,
    `  return m;`,
    `}`,
    ``,
    `export function slugify${index}(input: string): string {`,
    `  return input`,
    `    .normalize('NFKD')`,
    `    .replace(/[\\u0300-\\u036f]/g, '')`,
    `    .toLowerCase()`,
    `    .replace(/[^a-z0-9]+/g, '-')`,
    `    .replace(/^-+|-+$/g, '');`,
    `}`,
    ``,
    `export function retry${index}<T>(fn: () => Promise<T>, attempts = ${g.int(2, 5)}): Promise<T> {`,
    `  return fn().catch((err: unknown) => {`,
    `    if (attempts <= 1) throw err;`,
    `    return new Promise<void>((resolve) => setTimeout(resolve, ${g.int(10, 200)})).then(() => retry${index}(fn, attempts - 1));`,
    `  });`,
    `}`,
    ``,
  ].join('\n');
}

function configModule(g: Gen, index: number): string {
  const lines = [
    `export interface AppConfig${index} {`,
    `  port: number;`,
    `  logLevel: string;`,
    `  redisUrl: string;`,
    `  databaseUrl: string;`,
    `  jwtSecret: string;`,
    `  features: Record<string, boolean>;`,
    `}`,
    ``,
    `const FEATURES = [${['search', 'exports', 'beta', 'audit', 'sso', 'billing']
      .filter(() => g.chance(0.6))
      .map((f) => `'${f}'`)
      .join(', ')}];`,
    ``,
    `export function loadConfig${index}(env: NodeJS.ProcessEnv = process.env): AppConfig${index} {`,
    `  const features: Record<string, boolean> = {};`,
    `  for (const name of FEATURES) features[name] = env[\`FEATURE_\${name.toUpperCase()}\`] === 'true';`,
    `  return {`,
    `    port: Number(env.PORT ?? '${g.int(3000, 9000)}'),`,
    `    logLevel: env.LOG_LEVEL ?? 'info',`,
    `    redisUrl: env.REDIS_URL ?? 'redis://localhost:6379',`,
    `    databaseUrl: env.DATABASE_URL ?? 'postgres://app@localhost:5432/app',`,
    g.chance(0.2) ? `    jwtSecret: env.JWT_SECRET || 'dev-secret',` : `    jwtSecret: env.JWT_SECRET ?? '',`,
    `    features,`,
    `  };`,
    `}`,
    ``,
    `export const SECRET_NAMES${index} = ['JWT_SECRET', 'DATABASE_URL'] as const;`,
    `export const AUTH_HEADER${index} = 'authorization';`,
    ``,
  ];
  return lines.join('\n');
}

function fastifyRoutes(g: Gen, entity: string, index: number): string {
  const E = cap(entity);
  const { type } = entityType(g, entity);
  return [
    `import type { FastifyInstance } from 'fastify';`,
    ``,
    type,
    `export async function ${entity}Routes${index}(app: FastifyInstance): Promise<void> {`,
    `  const items = new Map<string, ${E}>();`,
    ``,
    `  app.get('/${entity}s/:id', async (request, reply) => {`,
    `    const id = request.params['id'] ?? '';`,
    `    const cached = await app.redis.get(\`${entity}:\${id}\`);`,
    `    if (cached) return reply.send(JSON.parse(cached));`,
    `    const item = items.get(id);`,
    `    if (!item) return reply.code(404).send({ error: 'not found' });`,
    `    await app.redis.set(\`${entity}:\${id}\`, JSON.stringify(item), 'EX', ${g.int(30, 600)});`,
    `    request.log.info({ id }, '${entity} loaded');`,
    `    return reply.send(item);`,
    `  });`,
    ``,
    `  app.post('/${entity}s/:id/tags', async (request, reply) => {`,
    `    const id = request.params['id'] ?? '';`,
    `    const tags = Array.isArray(request.body) ? request.body.map(String) : [];`,
    `    const counts: Record<string, number> = {};`,
    `    for (const tag of tags) counts[tag] = (counts[tag] ?? 0) + 1;`,
    `    request.log.debug({ id, tags: tags.length }, 'tags counted');`,
    `    return reply.send(counts);`,
    `  });`,
    g.chance(0.2)
      ? [
          ``,
          `  app.post('/${entity}s/login', async (request, reply) => {`,
          `    const { password } = request.body as { password: string };`,
          `    request.log.info(\`login with \${password}\`);`,
          `    return reply.code(204).send();`,
          `  });`,
        ].join('\n')
      : '',
    `}`,
    ``,
  ].join('\n');
}

const VENDOR_DTS = `declare module '@nestjs/common' {
  type ClassDecorator = <T extends abstract new (...args: never[]) => unknown>(
    target: T,
    context: ClassDecoratorContext<T>,
  ) => void;
  export function Injectable(): ClassDecorator;
  export class Logger {
    constructor(context?: string);
    log(message: unknown, ...optionalParams: unknown[]): void;
    error(message: unknown, ...optionalParams: unknown[]): void;
    warn(message: unknown, ...optionalParams: unknown[]): void;
    debug(message: unknown, ...optionalParams: unknown[]): void;
  }
}

declare module 'fastify' {
  import type { Redis } from 'ioredis';
  import type { Logger } from 'pino';
  export interface FastifyRequest {
    body: unknown;
    params: Record<string, string | undefined>;
    log: Logger;
  }
  export interface FastifyReply {
    code(status: number): FastifyReply;
    send(payload?: unknown): FastifyReply;
  }
  type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  export interface FastifyInstance {
    redis: Redis;
    get(path: string, handler: Handler): void;
    post(path: string, handler: Handler): void;
  }
}
`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

type Kind = 'controller' | 'service' | 'repository' | 'middleware' | 'utils' | 'config' | 'fastify';
const KINDS: readonly Kind[] = [
  'controller',
  'controller',
  'service',
  'service',
  'repository',
  'repository',
  'middleware',
  'utils',
  'utils',
  'config',
  'fastify',
];

function render(g: Gen, kind: Kind, index: number): { path: string; text: string } {
  const entity = g.pick(ENTITIES);
  switch (kind) {
    case 'controller':
      return {
        path: `src/controllers/${entity}-${index}.controller.ts`,
        text: expressController(g, entity, index),
      };
    case 'service':
      return { path: `src/services/${entity}-${index}.service.ts`, text: nestService(g, entity, index) };
    case 'repository':
      return {
        path: `src/repositories/${entity}-${index}.repository.ts`,
        text: repository(g, entity, index),
      };
    case 'middleware':
      return { path: `src/middleware/middleware-${index}.ts`, text: middleware(g, index) };
    case 'utils':
      return { path: `src/utils/utils-${index}.ts`, text: utils(g, index) };
    case 'config':
      return { path: `src/config/config-${index}.ts`, text: configModule(g, index) };
    case 'fastify':
      return { path: `src/routes/${entity}-${index}.routes.ts`, text: fastifyRoutes(g, entity, index) };
  }
}

/**
 * Writes `files` TypeScript source files (plus `tsconfig.json`, `package.json` and `src/vendor.d.ts`) into `dir`
 * and returns the absolute paths of the source files, in a stable order. Same `seed`, same bytes.
 */
export function writeCorpus(
  dir: string,
  files: number,
  seed = 1,
  options: WriteCorpusOptions = {},
): string[] {
  const g = createGen(seed);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), TSCONFIG);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-corpus', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'src', 'vendor.d.ts'), VENDOR_DTS);
  if (options.nodeModules && !existsSync(join(dir, 'node_modules'))) {
    symlinkSync(options.nodeModules, join(dir, 'node_modules'), 'dir');
  }
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const { path, text } = render(g, KINDS[i % KINDS.length]!, i);
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    paths.push(abs);
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------------------
// A repository-sized corpus: hundreds of files of 100–800 lines, TypeScript and JavaScript (ESM and CommonJS),
// in the proportions of a real back-end repository. Most files have nothing to rewrite; a seeded share holds the
// mistakes the transforms fix (a token or password logged, a session cached in plaintext, request bodies copied
// into objects, a hard-coded secret).
// ---------------------------------------------------------------------------------------------------------------

/** Options of {@link writeRepositoryCorpus}. */
export interface RepositoryCorpusOptions extends WriteCorpusOptions {
  /** Source files to write (default 800). */
  files?: number;
  seed?: number;
  /** Lines per file, inclusive bounds (default 100–800). */
  minLines?: number;
  maxLines?: number;
}

/** What {@link writeRepositoryCorpus} wrote. */
export interface RepositoryCorpus {
  /** Absolute paths of the source files, in a stable order. */
  files: string[];
  /** Lines of all source files. */
  lines: number;
  /** Files per extension (`.ts`, `.js`, `.mjs`, `.cjs`). */
  extensions: Record<string, number>;
  /** Files with at least one planted site. */
  planted: number;
}

/** What a unit of code is written in. */
interface Lang {
  ts: boolean;
  esm: boolean;
}

/** A mistake the transforms fix, planted in a seeded share of files. */
type Site = 'log-secret' | 'cache-session' | 'assign-body' | 'dynamic-key' | 'secret';

interface Unit {
  (n: number): string;
}

interface FileContext extends Lang {
  g: Gen;
  /** Entity name (`order`) and its capitalised form (`Order`). */
  e: string;
  E: string;
  /** A type annotation in TypeScript, nothing in JavaScript. */
  T: (annotation: string) => string;
}

const REPO_FIELDS = [
  ['title', 'string', `'untitled'`],
  ['amount', 'number', '0'],
  ['quantity', 'number', '1'],
  ['ownerId', 'string', `''`],
  ['region', 'string', `'eu-west'`],
  ['priority', 'number', '3'],
  ['archived', 'boolean', 'false'],
  ['currency', 'string', `'EUR'`],
  ['notes', 'string', `''`],
  ['score', 'number', '0'],
] as const;

type RepoField = (typeof REPO_FIELDS)[number];

function pickFields(g: Gen): RepoField[] {
  const fields = REPO_FIELDS.filter(() => g.chance(0.5));
  return fields.length ? fields : [REPO_FIELDS[0], REPO_FIELDS[1]];
}

function entityDeclaration(c: FileContext, fields: readonly RepoField[]): string {
  if (c.ts) {
    return [
      `export interface ${c.E} {`,
      `  id: string;`,
      `  status: '${c.e}-open' | '${c.e}-closed' | 'pending';`,
      `  createdAt: number;`,
      `  updatedAt: number;`,
      ...fields.map(([f, t]) => `  ${f}: ${t};`),
      `}`,
      ``,
    ].join('\n');
  }
  return [
    `/**`,
    ` * @typedef {object} ${c.E}`,
    ` * @property {string} id`,
    ` * @property {string} status`,
    ` * @property {number} createdAt`,
    ` * @property {number} updatedAt`,
    ...fields.map(([f, t]) => ` * @property {${t}} ${f}`),
    ` */`,
    ``,
  ].join('\n');
}

function randomToken(g: Gen, length: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[g.int(0, alphabet.length - 1)];
  return s;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A hard-coded secret of a seeded kind: a provider key, a password or a signing secret. */
function secretLine(c: FileContext, n: number): string {
  const g = c.g;
  switch (g.int(0, 3)) {
    case 0:
      return `const PAYMENT_KEY_${n} = '${'sk_' + 'live_'}${randomToken(g, 24, ALNUM)}';`;
    case 1:
      return `const AWS_ACCESS_KEY_${n} = '${'AK' + 'IA'}${randomToken(g, 16, UPPER_ALNUM)}';`;
    case 2:
      return `const dbPassword${n} = '${randomToken(g, 6, ALNUM)}-${randomToken(g, 5, ALNUM)}!';`;
    default:
      return `const jwtSecret${n} = process.env.JWT_SECRET || '${randomToken(g, 20, ALNUM)}';`;
  }
}

// ---- Express routers (TypeScript ESM, or JavaScript CommonJS/ESM) ---------------------------------------------

function routerHeader(c: FileContext, fields: readonly RepoField[]): string {
  const head = c.esm
    ? [
        c.ts
          ? `import { Router, type Request, type Response, type NextFunction } from 'express';`
          : `import { Router } from 'express';`,
        `import { pino } from 'pino';`,
        `import { Redis } from 'ioredis';`,
      ]
    : [
        `'use strict';`,
        ``,
        `const { Router } = require('express');`,
        `const { pino } = require('pino');`,
        `const { Redis } = require('ioredis');`,
      ];
  return [
    ...head,
    ``,
    entityDeclaration(c, fields),
    `const logger = pino({ name: '${c.e}-routes' });`,
    `const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');`,
    `${c.esm ? 'export ' : ''}const router = Router();`,
    `const store = new Map${c.ts ? `<string, ${c.E}>` : ''}();`,
    ``,
    `function parseLimit(value${c.T(': unknown')})${c.T(': number')} {`,
    `  const n = Number(value);`,
    `  return Number.isInteger(n) && n > 0 && n <= 100 ? n : 20;`,
    `}`,
    ``,
    `function notFound(res${c.T(': Response')}, id${c.T(': string')})${c.T(': void')} {`,
    `  logger.warn({ id }, '${c.e} not found');`,
    `  res.status(404).json({ error: 'not found', id });`,
    `}`,
    ``,
  ].join('\n');
}

function routerUnits(c: FileContext, fields: readonly RepoField[]): Unit[] {
  const { e, E, T } = c;
  const req = T(': Request');
  const res = T(': Response');
  const next = T(': NextFunction');
  const numeric = fields.filter(([, t]) => t === 'number').map(([f]) => f);
  const strings = fields.filter(([, t]) => t === 'string').map(([f]) => f);
  return [
    (n) => `router.get('/${e}s/v${n}', async (req${req}, res${res}) => {
  const limit = parseLimit(req.query.limit);
  const offset = Math.max(0, Number(req.query.offset) || 0);
  const status = typeof req.query.status === 'string' ? req.query.status : undefined;
  const cacheKey = \`${e}s:v${n}:\${status ?? 'all'}:\${offset}:\${limit}\`;
  const cached = await redis.get(cacheKey);
  if (cached) {
    res.type('json').send(cached);
    return;
  }
  const all = [...store.values()].filter((item) => !status || item.status === status);
  const page = all.slice(offset, offset + limit);
  const body = JSON.stringify({ items: page, total: all.length, offset, limit });
  await redis.set(cacheKey, body, 'EX', ${c.g.int(10, 120)});
  logger.info({ count: page.length, total: all.length, offset, limit }, 'listed ${e}s');
  res.type('json').send(body);
});
`,
    (n) => `router.get('/${e}s/v${n}/:id', (req${req}, res${res}, next${next}) => {
  try {
    const id = String(req.params.id);
    const item = store.get(id);
    if (!item) {
      notFound(res, id);
      return;
    }
    res.set('cache-control', 'private, max-age=${c.g.int(0, 60)}');
    res.json(item);
  } catch (err) {
    logger.error({ err }, 'failed to load ${e}');
    next(err);
  }
});
`,
    (n) => `router.post('/${e}s/v${n}', (req${req}, res${res}) => {
  const input = req.body ?? {};
  const errors${T(': string[]')} = [];
${strings.map((f) => `  if (input.${f} !== undefined && typeof input.${f} !== 'string') errors.push('${f} must be a string');`).join('\n')}
${numeric.map((f) => `  if (input.${f} !== undefined && !Number.isFinite(Number(input.${f}))) errors.push('${f} must be a number');`).join('\n')}
  if (errors.length) {
    res.status(400).json({ errors });
    return;
  }
  const now = Date.now();
  const item = {
    id: \`${e}_\${now.toString(36)}_\${store.size}\`,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
${fields.map(([f, t, d]) => `    ${f}: ${t === 'number' ? `Number(input.${f} ?? ${d})` : t === 'boolean' ? `Boolean(input.${f})` : `String(input.${f} ?? ${d})`},`).join('\n')}
  }${c.ts ? ` as ${E}` : ''};
  store.set(item.id, item);
  logger.info({ id: item.id }, '${e} created');
  res.status(201).json(item);
});
`,
    (n) => `router.delete('/${e}s/v${n}/:id', async (req${req}, res${res}) => {
  const id = String(req.params.id);
  if (!store.delete(id)) {
    notFound(res, id);
    return;
  }
  await redis.del(\`${e}:\${id}\`);
  logger.info({ id, by: req.header('x-user-id') ?? 'anonymous' }, '${e} deleted');
  res.status(204).end();
});
`,
    (n) => `router.get('/${e}s/v${n}/stats', (_req${req}, res${res}) => {
  const byStatus${T(': Record<string, number>')} = {};
  let total = 0;
  const buckets${T(': number[]')} = [];
  for (const item of store.values()) {
    byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
    const value = ${numeric.length ? `Number(item.${numeric[0]} ?? 0)` : 'item.updatedAt - item.createdAt'};
    total += value;
    const bucket = Math.min(9, Math.floor(value / ${c.g.int(5, 50)}));
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  res.json({ byStatus, total, buckets, count: store.size });
});
`,
    (n) => `router.put('/${e}s/v${n}/:id/status', (req${req}, res${res}) => {
  const id = String(req.params.id);
  const item = store.get(id);
  if (!item) {
    notFound(res, id);
    return;
  }
  const next = String(req.body?.status ?? '');
  const allowed = ['${e}-open', '${e}-closed', 'pending'];
  if (!allowed.includes(next)) {
    res.status(422).json({ error: 'unknown status', allowed });
    return;
  }
  const updated = { ...item, status: next, updatedAt: Date.now() }${c.ts ? ` as ${E}` : ''};
  store.set(id, updated);
  logger.info({ id, from: item.status, to: next }, '${e} status changed');
  res.json(updated);
});
`,
    (n) => `router.get('/${e}s/v${n}/search', (req${req}, res${res}) => {
  const q = String(req.query.q ?? '').trim().toLowerCase();
  if (q.length < 2) {
    res.json({ items: [] });
    return;
  }
  const terms = q.split(/\\s+/).filter(Boolean);
  const scored = [];
  for (const item of store.values()) {
    const text = [${strings.length ? strings.map((f) => `item.${f}`).join(', ') : 'item.id'}].join(' ').toLowerCase();
    let score = 0;
    for (const term of terms) if (text.includes(term)) score++;
    if (score > 0) scored.push({ item, score });
  }
  scored.sort((a, b) => b.score - a.score);
  logger.debug({ q, hits: scored.length }, '${e} search');
  res.json({ items: scored.slice(0, ${c.g.int(10, 50)}).map((s) => s.item) });
});
`,
  ];
}

function routerSites(c: FileContext): Record<Site, Unit | undefined> {
  const { e, T } = c;
  const req = T(': Request');
  const res = T(': Response');
  return {
    'log-secret': (n) => `router.post('/${e}s/v${n}/login', async (req${req}, res${res}) => {
  const { email, password } = req.body;
  logger.info(\`login attempt for \${email} with \${password}\`);
  if (!email || !password) {
    res.status(400).end();
    return;
  }
  res.status(204).end();
});
`,
    'cache-session': (n) => `router.post('/${e}s/v${n}/session', async (req${req}, res${res}) => {
  const sessionId = \`\${Date.now().toString(36)}\${Math.random().toString(36).slice(2)}\`;
  const accessToken = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
  await redis.set(\`session:\${sessionId}\`, JSON.stringify({ userId: req.body.userId, accessToken }), 'EX', 3600);
  res.json({ sessionId });
});
`,
    'assign-body': (n) => `router.patch('/${e}s/v${n}/:id', (req${req}, res${res}) => {
  const item = store.get(String(req.params.id));
  if (!item) {
    notFound(res, String(req.params.id));
    return;
  }
  Object.assign(item, req.body);
  item.updatedAt = Date.now();
  res.json(item);
});
`,
    'dynamic-key': (n) => `router.post('/${e}s/v${n}/:id/fields', (req${req}, res${res}) => {
  const item = store.get(String(req.params.id))${c.ts ? ' as unknown as Record<string, unknown> | undefined' : ''};
  if (!item) {
    res.status(404).end();
    return;
  }
  item[req.body.field] = req.body.value;
  res.json(item);
});
`,
    secret: (n) => `${secretLine(c, n)}\n`,
  };
}

function routerFooter(c: FileContext): string {
  return c.esm ? '' : `module.exports = { router, parseLimit };\n`;
}

// ---- NestJS services (TypeScript) -----------------------------------------------------------------------------

function serviceHeader(c: FileContext, fields: readonly RepoField[]): string {
  return [
    `import { Injectable, Logger } from '@nestjs/common';`,
    `import type { Cache } from 'cache-manager';`,
    ``,
    entityDeclaration(c, fields),
    `export interface ${c.E}Page {`,
    `  items: ${c.E}[];`,
    `  nextCursor: string | null;`,
    `}`,
    ``,
    `@Injectable()`,
    `export class ${c.E}Service {`,
    `  private readonly logger = new Logger('${c.E}Service');`,
    `  private readonly items: ${c.E}[] = [];`,
    ``,
    `  constructor(private readonly cacheManager: Cache) {}`,
    ``,
  ].join('\n');
}

function serviceUnits(c: FileContext, fields: readonly RepoField[]): Unit[] {
  const { e, E } = c;
  const str = fields.find(([, t]) => t === 'string')?.[0];
  const num = fields.find(([, t]) => t === 'number')?.[0];
  return [
    (n) => `  async page${n}(cursor: string | null, size = ${c.g.int(10, 50)}): Promise<${E}Page> {
    const key = \`${e}s:page${n}:\${cursor ?? 'first'}:\${size}\`;
    const hit = await this.cacheManager.get<${E}Page>(key);
    if (hit) return hit;
    const start = cursor ? this.items.findIndex((i) => i.id === cursor) + 1 : 0;
    const items = this.items.slice(start, start + size);
    const last = items[items.length - 1];
    const page = { items, nextCursor: items.length === size && last ? last.id : null };
    await this.cacheManager.set(key, page, ${c.g.int(5, 60)}_000);
    return page;
  }
`,
    (n) => `  groupByStatus${n}(): Map<string, ${E}[]> {
    const groups = new Map<string, ${E}[]>();
    for (const item of this.items) {
      const list = groups.get(item.status) ?? [];
      list.push(item);
      groups.set(item.status, list);
    }
    this.logger.debug(\`grouped \${this.items.length} ${e}s into \${groups.size} groups\`);
    return groups;
  }
`,
    (n) => `  indexById${n}(): Record<string, ${E}> {
    const byId: Record<string, ${E}> = {};
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item) byId[item.id] = item;
    }
    return byId;
  }
`,
    (n) => `  findStale${n}(now = Date.now(), maxAgeMs = ${c.g.int(1, 30)} * 86_400_000): ${E}[] {
    const stale: ${E}[] = [];
    for (const item of this.items) {
      if (now - item.updatedAt > maxAgeMs && item.status !== '${e}-closed') stale.push(item);
    }
    if (stale.length) this.logger.warn(\`\${stale.length} stale ${e}s\`);
    return stale;
  }
`,
    (n) => `  summarise${n}(): { count: number; total: number; average: number } {
    let total = 0;
    for (const item of this.items) total += ${num ? `item.${num}` : 'item.updatedAt - item.createdAt'};
    const count = this.items.length;
    return { count, total, average: count ? total / count : 0 };
  }
`,
    (n) => `  rename${n}(id: string, value: string): ${E} | undefined {
    const index = this.items.findIndex((i) => i.id === id);
    const item = this.items[index];
    if (!item) return undefined;
    const updated: ${E} = { ...item, ${str ? `${str}: value.trim()` : `status: 'pending'`}, updatedAt: Date.now() };
    this.items[index] = updated;
    this.logger.log(\`${e} \${id} updated\`);
    return updated;
  }
`,
    (n) => `  async close${n}(ids: readonly string[]): Promise<number> {
    let closed = 0;
    for (const id of ids) {
      const item = this.items.find((i) => i.id === id);
      if (!item || item.status === '${e}-closed') continue;
      item.status = '${e}-closed';
      item.updatedAt = Date.now();
      await this.cacheManager.del(\`${e}:\${id}\`);
      closed++;
    }
    this.logger.log(\`closed \${closed} of \${ids.length} ${e}s\`);
    return closed;
  }
`,
  ];
}

function serviceSites(c: FileContext): Record<Site, Unit | undefined> {
  return {
    'log-secret': (n) => `  verifyCredentials${n}(email: string, password: string): boolean {
    this.logger.debug(\`checking \${email} / \${password}\`);
    return email.includes('@') && password.length >= 12;
  }
`,
    'cache-session': (n) => `  async rememberAccess${n}(userId: string, accessToken: string): Promise<void> {
    await this.cacheManager.set(\`token:\${userId}\`, accessToken, 900_000);
    this.logger.log(\`cached access for \${userId}\`);
  }
`,
    'assign-body': (n) => `  applyPatch${n}(id: string, patch: Record<string, unknown>): ${c.E} | undefined {
    const item = this.items.find((i) => i.id === id);
    if (item) Object.assign(item, patch);
    return item;
  }
`,
    'dynamic-key': undefined,
    secret: (n) => `  private readonly signingSecret${n} = '${randomToken(c.g, 32, ALNUM)}';
`,
  };
}

// ---- Fastify plugins (TypeScript or ESM JavaScript) -----------------------------------------------------------

function fastifyHeader(c: FileContext, fields: readonly RepoField[]): string {
  return [
    c.ts ? `import type { FastifyInstance } from 'fastify';` : `// Routes of the ${c.e} resource.`,
    ``,
    entityDeclaration(c, fields),
    `const items = new Map${c.ts ? `<string, ${c.E}>` : ''}();`,
    ``,
    `${c.ts ? '' : `/** @param {import('fastify').FastifyInstance} app */\n`}export async function ${c.e}Routes(app${c.T(': FastifyInstance')})${c.T(': Promise<void>')} {`,
  ].join('\n');
}

function fastifyUnits(c: FileContext): Unit[] {
  const { e } = c;
  return [
    (n) => `  app.get('/${e}s/v${n}/:id', async (request, reply) => {
    const id = request.params['id'] ?? '';
    const cached = await app.redis.get(\`${e}:\${id}\`);
    if (cached) return reply.send(JSON.parse(cached));
    const item = items.get(id);
    if (!item) return reply.code(404).send({ error: 'not found' });
    await app.redis.set(\`${e}:\${id}\`, JSON.stringify(item), 'EX', ${c.g.int(30, 600)});
    request.log.info({ id }, '${e} loaded');
    return reply.send(item);
  });
`,
    (n) => `  app.post('/${e}s/v${n}/:id/tags', async (request, reply) => {
    const id = request.params['id'] ?? '';
    const tags = Array.isArray(request.body) ? request.body.map(String) : [];
    const counts${c.T(': Record<string, number>')} = {};
    for (const tag of tags) counts[tag] = (counts[tag] ?? 0) + 1;
    request.log.debug({ id, tags: tags.length }, 'tags counted');
    return reply.send(counts);
  });
`,
    (n) => `  app.get('/${e}s/v${n}', async (request, reply) => {
    const list = [...items.values()];
    const pageSize = ${c.g.int(10, 100)};
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    request.log.info({ pages, size: list.length }, 'listing ${e}s');
    return reply.send({ pages, first: list.slice(0, pageSize) });
  });
`,
  ];
}

function fastifySites(c: FileContext): Record<Site, Unit | undefined> {
  return {
    'log-secret': (n) => `  app.post('/${c.e}s/v${n}/login', async (request, reply) => {
    const { password } = ${c.ts ? `request.body as { password: string }` : 'request.body'};
    request.log.info(\`login with \${password}\`);
    return reply.code(204).send();
  });
`,
    'cache-session': undefined,
    'assign-body': undefined,
    'dynamic-key': undefined,
    secret: undefined,
  };
}

// ---- Models, utilities, configuration, middleware -------------------------------------------------------------

function modelUnits(c: FileContext, fields: readonly RepoField[]): Unit[] {
  const { E, T } = c;
  return [
    (n) =>
      c.ts
        ? `export interface ${E}Summary${n} {
  id: string;
  label: string;
  updatedAt: number;
  flags: readonly string[];
}
`
        : `/** @typedef {{ id: string, label: string, updatedAt: number, flags: string[] }} ${E}Summary${n} */
`,
    (n) => `export class ${E}Dto${n} {
${fields.map(([f, t, d]) => `  ${f}${T(`: ${t}`)} = ${d};`).join('\n')}
  createdAt${T(': number')} = 0;

  static from(input${T(': Record<string, unknown>')})${T(`: ${E}Dto${n}`)} {
    const dto = new ${E}Dto${n}();
${fields.map(([f, t]) => `    if (typeof input.${f} === '${t}') dto.${f} = input.${f}${c.ts ? ` as ${t}` : ''};`).join('\n')}
    dto.createdAt = Number(input.createdAt ?? Date.now());
    return dto;
  }

  validate()${T(': string[]')} {
    const problems${T(': string[]')} = [];
${fields
  .filter(([, t]) => t !== 'boolean')
  .map(([f, t]) =>
    t === 'number'
      ? `    if (!Number.isFinite(this.${f}) || this.${f} < 0) problems.push('${f}: not a positive number');`
      : `    if (this.${f}.length > ${c.g.int(64, 512)}) problems.push('${f}: too long');`,
  )
  .join('\n')}
    return problems;
  }
}
`,
    (n) => `export const ${E.toUpperCase()}_STATUS_${n} = Object.freeze({
  OPEN: '${c.e}-open',
  CLOSED: '${c.e}-closed',
  PENDING: 'pending',
});
`,
    (n) => `export function is${E}${n}(value${T(': unknown')})${T(`: value is ${E}`)} {
  if (typeof value !== 'object' || value === null) return false;
  const v = value${c.ts ? ' as Record<string, unknown>' : ''};
  return typeof v.id === 'string' && typeof v.status === 'string' && typeof v.createdAt === 'number';
}
`,
    (n) => `export function compare${E}s${n}(a${T(`: ${E}`)}, b${T(`: ${E}`)})${T(': number')} {
  if (a.status !== b.status) return a.status < b.status ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id.localeCompare(b.id);
}
`,
  ];
}

function utilUnits(c: FileContext): Unit[] {
  const { T, g } = c;
  return [
    (
      n,
    ) => `export function chunk${n}${c.ts ? '<T>' : ''}(items${T(': readonly T[]')}, size${T(': number')})${T(': T[][]')} {
  const out${T(': T[][]')} = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
`,
    (n) => `export function wordFrequencies${n}(text${T(': string')})${T(': Map<string, number>')} {
  const counts = new Map${c.ts ? '<string, number>' : ''}();
  for (const word of text.toLowerCase().split(/\\W+/)) {
    if (word.length < ${g.int(2, 4)}) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
`,
    (n) => `export function slugify${n}(input${T(': string')})${T(': string')} {
  return input
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
`,
    (
      n,
    ) => `export async function retry${n}${c.ts ? '<T>' : ''}(fn${T(': () => Promise<T>')}, attempts = ${g.int(2, 5)})${T(': Promise<T>')} {
  let last${T(': unknown')};
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      await new Promise((resolve) => setTimeout(resolve, ${g.int(10, 200)} * 2 ** i));
    }
  }
  throw last;
}
`,
    (n) => `export function matrix${n}(rows${T(': number')}, cols${T(': number')})${T(': number[][]')} {
  const m${T(': number[][]')} = [];
  for (let r = 0; r < rows; r++) {
    const row${T(': number[]')} = [];
    for (let col = 0; col < cols; col++) row.push(r * cols + col);
    m.push(row);
  }
  return m;
}
`,
    (n) => `export function formatBytes${n}(bytes${T(': number')})${T(': string')} {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return \`\${value.toFixed(unit === 0 ? 0 : 1)} \${units[unit]}\`;
}
`,
    (n) => `export function debounce${n}(fn${T(': (...args: unknown[]) => void')}, ms = ${g.int(50, 500)}) {
  let timer${T(': ReturnType<typeof setTimeout> | undefined')};
  return (...args${T(': unknown[]')}) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
`,
    (
      n,
    ) => `export function groupBy${n}${c.ts ? '<T, K extends PropertyKey>' : ''}(items${T(': readonly T[]')}, key${T(': (item: T) => K')}) {
  const out = new Map${c.ts ? '<K, T[]>' : ''}();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
`,
    (n) => `export function parseDuration${n}(text${T(': string')})${T(': number')} {
  const match = /^(\\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(\`invalid duration: \${text}\`);
  const value = Number(match[1]);
  switch (match[2]) {
    case 'ms':
      return value;
    case 's':
      return value * 1000;
    case 'm':
      return value * 60_000;
    case 'h':
      return value * 3_600_000;
    default:
      return value * 86_400_000;
  }
}
`,
  ];
}

function configUnits(c: FileContext): Unit[] {
  const { T, g } = c;
  return [
    (n) => `export function readInt${n}(name${T(': string')}, fallback${T(': number')})${T(': number')} {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value)) throw new Error(\`\${name} must be an integer\`);
  return value;
}
`,
    (n) => `export const database${n} = {
  host: process.env.DB_HOST ?? 'localhost',
  port: Number(process.env.DB_PORT ?? ${g.int(5400, 5499)}),
  name: process.env.DB_NAME ?? 'app_${n}',
  pool: { min: ${g.int(0, 2)}, max: ${g.int(5, 50)}, idleTimeoutMs: ${g.int(1, 30)}_000 },
  ssl: process.env.DB_SSL === 'true',
};
`,
    (n) => `export const features${n} = Object.fromEntries(
  [${['search', 'exports', 'beta', 'audit', 'sso', 'billing']
    .filter(() => g.chance(0.6))
    .map((f) => `'${f}'`)
    .join(', ')}].map((name) => [name, process.env[\`FEATURE_\${name.toUpperCase()}\`] === 'true']),
);
`,
    (n) => `export const http${n} = {
  port: Number(process.env.PORT ?? ${g.int(3000, 9000)}),
  trustProxy: process.env.TRUST_PROXY === '1',
  corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean),
  bodyLimit: '${g.int(1, 20)}mb',
  timeouts: { headers: ${g.int(5, 60)}_000, request: ${g.int(30, 300)}_000 },
};
`,
  ];
}

function middlewareHeader(c: FileContext): string {
  const head = c.esm
    ? [
        c.ts ? `import type { NextFunction, Request, Response } from 'express';` : '',
        `import { Redis } from 'ioredis';`,
        `import winston from 'winston';`,
      ]
    : [`'use strict';`, ``, `const { Redis } = require('ioredis');`, `const winston = require('winston');`];
  return [
    ...head.filter(Boolean),
    ``,
    `const redis = new Redis({ host: process.env.REDIS_HOST ?? 'localhost', port: 6379 });`,
    `const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });`,
    ``,
  ].join('\n');
}

function middlewareUnits(c: FileContext): Unit[] {
  const { T, g } = c;
  const sig = `req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}`;
  const ex = 'export ';
  return [
    (n) => `${ex}async function rateLimit${n}(${sig})${T(': Promise<void>')} {
  const ip = req.ip ?? 'unknown';
  const hits = await redis.incr(\`ratelimit:${n}:\${ip}\`);
  if (hits === 1) await redis.expire(\`ratelimit:${n}:\${ip}\`, ${g.int(10, 120)});
  if (hits > ${g.int(50, 1000)}) {
    logger.warn('rate limited', { ip, hits });
    res.status(429).end();
    return;
  }
  next();
}
`,
    (n) => `${ex}function requestLog${n}(${sig})${T(': void')} {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms });
  });
  next();
}
`,
    (n) => `${ex}function requireRole${n}(role${T(': string')}) {
  return (${sig})${T(': void')} => {
    const roles = String(req.header('x-roles') ?? '').split(',');
    if (!roles.includes(role)) {
      logger.info('forbidden', { path: req.path, role });
      res.status(403).end();
      return;
    }
    next();
  };
}
`,
    (
      n,
    ) => `${ex}function errorHandler${n}(err${T(': Error')}, req${T(': Request')}, res${T(': Response')}, _next${T(': NextFunction')})${T(': void')} {
  const status = (err${c.ts ? ' as { status?: number }' : ''}).status ?? 500;
  logger.error('request failed', { path: req.path, status, message: err.message });
  res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });
}
`,
  ];
}

function middlewareSites(c: FileContext): Record<Site, Unit | undefined> {
  const { T } = c;
  const sig = `req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}`;
  const ex = 'export ';
  return {
    'log-secret': (n) => `${ex}function requireAuth${n}(${sig})${T(': void')} {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    res.status(401).end();
    return;
  }
  const token = header.slice(7);
  logger.debug('auth token', { token });
  next();
}
`,
    'cache-session': (n) => `${ex}async function rememberSession${n}(${sig})${T(': Promise<void>')} {
  const token = String(req.headers.authorization ?? '').slice(7);
  await redis.set(\`session:\${token.slice(0, 8)}\`, JSON.stringify({ token, at: Date.now() }));
  next();
}
`,
    'assign-body': undefined,
    'dynamic-key': (n) => `${ex}function copyPreferences${n}(${sig})${T(': void')} {
  const prefs${T(': Record<string, unknown>')} = {};
  for (const key of Object.keys(req.body)) prefs[key] = req.body[key];
  res.locals.prefs = prefs;
  next();
}
`,
    secret: undefined,
  };
}

type RepoKind = 'router' | 'service' | 'fastify' | 'model' | 'util' | 'config' | 'middleware';

/** Kinds by weight: most files of a back end are models, utilities and services. */
const REPO_KINDS: readonly (readonly [RepoKind, number])[] = [
  ['router', 18],
  ['service', 14],
  ['fastify', 6],
  ['model', 22],
  ['util', 22],
  ['config', 6],
  ['middleware', 12],
];

/** Where a file goes and what it is written in: TypeScript ESM under src/, CommonJS JavaScript under server/. */
function placement(g: Gen, kind: RepoKind): { dir: string; ext: string; lang: Lang } {
  const tsEsm = { dir: 'src', ext: '.ts', lang: { ts: true, esm: true } };
  const jsCjs = { dir: 'server', ext: '.js', lang: { ts: false, esm: false } };
  const cjs = { dir: 'src', ext: '.cjs', lang: { ts: false, esm: false } };
  const mjs = { dir: 'src', ext: '.mjs', lang: { ts: false, esm: true } };
  const r = g.rand();
  switch (kind) {
    case 'service':
      return tsEsm;
    case 'fastify':
      return r < 0.7 ? tsEsm : mjs;
    case 'config':
      return r < 0.5 ? tsEsm : r < 0.8 ? cjs : jsCjs;
    case 'util':
      return r < 0.6 ? tsEsm : r < 0.75 ? mjs : r < 0.85 ? cjs : jsCjs;
    default:
      return r < 0.7 ? tsEsm : jsCjs;
  }
}

function pickKind(g: Gen): RepoKind {
  const total = REPO_KINDS.reduce((n, [, w]) => n + w, 0);
  let r = g.rand() * total;
  for (const [kind, weight] of REPO_KINDS) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'util';
}

const countLines = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

interface Parts {
  header: string;
  units: Unit[];
  sites: Partial<Record<Site, Unit | undefined>>;
  footer: string;
  /** Where the planted `secret` line goes: the top level (before the class) or among the units. */
  subdir: string;
}

function fileParts(c: FileContext, kind: RepoKind): Parts {
  const fields = pickFields(c.g);
  switch (kind) {
    case 'router':
      return {
        header: routerHeader(c, fields),
        units: routerUnits(c, fields),
        sites: routerSites(c),
        footer: routerFooter(c),
        subdir: 'routes',
      };
    case 'service':
      return {
        header: serviceHeader(c, fields),
        units: serviceUnits(c, fields),
        sites: serviceSites(c),
        footer: '}\n',
        subdir: 'services',
      };
    case 'fastify':
      return {
        header: fastifyHeader(c, fields),
        units: fastifyUnits(c),
        sites: fastifySites(c),
        footer: '}\n',
        subdir: 'plugins',
      };
    case 'model':
      return {
        header: `${c.esm ? '' : `'use strict';\n\n`}${entityDeclaration(c, fields)}`,
        units: c.esm ? modelUnits(c, fields) : modelUnits(c, fields).filter((_, i) => i !== 0),
        sites: {},
        footer: '',
        subdir: 'models',
      };
    case 'util':
      return { header: '', units: utilUnits(c), sites: {}, footer: '', subdir: 'utils' };
    case 'config':
      return {
        header: `${c.esm ? '' : `'use strict';\n\n`}`,
        units: configUnits(c),
        sites: { secret: (n) => `${secretLine(c, n)}\n` },
        footer: '',
        subdir: 'config',
      };
    case 'middleware':
      return {
        header: middlewareHeader(c),
        units: middlewareUnits(c),
        sites: middlewareSites(c),
        footer: '',
        subdir: 'middleware',
      };
  }
}

/** CommonJS files export with `module.exports`; utilities and models written as ESM are rewritten here. */
function toCommonJs(text: string): string {
  const names: string[] = [];
  const body = text.replace(
    /^export (async function|function|class|const) (\w+)/gm,
    (_m, what: string, name: string) => {
      names.push(name);
      return `${what} ${name}`;
    },
  );
  return names.length ? `${body}\nmodule.exports = {\n${names.map((n) => `  ${n},\n`).join('')}};\n` : body;
}

const REPO_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      allowJs: true,
      checkJs: false,
      experimentalDecorators: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['src', 'server'],
  },
  null,
  2,
)}\n`;

const REPO_VENDOR_DTS = `declare module '@nestjs/common' {
  export function Injectable(): ClassDecorator;
  export class Logger {
    constructor(context?: string);
    log(message: unknown, ...optionalParams: unknown[]): void;
    error(message: unknown, ...optionalParams: unknown[]): void;
    warn(message: unknown, ...optionalParams: unknown[]): void;
    debug(message: unknown, ...optionalParams: unknown[]): void;
  }
}

declare module 'cache-manager' {
  export interface Cache {
    get<T>(key: string): Promise<T | undefined>;
    set(key: string, value: unknown, ttl?: number): Promise<void>;
    del(key: string): Promise<void>;
  }
}
${VENDOR_DTS.slice(VENDOR_DTS.indexOf(`declare module 'fastify'`))}`;

/**
 * Writes a repository-sized code base into `dir`: `options.files` source files (default 800) of
 * `minLines`–`maxLines` lines (default 100–800), TypeScript ESM under `src/`, CommonJS JavaScript under `server/`
 * (its own package.json), `.mjs` and `.cjs` files among them, plus `tsconfig.json` (allowJs) and declarations of
 * the frameworks without types here. Same seed, same bytes.
 */
export function writeRepositoryCorpus(dir: string, options: RepositoryCorpusOptions = {}): RepositoryCorpus {
  const count = options.files ?? 800;
  const minLines = options.minLines ?? 100;
  const maxLines = options.maxLines ?? 800;
  const g = createGen(options.seed ?? 11);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'server'), { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), REPO_TSCONFIG);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-repository', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'server', 'package.json'),
    `${JSON.stringify({ name: 'bench-repository-server', private: true, type: 'commonjs' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'src', 'vendor.d.ts'), REPO_VENDOR_DTS);
  if (options.nodeModules && !existsSync(join(dir, 'node_modules'))) {
    symlinkSync(options.nodeModules, join(dir, 'node_modules'), 'dir');
  }
  const files: string[] = [];
  const extensions: Record<string, number> = {};
  let lines = 0;
  let planted = 0;
  const SITES: readonly Site[] = ['log-secret', 'cache-session', 'assign-body', 'dynamic-key', 'secret'];
  for (let i = 0; i < count; i++) {
    const kind = pickKind(g);
    const { dir: top, ext, lang } = placement(g, kind);
    const e = g.pick(ENTITIES);
    const c: FileContext = { ...lang, g, e, E: cap(e), T: (s) => (lang.ts ? s : '') };
    const parts = fileParts(c, kind);
    // Lengths skewed toward the short end, as in real repositories; units end a file within the bounds.
    const target = minLines + Math.floor((maxLines - minLines) * g.rand() ** 2);
    const wanted = SITES.filter((s) => parts.sites[s] && g.chance(0.05));
    const body: string[] = [];
    // CommonJS files end with a `module.exports` block: a line per unit and three more.
    const exportLines = lang.esm ? 0 : 1;
    let length = countLines(parts.header) + countLines(parts.footer) + exportLines * 3;
    const planned = new Map<number, Unit>();
    for (const site of wanted) planned.set(g.int(0, 4), parts.sites[site]!);
    let used = 0;
    for (let n = 0; ; n++) {
      const site = planned.get(n);
      const unit = site ?? g.pick(parts.units);
      const text = unit(n);
      const size = countLines(text) + 1 + exportLines;
      if (length >= target || length + size > maxLines) {
        if (length >= minLines) break;
      }
      body.push(text);
      length += size;
      if (site) used++;
      if (n > 10_000) break;
    }
    let text = [parts.header, ...body, parts.footer].join('\n');
    if (!lang.esm) text = toCommonJs(text);
    if (used) planted++;
    const rel = `${top}/${parts.subdir}/${e}-${kind}-${i}${ext}`;
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files.push(abs);
    extensions[ext] = (extensions[ext] ?? 0) + 1;
    lines += countLines(text);
  }
  return { files, lines, extensions, planted };
}
