#!/usr/bin/python3
"""Subsets Debian's Noto Sans CJK SC (fonts-noto-cjk) to the characters the
game can show, one pair of faces (regular, bold) per language, so that a
first visit downloads a few hundred kilobytes instead of 40 MB.

    subset-fonts.py SOURCE_DIR OUT_DIR [--cjk-dir DIR] [--lang en|zh]

(--lang: that language's pair only, without fonts.json: the desktop's
bundled fonts, which fontconfig's fonts come before.)

- en: every character of the English interface strings and bundled English
  cases, Latin, punctuation and symbols, and the few Chinese characters an
  English screen shows (the language button 中文). The Latin glyphs are
  Noto Sans CJK's own, the desktop's font, so a page and a native render of
  the same moves draw the same letters.
- zh: every character of the Chinese strings and cases, and of the English
  ones (a Chinese session shows English names), the same ranges, and
  GB 2312's level-1 hanzi (the 3,755 most common), so a trainer's own case
  rarely needs more.

Also writes OUT_DIR/fonts.json: for each language, the files and the
characters they cover (as ranges), for the page to decide whether a case
opened later needs the full font (fonts/full/, copied beside by the build).
Runs with Debian's python3 and python3-fonttools (fontTools.subset).
"""
import glob
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SC_FACE = 2  # Noto Sans CJK .ttc: JP, KR, SC, TC, HK, then the Mono faces

BASE_RANGES = [
    (0x20, 0x7E),      # ASCII
    (0xA0, 0xFF),      # Latin-1
    (0x2010, 0x2027),  # dashes, quotes, bullets, ellipsis
    (0x2030, 0x205E),  # per mille, primes, ...
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2460, 0x24FF),  # circled numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x26FF),  # symbols (stars, check marks)
    (0x2713, 0x2717),  # check and cross marks
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFFD, 0xFFFD),  # the replacement character (invalid UTF-8)
]


def is_cjk(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def text_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def json_strings(path):
    """Every string value (and key) of a JSON file, joined."""
    out = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                out.append(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    with open(path, encoding="utf-8") as f:
        walk(json.load(f))
    return "".join(out)


def gb2312_level1():
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def base_chars():
    return "".join(chr(o) for a, b in BASE_RANGES for o in range(a, b + 1))


def ranges(codepoints):
    out = []
    for o in sorted(codepoints):
        if out and out[-1][1] == o - 1:
            out[-1][1] = o
        else:
            out.append([o, o])
    return out


def main():
    args = sys.argv[1:]
    cjk_dir = "/usr/share/fonts/opentype/noto"
    if "--cjk-dir" in args:
        i = args.index("--cjk-dir")
        cjk_dir = args[i + 1]
        del args[i:i + 2]
    only = None
    if "--lang" in args:
        i = args.index("--lang")
        only = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2 or only not in (None, "en", "zh"):
        sys.exit(__doc__)
    src, out = args
    os.makedirs(out, exist_ok=True)

    text = {"en": "", "zh": ""}
    for lang in text:
        files = sorted(glob.glob(os.path.join(src, "scenarios", lang, "*.json")))
        files.append(os.path.join(src, "assets", "lang", lang + ".json"))
        text[lang] = "".join(json_strings(p) for p in files)
    code = "".join(text_of(p) for p in glob.glob(os.path.join(src, "engine", "*", "*.c")))
    code += "中文"  # the language button, written as bytes in start.c

    en = set(text["en"] + base_chars() + code)
    zh = set(text["zh"] + text["en"] + base_chars() + code + gb2312_level1())
    sets = {"en": en, "zh": zh}
    if only:
        sets = {only: sets[only]}

    manifest = {}
    for lang, chars in sets.items():
        cps = sorted(ord(c) for c in chars if ord(c) >= 0x20)
        manifest[lang] = {"ranges": ranges(cps), "files": {}}
        for style, name in (("regular", "Regular"), ("bold", "Bold")):
            ttc = os.path.join(cjk_dir, "NotoSansCJK-%s.ttc" % name)
            if not os.path.exists(ttc):
                sys.exit("subset-fonts: %s is missing (Debian: apt-get install fonts-noto-cjk)" % ttc)
            face = TTCollection(ttc).fonts[SC_FACE]
            opts = subset.Options()
            opts.name_IDs = ["*"]
            opts.name_languages = ["*"]
            opts.notdef_outline = True
            opts.layout_features = ["*"]
            opts.hinting = True  # CFF hints: light hinting uses them, as on the desktop
            sub = subset.Subsetter(opts)
            sub.populate(unicodes=cps)
            sub.subset(face)
            fname = "%s-%s.otf" % (lang, style)
            face.save(os.path.join(out, fname))
            manifest[lang]["files"][style] = fname
        n_cjk = sum(1 for c in chars if is_cjk(c))
        print("subset-fonts: %s: %d characters (%d Chinese)" % (lang, len(cps), n_cjk))
    if only:
        return
    manifest["full"] = {"regular": "full/NotoSansCJK-Regular.ttc", "bold": "full/NotoSansCJK-Bold.ttc",
                        "face": SC_FACE}
    with open(os.path.join(out, "fonts.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
