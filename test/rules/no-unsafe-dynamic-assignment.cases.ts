/**
 * no-unsafe-dynamic-assignment's RuleTester cases: reported when input (or a parameter's keys, in a helper) reaches a
 * key or a merged object with no prototype guard. The shared cases run twice (test/rules/no-unsafe-dynamic-assignment.test.ts),
 * without and with type information; the typed run also clears the cases whose key a type proves harmless, listed
 * apart. test/rules/typed-superset.test.ts checks that the typed run reports everything the untyped run reports.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageIds, Options } from '../../rules/no-unsafe-dynamic-assignment.js';
import type { CaseGroup, RuleCases } from '../helpers/case-groups.js';

const RT = "'@secure-migrate/runtime'";

type Invalid = InvalidTestCase<MessageIds, Options>;
type Valid = string | ValidTestCase<Options>;

/** A report with no suggestion (deep writes, recursion, lodash merges). */
function bare(code: string, messageId: MessageIds, line: number, column: number, options?: Options): Invalid {
  return { code, ...(options ? { options } : {}), errors: [{ messageId, line, column }] };
}

/** A computed write rewritten to `guardAssign(target, key, value)`. */
function guarded(
  code: string,
  line: number,
  column: number,
  write: string,
  call: string,
  messageId: MessageIds = 'unsafeComputedWrite',
): Invalid {
  if (!code.includes(write)) throw new Error(`test: ${write} is not in the code`);
  return {
    code,
    errors: [
      {
        messageId,
        line,
        column,
        suggestions: [
          {
            messageId: 'useGuardAssign',
            output: withImport(code.replace(write, call), 'guardAssign'),
          },
        ],
      },
    ],
  };
}

/** `Object.assign(...)` rewritten to `guardAssignAll(...)`. */
function assignAll(
  code: string,
  line: number,
  column: number,
  messageId: MessageIds = 'unsafeObjectAssign',
): Invalid {
  return {
    code,
    errors: [
      {
        messageId,
        line,
        column,
        suggestions: [
          {
            messageId: 'useGuardAssignAll',
            output: withImport(code.replace('Object.assign(', 'guardAssignAll('), 'guardAssignAll'),
          },
        ],
      },
    ],
  };
}

/** The code with `import { helper } from runtime` added where the rule adds it: after the file's own imports. */
function withImport(code: string, helper: string): string {
  const line = `import { ${helper} } from ${RT};\n`;
  const lines = code.split('\n');
  let last = -1;
  lines.forEach((l, i) => {
    if (l.startsWith('import ')) last = i;
  });
  if (last < 0) return line + code;
  return [...lines.slice(0, last + 1), line.trimEnd(), ...lines.slice(last + 1)].join('\n');
}

const SETTINGS = 'const settings = loadSettings();\n';

