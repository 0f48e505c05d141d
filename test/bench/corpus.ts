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
