#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Switchboard and starts it: the window when there is a display (its first page offers the
# sandbox or your accounts), otherwise the REST API alone with simulated providers
# (--headless --sandbox) on http://127.0.0.1:8000. Extra arguments go to switchboard, e.g.
# scripts/run.sh --port 9000.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# The keychain's service, and GStreamer's WAV reader and audio outputs for playing recordings.
ensure_packages "${SWITCHBOARD_BUILD_PACKAGES[@]}" dbus gnome-keyring \
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good
build_dir="${SWITCHBOARD_BUILD_DIR:-$here/../build-release}"
# Only the program: the tests and benchmarks are the test command's business.
build_project "$build_dir" Release switchboard

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/switchboard" "$@"
fi
echo "No display here: starting the REST API alone, with simulated Ultravox and Twilio."
exec "$build_dir/app/switchboard" --headless --sandbox "$@"
