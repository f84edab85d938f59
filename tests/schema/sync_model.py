#!/usr/bin/env python3
"""Developer tool: rewrite the "model" section of scenarios/scenario.schema.json
from the BS_MODEL_PARAMS table in engine/core/bs.h (names, ranges, defaults,
descriptions). The schema test (check_sync.js) fails until this is run after a
coefficient changes."""
import json, os, re
root = os.path.join(os.path.dirname(__file__), '..', '..')
src = open(os.path.join(root, 'engine/core/bs.h')).read()
params = re.findall(r'X\((\w+),\s*([-\d.]+),\s*([-\d.]+),\s*([-\d.]+),\s*"((?:[^"\\]|\\.)*)"\)', src)
path = os.path.join(root, 'scenarios/scenario.schema.json')
d = json.load(open(path))
target = d['properties']['model']
if 'properties' not in target:
    for sub in target.get('allOf', []):
        if '$ref' in sub:
            target = d['definitions'][sub['$ref'].split('/')[-1]]
num = lambda x: float(x) if '.' in x else int(x)
new = {}
for name, default, lo, hi, doc in params:
    e = dict(target['properties'].get(name, {}))
    e.update(type='number', minimum=num(lo), maximum=num(hi), default=num(default), description=doc.replace('\\"', '"'))
    new[name] = e
target['properties'] = new
open(path, 'w').write(json.dumps(d, ensure_ascii=False, indent=2) + '\n')
print(f'{len(new)} model coefficients written to {path}')
