#!/usr/bin/env python3
"""manifest.py: writes the SCORM 1.2 package's imsmanifest.xml.

One organization with one item per bundled case and language (the item's
parameters attribute carries ?case=ID&lang=LANG to scorm.html), each item a
SCO of its own with the mastery score, and one shared asset resource that
lists every file of the package, which each SCO depends on.

Usage: manifest.py --scenarios DIR --package DIR --mastery N --version V --out FILE
  --scenarios  the bundled cases (DIR/en/*.json, DIR/zh/*.json: id and title)
  --package    the folder being zipped (the site, scorm.html and scorm.js in it):
               every file in it is listed, but the manifest itself
  --leave DIR  a folder of it the package leaves out (fonts/full: the whole
               Chinese font, 28 MB, for cases a learner opens; the package's
               cases are in the subsets)
"""
import argparse
import json
import os
import re
import sys
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

LANGS = {'en': 'English', 'zh': '中文'}


def fail(msg):
    sys.exit('manifest.py: ' + msg)


def cases(scenarios):
    out = []
    for lang in LANGS:
        folder = os.path.join(scenarios, lang)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith('.json'):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, encoding='utf-8') as f:
                    d = json.load(f)
            except (OSError, ValueError) as e:
                fail(f'{path}: {e}')
            cid, title = d.get('id'), d.get('title')
            if not isinstance(cid, str) or not re.fullmatch(r'[a-z0-9][a-z0-9-]{0,63}', cid):
                fail(f'{path}: the case id {cid!r} is not an id like erp-rollout')
            if not isinstance(title, str) or not title.strip():
                fail(f'{path}: the case has no title')
            out.append((cid, lang, title))
    if not out:
        fail(f'no cases in {scenarios}/{{{",".join(LANGS)}}}/*.json')
    return out


def files(package, skip, leave=()):
    out = []
    for root, dirs, names in os.walk(package):
        dirs.sort()
        for n in sorted(names):
            rel = os.path.relpath(os.path.join(root, n), package).replace(os.sep, '/')
            if rel != skip and not any(rel.startswith(d.rstrip('/') + '/') for d in leave):
                out.append(rel)
    for need in ('scorm.html', 'scorm.js', 'page.js', 'buyersim.js', 'buyersim.wasm', 'buyersim.data'):
        if need not in out:
            fail(f'{package} has no {need}: build the site first')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--scenarios', required=True)
    ap.add_argument('--package', required=True)
    ap.add_argument('--mastery', required=True)
    ap.add_argument('--version', default='1.0')
    ap.add_argument('--out', required=True)
    ap.add_argument('--leave', action='append', default=[],
                    help='a folder of the package left out of it (repeatable)')
    a = ap.parse_args()
    try:
        mastery = float(a.mastery)
    except ValueError:
        mastery = -1
    if not 0 <= mastery <= 100:
        fail(f'the mastery score is {a.mastery}: a number from 0 to 100')
    mastery = ('%g' % mastery)

    items, scos = [], []
    for cid, lang, title in cases(a.scenarios):
        ident = f'{cid}-{lang}'
        items.append(
            f'      <item identifier="item-{ident}" identifierref="sco-{ident}" isvisible="true"'
            f' parameters={quoteattr(f"?case={cid}&lang={lang}")}>\n'
            f'        <title>{escape(title)} ({LANGS[lang]})</title>\n'
            f'        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>\n'
            f'      </item>\n')
        scos.append(
            f'    <resource identifier="sco-{ident}" type="webcontent" adlcp:scormtype="sco" href="scorm.html">\n'
            f'      <file href="scorm.html"/>\n'
            f'      <dependency identifierref="site"/>\n'
            f'    </resource>\n')
    listed = ''.join(f'      <file href={quoteattr(quote(f))}/>\n'
                     for f in files(a.package, os.path.basename(a.out), a.leave))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!-- buyersim as a SCORM 1.2 package: made by engine/web/scorm/manifest.py at build time -->\n'
        f'<manifest identifier="buyersim" version={quoteattr(a.version)}\n'
        '          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
        '          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
        '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        '          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd'
        ' http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd'
        ' http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
        '  <metadata>\n'
        '    <schema>ADL SCORM</schema>\n'
        '    <schemaversion>1.2</schemaversion>\n'
        '  </metadata>\n'
        '  <organizations default="buyersim-cases">\n'
        '    <organization identifier="buyersim-cases">\n'
        '      <title>buyersim: sales cases</title>\n'
        + ''.join(items) +
        '    </organization>\n'
        '  </organizations>\n'
        '  <resources>\n'
        + ''.join(scos) +
        '    <resource identifier="site" type="webcontent" adlcp:scormtype="asset">\n'
        + listed +
        '    </resource>\n'
        '  </resources>\n'
        '</manifest>\n')
    tmp = a.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(xml)
    os.replace(tmp, a.out)


if __name__ == '__main__':
    main()
