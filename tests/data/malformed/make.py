#!/usr/bin/env python3
"""Writes the malformed-scenario corpus and its MANIFEST (read by
tests/unit/test_scenario.c). Each file is ../scenario-valid.json with one
mistake; the expected line is that of the offending value, found here from
a marker in the written file (not from the engine). Run it after changing
the base scenario or a case: python3 tests/data/malformed/make.py"""
import os
here = os.path.dirname(os.path.abspath(__file__))
base = open(os.path.join(here, '..', 'scenario-valid.json'), encoding='utf-8').read()
out = here

def rep(text, old, new):
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)

def line_of(data, marker, nth=1):
    if isinstance(marker, str): marker = marker.encode()
    i = -1
    for _ in range(nth):
        i = data.index(marker, i + 1)
    return data[:i].count(b'\n') + 1

cases = []
def case(name, kind, reps, marker, msg='', nth=1, raw=None):
    cases.append((name, kind, reps, marker, msg, nth, raw))

V9 = ',\n'.join('    { "id": "v%d", "name": "V%d", "policy": "rival" }' % (i, i) for i in range(7))
deep = '[' * 30 + ']' * 30

case('unknown-key-choises', 'key', [('"say": "Go on.",\n      "choices"', '"say": "Go on.",\n      "choises"')], '"choises"', 'did you mean "choices"')
case('unknown-key-case', 'key', [('"say": "Hello."', '"Say": "Hello."')], '"Say"', 'did you mean "say"')
case('unknown-key-effect', 'key', [('"effects": { "impression": 5 }', '"effects": { "impresion": 5 }')], '"impresion"', 'did you mean "impression"')
case('unknown-condition', 'key', [('"when": { "week": { "gte": 3 } }', '"when": { "weak": { "gte": 3 } }')], '"weak"', 'did you mean "week"')
case('unknown-comparison', 'key', [('"week": { "gte": 3 }', '"week": { "ge": 3 }')], '"ge"')
case('schema-not-at-root', 'key', [('"name": "Ann",', '"$schema": "x.json", "name": "Ann",')], '"$schema"')
case('missing-key', 'key', [('{ "id": "cost", "label": "Cost" }', '{ "id": "cost" }')], '{ "id": "cost" }', 'missing required key "label"')
case('missing-auto-next', 'key', [('"done": { "end": true }', '"done": { "end": true },\n    "wait": { "auto": [ { "when": { "week": { "gte": 2 } } } ] }'),
                                  ('"next": "done" }', '"next": "done" },\n        { "text": "Wait", "action": "wait", "next": "wait" }')],
     '{ "when": { "week": { "gte": 2 } } }', 'missing required key "next"')
