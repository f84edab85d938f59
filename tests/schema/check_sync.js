#!/usr/bin/env node
// Checks that scenarios/scenario.schema.json still mirrors the loader:
//  - the key lists of the loader, engine/core/scenario.c and scenario_sections.c
//    (check_obj arrays, cond_keys, cmp_keys),
//  - required keys, number ranges and whole-number flags of its *_field calls,
//  - array and object size limits (array_begin calls, BS_MAX_* in bs.h),
//  - quantity names and built-in action ids (engine/core/catalog.c),
//  - the model coefficients (BS_MODEL_PARAMS in engine/core/bs.h: names,
//    ranges, defaults, docs).
// It reads the C sources as text, so when the loader is restructured this
// script may need its FIELDS/KEY_LISTS tables updated; it then says so.
// usage: node check_sync.js SOURCE_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const src = process.argv[2];
if (!src) {
  console.error('usage: node check_sync.js SOURCE_DIR');
  process.exit(2);
}
const read = (p) => fs.readFileSync(path.join(src, p), 'utf8');
const bsH = read('engine/core/bs.h');
const catalogC = read('engine/core/catalog.c');
// The loader: its field helpers and conditions (scenario.c), its sections
// (scenario_sections.c), read as one text.
const scenarioC = read('engine/core/scenario.c') + '\n' + read('engine/core/scenario_sections.c');
const schema = JSON.parse(read('scenarios/scenario.schema.json'));
const D = schema.definitions;

const problems = [];
const fail = (msg) => problems.push(msg);
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const diff = (a, b) => [...a].filter((x) => !b.includes(x));
// A property that refers to a definition: {"$ref": ...} or {"allOf": [{"$ref": ...}]}.
const refOf = (p) => p && (p.$ref || (p.allOf && p.allOf.length === 1 && p.allOf[0].$ref));

