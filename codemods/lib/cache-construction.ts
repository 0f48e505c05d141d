/**
 * encrypt-cache across a project: follows a cache client from the write that uses it to every place it is
 * constructed, through whatever the project does in between (relative imports, tsconfig `paths`, workspace
 * packages, `require`, default and re-exports, class fields and constructor parameters, conditional and `??`/`||`
 * expressions, factory functions and methods, NestJS providers and `CacheModule.register(...)` stores), and lists
 * every cache call of the project with the key prefix it uses, so that the clients sharing encrypted prefixes are
 * wrapped together or not at all. TypeScript's own resolver (through ts-morph) does the module resolution.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { CACHE_MODULES, CACHE_WRITE_METHODS } from 'eslint-plugin-secure-migrate/detect';

/** Modules whose classes and factories make clients `secureCache(...)` accepts, beyond the ones the rule knows. */
const EXTRA_CLIENT_MODULES = new Set(['ioredis-mock', 'redis-mock']);
const CLIENT_CLASSES = new Set(['Redis', 'IORedis', 'Cluster', 'Keyv', 'Valkey', 'RedisMock', 'MockRedis']);
const CLIENT_FACTORIES = new Set([
  'createClient',
  'createCluster',
  'createKeyv',
  'fromEnv',
  'createSentinel',
]);
/** Methods that return the same client (`createClient().on('error', f).connect()`). */
const SAME_CLIENT = new Set(['connect', 'on', 'once', 'withTypeMapping']);
/** Methods whose result is a batch of the client's commands. */
const BATCH = new Set(['pipeline', 'multi', 'batch', 'transaction']);

/** Commands that read a value as it was stored: they need decryption. */
const READS = new Set([
  'get',
  'getdel',
  'getDel',
  'getex',
  'getEx',
  'getset',
  'getSet',
  'getBuffer',
  'mget',
  'mGet',
  'getMany',
  'hget',
  'hGet',
  'hgetall',
  'hGetAll',
  'hmget',
  'hmGet',
  'hvals',
  'hVals',
  'lrange',
  'lRange',
  'lindex',
  'lIndex',
  'lpop',
  'lPop',
  'rpop',
  'rPop',
  'wrap',
]);
/** Commands that work on the stored bytes (scripts, counters, ranges): they cannot work on ciphertext. */
const RAW = new Set([
  'eval',
  'evalsha',
  'evalSha',
  'fcall',
  'incr',
  'incrby',
  'incrBy',
  'incrbyfloat',
  'incrByFloat',
  'decr',
  'decrby',
  'decrBy',
  'append',
  'setrange',
  'setRange',
  'getrange',
  'getRange',
  'strlen',
  'hincrby',
  'hIncrBy',
]);
/** Commands that list keys by pattern (`scan 0 MATCH session:*`, `keys('session:*')`): the callers read them next. */
const PATTERNS = new Set(['scan', 'scanStream', 'scanIterator', 'keys']);

/** One place a cache client is constructed. */
export interface Construction {
  id: string;
  file: string;
  /** Range of the expression to wrap (the `await` included), in the file's text. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  text: string;
  /** Already `secureCache(...)`. */
  secure: boolean;
  /** How it was reached from a use, e.g. `provider { provide: REDIS_CLIENT, useFactory } (src/redis.module.ts)`. */
  via: string;
  /** ioredis `keyPrefix` of the client (read from its options when static), '' without one. */
  keyPrefix: string;
  /**
   * When the range is not an expression to wrap as it is (`useClass: AppRedis` of a provider): the text that replaces
   * it, with `%CLIENT%` where `secureCache(<client>, <options>)` goes, and the client expression.
   */
  rewrite?: { template: string; client: string };
}

/** The constructions a client expression comes from, and what could not be followed (with why). */
export interface Resolution {
  constructions: Construction[];
  unresolved: string[];
}

/** A cache command somewhere in the project, with the client it runs on. */
export interface CacheCall {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  method: string;
  kind: 'write' | 'read' | 'raw' | 'pattern' | 'other';
  /** Static head of the key up to its last `:` (`session:` for `session:${id}`); undefined when not static. */
  prefix: string | undefined;
  /**
   * The key prefixes Redis sees (the client's ioredis `keyPrefix` before the key; keys listed by `scan`/`keys` and
   * keys named inside a Lua script as they are), one per construction the call may run on.
   */
  prefixes: string[];
  /** For a read whose keys come from `scan`/`scanStream`/`keys`: where they were listed. */
  keysFrom?: string;
  resolution: Resolution;
}

type WithStart = { getStart(): number };

function lineColumn(node: Node): { line: number; column: number } {
  const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
  return { line, column };
}

function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isTypeAssertion(current) ||
      Node.isSatisfiesExpression(current)
    ) {
      current = current.getExpression();
    } else return current;
  }
}

function calleeName(callee: Node): string | undefined {
  const c = unwrap(callee);
  if (Node.isIdentifier(c)) return c.getText();
  if (Node.isPropertyAccessExpression(c)) return c.getName();
  return undefined;
}

function isInProject(file: SourceFile): boolean {
  return !file.isDeclarationFile() && !file.isInNodeModules();
}

/** The module an identifier was imported or required from (`ioredis` for `Redis` in `new Redis()`). */
function moduleOf(identifier: Node): string | undefined {
  const symbol = identifier.getSymbol();
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const importDeclaration = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (importDeclaration) return importDeclaration.getModuleSpecifierValue();
    if (Node.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.getModuleReference();
      if (Node.isExternalModuleReference(reference)) return reference.getExpression()?.getText().slice(1, -1);
    }
    const variable = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    const init = variable?.getInitializer();
    if (init && Node.isCallExpression(init) && init.getExpression().getText() === 'require') {
      const arg = init.getArguments()[0];
      if (arg && Node.isStringLiteral(arg)) return arg.getLiteralValue();
    }
  }
  // Declared in a package (a default import resolved through the package's types).
  const aliased = symbol?.isAlias() ? symbol.getAliasedSymbol() : undefined;
  const file = aliased?.getDeclarations()[0]?.getSourceFile();
  if (file?.isInNodeModules()) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.getFilePath());
    return match?.[1];
  }
  return undefined;
}

function isClientModule(specifier: string | undefined): boolean {
  if (!specifier) return false;
  return CACHE_MODULES.has(specifier) || EXTRA_CLIENT_MODULES.has(specifier);
}

/** `new Redis(...)`, `createClient(...)`, `new Keyv(...)`, `Redis.fromEnv()`, from a client library. */
export function isClientCreation(node: Node): boolean {
  const n = unwrap(node);
  if (!Node.isNewExpression(n) && !Node.isCallExpression(n)) return false;
  const callee = unwrap(n.getExpression());
  const name = calleeName(callee);
  if (!name) return false;
  const root = Node.isPropertyAccessExpression(callee) ? unwrap(callee.getExpression()) : callee;
  const specifier = Node.isIdentifier(root) ? moduleOf(root) : undefined;
  if (Node.isNewExpression(n)) return isClientModule(specifier) || (!specifier && CLIENT_CLASSES.has(name));
  return (
    (CLIENT_FACTORIES.has(name) || CLIENT_CLASSES.has(name)) && (isClientModule(specifier) || !specifier)
  );
}

/** `createClient(...).on(...).connect()`: a creation and the calls that return the same client. */
function isCreationChain(node: Node): boolean {
  const n = unwrap(node);
  if (isClientCreation(n)) return true;
  if (!Node.isCallExpression(n)) return false;
  const callee = unwrap(n.getExpression());
  return (
    Node.isPropertyAccessExpression(callee) &&
    SAME_CLIENT.has(callee.getName()) &&
    isCreationChain(callee.getExpression())
  );
}

