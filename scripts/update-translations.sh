#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates translations/switchboard_en.ts from the sources (ui/ and app/) and fills in the
# English plural forms of every new "%n call(s)": "%n call" and "%n calls". The build compiles
# the .ts files into the binary; run this after adding or changing a text with %n, and commit the
# result. Other languages: copy the file to switchboard_<lang>.ts, translate it in Qt Linguist,
# and add it to TS_FILES in ui/CMakeLists.txt.
set -eu
cd "$(dirname "$0")/.."
LUPDATE="${LUPDATE:-/usr/lib/qt6/bin/lupdate}"
# Only the texts with plural forms: English needs nothing else translated.
"$LUPDATE" -silent -pluralonly -locations none -no-obsolete -target-language en \
    ui app -ts translations/switchboard_en.ts
python3 scripts/english-plurals.py translations/switchboard_en.ts
