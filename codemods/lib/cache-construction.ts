/**
 * encrypt-cache across a project: follows a cache client from the write that uses it to every place it is
 * constructed, through whatever the project does in between (relative imports, tsconfig `paths`, workspace
 * packages, `require`, default and re-exports, class fields and constructor parameters, conditional and `??`/`||`
 * expressions, factory functions and methods, NestJS providers and `CacheModule.register(...)` stores), and lists
 * every cache call of the project with the key prefix it uses, so that the clients sharing encrypted prefixes are
 * wrapped together or not at all. TypeScript's own resolver (through ts-morph) does the module resolution.
 */
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
    this.project = options.tsconfig
      ? new Project({
          tsConfigFilePath: options.tsconfig,
          skipAddingFilesFromTsConfig: true,
          compilerOptions: { allowJs: true, noEmit: true },
        })
      : new Project({
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
    for (const file of this.sourceFiles()) {
      if (!this.processes(file.getFilePath())) continue;
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isPropertyAccessExpression(callee)) continue;
        const method = callee.getName();
        const kind: CacheCall['kind'] = CACHE_WRITE_METHODS.has(method)
          ? 'write'
          : READS.has(method)
            ? 'read'
            : RAW.has(method)
              ? 'raw'
              : PATTERNS.has(method)
                ? 'pattern'
                : 'other';
        if (kind === 'other') continue;
        const receiver = callee.getExpression();
        if (!this.looksLikeClient(receiver)) continue;
        const args = call.getArguments();
        let keyArg: Node | undefined = args[0];
        if (kind === 'pattern') {
          const matchIndex = args.findIndex((a) => /^['"`]match['"`]$/i.test(a.getText()));
          keyArg = matchIndex >= 0 ? args[matchIndex + 1] : method === 'keys' ? args[0] : undefined;
          const options = args.find((a) => Node.isObjectLiteralExpression(a));
          if (options && Node.isObjectLiteralExpression(options)) {
            const match = options.getProperty('match') ?? options.getProperty('MATCH');
            if (match && Node.isPropertyAssignment(match)) keyArg = match.getInitializer();
          }
        }
        if ((method === 'eval' || method === 'evalsha' || method === 'evalSha') && args.length > 2) {
          keyArg = args[2];
        }
        const resolution = this.resolve(receiver);
        // Made here as something else (`new Map()`): not a cache command.
        if (!resolution.constructions.length && !resolution.unresolved.length) continue;
        const { line, column } = lineColumn(call);
        calls.push({
          file: file.getFilePath(),
          start: call.getStart(),
          end: call.getEnd(),
          line,
          column,
          method,
          kind,
          prefix: staticHead(keyArg),
          resolution,
        });
      }
    }
    return calls;
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

  private construction(node: Node, via: string, secure: boolean): Construction {
    let target = node;
    const parent = node.getParent();
    if (!secure && parent && Node.isAwaitExpression(parent)) target = parent;
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
    if (!fn || !isInProject(fn.getSourceFile())) {
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
    for (const decorator of parameter.getDecorators()) {
      const name = decorator.getName();
      const arg = decorator.getArguments()[0];
      if (name === 'Inject' && arg) {
        if (unwrap(arg).getText() === 'CACHE_MANAGER') return this.followCacheManager(parameter, seen, via);
        return this.followProviders(
          this.tokenOf(arg),
          arg.getText(),
          seen,
          `${via}, @Inject(${arg.getText()})`,
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
          if (Node.isArrowFunction(value) || Node.isFunctionExpression(value))
            return this.returnsOf(value, new Set(seen), providerVia);
          return this.follow(value, new Set(seen), providerVia);
        }
        if (kind === 'useValue') return this.follow(value, new Set(seen), providerVia);
        if (kind === 'useExisting')
          return this.followProviders(this.tokenOf(value), value.getText(), seen, providerVia, where);
        return this.unresolved(
          `${this.where(object)} provides ${shown} with useClass ${value.getText()}: a class, not a client construction`,
        );
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
      const options = call.getArguments()[0];
      const objects: Node[] = [];
      const arg = options ? unwrap(options) : undefined;
      if (arg && Node.isObjectLiteralExpression(arg)) {
        const factory = arg.getProperty('useFactory');
        if (factory && Node.isPropertyAssignment(factory)) {
          const fn = unwrap(factory.getInitializerOrThrow());
          if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
            const body = fn.getBody();
            const results = Node.isBlock(body)
              ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement).map((r) => r.getExpression())
              : [body];
            for (const r of results)
              if (r) objects.push(unwrap(Node.isParenthesizedExpression(r) ? r.getExpression() : r));
          }
        } else objects.push(arg);
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