const valid: Valid[] = [
  // Reads, deletes and object-literal computed keys are not writes.
  "app.get('/x', (req, res) => { res.json(store[req.query.k]); delete store[req.query.k]; return { [req.query.k]: 1 }; });",
  // Keys the program controls: no input reaches them.
  'function f(o, k, v) { o[k] = v; }',
  'class Hub { add(channel, handler) { this.events[channel.id] = handler; } }',
  'function rename(row, from, to) { row[to] = row[from]; }',
  // Literal allow lists and constant lists.
  "const allowedFields = ['name', 'bio'];\napp.put('/me', (req, res) => { const update = loadUser(); allowedFields.forEach((f) => { update[f] = req.body[f]; }); });",
  "app.put('/p', (req) => { const p = load(); for (const f of ['public', 'certified']) p[f] = req.body[f]; });",
  // Template keys with a constant prefix or separator can never be __proto__.
  "app.post('/m', (req) => { memo[`sent.${req.body.offset}`] = true; memo[`user${req.body.id}`] = req.body; memo['k:' + req.body.id] = req.body; });",
  // Rewriting keys the object already has.
  'function normalise(fields) { for (const k of Object.keys(fields)) fields[k] = { value: fields[k] }; }',
  "app.post('/n', (req) => { const body = req.body; for (const k in body) body[k] = String(body[k]).trim(); });",
  // A Proxy set trap: the key is whatever the program itself writes.
  'const p = new Proxy(t, { set(target, key, value) { return Reflect.set(target, key, value); } });',
  // Numbers drop the taint.
  "app.post('/i', (req) => { list2[Number(req.body.i)] = 1; obj[parseInt(req.query.i, 10)] = req.body; obj[req.body.items.length] = 1; });",
  // Guards: comparisons with the prototype names that skip or throw.
  "app.post('/g', (req) => { const key = req.body.key; if (key === '__proto__' || key === 'constructor' || key === 'prototype') return; settings[key] = req.body.value; });",
  "app.post('/g', (req) => { const key = req.body.key; if (key !== '__proto__') { settings[key] = req.body.value; } });",
  // Membership in a literal allow list.
  "const ALLOWED = new Set(['name', 'email']);\napp.post('/g', (req) => { const key = req.body.key; if (ALLOWED.has(key)) settings[key] = req.body.value; });",
  "app.post('/g', (req) => { const key = req.body.key; if (!['name', 'email'].includes(key)) throw new Error('no'); settings[key] = 1; });",
  "app.post('/g', (req) => { const key = req.body.key; if (FIELDS.indexOf(key) === -1) return; settings[key] = req.body.v; });",
  "app.post('/g', (req) => { const key = req.body.key; switch (key) { case 'a': case 'b': settings[key] = req.body.v; break; default: break; } });",
  // Regexes that cannot match __proto__, numeric checks.
  "app.post('/g', (req) => { const key = req.body.key; if (/^[a-z]+$/.test(key)) settings[key] = req.body.v; });",
  "app.post('/g', (req) => { const key = req.body.key; if (typeof key === 'number') settings[key] = 1; if (Number.isInteger(key)) settings[key] = 2; });",
  // An own-property check on the object written to.
  "app.post('/g', (req) => { const key = req.body.key; if (Object.hasOwn(settings, key)) settings[key] = req.body.v; });",
  "app.post('/g', (req) => { const key = req.body.key; if (Object.prototype.hasOwnProperty.call(settings, key)) settings[key] = req.body.v; });",
  // Project checks named for what they do.
  "app.post('/g', (req) => { const key = req.body.key; if (!isSafeKey(key)) return; settings[key] = req.body.v; if (isForbiddenKey(key)) return; });",
  // A filter that keeps only safe keys.
  "app.post('/g', (req) => { Object.keys(req.body).filter((k) => k !== '__proto__' && k !== 'constructor').forEach((k) => { settings[k] = req.body[k]; }); });",
  // Sanitizers return a safe subset.
  "app.post('/s', (req) => { const clean = pick(req.body, ['name']); for (const k in clean) settings[k] = clean[k]; Object.assign(settings, sanitizeBody(req.body)); });",
  {
    code: "app.post('/s', (req) => { const clean = onlyKnown(req.body); Object.assign(settings, clean); });",
    options: [{ sanitizers: ['onlyKnown'] }],
  },
  // Harmless targets: Object.create(null), arrays, fresh dictionaries receiving primitives.
  "app.post('/h', (req) => { const m = Object.create(null); m[req.body.k] = req.body.v; const list = []; list[req.body.k] = 1; });",
  "app.post('/h', (req) => { const counts = {}; for (const item of req.body.items) counts[item.type] = (counts[item.type] || 0) + 1; return counts; });",
  // Compound assignments read the key first.
  "app.post('/c', (req) => { totals[req.body.k] += 1; totals[req.body.k] ??= []; });",
  // Object.assign into fresh objects, from literals and module constants.
  "const DEFAULTS = { retries: 3 };\napp.post('/a', (req) => { Object.assign({}, req.body); Object.assign(settings, DEFAULTS, { a: 1 }); });",
  // A parameter no caller in this file feeds with input (the strict option reports it).
  'function applyFilter(filter, rowFilter) { Object.assign(filter, rowFilter); return filter; }',
  // Options.
  {
    code: "app.post('/a', (req) => { Object.assign(settings, req.body); });",
    options: [{ checkObjectAssign: false }],
  },
  {
    code: "app.post('/a', (req) => { Object.assign(settings, req.body); });",
    options: [{ trustedSources: ['body'] }],
  },
  {
    code: "import _ from 'lodash';\napp.post('/l', (req) => { _.set(settings, req.body.path, 1); });",
    options: [{ checkLodash: false }],
  },
  // lodash with literal paths and trusted sources; other libraries' `set`.
  "import _ from 'lodash';\napp.post('/l', (req) => { _.set(settings, 'a.b', req.body); _.merge(settings, { a: req.body.a }); });",
  "import { set } from 'idb-keyval';\napp.post('/l', (req) => { set(req.body.k, req.body.v); });",
  // A whole-list check before the loop: every key was checked against a literal allow list.
  "app.patch('/me', (req, res) => {\n  const updates = Object.keys(req.body);\n  const ok = updates.every((u) => ['name', 'age'].includes(u));\n  if (!ok) return res.status(400).end();\n  updates.forEach((u) => (req.user[u] = req.body[u]));\n  for (const u of updates) req.user[u] = req.body[u];\n});",
  // Making sure an entry exists: with __proto__ it does not run, or writes the prototype back.
  'export function setByPath(obj, path) {\n  const parts = path.split(".");\n  let o = obj;\n  for (const p of parts) {\n    if (!o[p]) o[p] = {};\n    o[p] = o[p] || {};\n    o = o[p];\n  }\n}',
  // A helper picking keys into a fresh object (not a recursive clone).
  'export function pickProps(props, state) { const extra = {}; Object.keys(state).forEach((k) => { extra[k] = props[k]; }); return extra; }',
  // Browser code: a socket.io client hears the application's own server.
  "import { io } from 'socket.io-client';\nconst socket = io();\nconst list = {};\nsocket.on('heartbeat', (id, data) => { list[id] = data; });",
  // An inline event handler walking what it was sent is not a helper anyone calls with their own data.
  "emitter.on('update', (data) => { Object.entries(data).forEach(([id, monitor]) => { state.list[id] = monitor; }); });",
  // A nested entry made fresh earlier in an enclosing block, then filled by a helper.
  'export function parseRules(spec) { const rules = {}; for (const input in spec) { rules[input] = {}; for (const rule of spec[input].split(" ")) { const [name, value] = rule.split("="); rules[input][name] = value; } } return rules; }',
  // The path of a parsed request URL starts with a slash.
  "import url from 'node:url';\nfunction cacheIt(key, value) { timers[key] = value; }\napp.use((req) => { cacheIt(url.parse(req.body.u).pathname, {}); });",
  // A throwing project check on the key before the write.
  "io.on('connection', (socket) => { socket.on('pause', async (id) => { await checkOwner(socket.userId, id); monitors[id] = { active: false }; }); });",
  // A nested entry made fresh just before: never Object.prototype.
  "app.post('/r', (req) => { const rules = {}; rules[req.body.input] = {}; rules[req.body.input].required = req.body.v; });",
  // A reduce accumulator that starts empty, copying a parsed object's values.
  'export function pickHeaders(text) { const headers = JSON.parse(text); return Object.keys(headers).reduce((acc, h) => { acc[h] = String(headers[h]); return acc; }, {}); }',
  // A clone helper recursing into the object it reads from, writing only primitives.
  'function flatten(obj, out = {}, prefix = "") { for (const k in obj) { if (typeof obj[k] === "object") flatten(obj[k], out, `${prefix}${k}.`); else out[`${prefix}${k}`] = String(obj[k]); } return out; }',
];