function isSecureCacheCall(node: Node): boolean {
  const n = unwrap(node);
  return Node.isCallExpression(n) && calleeName(n.getExpression()) === 'secureCache';
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The static head of a key expression up to its last `:` (`session:` from `session:${id}`). */
function staticHead(node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const n = unwrap(node);
  let head: string | undefined;
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) head = n.getLiteralValue();
  else if (Node.isTemplateExpression(n)) head = n.getHead().getLiteralText();
  else if (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === SyntaxKind.PlusToken)
    head = staticHead(n.getLeft(), depth + 1);
  else if (Node.isIdentifier(n)) {
    const declaration = n.getSymbol()?.getDeclarations()[0];
    if (declaration && Node.isVariableDeclaration(declaration) && declaration.isExported() === false) {
      const list = declaration.getVariableStatement();
      if (list?.getDeclarationKind() === 'const') head = staticHead(declaration.getInitializer(), depth + 1);
    } else if (declaration && Node.isVariableDeclaration(declaration)) {
      head = staticHead(declaration.getInitializer(), depth + 1);
    }
    return head;
  } else if (Node.isCallExpression(n)) {
    // `keyFor(id)` where `const keyFor = (id) => \`session:${id}\``.
    const declaration = unwrap(n.getExpression()).getSymbol()?.getDeclarations()[0];
    const fn =
      declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : declaration;
    if (fn && (Node.isArrowFunction(fn) || Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn))) {
      const body = fn.getBody();
      if (body && !Node.isBlock(body)) return staticHead(body, depth + 1);
      const returns = body ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement) : [];
      if (returns.length === 1) return staticHead(returns[0]!.getExpression(), depth + 1);
    }
    return undefined;
  } else return undefined;
  if (head === undefined) return undefined;
  // A pattern (`session:*`) or a whole key: the prefix is what comes before its last separator.
  const star = head.indexOf('*');
  if (star >= 0) head = head.slice(0, star);
  const colon = head.lastIndexOf(':');
  return colon >= 0 ? head.slice(0, colon + 1) : head === '' ? undefined : head;
}

/** A package of an npm, yarn or pnpm workspace: its name, folder and package.json. */
interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The folder patterns of a workspace root: package.json `workspaces` (array or `{ packages }`), pnpm-workspace.yaml. */
function workspacePatterns(dir: string): string[] | undefined {
  const manifest = readJson(path.join(dir, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter((w): w is string => typeof w === 'string');
  if (workspaces && typeof workspaces === 'object') {
    const packages = (workspaces as { packages?: unknown }).packages;
    if (Array.isArray(packages)) return packages.filter((w): w is string => typeof w === 'string');
  }
  const pnpm = path.join(dir, 'pnpm-workspace.yaml');
  if (existsSync(pnpm)) {
    const patterns: string[] = [];
    let inPackages = false;
    for (const line of readFileSync(pnpm, 'utf8').split('\n')) {
      if (/^packages:\s*$/.test(line)) inPackages = true;
      else if (/^\S/.test(line)) inPackages = false;
      else if (inPackages) {
        const item = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line);
        if (item) patterns.push(item[1]!);
      }
    }
    return patterns;
  }
  return undefined;
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

/** The packages of the workspace the directory is in (the nearest folder up with workspace patterns). */
export function workspacePackages(start: string): WorkspacePackage[] {
  let root: string | undefined;
  let patterns: string[] | undefined;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    patterns = workspacePatterns(dir);
    if (patterns) {
      root = dir;
      break;
    }
    if (path.dirname(dir) === dir) return [];
  }
  const dirs = new Set<string>();
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    let current = [root];
    for (const part of pattern.replace(/\/+$/, '').split('/')) {
      if (part === '.' || part === '') continue;
      if (part === '**') {
        const all: string[] = [];
        let level = current;
        for (let depth = 0; depth < 3 && level.length; depth++) {
          all.push(...level);
          level = level.flatMap(subdirectories);
        }
        current = all;
      } else if (part.includes('*')) {
        const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        current = current.flatMap(subdirectories).filter((d) => re.test(path.basename(d)));
      } else current = current.map((d) => path.join(d, part));
    }
    for (const d of current) if (existsSync(path.join(d, 'package.json'))) dirs.add(d);
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const manifest = readJson(path.join(dir, 'package.json'));
    if (manifest && typeof manifest.name === 'string') packages.push({ name: manifest.name, dir, manifest });
  }
  return packages;
}

function extensionOf(file: string): ts.Extension {
  const ext = path.extname(file);
  const known: Record<string, ts.Extension> = {
    '.ts': ts.Extension.Ts,
    '.tsx': ts.Extension.Tsx,
    '.mts': ts.Extension.Mts,
    '.cts': ts.Extension.Cts,
    '.jsx': ts.Extension.Jsx,
    '.mjs': ts.Extension.Mjs,
    '.cjs': ts.Extension.Cjs,
  };
  return known[ext] ?? ts.Extension.Js;
}

/** The target of a package.json `exports` entry, conditions tried the way a source-aware resolver would. */
function exportTarget(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(exportTarget);
  if (!entry || typeof entry !== 'object') return [];
  const conditions = entry as Record<string, unknown>;
  const order = ['source', 'types', 'typescript', 'import', 'node', 'require', 'module', 'default'];
  return [
    ...order.filter((k) => k in conditions).flatMap((k) => exportTarget(conditions[k])),
    ...Object.keys(conditions)
      .filter((k) => !order.includes(k) && !k.startsWith('.'))
      .flatMap((k) => exportTarget(conditions[k])),
  ];
}

/**
 * The source file a workspace package's import names (`@acme/cache`, `@acme/cache/redis`): from its `exports`,
 * `source`, `types`, `module` or `main`, with a built path (`dist/index.js`, `lib/index.d.ts`) mapped back to the
 * source beside it (`src/index.ts`). Undefined when no source file is found.
 */
