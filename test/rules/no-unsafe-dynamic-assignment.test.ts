import rule from '../../rules/no-unsafe-dynamic-assignment.js';
import { createUntypedRuleTester } from '../helpers/rule-tester.js';

const RT = "'@secure-migrate/runtime'";

createUntypedRuleTester().run('no-unsafe-dynamic-assignment', rule, {
  valid: [
    // Reads, deletes and object-literal computed keys are not writes.
    'function f(o, k) { return o[k]; }',
    'function f(o, k) { delete o[k]; return { [k]: 1 }; }',
    // Literal, numeric, symbol and enum keys.
    "function f(o, v) { o['name'] = v; o[0] = v; o[Symbol.iterator] = v; o[k.length] = v; o[i + 1] = v; }",
    "enum Field { Name = 'name' }\nfunction f(o, v) { o[Field.Name] = v; }",
    // Keys named as constants.
    "const { LEVEL } = require('triple-beam');\nfunction f(info, v) { info[LEVEL] = v; info[Keys.MESSAGE] = v; }",
    // Loop counters and constant lists.
    'function f(o, v) { for (let i = 0; i < 3; i++) o[i] = v; }',
    "const KEYS = ['a', 'b'] as const;\nfunction f(o, v) { for (const k of KEYS) o[k] = v; }",
    "function f(o, v) { for (const k of ['x', 'y']) o[k] = v; }",
    // The target's own keys.
    'function f(o) { for (const k of Object.keys(o)) o[k] = String(o[k]).trim(); for (const k in o) o[k] = 1; }',
    // Literal-union and keyof annotations.
    "function f(o, key: 'a' | 'b', v) { o[key] = v; }",
    'interface T { a: string; b: number }\nfunction f(o: T, key: keyof T, v) { o[key] = v; }',
    "type Side = 'left' | 'right';\nfunction f(o, side: Side, v) { o[side] = v; }",
    'interface S { a: string }\nfunction f<K extends keyof S>(s: S, key: K, v: S[K]) { s[key] = v; }',
    // Keys that cannot be a field name or __proto__.
    'function f(o, a, b, v) { o[`${a}:${b}`] = v; o[a + "-suffix"] = v; }',
    // Guards.
    "function f(o, key, v) { if (key === '__proto__' || key === 'constructor' || key === 'prototype') return; o[key] = v; }",
    'function f(o, key, v) { if (ALLOWED.has(key)) { o[key] = v; } }',
    "function f(o, key, v) { if (typeof key === 'number' || key === 'title') o[key] = v; }",
    'function f(o, key, v) { if (!ALLOWED_FIELDS.includes(key)) throw new Error(key); o[key] = v; }',
    'function f(o, key, v) { if (Object.hasOwn(o, key)) o[key] = v; }',
    'function f(o, key, v) { if (Object.prototype.hasOwnProperty.call(o, key)) o[key] = v; }',
    'function f(o, key, v) { for (const k of keys) { if (isSafeKey(k)) o[k] = v; } }',
    // Harmless targets: arrays, Object.create(null), dictionaries built in the same function.
    'function f(key, v) { const m = Object.create(null); m[key] = v; return m; }',
    'function f(words) { const counts = {}; for (const w of words) counts[w] = (counts[w] ?? 0) + 1; return counts; }',
    'function f(items) { const byId: Record<string, unknown> = {}; for (const it of items) byId[it.id] = it; return byId; }',
    'function f(k, v) { const list = []; list[k] = v; }',
    // Dictionaries of primitives: no fixed field to overwrite, and `__proto__ = 'text'` is ignored.
    'function setHeader(headers: Record<string, string>, name: string, value: string) { headers[name] = value; }',
    'function bump(totals: { [day: string]: number }, day: string) { totals[day] = 1; }',
    // Compound assignments read the key first.
    'function f(o, k) { o[k] += 1; o[k] ??= []; }',
    // Object.assign with literals, into fresh objects, from module constants.
    'function f(target) { Object.assign(target, { a: 1 }); Object.assign({}, target, input); }',
    'const DEFAULTS = { retries: 3 };\nfunction f(target) { Object.assign(target, DEFAULTS); }',
    {
      code: 'function f(target, config) { Object.assign(target, config); }',
      options: [{ trustedSources: ['config'] }],
    },
    {
      code: 'function f(target, input) { Object.assign(target, input); }',
      options: [{ checkObjectAssign: false }],
    },
    // lodash with literal paths; other libraries' `set`.
    "import _ from 'lodash';\nfunction f(o, v) { _.set(o, 'a.b', v); _.set(o, ['a', 0], v); _.merge(o, { a: 1 }); }",
    "import { set } from 'idb-keyval';\nfunction f(k, v) { set(k, v); }",
    {
      code: "import _ from 'lodash';\nfunction f(o, p, v) { _.set(o, p, v); }",
      options: [{ checkLodash: false }],
    },
  ],
  invalid: [
    {
      code: 'function update(user, key, value) {\n  user[key] = value;\n}',
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\nfunction update(user, key, value) {\n  secureAssign(user, key, value);\n}`,
            },
          ],
        },
      ],
    },
    {
      // Allow list from the annotation (sensitive names left out).
      code: 'interface Profile { name: string; email: string; passwordHash: string }\nexport function update(p: Profile, key: string, value: string) {\n  p[key] = value;\n}',
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\ninterface Profile { name: string; email: string; passwordHash: string }\nexport function update(p: Profile, key: string, value: string) {\n  secureAssign(p, key, value, { allow: ['name', 'email'] });\n}`,
            },
          ],
        },
      ],
    },
    {
      // Allow list from the object literal the target was created with.
      code: "const settings = { theme: 'light', locale: 'en' };\nexport function set(key, value) {\n  settings[key] = value;\n}",
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\nconst settings = { theme: 'light', locale: 'en' };\nexport function set(key, value) {\n  secureAssign(settings, key, value, { allow: ['theme', 'locale'] });\n}`,
            },
          ],
        },
      ],
    },
    {
      // Used as a value: no suggestion (secureAssign returns a boolean, not the value).
      code: 'function f(o, k, v) { return (o[k] = v); }',
      errors: [{ messageId: 'unsafeComputedWrite', line: 1, column: 31, suggestions: [] }],
    },
    {
      // Keys from another object are not the target's own keys.
      code: 'function copy(target, src) { for (const k of Object.keys(src)) target[k] = src[k]; }',
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 1,
          column: 64,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\nfunction copy(target, src) { for (const k of Object.keys(src)) secureAssign(target, k, src[k]); }`,
            },
          ],
        },
      ],
    },
    {
      // A type check that still admits any string is no guard.
      code: "function f(o, key, v) { if (typeof key !== 'string') return; if (key !== 'id') o[key] = v; }",
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 1,
          column: 80,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\nfunction f(o, key, v) { if (typeof key !== 'string') return; if (key !== 'id') secureAssign(o, key, v); }`,
            },
          ],
        },
      ],
    },
    {
      code: 'function f(obj, k1, k2, v) { obj[k1][k2] = v; }',
      errors: [{ messageId: 'unsafeDeepWrite', line: 1, column: 30 }],
    },
    {
      code: 'function f(state, id) { state.items[id].done = true; }',
      errors: [{ messageId: 'unsafeDeepWrite', line: 1, column: 25 }],
    },
    {
      // Even a local dictionary: `acc['__proto__']` is Object.prototype.
      code: 'function f(rows) { const acc = {}; for (const r of rows) acc[r.group][r.key] = r.value; return acc; }',
      errors: [{ messageId: 'unsafeDeepWrite', line: 1, column: 58 }],
    },
    {
      code: 'export function patch(user, body) {\n  Object.assign(user, body);\n}',
      errors: [
        {
          messageId: 'unsafeObjectAssign',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'useSecureAssignAll',
              output: `import { secureAssignAll } from ${RT};\nexport function patch(user, body) {\n  secureAssignAll(user, body);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: 'const merged = Object.assign(target, req.body, extra);',
      errors: [{ messageId: 'unsafeObjectAssign', line: 1, column: 16, suggestions: [] }],
    },
    {
      code: 'const ok = Reflect.set(target, key, value);',
      errors: [
        {
          messageId: 'unsafeReflectSet',
          line: 1,
          column: 12,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output: `import { secureAssign } from ${RT};\nconst ok = secureAssign(target, key, value);`,
            },
          ],
        },
      ],
    },
    {
      code: "import _ from 'lodash';\nexport function f(o, path, v) {\n  _.set(o, path, v);\n  _.merge(o, req.body);\n}",
      errors: [
        {
          messageId: 'unsafeLodashPath',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useSecureSet',
              output: `import _ from 'lodash';\nimport { secureSet } from ${RT};\nexport function f(o, path, v) {\n  secureSet(o, path, v);\n  _.merge(o, req.body);\n}`,
            },
          ],
        },
        { messageId: 'unsafeLodashMerge', line: 4, column: 3 },
      ],
    },
    {
      code: "const { setWith, defaultsDeep } = require('lodash');\nsetWith(o, p, v, Object);\ndefaultsDeep(o, input);",
      errors: [
        { messageId: 'unsafeLodashPath', line: 2, column: 1, suggestions: [] },
        { messageId: 'unsafeLodashMerge', line: 3, column: 1 },
      ],
    },
    {
      // Merged into an existing CommonJS require of the runtime.
      code: "const { secureCache } = require('@secure-migrate/runtime');\nfunction f(o, k, v) { o[k] = v; }",
      errors: [
        {
          messageId: 'unsafeComputedWrite',
          line: 2,
          column: 23,
          suggestions: [
            {
              messageId: 'useSecureAssign',
              output:
                "const { secureCache, secureAssign } = require('@secure-migrate/runtime');\nfunction f(o, k, v) { secureAssign(o, k, v); }",
            },
          ],
        },
      ],
    },
  ],
});
