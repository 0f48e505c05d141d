import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  clientImportOf,
  clientKey,
  enclosingCacheWrite,
  isExportedSecureClient,
  resolveRelativeImport,
} from './cross-file.js';
import type { Refinement, RefineContext } from './engine.js';
import type { TextEdit } from './edits.js';
import type { CachePlan } from './cache-plan.js';

/** Key/value writes whose value a plain read of the same key returns. */
const KV_WRITES = new Set([
  'set',
  'setnx',
  'setNX',
  'setex',
  'setEx',
  'psetex',
  'pSetEx',
  'getset',
  'getSet',
]);
/** Reads that return the value a key/value write stored. */
const KV_READS = new Set(['get', 'getdel', 'getDel', 'getex', 'getEx']);

type WithParent = TSESTree.Node & { parent?: TSESTree.Node };

function methodName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  if (!callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  if (callee.property.type === 'Literal' && typeof callee.property.value === 'string')
    return callee.property.value;
  return undefined;
}

function enclosingWrite(node: TSESTree.Node | undefined): TSESTree.CallExpression | undefined {
  for (
    let current = node as WithParent | undefined;
    current;
    current = current.parent as WithParent | undefined
  ) {
    if (current.type === 'CallExpression') {
      const method = methodName(current);
      if (method && KV_WRITES.has(method)) return current;
    }
    if (current.type.endsWith('Statement') || current.type.includes('Function')) break;
  }
  return undefined;
}

const squash = (text: string): string => text.replace(/\s+/g, '');

function* calls(node: TSESTree.Node): Generator<TSESTree.CallExpression> {
  const stack: TSESTree.Node[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'CallExpression') yield current;
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value)
          if (item && typeof item.type === 'string') stack.push(item as TSESTree.Node);
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

const MOVE_TO_CONSTRUCTION =
  'Wrap the client where it is created in secureCache(...) so every read decrypts, or decrypt its reads with decryptFromCache(...).';

/**
 * encrypt-cache's refinement of a suggestion. A client imported from another project file that is (or, in this
 * run, was made) a `secureCache(...)` there needs nothing here. For an `encryptForCache(...)` suggestion: encrypting a write is only correct when
 * every read of that key decrypts, so the reads of the same client and the same key expression in this file get
 * `decryptFromCache(...)` (cache misses pass through). When the write is not a key/value write, or no read of it
 * is found here, or a read cannot be rewritten, the site is left with a TODO instead.
 * `secureCache(...)` suggestions (the client wrapped where it is created) pass unchanged.
 */
export function refineCacheSuggestion(context: RefineContext, plan?: CachePlan): Refinement {
  const call = enclosingCacheWrite(context.node);
  const client = call ? clientImportOf(call, context.ast) : undefined;
  const planned = call ? plan?.writes[path.resolve(context.filePath)] : undefined;
  const decision = planned?.find((w) => w.start === call!.range[0] && w.end === call!.range[1]);
  if (decision?.action === 'secured') {
    return { edits: [], note: decision.message, ...(client ? { client } : {}) };
  }
  if (decision?.action === 'todo') return { todo: decision.message, ...(client ? { client } : {}) };
  if (client) {
    const target = resolveRelativeImport(context.filePath, client.source);
    if (
      target &&
      (context.securedClients.has(clientKey(target, client.imported)) ||
        isExportedSecureClient(target, client.imported))
    ) {
      const where = path.relative(path.dirname(context.filePath), target).split(path.sep).join('/');
      return {
        edits: [],
        note: `the client is wrapped in secureCache(...) where it is created (${where})`,
        client,
      };
    }
  }
  const refined = refineEncryptFallback(context);
  return client ? { ...refined, client } : refined;
}

function refineEncryptFallback(context: RefineContext): Refinement {
  if (!context.helpers.includes('encryptForCache')) return { edits: context.edits };
  const write = enclosingWrite(context.node);
  if (!write || write.callee.type !== 'MemberExpression' || !write.arguments[0]) {
    return { todo: `This write cannot be encrypted at the call site safely. ${MOVE_TO_CONSTRUCTION}` };
  }
  const text = (n: TSESTree.Node): string => context.source.slice(n.range[0], n.range[1]);
  const client = squash(text(write.callee.object));
  const key = squash(text(write.arguments[0]));
  const encryptText = context.edits.map((e) => e.text).join('');
  const contextOption = /encryptForCache\([\s\S]*,\s*(\{\s*context:[\s\S]*\})\s*\)\s*$/.exec(
    encryptText,
  )?.[1];
  const edits: TextEdit[] = [...context.edits];
  let reads = 0;
  for (const call of calls(context.ast)) {
    const method = methodName(call);
    if (!method || !KV_READS.has(method) || call.callee.type !== 'MemberExpression') continue;
    if (
      squash(text(call.callee.object)) !== client ||
      !call.arguments[0] ||
      squash(text(call.arguments[0])) !== key
    ) {
      continue;
    }
    if (
      context.source
        .slice(call.range[1])
        .startsWith('.then((value) => (value == null ? value : decryptFromCache')
    ) {
      reads++;
      continue;
    }
    const parent = (call as WithParent).parent;
    if (!parent || parent.type !== 'AwaitExpression') {
      return {
        todo: `A read of this key is not awaited, so it cannot be decrypted here. ${MOVE_TO_CONSTRUCTION}`,
      };
    }
    const options = contextOption ? `, ${contextOption}` : '';
    // In TypeScript the read keeps its type: what was stored is what the read returned before the migration.
    const typeArgument = context.typescript ? '<typeof value>' : '';
    // The read's closing parenthesis is replaced rather than text inserted after it: when two writes of one file
    // share a read (the same client and key text), their edits overlap, so the second is applied in a later pass
    // that finds the read already decrypted, instead of decrypting it twice.
    edits.push({
      range: [call.range[1] - 1, call.range[1]],
      text: `).then((value) => (value == null ? value : decryptFromCache${typeArgument}(value${options})))`,
    });
    reads++;
  }
  if (reads === 0) {
    return {
      todo: `No read of this key in this file: its readers would get ciphertext. ${MOVE_TO_CONSTRUCTION}`,
    };
  }
  return { edits };
}