// ---- bs.h: limits and model coefficients -----------------------------------
const macros = {};
for (const m of bsH.matchAll(/^#define\s+(BS_\w+)\s+(-?[0-9.]+)\b/gm)) macros[m[1]] = Number(m[2]);

function evalNum(expr) {
  expr = expr.trim();
  if (/^-?[0-9.]+(e[0-9]+)?$/i.test(expr)) return Number(expr);
  if (expr in macros) return macros[expr];
  return undefined;
}

const ID_PATTERN = D.id.pattern;
const MAX_STRING = macros.BS_MAX_STRING;
if (MAX_STRING === undefined) fail('bs.h: BS_MAX_STRING not found');

const paramBlock = bsH.slice(bsH.indexOf('#define BS_MODEL_PARAMS(X)'));
const params = [];
for (const m of paramBlock.matchAll(/X\(\s*(\w+)\s*,\s*([-0-9.eE+]+)\s*,\s*([-0-9.eE+]+)\s*,\s*([-0-9.eE+]+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)/g)) {
  params.push({ name: m[1], def: Number(m[2]), lo: Number(m[3]), hi: Number(m[4]), doc: m[5] });
  if (!/\\\s*$/.test(paramBlock.slice(m.index, paramBlock.indexOf('\n', m.index)))) break; // last line of the macro
}
if (params.length < 10) fail(`bs.h: found only ${params.length} BS_MODEL_PARAMS entries; has the macro changed shape?`);
const modelProps = D.model.properties;
if (!same(Object.keys(modelProps), params.map((p) => p.name))) {
  fail(`model: coefficients in bs.h but not in the schema: ${diff(params.map((p) => p.name), Object.keys(modelProps)).join(', ') || '-'}; ` +
       `in the schema but not in bs.h: ${diff(Object.keys(modelProps), params.map((p) => p.name)).join(', ') || '-'}`);
}
for (const p of params) {
  const s = modelProps[p.name];
  if (!s) continue;
  if (s.type !== 'number' || s.minimum !== p.lo || s.maximum !== p.hi || s.default !== p.def || s.description !== p.doc)
    fail(`model.${p.name}: bs.h says ${p.lo}..${p.hi}, default ${p.def}, "${p.doc}"; the schema says ` +
         `${s.minimum}..${s.maximum}, default ${s.default}, "${s.description}"`);
}

// ---- catalog.c: quantity names and built-in action ids ---------------------
function cStrings(body) {
  return [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}
function cArray(text, name) {
  const m = text.match(new RegExp(`\\b${name}\\s*\\[[^\\]]*\\]\\s*=\\s*\\{([^}]*)\\}`));
  return m ? cStrings(m[1]) : null;
}
const quantities = cArray(catalogC, 'quantity_names');
const builtins = cArray(catalogC, 'bs_builtin_action_ids');
const qEnum = bsH.match(/typedef enum \{([^}]*BS_Q_EFFECT_COUNT[^}]*)\} BsQuantity;/);
if (!quantities || !builtins || !qEnum) {
  fail('catalog.c/bs.h: quantity_names, bs_builtin_action_ids or BsQuantity not found');
} else {
  const before = qEnum[1].slice(0, qEnum[1].indexOf('BS_Q_EFFECT_COUNT'));
  const nEffect = [...before.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\bBS_Q_\w+/g)].length;
  const effectQ = quantities.slice(0, nEffect);
  if (!same(Object.keys(D.effects.properties), effectQ))
    fail(`effects: the loader's effect quantities are ${effectQ.join(', ')}; the schema has ${Object.keys(D.effects.properties).join(', ')}`);
  const condKeys = cArray(scenarioC, 'cond_keys') || [];
  const want = [...condKeys, ...quantities];
  const have = Object.keys(D.condition.properties);
  if (!same(have, want))
    fail(`condition: keys the loader reads but the schema lacks: ${diff(want, have).join(', ') || '-'}; ` +
         `keys in the schema the loader rejects: ${diff(have, want).join(', ') || '-'}`);
  for (const q of quantities)
    if (D.condition.properties[q] && refOf(D.condition.properties[q]) !== '#/definitions/comparison')
      fail(`condition.${q}: must refer to #/definitions/comparison`);
  const actionProps = schema.properties.actions.properties;
  if (!same(Object.keys(actionProps), builtins))
    fail(`actions: built-in ids are ${builtins.join(', ')}; the schema lists ${Object.keys(actionProps).join(', ')}`);
  if (!same(D.custom_action.properties.base.enum, builtins))
    fail('custom_action.base: the enum is not the list of built-in action ids');
}

// ---- scenario.c: key lists and field calls ---------------------------------
// Function bodies: a definition starts at column 0 and its "{" opens the next line.
// A body ends at the next "}" in column 0.
const funcs = [...scenarioC.matchAll(/^[A-Za-z][^\n;]*?\b(\w+)\([^;{]*?\)\s*\n\{/gm)].map((m) => {
  const close = scenarioC.slice(m.index).search(/^\}/m);
  return { name: m[1], at: m.index, end: close < 0 ? scenarioC.length : m.index + close };
});
const funcAt = (pos) => {
  const f = funcs.find((x) => x.at <= pos && pos < x.end);
  return f ? f.name : '(file)';
};

const root = schema;
// (function, variable or array) -> schema object(s) it describes
const TARGETS = {
  'ld_load_root/root': [root], '(file)/root_keys': [root],
  '(file)/cmp_keys': [D.comparison],
  'load_buyer/n': [D.buyer], 'load_buyer/keys': [D.buyer], 'load_buyer/e': [D.need], 'load_buyer/nk': [D.need],
  'load_messages/e': [D.message], 'load_messages/keys': [D.message], 'load_messages/root': [root],
  'load_objections/e': [D.objection], 'load_objections/keys': [D.objection], 'load_objections/root': [root],
  'load_actions/e': [D.custom_action, D.builtin_action], 'load_actions/keys': [D.custom_action],
  'load_policies/e': [D.policy], 'load_policies/keys': [D.policy], 'load_policies/r': [D.rule], 'load_policies/rk': [D.rule],
  'load_vendors/e': [D.vendor], 'load_vendors/keys': [D.vendor], 'load_vendors/start_keys': [D.start_meters],
  'load_vendors/root': [root],
  'load_choice/e': [D.choice], 'load_choice/keys': [D.choice],
  'load_states/e': [D.state], 'load_states/keys': [D.state], 'load_states/c': [D.auto], 'load_states/ak': [D.auto],
  'load_events/e': [D.event], 'load_events/keys': [D.event], 'load_events/root': [root],
  'load_thoughts/e': [D.thought], 'load_thoughts/keys': [D.thought], 'load_thoughts/root': [root],
  'load_lessons/e': [D.lesson], 'load_lessons/lk': [D.lesson], 'load_lessons/keys': [schema.properties.lessons],
  'load_lessons/root': [root],
  'react_field/keys': [D.reaction], 'react_field/lines': [D.reaction_line], 'react_field/v': [D.reaction_line],
};
// cond_keys: checked with the quantities above; tones: the values of "tone", an enum
const IGNORED_ARRAYS = new Set(['(file)/cond_keys', 'load_states/tones']);
const targets = (fn, v, what) => {
  const t = TARGETS[`${fn}/${v}`];
  if (!t) fail(`scenario.c: ${what} in ${fn}() on "${v}" is not mapped to the schema; update TARGETS in tests/schema/check_sync.js`);
  return t || [];
};

// Key lists: every `static const char *const NAME[] = {...};`
let nLists = 0;
for (const m of scenarioC.matchAll(/static const char \*const (\w+)\[\]\s*=\s*\{([^}]*)\};/g)) {
  const fn = funcAt(m.index);
  if (IGNORED_ARRAYS.has(`${fn}/${m[1]}`) || m[1] === 'ref_names') continue;
  nLists++;
  const keys = cStrings(m[2]);
  for (const t of targets(fn, m[1], `key list ${m[1]}`)) {
    const have = Object.keys(t.properties);
    if (t.additionalProperties !== false) fail(`${fn}/${m[1]}: the schema object must have additionalProperties: false`);
    if (!same(have, keys))
      fail(`${fn}/${m[1]}: keys the loader accepts but the schema lacks: ${diff(keys, have).join(', ') || '-'}; ` +
           `keys in the schema the loader rejects: ${diff(have, keys).join(', ') || '-'}`);
  }
}
if (nLists < 15) fail(`scenario.c: found only ${nLists} key lists; has the loader changed shape?`);

// Field calls with a literal key.
const required = new Map(); // schema object -> Set of keys the loader requires
const need = (t, k) => { if (!required.has(t)) required.set(t, new Set()); required.get(t).add(k); };
const re = /\b(?:ld_)?(num_field|text_field|id_field|ref_field|bool_field|effects_field|when_field|missing)\(L,\s*(\w+),\s*"([^"]+)"([^;]*)\);/g;
let nCalls = 0;
for (const m of scenarioC.matchAll(re)) {
  const [, kind, v, key, rest] = m;
  const fn = funcAt(m.index);
  const args = rest.split(',').slice(1).map((a) => a.replace(/\)+\s*$/, '').trim());
  nCalls++;
  for (const t of targets(fn, v, `${kind}("${key}")`)) {
    const p = t.properties[key];
    const where = `${fn}: ${kind}("${key}")`;
    if (!p) {
      if (!(t === D.builtin_action && key === 'base')) fail(`${where}: no property "${key}" in the schema`);
      continue;
    }
    const isReq = kind === 'missing' || (kind === 'text_field' || kind === 'id_field') && args[0] === 'true' ||
                  kind === 'num_field' && args[0] === 'true' || kind === 'ref_field' && args[1] === 'true';
    if (isReq) need(t, key);
    switch (kind) {
      case 'num_field': {
        const [, , lo, hi, integer] = args;
        const l = evalNum(lo), h = evalNum(hi);
        if (l === undefined || h === undefined) fail(`${where}: cannot read the range ${lo}..${hi}`);
        else if (p.minimum !== l || p.maximum !== h) fail(`${where}: the loader allows ${l} to ${h}, the schema ${p.minimum} to ${p.maximum}`);
        const wantType = integer === 'true' ? 'integer' : 'number';
        if (p.type !== wantType) fail(`${where}: the schema type should be ${wantType}, not ${p.type}`);
        break;
      }
      case 'text_field':
        if (p.enum) break; // a closed list of strings, like lang
        if (p.type !== 'string' || p.maxLength !== MAX_STRING) fail(`${where}: must be a string of maxLength ${MAX_STRING}`);
        if (args[0] === 'true' && p.minLength !== 1) fail(`${where}: a required text must have minLength 1`);
        break;
      case 'id_field':
      case 'ref_field':
        if (p.type !== 'string' || p.pattern !== ID_PATTERN) fail(`${where}: must be a string with the id pattern`);
        break;
      case 'bool_field':
        if (p.type !== 'boolean') fail(`${where}: must be a boolean`);
        break;
      case 'effects_field':
        if (refOf(p) !== '#/definitions/effects') fail(`${where}: must refer to #/definitions/effects`);
        break;
      case 'when_field':
        if (refOf(p) !== '#/definitions/condition') fail(`${where}: must refer to #/definitions/condition`);
        break;
    }
  }
}
if (nCalls < 40) fail(`scenario.c: found only ${nCalls} field calls; has the loader changed shape?`);