const invalid: Invalid[] = [
  // Sources: Express request parts.
  guarded(
    `${SETTINGS}app.post('/s', (req, res) => {\n  settings[req.body.key] = req.body.value;\n});`,
    3,
    3,
    'settings[req.body.key] = req.body.value',
    'guardAssign(settings, req.body.key, req.body.value)',
  ),
  guarded(
    `${SETTINGS}router.get('/s/:k', (req, res) => {\n  settings[req.params.k] = req.query.v;\n});`,
    3,
    3,
    'settings[req.params.k] = req.query.v',
    'guardAssign(settings, req.params.k, req.query.v)',
  ),
  guarded(
    `${SETTINGS}function mw(req, res, next) {\n  settings[req.headers['x-field']] = req.cookies.v;\n}`,
    3,
    3,
    "settings[req.headers['x-field']] = req.cookies.v",
    "guardAssign(settings, req.headers['x-field'], req.cookies.v)",
  ),
  // Koa, Fastify, Lambda.
  guarded(
    `${SETTINGS}router.post('/k', async (ctx) => {\n  settings[ctx.request.body.k] = 1;\n});`,
    3,
    3,
    'settings[ctx.request.body.k] = 1',
    'guardAssign(settings, ctx.request.body.k, 1)',
  ),
  guarded(
    `${SETTINGS}router.get('/k', async (ctx) => {\n  settings[ctx.query.k] = ctx.params.v;\n});`,
    3,
    3,
    'settings[ctx.query.k] = ctx.params.v',
    'guardAssign(settings, ctx.query.k, ctx.params.v)',
  ),
  guarded(
    `${SETTINGS}fastify.post('/f', async (request, reply) => {\n  settings[request.body.k] = request.body.v;\n});`,
    3,
    3,
    'settings[request.body.k] = request.body.v',
    'guardAssign(settings, request.body.k, request.body.v)',
  ),
  guarded(
    `${SETTINGS}export const handler = async (event) => {\n  const q = event.queryStringParameters;\n  settings[q.field] = q.value;\n};`,
    4,
    3,
    'settings[q.field] = q.value',
    'guardAssign(settings, q.field, q.value)',
  ),
  // NestJS `@Body()`.
  guarded(
    'class C {\n  update(@Body() dto: any) {\n    for (const k in dto) this.config[k] = dto[k];\n  }\n}',
    3,
    26,
    'this.config[k] = dto[k]',
    'guardAssign(this.config, k, dto[k])',
  ),
  // Parsed external text, query strings, URLSearchParams.
  guarded(
    `${SETTINGS}export function load(text) {\n  const data = JSON.parse(text);\n  for (const k of Object.keys(data)) settings[k] = data[k];\n}`,
    4,
    38,
    'settings[k] = data[k]',
    'guardAssign(settings, k, data[k])',
  ),
  guarded(
    `import qs from 'qs';\n${SETTINGS}export function load(search) {\n  const q = qs.parse(search);\n  for (const [k, v] of Object.entries(q)) settings[k] = v;\n}`,
    5,
    43,
    'settings[k] = v',
    'guardAssign(settings, k, v)',
  ),
  guarded(
    `${SETTINGS}export function load(search) {\n  for (const [k, v] of new URLSearchParams(search)) settings[k] = v;\n}`,
    3,
    53,
    'settings[k] = v',
    'guardAssign(settings, k, v)',
  ),
  // Socket and message payloads.
  guarded(
    `${SETTINGS}io.on('connection', (socket) => {\n  socket.on('update', (data) => {\n    settings[data.field] = data.value;\n  });\n});`,
    4,
    5,
    'settings[data.field] = data.value',
    'guardAssign(settings, data.field, data.value)',
  ),
  // A parameter fed with input by a caller in this file.
  guarded(
    `${SETTINGS}function apply(target, field, value) {\n  target[field] = value;\n}\napp.post('/a', (req) => apply(settings, req.body.field, req.body.value));`,
    3,
    3,
    'target[field] = value',
    'guardAssign(target, field, value)',
  ),
  // Propagation: destructuring, string operations that keep the text, array callbacks.
  guarded(
    `${SETTINGS}app.post('/p', (req) => {\n  const { field, value } = req.body;\n  settings[field.trim().toLowerCase()] = value;\n});`,
    4,
    3,
    'settings[field.trim().toLowerCase()] = value',
    'guardAssign(settings, field.trim().toLowerCase(), value)',
  ),
  guarded(
    `${SETTINGS}app.post('/p', ({ body }, res) => {\n  settings[body.name] = body.value;\n});`,
    3,
    3,
    'settings[body.name] = body.value',
    'guardAssign(settings, body.name, body.value)',
  ),
  guarded(
    `${SETTINGS}app.post('/p', (req) => {\n  const parts = req.body.path.split('.');\n  settings[parts[0]] = req.body.value;\n});`,
    4,
    3,
    'settings[parts[0]] = req.body.value',
    'guardAssign(settings, parts[0], req.body.value)',
  ),
  guarded(
    `${SETTINGS}app.post('/p', (req) => {\n  Object.keys(req.body).forEach((k) => {\n    settings[k] = req.body[k];\n  });\n});`,
    4,
    5,
    'settings[k] = req.body[k]',
    'guardAssign(settings, k, req.body[k])',
  ),
  guarded(
    `${SETTINGS}app.post('/p', (req) => {\n  const key = \`\${req.body.a}\${req.body.b}\`;\n  settings[key] = 1;\n});`,
    4,
    3,
    'settings[key] = 1',
    'guardAssign(settings, key, 1)',
  ),
  // Not guards: `in`, deny lists of other names, truthiness, hasOwnProperty on the source.
  guarded(
    `${SETTINGS}app.post('/n', (req) => {\n  const key = req.body.key;\n  if (key in settings) settings[key] = req.body.value;\n});`,
    4,
    24,
    'settings[key] = req.body.value',
    'guardAssign(settings, key, req.body.value)',
  ),
  guarded(
    `${SETTINGS}app.post('/n', (req) => {\n  for (const key in req.body) {\n    if (key === 'objectId') continue;\n    settings[key] = req.body[key];\n  }\n});`,
    5,
    5,
    'settings[key] = req.body[key]',
    'guardAssign(settings, key, req.body[key])',
  ),
  guarded(
    `${SETTINGS}app.post('/n', (req) => {\n  const key = req.body.key;\n  if (key) settings[key] = req.body.value;\n});`,
    4,
    12,
    'settings[key] = req.body.value',
    'guardAssign(settings, key, req.body.value)',
  ),
  guarded(
    `${SETTINGS}app.post('/n', (req) => {\n  const key = req.body.key;\n  if (/^[\\w]+$/.test(key)) settings[key] = 1;\n});`,
    4,
    28,
    'settings[key] = 1',
    'guardAssign(settings, key, 1)',
  ),
  // A fresh dictionary receiving objects from input: `__proto__` would become its prototype.
  guarded(
    "app.post('/f', (req) => {\n  const out = {};\n  out[req.body.k] = req.body.v;\n  return out;\n});",
    3,
    3,
    'out[req.body.k] = req.body.v',
    'guardAssign(out, req.body.k, req.body.v)',
  ),
  // Helpers that are polluting by construction, whoever calls them: reported once.
  guarded(
    'export function extend(target, source) {\n  for (const key in source) {\n    if (source.hasOwnProperty(key)) target[key] = source[key];\n  }\n  return target;\n}',
    3,
    37,
    'target[key] = source[key]',
    'guardAssign(target, key, source[key])',
  ),
  bare(
    'export function merge(target, source) {\n  for (const key of Object.keys(source)) {\n    if (typeof source[key] === "object") merge(target[key], source[key]);\n    else target[key] = source[key];\n  }\n}',
    'unsafeRecursion',
    3,
    42,
  ),
  guarded(
    'export function clone(obj) {\n  const out = {};\n  for (const k in obj) out[k] = clone(obj[k]);\n  return out;\n}',
    3,
    24,
    'out[k] = clone(obj[k])',
    'guardAssign(out, k, clone(obj[k]))',
  ),
  guarded(
    'export function setPath(obj, path, value) {\n  const parts = path.split(".");\n  let cur = obj;\n  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i]] ??= {};\n  cur[parts[parts.length - 1]] = value;\n}',
    5,
    3,
    'cur[parts[parts.length - 1]] = value',
    'guardAssign(cur, parts[parts.length - 1], value)',
  ),
  // h3 / Nuxt: readBody and router params; lodash imported per method.
  bare(
    "import merge from 'lodash/merge.js';\nexport default defineEventHandler(async (event) => {\n  const data = await readBody(event);\n  merge(settings, data);\n});",
    'unsafeLodashMerge',
    4,
    3,
  ),
  // A list checked with a deny list only: still reported.
  guarded(
    "app.patch('/me', (req) => {\n  const updates = Object.keys(req.body);\n  if (!updates.every((u) => u !== 'id')) return;\n  updates.forEach((u) => (req.user[u] = req.body[u]));\n});",
    4,
    27,
    'req.user[u] = req.body[u]',
    'guardAssign(req.user, u, req.body[u])',
  ),
  // A server-side socket payload is input; `o[k] = o[k] || {}` keeps Object.prototype for __proto__.
  bare(
    "io.on('connection', (socket) => {\n  socket.on('register', (msg) => {\n    data[msg.site] = data[msg.site] || {};\n    data[msg.site][msg.key] = msg.value;\n  });\n});",
    'unsafeDeepWrite',
    4,
    5,
  ),
  // Object.assign into an object this function made from literals: an own __proto__ key in the body replaces its
  // prototype, and every other key lands in it.
  assignAll(
    "app.post('/c', (req) => {\n  const context = req.body.ctx ? { '@context': 1 } : {};\n  return Object.assign(context, req.body);\n});",
    3,
    10,
  ),
  // Deep writes.
  bare(
    `${SETTINGS}app.post('/d', (req) => {\n  settings[req.body.section][req.body.key] = req.body.value;\n});`,
    'unsafeDeepWrite',
    3,
    3,
  ),
  // Object.assign: request data, a computed literal key, a spread of input.
  assignAll(`${SETTINGS}app.put('/u', (req) => {\n  Object.assign(settings, req.body);\n});`, 3, 3),
  assignAll(
    `${SETTINGS}app.put('/u', (req) => {\n  Object.assign(settings, { [req.body.key]: req.body.value });\n});`,
    3,
    3,
    'unsafeComputedWrite',
  ),
  assignAll(
    `${SETTINGS}app.put('/u', (req) => {\n  const saved = Object.assign(settings, { ...req.query }, { at: 1 });\n  return saved;\n});`,
    3,
    17,
  ),
  // The filter of the first report: Object.assign(filter, rowFilter) fed with a request body.
  assignAll(
    "function applyFilter(filter, rowFilter) {\n  Object.assign(filter, rowFilter);\n  return filter;\n}\napp.get('/rows', (req) => applyFilter({ id: 1 }, req.query));",
    2,
    3,
  ),
  // Reflect.set.
  guarded(
    `${SETTINGS}app.post('/r', (req) => {\n  Reflect.set(settings, req.body.k, req.body.v);\n});`,
    3,
    3,
    'Reflect.set(settings, req.body.k, req.body.v)',
    'guardAssign(settings, req.body.k, req.body.v)',
    'unsafeReflectSet',
  ),
  // lodash.
  {
    code: `import _ from 'lodash';\n${SETTINGS}app.post('/l', (req) => {\n  _.set(settings, req.body.path, req.body.value);\n});`,
    errors: [
      {
        messageId: 'unsafeLodashPath',
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'useSecureSet',
            output: `import _ from 'lodash';\nimport { secureSet } from ${RT};\n${SETTINGS}app.post('/l', (req) => {\n  secureSet(settings, req.body.path, req.body.value);\n});`,
          },
        ],
      },
    ],
  },
  bare(
    `import { merge } from 'lodash';\n${SETTINGS}app.post('/l', (req) => {\n  merge(settings, req.body);\n});`,
    'unsafeLodashMerge',
    4,
    3,
  ),
  // The strict option: keys the program made are reported too.
  bare('function f(o, k, v) {\n  o.list[k].x = v;\n}', 'unsafeDeepWrite', 2, 3, [
    { reportUnknownKeys: true },
  ]),
  {
    code: 'function applyFilter(filter, rowFilter) {\n  Object.assign(filter, rowFilter);\n}',
    options: [{ reportUnknownKeys: true }],
    errors: [
      {
        messageId: 'unsafeObjectAssign',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'useGuardAssignAll',
            output: `import { guardAssignAll } from ${RT};\nfunction applyFilter(filter, rowFilter) {\n  guardAssignAll(filter, rowFilter);\n}`,
          },
        ],
      },
    ],
  },
  // Allow lists come from declared types only, offered beside the guard, privileged fields named.
  {
    code: `interface User { name: string; email: string; isAdmin: boolean; passwordHash: string }\ndeclare function loadUser(): User;\napp.post('/u', (req) => {\n  const user: User = loadUser();\n  user[req.body.field] = req.body.value;\n});`,
    errors: [
      {
        messageId: 'unsafeComputedWrite',
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'useGuardAssign',
            output: `import { guardAssign } from ${RT};\ninterface User { name: string; email: string; isAdmin: boolean; passwordHash: string }\ndeclare function loadUser(): User;\napp.post('/u', (req) => {\n  const user: User = loadUser();\n  guardAssign(user, req.body.field, req.body.value);\n});`,
          },
          {
            messageId: 'useAllowList',
            data: {
              typeName: 'User',
              allowList: "'name', 'email'",
              privilegedText: '; left out as privileged or sensitive: isAdmin, passwordHash',
            },
            output: `import { secureAssign } from ${RT};\ninterface User { name: string; email: string; isAdmin: boolean; passwordHash: string }\ndeclare function loadUser(): User;\napp.post('/u', (req) => {\n  const user: User = loadUser();\n  secureAssign(user, req.body.field, req.body.value, { allow: ['name', 'email'] });\n});`,
          },
        ],
      },
    ],
  },
];

