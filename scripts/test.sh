#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Switchboard with its tests and runs the whole suite. Tests that need a server (the
# keychain's D-Bus session) start it themselves and stop it after.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

ensure_packages "${SWITCHBOARD_BUILD_PACKAGES[@]}" "${SWITCHBOARD_TEST_PACKAGES[@]}"
build_dir="${SWITCHBOARD_BUILD_DIR:-$here/../build-tests}"
build_project "$build_dir" RelWithDebInfo

# No display and no desktop keyring leak into the tests: each brings its own.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 600 "$@"