const label = new Map([[schema, 'the scenario'], [schema.properties.lessons, 'lessons']]);
for (const [k, v] of Object.entries(D)) label.set(v, `definitions.${k}`);

// Required keys: what the loader requires is required in the schema (at the
// top of the object or in its if/then/else), and nothing more.
for (const [t, keys] of required) {
  const top = t.required || [];
  const cond = [...((t.then && t.then.required) || []), ...((t.else && t.else.required) || [])];
  for (const k of keys) if (!top.includes(k) && !cond.includes(k)) fail(`${label.get(t)}: the loader requires "${k}" but the schema does not`);
  for (const k of top) if (!keys.has(k)) fail(`${label.get(t)}: the schema requires "${k}" but the loader does not`);
}

// Array sizes: array_begin(L, obj, "key", lo, hi, &old)
for (const m of scenarioC.matchAll(/array_begin\(L,\s*(\w+),\s*"(\w+)",\s*([\w.]+),\s*([\w.]+),/g)) {
  const fn = funcAt(m.index);
  for (const t of targets(fn, m[1], `array_begin("${m[2]}")`)) {
    const p = t.properties[m[2]];
    const lo = evalNum(m[3]), hi = evalNum(m[4]);
    if (!p || p.type !== 'array') fail(`${fn}: "${m[2]}" must be an array in the schema`);
    else if ((p.minItems || 0) !== lo || p.maxItems !== hi)
      fail(`${fn}: "${m[2]}" holds ${lo} to ${hi} items in the loader, ${p.minItems || 0} to ${p.maxItems} in the schema`);
  }
}
// Limits checked by hand in the loader.
const limits = [
  ['buyer.needs maxItems', D.buyer.properties.needs.maxItems, 'BS_MAX_NEEDS'],
  ['states maxProperties', schema.properties.states.maxProperties, 'BS_MAX_STATES'],
  ['policies maxProperties', schema.properties.policies.maxProperties, 'BS_MAX_POLICIES'],
  ['policy rules maxItems', D.policy.properties.rules.maxItems, 'BS_MAX_RULES'],
  ['actions maxProperties', schema.properties.actions.maxProperties, 'BS_MAX_ACTIONS'],
];
for (const [what, have, macro] of limits)
  if (have !== macros[macro]) fail(`${what} is ${have} in the schema, ${macro} is ${macros[macro]}`);

if (problems.length) {
  console.error('scenario.schema.json and the loader disagree:');
  for (const p of problems) console.error('  - ' + p);
  process.exit(1);
}
console.log(`schema in sync with the loader: ${nLists} key lists, ${nCalls} field calls, ${params.length} model coefficients`);