/** The same site with `allowListsFromTypes`: the declared type's list is offered first. */
const ALLOW_FIRST = `interface User { name: string; isAdmin: boolean }\ndeclare const user: User;\napp.post('/u', (req) => {\n  user[req.body.field] = req.body.value;\n});`;
invalid.push({
  code: ALLOW_FIRST,
  options: [{ allowListsFromTypes: true }],
  errors: [
    {
      messageId: 'unsafeComputedWrite',
      line: 4,
      column: 3,
      suggestions: [
        {
          messageId: 'useAllowList',
          output: withImport(
            ALLOW_FIRST.replace(
              'user[req.body.field] = req.body.value',
              "secureAssign(user, req.body.field, req.body.value, { allow: ['name'] })",
            ),
            'secureAssign',
          ),
        },
        {
          messageId: 'useGuardAssign',
          output: withImport(
            ALLOW_FIRST.replace(
              'user[req.body.field] = req.body.value',
              'guardAssign(user, req.body.field, req.body.value)',
            ),
            'guardAssign',
          ),
        },
      ],
    },
  ],
});

export const untyped: CaseGroup<MessageIds, Options> = {
  name: 'no-unsafe-dynamic-assignment',
  valid: [
    ...valid,
    // Without types, a number-typed key from input is not known to be a number: that is the typed run's to clear.
  ],
  invalid: [
    ...invalid,
    // An initialiser literal never becomes an allow list: the guard is the only suggestion.
    assignAll(
      "const filter = { id_project: 1, id_table: 2 };\napp.get('/rows', (req) => {\n  Object.assign(filter, req.query);\n  return filter;\n});",
      3,
      3,
    ),
  ],
};