export function resolveWorkspaceImport(
  specifier: string,
  packages: readonly WorkspacePackage[],
): string | undefined {
  const pkg = packages
    .filter((p) => specifier === p.name || specifier.startsWith(`${p.name}/`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!pkg) return undefined;
  const sub = specifier.slice(pkg.name.length).replace(/^\//, '');
  const { manifest } = pkg;
  const targets: string[] = [];
  const exports = manifest.exports;
  if (exports !== undefined) {
    if (typeof exports === 'string' || Array.isArray(exports)) {
      if (!sub) targets.push(...exportTarget(exports));
    } else if (exports && typeof exports === 'object') {
      const map = exports as Record<string, unknown>;
      const keys = Object.keys(map);
      if (keys.some((k) => k.startsWith('.'))) {
        const key = sub ? `./${sub}` : '.';
        if (key in map) targets.push(...exportTarget(map[key]));
        for (const k of keys.filter((k) => k.includes('*'))) {
          const [head, tail] = k.split('*') as [string, string];
          if (key.startsWith(head) && key.endsWith(tail ?? '')) {
            const middle = key.slice(head.length, key.length - (tail ?? '').length);
            targets.push(...exportTarget(map[k]).map((t) => t.replace('*', middle)));
          }
        }
      } else if (!sub) targets.push(...exportTarget(map));
    }
  }
  if (!sub)
    for (const field of ['source', 'types', 'typings', 'module', 'main'])
      if (typeof manifest[field] === 'string') targets.push(manifest[field]);
  targets.push(sub ? sub : 'src/index', sub ? `src/${sub}` : 'index');
  const sources = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
  for (const target of targets) {
    const rel = target.replace(/^\.\//, '');
    const stem = rel.replace(/(?:\.d)?\.(?:[mc]?[jt]sx?)$/, '');
    const stems = [stem, stem.replace(/^(?:dist|lib|build|out|esm|cjs)(?:\/(?:esm|cjs|src))?\//, 'src/')];
    for (const s of stems)
      for (const candidate of [
        ...sources.map((ext) => `${s}${ext}`),
        ...sources.map((ext) => `${s}/index${ext}`),
      ]) {
        const file = path.join(pkg.dir, candidate);
        if (existsSync(file) && statSync(file).isFile()) return file;
      }
  }
  return undefined;
}

/** A const object literal an options argument stands for (`new Redis(options)` with `const options = { … }`). */
function objectLiteralOf(node: Node | undefined, depth = 0): Node | undefined {
  if (!node || depth > 3) return undefined;
  const n = unwrap(node);
  if (Node.isObjectLiteralExpression(n)) return n;
  if (Node.isIdentifier(n)) {
    const symbol = n.getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = target?.getDeclarations()[0];
    if (declaration && Node.isVariableDeclaration(declaration))
      return objectLiteralOf(declaration.getInitializer(), depth + 1);
  }
  return undefined;
}

/** A string a node holds statically (a literal, a template without substitutions, a const), else undefined. */
function staticString(node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const n = unwrap(node);
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
  if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) {
    const symbol = n.getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = target?.getDeclarations()[0];
    if (declaration && (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration)))
      return staticString(declaration.getInitializer(), depth + 1);
  }
  return undefined;
}

/**
 * The ioredis `keyPrefix` of a construction (`new Redis({ keyPrefix: 'app:' })`, `new Redis(url, options)`,
 * `secureCache(new Redis({ keyPrefix }))`), '' when it has none or it is not static.
 */
function keyPrefixOfCreation(node: Node): string {
  let n = unwrap(node);
  // `createClient().on(...)`, `secureCache(new Redis(...), options)`: the innermost creation.
  for (let i = 0; i < 5 && Node.isCallExpression(n); i++) {
    const callee = unwrap(n.getExpression());
    if (Node.isPropertyAccessExpression(callee) && SAME_CLIENT.has(callee.getName()))
      n = unwrap(callee.getExpression());
    else if (calleeName(callee) === 'secureCache' && n.getArguments()[0]) n = unwrap(n.getArguments()[0]!);
    else break;
  }
  if (!Node.isNewExpression(n) && !Node.isCallExpression(n)) return '';
  for (const arg of n.getArguments()) {
    const object = objectLiteralOf(arg);
    if (!object || !Node.isObjectLiteralExpression(object)) continue;
    const property = object.getProperty('keyPrefix');
    if (property && Node.isPropertyAssignment(property)) return staticString(property.getInitializer()) ?? '';
  }
  return '';
}

/** `scan(0, 'MATCH', p)`, `scanStream({ match: p })`, `scanIterator({ MATCH: p })`, `keys(p)`: the pattern argument. */
function patternArgument(method: string, args: Node[]): Node | undefined {
  let keyArg: Node | undefined;
  const matchIndex = args.findIndex((a) => /^['"`]match['"`]$/i.test(a.getText()));
  keyArg = matchIndex >= 0 ? args[matchIndex + 1] : method === 'keys' ? args[0] : undefined;
  const options = args.find((a) => Node.isObjectLiteralExpression(a));
  if (options && Node.isObjectLiteralExpression(options)) {
    const match = options.getProperty('match') ?? options.getProperty('MATCH');
    if (match && Node.isPropertyAssignment(match)) keyArg = match.getInitializer();
  }
  return keyArg;
}

/** Static prefixes of the keys a Lua script names itself (`'session:' .. ARGV[1]`, `MATCH 'session:*'`). */
function luaPrefixes(script: string | undefined): string[] {
  if (!script) return [];
  const found = new Set<string>();
  for (const match of script.matchAll(/(['"])((?:(?!\1)[^\\\n])*?:[^'"\n]*)\1/g)) {
    let head = match[2]!;
    const star = head.indexOf('*');
    if (star >= 0) head = head.slice(0, star);
    const colon = head.lastIndexOf(':');
    if (colon > 0) found.add(head.slice(0, colon + 1));
  }
  return [...found];
}

interface ProviderEntry {
  object: Node;
  token: string;
}

/**
 * The project, loaded once: its TypeScript program (from the tsconfig when there is one, so `paths` and
 * `extends` count), the cache calls and the providers.
 */
export class CacheProject {
  readonly project: Project;
  readonly root: string;
  private readonly files: Set<string>;
  private providers: ProviderEntry[] | undefined;
  private cacheModules: Node[] | undefined;
  private readonly resolutions = new Map<Node, Resolution>();

  constructor(files: readonly string[], options: { tsconfig?: string; root: string }) {
    this.root = options.root;
    this.files = new Set(files.map((f) => path.resolve(f)));
    // Workspace packages imported by name (`@acme/cache`) resolve to their sources, installed or not.
    const packages = workspacePackages(options.tsconfig ? path.dirname(options.tsconfig) : options.root);
    const resolutionHost = (host: ts.ModuleResolutionHost, compilerOptions: () => ts.CompilerOptions) => ({
      resolveModuleNames: (names: string[], containingFile: string): (ts.ResolvedModuleFull | undefined)[] =>
        names.map((name) => {
          const own = packages.length ? resolveWorkspaceImport(name, packages) : undefined;
          if (own)
            return { resolvedFileName: own, extension: extensionOf(own), isExternalLibraryImport: false };
          return ts.resolveModuleName(name, containingFile, compilerOptions(), host).resolvedModule;
        }),
    });
    this.project = options.tsconfig
      ? new Project({
          tsConfigFilePath: options.tsconfig,
          skipAddingFilesFromTsConfig: true,
          compilerOptions: { allowJs: true, noEmit: true },
          resolutionHost,
        })
      : new Project({
          resolutionHost,
          compilerOptions: {
            allowJs: true,
            noEmit: true,
            module: ts.ModuleKind.NodeNext,
            moduleResolution: ts.ModuleResolutionKind.NodeNext,
            target: ts.ScriptTarget.ES2022,
            experimentalDecorators: true,
          },
        });
    for (const file of this.files) this.project.addSourceFileAtPathIfExists(file);
    this.project.resolveSourceFileDependencies();
  }

  private sourceFiles(): SourceFile[] {
    return this.project.getSourceFiles().filter(isInProject);
  }

  /** Whether the run processes (and may write) this file. */
  processes(file: string): boolean {
    return this.files.has(path.resolve(file));
  }

  /** Every cache command of the processed files whose receiver is (or may be) a cache client. */
  cacheCalls(): CacheCall[] {
    const calls: CacheCall[] = [];
    const scripts = this.definedCommands();
    for (const file of this.sourceFiles()) {
      if (!this.processes(file.getFilePath())) continue;
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isPropertyAccessExpression(callee)) continue;
        const method = callee.getName();
        const script = scripts.get(method);
        const kind: CacheCall['kind'] = CACHE_WRITE_METHODS.has(method)
          ? 'write'
          : READS.has(method)
            ? 'read'
            : RAW.has(method) || script
              ? 'raw'
              : PATTERNS.has(method)
                ? 'pattern'
                : 'other';
        if (kind === 'other') continue;
        const receiver = callee.getExpression();
        if (!script && !this.looksLikeClient(receiver)) continue;
        const args = call.getArguments();
        /** Keys as the command names them (the client's keyPrefix goes before them). */
        let keyArgs: (Node | undefined)[] = [args[0]];
        /** Keys or patterns Redis sees as they are (scan patterns, keys inside a Lua script). */
        const rawPrefixes: string[] = [];
        let keysFrom: string | undefined;
        if (kind === 'pattern') keyArgs = [];
        const pattern = kind === 'pattern' ? staticHead(patternArgument(method, args)) : undefined;
        if (pattern !== undefined) rawPrefixes.push(pattern);
        if (method === 'eval' || method === 'evalsha' || method === 'evalSha' || method === 'fcall') {
          // EVAL script numkeys key… arg…: the keys, and the keys the script names itself.
          const count = Number(args[1] && unwrap(args[1]).getText());
          keyArgs = Number.isInteger(count) ? args.slice(2, 2 + count) : args.slice(2, 3);
          if (method === 'eval') rawPrefixes.push(...luaPrefixes(staticString(args[0])));
        } else if (script) {
          keyArgs = args.slice(0, script.keys);
          rawPrefixes.push(...luaPrefixes(script.lua));
        }
        const written = keyArgs.map((k) => staticHead(k)).filter((p): p is string => p !== undefined);
        if (kind === 'read' && written.length === 0 && args[0]) {
          const listed = this.listedKeys(args[0]);
          if (listed) {
            rawPrefixes.push(listed.prefix);
            keysFrom = listed.where;
          }
        }
        const resolution = this.resolve(receiver);
        // Made here as something else (`new Map()`): not a cache command.
        if (!resolution.constructions.length && !resolution.unresolved.length) continue;
        const keyPrefixes = resolution.constructions.length
          ? [...new Set(resolution.constructions.map((c) => c.keyPrefix))]
          : [''];
        const prefixes = [
          ...new Set([...written.flatMap((w) => keyPrefixes.map((k) => k + w)), ...rawPrefixes]),
        ];
        const { line, column } = lineColumn(call);
        calls.push({
          file: file.getFilePath(),
          start: call.getStart(),
          end: call.getEnd(),
          line,
          column,
          method,
          kind,
          prefix: written[0] ?? rawPrefixes[0],
          prefixes,
          ...(keysFrom ? { keysFrom } : {}),
          resolution,
        });
      }
    }
    return calls;
  }

  /** ioredis `defineCommand(name, { numberOfKeys, lua })` of the project: Lua run as `client.name(key…, arg…)`. */
  private definedCommands(): Map<string, { keys: number; lua: string | undefined }> {
    const commands = new Map<string, { keys: number; lua: string | undefined }>();
    for (const file of this.sourceFiles()) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'defineCommand') continue;
        const [nameArg, optionsArg] = call.getArguments();
        const name = staticString(nameArg);
        const options = objectLiteralOf(optionsArg);
        if (!name || !options || !Node.isObjectLiteralExpression(options)) continue;
        const keys = options.getProperty('numberOfKeys');
        const lua = options.getProperty('lua');
        const count =
          keys && Node.isPropertyAssignment(keys) ? Number(keys.getInitializer()?.getText()) : Number.NaN;
        commands.set(name, {
          keys: Number.isInteger(count) ? count : 1,
          lua: lua && Node.isPropertyAssignment(lua) ? staticString(lua.getInitializer()) : undefined,
        });
      }
    }
    return commands;
  }

  /**
   * Keys listed by `scan`/`scanStream`/`scanIterator`/`keys` and read next (`const [, keys] = await redis.scan(…)`,
   * `for await (const keys of redis.scanStream({ match }))`, `stream.on('data', (keys) => …)`, `keys.map((k) =>
   * redis.get(k))`): the pattern's static prefix and where it was listed.
   */
  private listedKeys(node: Node, depth = 0): { prefix: string; where: string } | undefined {
    if (depth > 6) return undefined;
    const n = unwrap(Node.isSpreadElement(node) ? node.getExpression() : node);
    if (Node.isAwaitExpression(n)) return this.listedKeys(n.getExpression(), depth + 1);
    if (Node.isElementAccessExpression(n)) return this.listedKeys(n.getExpression(), depth + 1);
    if (Node.isCallExpression(n)) {
      const callee = unwrap(n.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) return undefined;
      const method = callee.getName();
      if (PATTERNS.has(method)) {
        const prefix = staticHead(patternArgument(method, n.getArguments()));
        return prefix === undefined ? undefined : { prefix, where: `${method}() at ${this.where(n)}` };
      }
      // `keys.filter(…)`, `keys.slice(…)`, `[...keys].map(…)`: the same keys.
      if (/^(?:filter|slice|map|flat|concat|sort)$/.test(method))
        return this.listedKeys(callee.getExpression(), depth + 1);
      return undefined;
    }
    if (!Node.isIdentifier(n)) return undefined;
    const declaration = n.getSymbol()?.getDeclarations()[0];
    if (!declaration) return undefined;
    if (Node.isVariableDeclaration(declaration)) {
      const list = declaration.getParent();
      const loop = list?.getParent();
      if (loop && Node.isForOfStatement(loop)) return this.listedKeys(loop.getExpression(), depth + 1);
      const init = declaration.getInitializer();
      return init ? this.listedKeys(init, depth + 1) : undefined;
    }
    if (Node.isBindingElement(declaration)) {
      const variable = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
      const init = variable?.getInitializer();
      if (init) return this.listedKeys(init, depth + 1);
      const loop = variable?.getParent()?.getParent();
      if (loop && Node.isForOfStatement(loop)) return this.listedKeys(loop.getExpression(), depth + 1);
      return undefined;
    }
    if (Node.isParameterDeclaration(declaration)) {
      // A callback: `stream.on('data', (keys) => …)`, `keys.forEach((key) => …)`.
      const fn = declaration.getParent();
      const call = fn?.getParent();
      if (!call || !Node.isCallExpression(call)) return undefined;
      const callee = unwrap(call.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) return undefined;
      if (/^(?:on|once|forEach|map|flatMap|filter)$/.test(callee.getName()))
        return this.listedKeys(callee.getExpression(), depth + 1);
    }
    return undefined;
  }

  /** A receiver worth following: typed as a cache client, or created as one, or named like one. */
  private looksLikeClient(receiver: Node): boolean {
    const text = receiver.getText();
    if (
      /^(?:this\.)?(?:[\w$]+\.)*_?[\w$]*(?:redis|Redis|cache|Cache|keyv|Keyv|kv|KV|valkey|Valkey|client|Client|store|Store)\b/.test(
        text,
      )
    )
      return true;
    const type = receiver.getType().getText(receiver);
    return /\b(?:Redis|Cluster|RedisClientType|Keyv|Cache|ChainableCommander|Pipeline)\b/.test(type);
  }

  /** The constructions behind a client expression. */
  resolve(expression: Node): Resolution {
    return this.follow(expression, new Set(), 'use');
  }

  private construction(
    node: Node,
    via: string,
    secure: boolean,
    rewrite?: { template: string; client: string; keyPrefix: string },
  ): Construction {
    let target = node;
    const parent = node.getParent();
    if (!secure && !rewrite && parent && Node.isAwaitExpression(parent)) target = parent;
    const file = target.getSourceFile().getFilePath();
    const { line, column } = lineColumn(target);
    return {
      id: `${file}:${target.getStart()}`,
      file,
      start: target.getStart(),
      end: target.getEnd(),
      line,
      column,
      text: target.getText(),
      secure,
      via,
      keyPrefix: rewrite ? rewrite.keyPrefix : keyPrefixOfCreation(node),
      ...(rewrite ? { rewrite: { template: rewrite.template, client: rewrite.client } } : {}),
    };
  }

  private where(node: Node): string {
    const { line } = lineColumn(node);
    return `${relative(this.root, node.getSourceFile().getFilePath())}:${line}`;
  }

  private follow(raw: Node, seen: Set<Node>, via: string): Resolution {
    const node = unwrap(raw);
    const cached = this.resolutions.get(node);
    if (cached) return cached;
    if (seen.has(node) || seen.size > 40) return { constructions: [], unresolved: [] };
    seen.add(node);
    const result = this.followUncached(node, seen, via);
    if (seen.size === 1) this.resolutions.set(node, result);
    return result;
  }

  private merge(parts: Resolution[]): Resolution {
    const byId = new Map<string, Construction>();
    const unresolved = new Set<string>();
    for (const p of parts) {
      for (const c of p.constructions) byId.set(c.id, c);
      for (const u of p.unresolved) unresolved.add(u);
    }
    return { constructions: [...byId.values()], unresolved: [...unresolved] };
  }

  private unresolved(why: string): Resolution {
    return { constructions: [], unresolved: [why] };
  }

  private followUncached(node: Node, seen: Set<Node>, via: string): Resolution {
    if (Node.isAwaitExpression(node)) return this.follow(node.getExpression(), seen, via);
    if (isSecureCacheCall(node))
      return { constructions: [this.construction(node, via, true)], unresolved: [] };
    if (isCreationChain(node))
      return { constructions: [this.construction(node, via, false)], unresolved: [] };
    if (Node.isConditionalExpression(node)) {
      return this.branches([node.getWhenTrue(), node.getWhenFalse()], seen, `${via}, conditional`);
    }
    if (Node.isBinaryExpression(node)) {
      const op = node.getOperatorToken().getKind();
      if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) {
        return this.branches(
          [node.getLeft(), node.getRight()],
          seen,
          `${via}, ${op === SyntaxKind.BarBarToken ? '||' : '??'}`,
        );
      }
      if (op === SyntaxKind.EqualsToken) return this.follow(node.getRight(), seen, via);
    }
    if (Node.isCallExpression(node)) return this.followCall(node, seen, via);
    if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
      if (Node.isPropertyAccessExpression(node) && node.getExpression().getText() === 'globalThis') {
        return this.followGlobal(node, seen, via);
      }
      const symbol = node.getSymbol();
      const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
      const declarations = target?.getDeclarations() ?? [];
      if (declarations.length === 0)
        return this.unresolved(`${node.getText()} (${this.where(node)}) is not declared in the project`);
      return this.merge(declarations.map((d) => this.followDeclaration(d, node, seen, via)));
    }
    if (
      Node.isNewExpression(node) ||
      Node.isObjectLiteralExpression(node) ||
      Node.isArrayLiteralExpression(node) ||
      Node.isLiteralExpression(node)
    ) {
      // Something else made here (`new Map()`, `new LRUCache()`, an object): not a cache client at all.
      return { constructions: [], unresolved: [] };
    }
    return this.unresolved(
      `${node.getText().slice(0, 60)} (${this.where(node)}) is not a client construction`,
    );
  }

  /** Each operand of a conditional, `??` or `||`: those that construct a client are wrapped; `null`-like ones are not clients. */
  private branches(nodes: Node[], seen: Set<Node>, via: string): Resolution {
    const parts = nodes
      .map(unwrap)
      .filter((n) => !(Node.isNullLiteral(n) || (Node.isIdentifier(n) && n.getText() === 'undefined')))
      .map((n) => this.follow(n, new Set(seen), via));
    const merged = this.merge(parts);
    // `globalThis.redis ?? new Redis()`: a copy kept on a global for reloads does not block.
    return merged.constructions.length
      ? { ...merged, unresolved: merged.unresolved.filter((u) => !/global/i.test(u.split(' ')[0] ?? '')) }
      : merged;
  }

  private followGlobal(node: Node, seen: Set<Node>, via: string): Resolution {
    const name = Node.isPropertyAccessExpression(node) ? node.getName() : '';
    const assignments = node
      .getSourceFile()
      .getDescendantsOfKind(SyntaxKind.BinaryExpression)
      .filter(
        (b) =>
          b.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
          unwrap(b.getLeft()).getText() === `globalThis.${name}` &&
          !seen.has(b.getRight()),
      );
    if (!assignments.length) return this.unresolved(`globalThis.${name} (${this.where(node)})`);
    return this.merge(assignments.map((a) => this.follow(a.getRight(), seen, via)));
  }

  private followCall(node: Node, seen: Set<Node>, via: string): Resolution {
    if (!Node.isCallExpression(node)) return this.unresolved(node.getText());
    const callee = unwrap(node.getExpression());
    if (
      Node.isPropertyAccessExpression(callee) &&
      (SAME_CLIENT.has(callee.getName()) || BATCH.has(callee.getName()) || callee.getName() === 'duplicate')
    ) {
      return this.follow(callee.getExpression(), seen, via);
    }
    const symbol = callee.getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = target?.getDeclarations()[0];
    const fn =
      declaration &&
      (Node.isVariableDeclaration(declaration) ||
        Node.isPropertyDeclaration(declaration) ||
        Node.isPropertyAssignment(declaration))
        ? declaration.getInitializer()
        : declaration;
    if (
      !fn ||
      !isInProject(fn.getSourceFile()) ||
      Node.isPropertySignature(fn) ||
      Node.isParameterDeclaration(fn)
    ) {
      // `options.useFactory(...args)` in a dynamic module: the factories its callers pass.
      const passed = this.functionsOf(callee);
      if (passed.length)
        return this.merge(
          passed.map((f) => this.returnsOf(f, new Set(seen), `${via}, factory passed to ${this.where(f)}`)),
        );
      if (!fn || !isInProject(fn.getSourceFile()))
        return this.unresolved(`${callee.getText()}() (${this.where(node)}) makes it outside the project`);
    }
    if (
      Node.isFunctionDeclaration(fn) ||
      Node.isMethodDeclaration(fn) ||
      Node.isArrowFunction(fn) ||
      Node.isFunctionExpression(fn) ||
      Node.isGetAccessorDeclaration(fn)
    ) {
      return this.returnsOf(
        fn,
        seen,
        `${via}, factory ${calleeName(callee) ?? 'call'}() (${this.where(fn)})`,
      );
    }
    return this.unresolved(`${callee.getText()}() (${this.where(node)})`);
  }

  /**
   * The functions an expression stands for: inline, declared, a const, or a property of an options parameter that
   * the callers pass (`options.useFactory` in `static forRootAsync(options)`, `{ useFactory }` destructured).
   */
  private functionsOf(node: Node, depth = 0): Node[] {
    if (depth > 5) return [];
    const n = unwrap(node);
    if (
      Node.isArrowFunction(n) ||
      Node.isFunctionExpression(n) ||
      Node.isFunctionDeclaration(n) ||
      Node.isMethodDeclaration(n)
    )
      return [n];
    if (Node.isPropertyAccessExpression(n)) {
      const owner = unwrap(n.getExpression());
      const parameter = Node.isIdentifier(owner) ? owner.getSymbol()?.getDeclarations()[0] : undefined;
      if (parameter && Node.isParameterDeclaration(parameter))
        return this.passedProperty(parameter, n.getName(), depth);
    }
    if (!Node.isIdentifier(n) && !Node.isPropertyAccessExpression(n)) return [];
    const symbol = n.getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = target?.getDeclarations()[0];
    if (!declaration || !isInProject(declaration.getSourceFile())) return [];
    if (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration))
      return [declaration];
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
      const init = declaration.getInitializer();
      return init ? this.functionsOf(init, depth + 1) : [];
    }
    if (Node.isBindingElement(declaration)) {
      const parameter = declaration.getFirstAncestorByKind(SyntaxKind.Parameter);
      if (parameter && declaration.getParent()?.getParent() === parameter)
        return this.passedProperty(
          parameter,
          declaration.getPropertyNameNode()?.getText() ?? declaration.getName(),
          depth,
        );
    }
    return [];
  }

  /** What the callers of a function or method pass as one property of one of its parameters. */
  private passedProperty(parameter: Node, property: string, depth: number): Node[] {
    if (!Node.isParameterDeclaration(parameter)) return [];
    const fn = parameter.getParent();
    const index = (fn as unknown as { getParameters(): Node[] }).getParameters().indexOf(parameter);
    let nameNode: Node | undefined;
    if (Node.isMethodDeclaration(fn) || Node.isFunctionDeclaration(fn)) nameNode = fn.getNameNode();
    else {
      const holder = fn.getParent();
      if (holder && (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder)))
        nameNode = holder.getNameNode();
    }
    if (!nameNode || !Node.isIdentifier(nameNode) || index < 0) return [];
    const found: Node[] = [];
    for (const reference of nameNode.findReferencesAsNodes()) {
      if (!isInProject(reference.getSourceFile())) continue;
      const parent = reference.getParent();
      const expression = parent && Node.isPropertyAccessExpression(parent) ? parent : reference;
      const call = expression.getParent();
      if (!call || !Node.isCallExpression(call) || call.getExpression() !== expression) continue;
      const object = objectLiteralOf(call.getArguments()[index]);
      if (!object || !Node.isObjectLiteralExpression(object)) continue;
      const value = object.getProperty(property);
      if (value && Node.isMethodDeclaration(value)) found.push(value);
      else if (value && Node.isPropertyAssignment(value)) {
        const init = value.getInitializer();
        if (init) found.push(...this.functionsOf(init, depth + 1));
      } else if (value && Node.isShorthandPropertyAssignment(value))
        found.push(...this.functionsOf(value.getNameNode(), depth + 1));
    }
    return found;
  }

  /** The expressions a function returns (its body when it is an expression). */
  private returnedExpressions(fn: Node): Node[] {
    const body = (fn as unknown as { getBody?(): Node | undefined }).getBody?.();
    if (!body) return [];
    if (!Node.isBlock(body)) return [body];
    return body
      .getDescendantsOfKind(SyntaxKind.ReturnStatement)
      .filter(
        (r) => r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a)) === fn,
      )
      .map((r) => r.getExpression())
      .filter((e): e is NonNullable<typeof e> => e !== undefined);
  }

  /** A class of the project, or from a package, whose instances are cache clients (`class AppRedis extends Redis`). */
  private isClientClass(node: Node, depth = 0): boolean {
    if (depth > 4) return false;
    const n = unwrap(node);
    if (!Node.isIdentifier(n) && !Node.isPropertyAccessExpression(n)) return false;
    const root = Node.isPropertyAccessExpression(n) ? unwrap(n.getExpression()) : n;
    const specifier = Node.isIdentifier(root) ? moduleOf(root) : undefined;
    if (isClientModule(specifier)) return true;
    const symbol = n.getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    if (!declaration || !Node.isClassDeclaration(declaration)) return false;
    if (!isInProject(declaration.getSourceFile())) return false;
    const base = declaration.getExtends()?.getExpression();
    return base ? this.isClientClass(base, depth + 1) : false;
  }

  /**
   * `{ provide: TOKEN, useClass: AppRedis }` where AppRedis is a client class: the container runs `new AppRedis()`,
   * so the provider becomes `useFactory: () => secureCache(new AppRedis())` when the class takes nothing from the
   * container (no constructor parameters) and the provider has nothing else (scope, inject).
   */
  private followUseClass(object: Node, property: Node, value: Node, shown: string, via: string): Resolution {
    if (!Node.isObjectLiteralExpression(object)) return this.unresolved(this.where(object));
    const name = value.getText();
    if (!this.isClientClass(value))
      return this.unresolved(
        `${this.where(object)} provides ${shown} with useClass ${name}: a class, not a client construction`,
      );
    const others = object
      .getProperties()
      .map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : '…'))
      .filter((p) => p !== 'provide' && p !== 'useClass');
    if (others.length)
      return this.unresolved(
        `${this.where(object)} provides ${shown} with useClass ${name} and ${others.join(', ')}: provide it with useFactory: () => secureCache(new ${name}(...)) by hand`,
      );
    const symbol = unwrap(value).getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    let cls = target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    let superCall: Node | undefined;
    for (let i = 0; cls && Node.isClassDeclaration(cls) && isInProject(cls.getSourceFile()) && i < 5; i++) {
      const constructor = cls.getConstructors().find((c) => c.getBody());
      if (constructor) {
        if (constructor.getParameters().length)
          return this.unresolved(
            `${this.where(object)} provides ${shown} with useClass ${name}, whose constructor (${this.where(constructor)}) takes dependencies from the container: provide it with useFactory: (…) => secureCache(new ${name}(…)) and inject: […]`,
          );
        superCall = constructor
          .getDescendantsOfKind(SyntaxKind.CallExpression)
          .find((c) => c.getExpression().getKind() === SyntaxKind.SuperKeyword);
        break;
      }
      const base = cls.getExtends()?.getExpression();
      const baseSymbol = base?.getSymbol();
      const baseTarget = baseSymbol?.isAlias() ? baseSymbol.getAliasedSymbol() : baseSymbol;
      cls = baseTarget?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    }
    return {
      constructions: [
        this.construction(property, `${via}, useClass ${name}`, false, {
          template: 'useFactory: () => %CLIENT%',
          client: `new ${name}()`,
          keyPrefix: superCall ? keyPrefixOfCreation(superCall) : '',
        }),
      ],
      unresolved: [],
    };
  }

  private returnsOf(fn: Node, seen: Set<Node>, via: string): Resolution {
    if (!Node.isBodyable(fn) && !Node.isBodied(fn)) return this.unresolved(fn.getText().slice(0, 40));
    const body = (fn as unknown as { getBody(): Node | undefined }).getBody();
    if (!body) return this.unresolved(`${this.where(fn)} has no body`);
    if (!Node.isBlock(body)) return this.follow(body, seen, via);
    const returns = body
      .getDescendantsOfKind(SyntaxKind.ReturnStatement)
      .filter(
        (r) => r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a)) === fn,
      );
    const parts: Resolution[] = [];
    for (const r of returns) {
      const e = r.getExpression();
      if (e) parts.push(this.follow(e, new Set(seen), via));
    }
    if (!parts.length) return this.unresolved(`${this.where(fn)} returns no client`);
    return this.merge(parts);
  }

  private assignmentsTo(name: string, scope: Node, thisMember: boolean): Node[] {
    return scope
      .getDescendantsOfKind(SyntaxKind.BinaryExpression)
      .filter((b) => {
        if (b.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
        const left = unwrap(b.getLeft());
        if (thisMember)
          return (
            Node.isPropertyAccessExpression(left) &&
            left.getExpression().getKind() === SyntaxKind.ThisKeyword &&
            left.getName() === name
          );
        return Node.isIdentifier(left) && left.getText() === name;
      })
      .map((b) => b.getRight());
  }

  private followDeclaration(declaration: Node, use: Node, seen: Set<Node>, via: string): Resolution {
    if (!isInProject(declaration.getSourceFile())) {
      return this.unresolved(`${use.getText()} (${this.where(use)}) comes from a package`);
    }
    if (Node.isVariableDeclaration(declaration)) {
      const parts: Resolution[] = [];
      const init = declaration.getInitializer();
      if (init) parts.push(this.follow(init, seen, via));
      const scope =
        declaration.getFirstAncestor((a) => Node.isSourceFile(a) || Node.isBlock(a)) ??
        declaration.getSourceFile();
      for (const right of this.assignmentsTo(declaration.getName(), scope, false))
        parts.push(this.follow(right, new Set(seen), via));
      if (!parts.length)
        return this.unresolved(
          `${declaration.getName()} (${this.where(declaration)}) is never assigned a client`,
        );
      const merged = this.merge(parts);
      return merged;
    }
    if (Node.isPropertyDeclaration(declaration)) {
      const parts: Resolution[] = [];
      const init = declaration.getInitializer();
      if (init) parts.push(this.follow(init, seen, via));
      const cls = declaration.getParent();
      for (const right of this.assignmentsTo(declaration.getName(), cls, true))
        parts.push(this.follow(right, new Set(seen), via));
      if (!parts.length)
        return this.unresolved(
          `${declaration.getName()} (${this.where(declaration)}) is never assigned a client`,
        );
      return this.merge(parts);
    }
    if (Node.isParameterDeclaration(declaration)) {
      const owner = declaration.getParent();
      if (Node.isConstructorDeclaration(owner)) return this.followInjection(declaration, seen, via);
      const cls = owner.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
      const name =
        Node.isFunctionDeclaration(owner) || Node.isMethodDeclaration(owner) ? owner.getName() : undefined;
      return this.unresolved(
        `${declaration.getName()} is a parameter of ${name ?? 'a function'}${cls ? ` in ${cls.getName() ?? 'a class'}` : ''} (${this.where(declaration)}): its callers pass the client`,
      );
    }
    if (Node.isPropertyAssignment(declaration)) {
      const init = declaration.getInitializer();
      return init ? this.follow(init, seen, via) : this.unresolved(this.where(declaration));
    }
    if (Node.isShorthandPropertyAssignment(declaration)) {
      const value = declaration.getNameNode();
      const symbol = this.project
        .getTypeChecker()
        .compilerObject.getShorthandAssignmentValueSymbol(declaration.compilerNode);
      const valueDeclaration = symbol?.valueDeclaration;
      if (valueDeclaration) {
        const wrapped = declaration.getSourceFile().getDescendantAtPos(valueDeclaration.getStart());
        const decl = wrapped?.getFirstAncestor((a) => Node.isVariableDeclaration(a));
        if (decl) return this.followDeclaration(decl, value, seen, via);
      }
      return this.unresolved(this.where(declaration));
    }
    if (Node.isExportAssignment(declaration)) return this.follow(declaration.getExpression(), seen, via);
    if (Node.isBinaryExpression(declaration)) return this.follow(declaration.getRight(), seen, via);
    if (Node.isPropertyAccessExpression(declaration)) {
      // `module.exports.redis = new Redis()` / `exports.redis = ...`
      const parent = declaration.getParent();
      if (parent && Node.isBinaryExpression(parent)) return this.follow(parent.getRight(), seen, via);
    }
    if (Node.isGetAccessorDeclaration(declaration) || Node.isMethodDeclaration(declaration)) {
      return this.returnsOf(declaration, seen, via);
    }
    if (Node.isBindingElement(declaration)) return this.followBinding(declaration, seen, via);
    return this.unresolved(`${use.getText()} (${this.where(declaration)})`);
  }

  /** `const { redis } = require('./db')` (or of any object): the property of what is destructured. */
  private followBinding(binding: Node, seen: Set<Node>, via: string): Resolution {
    if (!Node.isBindingElement(binding)) return this.unresolved(this.where(binding));
    const name = binding.getPropertyNameNode()?.getText() ?? binding.getName();
    const declaration = binding.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    const init = declaration?.getInitializer();
    if (!init) return this.unresolved(`${name} (${this.where(binding)}) is destructured from a parameter`);
    const property = init.getType().getProperty(name);
    const declarations = property?.getDeclarations() ?? [];
    if (!declarations.length)
      return this.unresolved(
        `${name} (${this.where(binding)}) is destructured from ${init.getText().slice(0, 40)}`,
      );
    return this.merge(declarations.map((d) => this.followDeclaration(d, binding, seen, via)));
  }

  /** A constructor parameter: what the DI container passes, from the token of `@Inject(...)` or the type. */
  private followInjection(parameter: Node, seen: Set<Node>, via: string): Resolution {
    if (!Node.isParameterDeclaration(parameter)) return this.unresolved(this.where(parameter));
    const where = this.where(parameter);
    // A class the project makes itself (`new CVRCache(redis)`): what each `new` passes; for a class the DI
    // container also makes (a decorated class), what the container passes too.
    const passed = this.constructorArguments(parameter).map((arg) =>
      this.follow(arg, new Set(seen), `${via}, passed to new (${this.where(arg)})`),
    );
    const cls = parameter.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    if (passed.length && !cls?.getDecorators().length) return this.merge(passed);
    return this.merge([...passed, this.followContainer(parameter, seen, via, where)]);
  }

  /** What the DI container passes to a constructor parameter: from the token of `@Inject(...)` or the type. */
  private followContainer(parameter: Node, seen: Set<Node>, via: string, where: string): Resolution {
    if (!Node.isParameterDeclaration(parameter)) return this.unresolved(this.where(parameter));
    for (const decorator of parameter.getDecorators()) {
      const name = decorator.getName();
      // The project's own decorator (`export const InjectRedis = () => Inject(REDIS)`): the token it injects.
      const own = this.ownInjectToken(decorator);
      const arg = own ?? decorator.getArguments()[0];
      if ((name === 'Inject' || own) && arg) {
        if (unwrap(arg).getText() === 'CACHE_MANAGER') return this.followCacheManager(parameter, seen, via);
        return this.followProviders(
          this.tokenOf(arg),
          arg.getText(),
          seen,
          `${via}, @${name}(${own ? '' : arg.getText()})`,
          where,
        );
      }
      if (/^Inject\w*(?:Redis|Cache|Keyv|Client)\w*$/.test(name)) {
        return this.unresolved(
          `@${name}(${arg?.getText() ?? ''}) (${where}) receives a client its module creates inside a package: provide the client yourself ({ provide: <the module's token>, useFactory: () => secureCache(new Redis(...)) })`,
        );
      }
    }
    const typeNode = parameter.getTypeNode();
    if (typeNode) {
      const typeName = typeNode.getText().replace(/<.*$/, '');
      return this.followProviders(
        `type:${typeName}`,
        typeName,
        seen,
        `${via}, injected by type ${typeName}`,
        where,
      );
    }
    return this.unresolved(
      `constructor parameter ${parameter.getName()} (${where}) is injected without a token or type`,
    );
  }

  /** The token a decorator of the project injects: the argument of the `Inject(…)` its factory returns. */
  private ownInjectToken(decorator: Node): Node | undefined {
    if (!Node.isDecorator(decorator)) return undefined;
    const call = decorator.getCallExpression();
    const callee = call ? unwrap(call.getExpression()) : undefined;
    if (!callee || !Node.isIdentifier(callee) || callee.getText() === 'Inject') return undefined;
    for (const fn of this.functionsOf(callee)) {
      if (!isInProject(fn.getSourceFile())) continue;
      for (const result of this.returnedExpressions(fn)) {
        const r = unwrap(result);
        if (Node.isCallExpression(r) && unwrap(r.getExpression()).getText() === 'Inject')
          return r.getArguments()[0];
      }
    }
    return undefined;
  }

  /** The arguments `new Class(…)` expressions of the project pass to a constructor parameter. */
  private constructorArguments(parameter: Node): Node[] {
    if (!Node.isParameterDeclaration(parameter)) return [];
    const constructor = parameter.getParent();
    const cls = constructor.getParent();
    if (!Node.isConstructorDeclaration(constructor) || !cls || !Node.isClassDeclaration(cls)) return [];
    const name = cls.getNameNode();
    if (!name) return [];
    const index = constructor.getParameters().indexOf(parameter);
    const found: Node[] = [];
    for (const reference of name.findReferencesAsNodes()) {
      if (!isInProject(reference.getSourceFile())) continue;
      const made = reference.getParent();
      if (!made || !Node.isNewExpression(made) || made.getExpression() !== reference) continue;
      const arg = made.getArguments()[index];
      if (arg) found.push(arg);
    }
    return found;
  }

  /** A key for a provider token: the string for string tokens (literal or constant), else the name. */
  private tokenOf(node: Node): string {
    const n = unwrap(node);
    if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n))
      return `string:${n.getLiteralValue()}`;
    if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) {
      const symbol = n.getSymbol();
      const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
      const declaration = target?.getDeclarations()[0];
      if (declaration && Node.isVariableDeclaration(declaration)) {
        const init = declaration.getInitializer();
        if (
          init &&
          (Node.isStringLiteral(unwrap(init)) || Node.isNoSubstitutionTemplateLiteral(unwrap(init)))
        )
          return this.tokenOf(init);
      }
      if (declaration && (Node.isClassDeclaration(declaration) || Node.isInterfaceDeclaration(declaration)))
        return `type:${declaration.getName()}`;
      if (declaration) return `symbol:${declaration.getSourceFile().getFilePath()}#${declaration.getStart()}`;
      // A class from a package (`provide: Redis`).
      return `type:${n.getText().split('.').pop()}`;
    }
    return `text:${n.getText()}`;
  }

  private providerEntries(): ProviderEntry[] {
    if (this.providers) return this.providers;
    this.providers = [];
    for (const file of this.sourceFiles()) {
      for (const object of file.getDescendantsOfKind(SyntaxKind.ObjectLiteralExpression)) {
        const provide = object.getProperty('provide');
        if (!provide || !Node.isPropertyAssignment(provide)) continue;
        const init = provide.getInitializer();
        if (init) this.providers.push({ object, token: this.tokenOf(init) });
      }
    }
    return this.providers;
  }

  private followProviders(
    token: string,
    shown: string,
    seen: Set<Node>,
    via: string,
    where: string,
  ): Resolution {
    const matches = this.providerEntries().filter((p) => p.token === token);
    if (!matches.length)
      return this.unresolved(
        `${shown} injected at ${where}: no provider { provide: ${shown} } in the project`,
      );
    const parts = matches.map(({ object }) => {
      if (!Node.isObjectLiteralExpression(object)) return this.unresolved(this.where(object));
      const providerVia = `${via}, provider ${this.where(object)}`;
      for (const kind of ['useFactory', 'useValue', 'useExisting', 'useClass']) {
        const property = object.getProperty(kind);
        if (!property) continue;
        if (Node.isMethodDeclaration(property)) return this.returnsOf(property, new Set(seen), providerVia);
        if (!Node.isPropertyAssignment(property)) continue;
        const value = unwrap(property.getInitializerOrThrow());
        if (kind === 'useFactory') {
          // Inline, a declared function, or the factory a dynamic module's caller passes (`options.useFactory`).
          const factories = this.functionsOf(value);
          if (factories.length)
            return this.merge(factories.map((f) => this.returnsOf(f, new Set(seen), providerVia)));
          return this.follow(value, new Set(seen), providerVia);
        }
        if (kind === 'useValue') return this.follow(value, new Set(seen), providerVia);
        if (kind === 'useExisting')
          return this.followProviders(this.tokenOf(value), value.getText(), seen, providerVia, where);
        return this.followUseClass(object, property, value, shown, providerVia);
      }
      return this.unresolved(`${this.where(object)} provides ${shown} without useFactory or useValue`);
    });
    return this.merge(parts);
  }

  /** `@Inject(CACHE_MANAGER)`: the stores of every `CacheModule.register(...)`/`registerAsync(...)` of the project. */
  private followCacheManager(parameter: Node, seen: Set<Node>, via: string): Resolution {
    const where = this.where(parameter);
    if (!this.cacheModules) {
      this.cacheModules = [];
      for (const file of this.sourceFiles()) {
        for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
          const text = unwrap(call.getExpression()).getText();
          if (/^CacheModule\.register(?:Async)?$/.test(text)) this.cacheModules.push(call);
        }
      }
    }
    if (!this.cacheModules.length)
      return this.unresolved(
        `CACHE_MANAGER injected at ${where}: no CacheModule.register(...) in the project`,
      );
    const parts = this.cacheModules.map((call) => {
      if (!Node.isCallExpression(call)) return this.unresolved(this.where(call));
      const moduleVia = `${via}, @Inject(CACHE_MANAGER), ${unwrap(call.getExpression()).getText()} (${this.where(call)})`;
      const objects: Node[] = [];
      // The options inline or in a const (`CacheModule.registerAsync(cacheConfig)`).
      const arg = objectLiteralOf(call.getArguments()[0]);
      if (arg && Node.isObjectLiteralExpression(arg)) {
        const factory = arg.getProperty('useFactory');
        const optionsClass = arg.getProperty('useClass') ?? arg.getProperty('useExisting');
        const factories: Node[] = [];
        if (factory && Node.isMethodDeclaration(factory)) factories.push(factory);
        else if (factory && Node.isPropertyAssignment(factory))
          factories.push(...this.functionsOf(factory.getInitializerOrThrow()));
        else if (optionsClass && Node.isPropertyAssignment(optionsClass)) {
          // `useClass: CacheConfigService` (a CacheOptionsFactory): its createCacheOptions() returns the options.
          const symbol = unwrap(optionsClass.getInitializerOrThrow()).getSymbol();
          const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
          const cls = target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
          const method =
            cls && Node.isClassDeclaration(cls) ? cls.getMethod('createCacheOptions') : undefined;
          if (method) factories.push(method);
        } else objects.push(arg);
        for (const fn of factories)
          for (const r of this.returnedExpressions(fn)) {
            const result = unwrap(r);
            const inner = Node.isAwaitExpression(result) ? unwrap(result.getExpression()) : result;
            objects.push(objectLiteralOf(inner) ?? inner);
          }
      }
      if (!objects.length)
        return this.unresolved(
          `${this.where(call)}: the options of ${unwrap(call.getExpression()).getText()} cannot be read`,
        );
      const stores: Resolution[] = [];
      for (const object of objects) {
        if (!Node.isObjectLiteralExpression(object)) {
          stores.push(this.unresolved(`${this.where(object)}: the cache options are not an object literal`));
          continue;
        }
        const storesProperty = object.getProperty('stores');
        const storeProperty = object.getProperty('store');
        if (storesProperty && Node.isPropertyAssignment(storesProperty)) {
          const value = unwrap(storesProperty.getInitializerOrThrow());
          const elements = Node.isArrayLiteralExpression(value) ? value.getElements() : [value];
          for (const element of elements)
            stores.push(this.follow(element, new Set(seen), `${moduleVia}, store`));
        } else if (storeProperty) {
          stores.push(
            this.unresolved(
              `${this.where(storeProperty)}: a cache-manager v5 store factory (store: ...) is built inside the package; move to stores: [new Keyv(...)] and wrap it`,
            ),
          );
        } else {
          stores.push(
            this.unresolved(
              `${this.where(call)}: the default in-memory store of CacheModule (values stay in the process)`,
            ),
          );
        }
      }
      return this.merge(stores);
    });
    return this.merge(parts);
  }
}

/** A write call of a site: the call expression at or around a 1-based line/column of a file. */
export function writeCallAt(
  project: CacheProject,
  file: string,
  line: number,
  column: number,
): Node | undefined {
  const source = project.project.getSourceFile(file);
  if (!source) return undefined;
  let pos: number;
  try {
    pos = source.compilerNode.getPositionOfLineAndCharacter(line - 1, column - 1);
  } catch {
    return undefined;
  }
  const node = source.getDescendantAtPos(pos);
  return node?.getFirstAncestor((a): a is Node => {
    if (!Node.isCallExpression(a)) return false;
    const callee = unwrap(a.getExpression());
    return Node.isPropertyAccessExpression(callee) && CACHE_WRITE_METHODS.has(callee.getName());
  });
}

export type { WithStart };
