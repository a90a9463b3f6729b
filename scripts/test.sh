#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Switchboard with its tests and runs the whole suite; then the suites that parse, store
# and talk to providers again under AddressSanitizer + UndefinedBehaviorSanitizer, and a short,
# fixed-seed run of every libFuzzer harness in fuzz/. Tests that need a server (the keychain's
# D-Bus session, PostgreSQL) start it themselves and stop it after.
#
# Optional, from the environment:
#   SWITCHBOARD_BUILD_DIR           the normal tree (default: build-tests)
#   SWITCHBOARD_SANITIZE_BUILD_DIR  the clang tree with ASan + UBSan + libFuzzer instrumentation,
#                                   for the sanitized suites and the fuzzers (<build dir>-sanitize)
#   SWITCHBOARD_SANITIZE=0          skip the sanitizer suites;  SWITCHBOARD_FUZZ=0  skip fuzzing
#   FUZZ_RUNS_FACTOR                multiplies the inputs each harness tries (see fuzz/run.sh)
# Arguments go to the normal tree's ctest (e.g. -R tst_store).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

ensure_packages "${SWITCHBOARD_BUILD_PACKAGES[@]}" "${SWITCHBOARD_TEST_PACKAGES[@]}"
build_dir="${SWITCHBOARD_BUILD_DIR:-$here/../build-tests}"
sanitize_dir="${SWITCHBOARD_SANITIZE_BUILD_DIR:-$build_dir-sanitize}"
started=$SECONDS
# Line tables only (-g1): a failing test's stack trace still names functions, files and lines, and
# the tree builds faster than with full debug information.
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$here/.." -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
fi
build_project "$build_dir" RelWithDebInfo
echo "== normal build: $((SECONDS - started)) s"

# The sanitizer tree builds at low priority while the normal suites run: the suites mostly wait
# on sockets, timers and child processes, so the two overlap well on two cores.
extra_log="$(mktemp -d)"
trap 'rm -rf "$extra_log"' EXIT
extra_pid=""
if [ "${SWITCHBOARD_SANITIZE:-1}" != 0 ] || [ "${SWITCHBOARD_FUZZ:-1}" != 0 ]; then
    (
        extra_started=$SECONDS
        nice -n 10 bash -c "source '$here/lib.sh'; build_sanitizer_tree '$sanitize_dir'"
        echo "== sanitizer + fuzz build: $((SECONDS - extra_started)) s"
    ) >"$extra_log/build.log" 2>&1 &
    extra_pid=$!
fi

# No display and no desktop keyring leak into the tests: each brings its own.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
tests_started=$SECONDS
status=0
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 600 "$@" ||
    status=$?
echo "== normal suites: $((SECONDS - tests_started)) s"

if [ -n "$extra_pid" ]; then
    if ! wait "$extra_pid"; then
        cat "$extra_log/build.log"
        echo "error: the sanitizer tree did not build" >&2
        exit 1
    fi
    grep '^== ' "$extra_log/build.log" || true
fi

if [ "${SWITCHBOARD_SANITIZE:-1}" != 0 ]; then
    sanitize_started=$SECONDS
    echo "== suites under AddressSanitizer + UndefinedBehaviorSanitizer: ${SWITCHBOARD_SANITIZED_SUITES[*]}"
    with_sanitizer_options ctest --test-dir "$sanitize_dir" --output-on-failure \
        --parallel "$(nproc)" --timeout 900 -R "^($(IFS='|'; echo "${SWITCHBOARD_SANITIZED_SUITES[*]}"))\$" ||
        status=$?
    echo "== sanitizer suites: $((SECONDS - sanitize_started)) s"
fi

if [ "${SWITCHBOARD_FUZZ:-1}" != 0 ]; then
    fuzz_started=$SECONDS
    with_sanitizer_options "$here/../fuzz/run.sh" "$sanitize_dir" ||
        status=$?
    echo "== fuzz runs: $((SECONDS - fuzz_started)) s"
fi
echo "== test command: $((SECONDS - started)) s in all"
exit "$status"