case('duplicate-key', 'key', [('"title": "Base",', '"title": "Base",\n  "title": "Again",')], '"Again"', 'duplicate')
case('duplicate-id', 'key', [('{ "id": "cost", "label": "Cost" }', '{ "id": "cost", "label": "Cost" },\n      { "id": "speed", "label": "Speed again" }')], '"Speed again"', 'twice')
case('wrong-type', 'type', [('"stakes": 0.5', '"stakes": "high"')], '"high"', 'number')
case('wrong-type-section', 'type', [('"messages": [\n    { "id": "fast", "label": "Fast", "fits": ["speed"] }\n  ]', '"messages": { "fast": "Fast" }')], '"messages"', 'array')
case('non-integer-weeks', 'type', [('"weeks": 6', '"weeks": 6.5')], '6.5', 'whole number')
case('out-of-range', 'range', [('"stakes": 0.5', '"stakes": 1.5')], '1.5', 'out of range')
case('out-of-range-weeks', 'range', [('"weeks": 6', '"weeks": 53')], '53', 'out of range')
case('out-of-range-effect', 'range', [('"effects": { "impression": 5 }', '"effects": { "impression": 500 }')], '500', 'out of range')
case('bad-lang', 'range', [('"lang": "en"', '"lang": "fr"')], '"fr"', 'lang')
case('format-2', 'range', [('"format": 1', '"format": 2')], '"format"', 'format')
case('bad-id', 'range', [('"id": "fast"', '"id": "2fast"'), ('"message": "fast"', '"message": "2fast"')], '"2fast"', 'not a valid id')
case('unknown-state', 'ref', [('"objection": "price" }', '"objection": "price", "next": "meat" }')], '"meat"', 'did you mean "meet"')
case('unknown-start', 'ref', [('"start": "meet"', '"start": "mete"')], '"mete"', 'unknown state')
case('unknown-action', 'ref', [('"action": "analyze"', '"action": "analyse"')], '"analyse"', 'did you mean "analyze"')
case('unknown-need', 'ref', [('"need": "speed"', '"need": "sped"')], '"sped"', 'unknown need')
case('unknown-message', 'ref', [('"message": "fast"', '"message": "fats"')], '"fats"', 'unknown message')
case('unknown-objection', 'ref', [('"objection": "price" }', '"objection": "prize" }')], '"prize"', 'unknown objection')
case('unknown-policy', 'ref', [('"policy": "rival" }', '"policy": "rivel" }')], '"rivel"', 'unknown policy')
case('unknown-vendor', 'ref', [('"flag": "late",', '"flag": "late", "vendor": "thme",')], '"thme"', 'unknown vendor')
case('unknown-base', 'ref', [('"pitch": { "effects": { "impression": 5 } }', '"pitch": { "effects": { "impression": 5 } },\n    "demo": { "base": "pich" }')], '"pich"', 'did you mean "pitch"')
case('flag-never-set', 'ref', [('{ "when": { "flag": "late" }', '{ "when": { "flag": "lately" }')], '"lately"', 'never set')
case('one-vendor', 'limit', [('    { "id": "me", "name": "Me", "human": true },\n    { "id": "them", "name": "Them", "policy": "rival" }\n',
                              '    { "id": "me", "name": "Me", "human": true }\n')], '"vendors"', '')
case('nine-vendors', 'limit', [('{ "id": "them", "name": "Them", "policy": "rival" }', '{ "id": "them", "name": "Them", "policy": "rival" },\n' + V9)], '"vendors"', '')
case('ten-choices', 'limit', [('{ "text": "Pitch", "action": "pitch", "message": "fast" }',
                               ',\n'.join(['{ "text": "Pitch", "action": "pitch", "message": "fast" }'] * 9))], '"choices"', '', 1)
case('too-deep', 'limit', [('"title": "Base",', '"title": "Base",\n  "summary": ' + deep + ',')], '"summary"', 'nesting')
LONG = 'x' * 4001
case('text-too-long', 'range', [('"say": "Hello."', '"say": "' + LONG + '"')], '"' + LONG[:20], 'longer than 4000')
STATES = ',\n'.join('    "s%d": { "say": "Filler.", "choices": [ { "text": "On", "action": "ask", "next": "s%d" } ] }' % (i, (i + 1) % 257) for i in range(257))
case('too-many-states', 'limit', [('"done": { "end": true }', '"done": { "end": true },\n' + STATES)], '"states"', '260 states')
case('no-human', 'semantic', [('{ "id": "me", "name": "Me", "human": true }', '{ "id": "me", "name": "Me", "policy": "rival" }')], '"vendors"', 'human')
case('effect-derived', 'semantic', [('"action": "pitch", "message": "fast" }', '"action": "pitch", "message": "fast", "effects": { "trust": 5 } }')], '"trust"', 'derived')
case('bad-tone', 'range', [('"say": "Go on.",', '"say": "Go on.", "tone": "angry",')], '"angry"', 'tone must be')
case('bad-attention', 'range', [('"pitch": { "effects": { "impression": 5 } }', '"pitch": { "effects": { "impression": 5 }, "attention": "brief" }')], '"brief"', 'attention must be')
case('unknown-react-key', 'key', [('"action": "analyze", "next": "done" }', '"action": "analyze", "next": "done",\n          "react": { "worked": { "say": "Good." }, "repeted": { "say": "Again?" } } }')], '"repeted"', 'did you mean "repeated"')
case('empty-react-line', 'key', [('"action": "analyze", "next": "done" }', '"action": "analyze", "next": "done",\n          "react": { "flat": { } } }')], '{ } } }', 'needs "say" or "think"')
case('value-not-gift', 'semantic', [('"action": "pitch", "message": "fast" }', '"action": "pitch", "message": "fast", "value": 50 }')], '50 }', 'gift')
case('unreachable-state', 'graph', [('"done": { "end": true }', '"done": { "end": true },\n    "orphan": { "say": "Nobody comes here.", "choices": [ { "text": "Back", "action": "ask", "next": "meet" } ] }')], '"orphan"', 'cannot be reached')
case('dead-end', 'graph', [('"done": { "end": true }', '"done": { "end": true },\n    "stuck": { "say": "Well." }'),
                           ('"action": "acknowledge", "objection": "price" }', '"action": "acknowledge", "objection": "price", "next": "stuck" }')], '"stuck": {', 'no way out')
