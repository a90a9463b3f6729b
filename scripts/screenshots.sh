#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates docs/screenshots/*.png: the real window under Xvfb, filled with sandbox data through
# the REST API, one picture per pane (tests/tools/Screenshots.cpp), in the light and the dark
# theme.   scripts/screenshots.sh [build-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
ensure_packages "${SWITCHBOARD_BUILD_PACKAGES[@]}" xvfb xauth fonts-dejavu-core fonts-noto-core \
    dbus gnome-keyring gstreamer1.0-plugins-base gstreamer1.0-plugins-good
build_dir="${1:-$here/../build-tests}"
build_project "$build_dir" RelWithDebInfo
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY QT_QPA_PLATFORM
# Light (the README's pictures, 1280x800), then dark (the same names ending in -dark).
for theme in light dark; do
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build_dir/tests/switchboard-screenshots" \
        "$here/../docs/screenshots" "$theme"
done
