#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the English plural forms of a Qt .ts file as lupdate wrote it: "%n call(s)" becomes
"%n call" (one) and "%n calls" (other). Only unfinished messages are touched, so a form written
by hand stays, and lupdate's own layout is kept. A source without "(s)" or "(es)" is listed, to be
translated by hand."""
import re
import sys

MARK = re.compile(r"\((e?s)\)")
UNFINISHED = re.compile(
    r'(?P<head><message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">\s*(?:<numerusform>.*?</numerusform>\s*)*</translation>',
    re.S)


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    left = []

    def fill(match):
        source = match.group("source")
        if not MARK.search(source):
            left.append(source)
            return match.group(0)
        indent = re.search(r"\n([ \t]*)$", match.group("head")).group(1)
        one, other = MARK.sub("", source), MARK.sub(lambda m: m.group(1), source)
        forms = "".join(f"\n{indent}    <numerusform>{form}</numerusform>" for form in (one, other))
        return f"{match.group('head')}<translation>{forms}\n{indent}</translation>"

    text = UNFINISHED.sub(fill, text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    for source in left:
        print(f"{path}: no (s) in {source!r}: translate its plural forms by hand", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