export const typed: CaseGroup<MessageIds, Options> = {
  name: 'no-unsafe-dynamic-assignment (typed)',
  valid: [
    ...valid,
    // A type proves the key harmless: a number, a literal union, keyof.
    "declare const app: { post(p: string, h: (req: { body: { i: number } }) => void): void };\nconst list: Record<number, unknown> = {};\napp.post('/t', (req) => { list[req.body.i] = req.body; });",
    "type Side = 'left' | 'right';\ndeclare const app: { post(p: string, h: (req: { body: { side: Side } }) => void): void };\nconst o: Record<string, unknown> = {};\napp.post('/t', (req) => { o[req.body.side] = req.body; });",
  ],
  invalid,
};

export const typedDeclared: CaseGroup<MessageIds, Options> = {
  name: 'no-unsafe-dynamic-assignment (typed, declared types)',
  valid: [
    'export function f(o: Record<string, number>, i: number, v: number) { o[i] = v; }',
    'interface S { a: string; b: number }\nexport function f<K extends keyof S>(s: S, key: K, v: S[K]) { s[key] = v; }',
    // A dictionary of primitives receiving a primitive from input: `__proto__ = 'text'` is ignored.
    "import type { Request } from 'express';\nexport function f(req: Request, headers: Record<string, string>) { headers[String(req.body.name)] = String(req.body.value); }",
    // A key typed as a number or a literal union, even from input.
    "type Side = 'left' | 'right';\nimport type { Request } from 'express';\nexport function f(req: Request<object, object, { side: Side; i: number }>, o: Record<string, object>) { o[req.body.side] = {}; o[req.body.i] = {}; }",
  ],
  invalid: [
    {
      // A dictionary of objects: `__proto__` from the request would replace its prototype.
      code: "import type { Request } from 'express';\nexport function f(byId: Record<string, object>, req: Request) {\n  byId[req.params.id!] = req.body;\n}",
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssign',
              output:
                "import type { Request } from 'express';\nimport { guardAssign } from '@secure-migrate/runtime';\nexport function f(byId: Record<string, object>, req: Request) {\n  guardAssign(byId, req.params.id!, req.body);\n}",
            },
          ],
        },
      ],
    },
    {
      // The allow list comes from the declared type through the checker; privileged and sensitive fields are named.
      code: "import type { Request } from 'express';\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  Reflect.set(a, String(req.query.k), req.body.v);\n}",
      errors: [
        {
          messageId: 'unsafeReflectSet',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssign',
              output: `import type { Request } from 'express';\nimport { guardAssign } from ${RT};\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  guardAssign(a, String(req.query.k), req.body.v);\n}`,
            },
            {
              messageId: 'useAllowList',
              output: `import type { Request } from 'express';\nimport { secureAssign } from ${RT};\ninterface Account { name: string; isAdmin: boolean; apiKey: string }\nexport function f(a: Account, req: Request) {\n  secureAssign(a, String(req.query.k), req.body.v, { allow: ['name'] });\n}`,
            },
          ],
        },
      ],
    },
    {
      // An object literal's inferred type is not a declared type: no allow list is offered.
      code: "import type { Request } from 'express';\nconst filter = { id_project: 1, id_table: 2 };\nexport function f(req: Request) {\n  Object.assign(filter, req.query);\n  return filter;\n}",
      errors: [
        {
          messageId: 'unsafeObjectAssign',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'useGuardAssignAll',
              output: `import type { Request } from 'express';\nimport { guardAssignAll } from ${RT};\nconst filter = { id_project: 1, id_table: 2 };\nexport function f(req: Request) {\n  guardAssignAll(filter, req.query);\n  return filter;\n}`,
            },
          ],
        },
      ],
    },
  ],
};

export const cases: RuleCases<MessageIds, Options> = { untyped: [untyped], typed: [typed, typedDeclared] };
