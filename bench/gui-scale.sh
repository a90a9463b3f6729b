#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The window's speed with a big store, beside a small one, measured in the same run under Xvfb.
#   bench/gui-scale.sh [build-dir] [--small-only]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../scripts/lib.sh"
ensure_packages "${SWITCHBOARD_BUILD_PACKAGES[@]}" xvfb xauth fonts-dejavu-core
build_dir="${1:-$here/../build-release}"
shift || true
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$here/.." -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" --target switchboard-bench-gui
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY QT_QPA_PLATFORM
export QT_LOGGING_RULES='*.info=false;*.warning=false'
mkdir -p "$here/results"
xvfb-run -a -s "-screen 0 1600x1000x24" "$build_dir/bench/switchboard-bench-gui" "$@" | tee "$here/results/gui-scale.txt"