case('end-with-choices', 'graph', [('"done": { "end": true }', '"done": { "end": true, "choices": [ { "text": "Again", "action": "ask", "next": "meet" } ] }')], '"done"', 'end state', 2)
case('asset-parent', 'path', [('"portrait": "ann.png"', '"portrait": "../ann.png"')], '"../ann.png"', 'leaves')
case('asset-absolute', 'path', [('"portrait": "ann.png"', '"portrait": "/etc/ann.png"')], '"/etc/ann.png"', 'leaves')
case('asset-nested-parent', 'path', [('"portrait": "ann.png"', '"portrait": "img/../../ann.png"')], '"img/../../ann.png"', 'leaves')
case('asset-backslash', 'path', [('"portrait": "ann.png"', '"portrait": "..\\\\ann.png"')], '"..\\\\ann.png"', 'leaves')
case('asset-drive', 'path', [('"portrait": "ann.png"', '"portrait": "C:/ann.png"')], '"C:/ann.png"', 'leaves')
case('invalid-json', 'syntax', [('"role": "Buyer",', '"role": "Buyer"')], '"stakes"', 'invalid JSON')
case('invalid-json-trailing-comma', 'syntax', [('{ "id": "cost", "label": "Cost" }\n', '{ "id": "cost", "label": "Cost" },\n')], '    ]\n  },', 'invalid JSON')
case('nul-byte', 'encoding', [('"title": "Base"', '"title": "Ba\x00se"')], b'\x00', 'NUL')
case('invalid-utf8', 'encoding', [('"title": "Base"', '"title": "Ba\udcffse"')], b'\xff', 'UTF-8')
case('invalid-utf8-surrogate', 'encoding', [('"title": "Base"', '"title": "Ba\udced\udca0\udc80se"')], b'\xed\xa0\x80', 'UTF-8')
case('escaped-nul', 'syntax', [('"title": "Base"', '"title": "Ba\\u0000se"')], '\\u0000', 'NUL')
case('lone-surrogate', 'syntax', [('"title": "Base"', '"title": "Ba\\ud800se"')], '\\ud800', 'surrogate')

manifest = ['# Malformed scenarios: one file per kind of error (tests/unit/test_scenario.c).',
            '# file  error-kind  line  [text the message must contain]',
            '# The kind is bs_err_kind_name(); the line is that of the offending value.']
for name, kind, reps, marker, msg, nth, raw in cases:
    t = base
    for old, new in reps:
        t = rep(t, old, new)
    data = t.encode('utf-8', 'surrogateescape')
    fn = name + '.json'
    open(os.path.join(out, fn), 'wb').write(data)
    ln = line_of(data, marker, nth)
    manifest.append('%s %s %d%s' % (fn, kind, ln, (' ' + msg) if msg else ''))
# an empty file
open(os.path.join(out, 'empty.json'), 'wb').write(b'')
manifest.append('empty.json syntax 1 end of file')
open(os.path.join(out, 'MANIFEST'), 'w').write('\n'.join(manifest) + '\n')
print(len(cases) + 1, 'files')
