#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes libphonenumber's prefix -> time zones table as text, one prefix a line:
"<digits>\t<zone>&<zone>...". The data comes from Debian's python3-phonenumbers, the same
per-prefix data Google publishes with libphonenumber (Apache-2.0)."""
import sys

try:
    from phonenumbers.tzdata import TIMEZONE_DATA
except ImportError:
    sys.exit("error: the Python module 'phonenumbers' is missing; install python3-phonenumbers")

with open(sys.argv[1], "w", encoding="utf-8") as out:
    for prefix in sorted(TIMEZONE_DATA):
        out.write(prefix + "\t" + "&".join(TIMEZONE_DATA[prefix]) + "\n")
