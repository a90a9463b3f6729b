# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by run.sh and test.sh: what a fresh Debian 12 needs, installed only when missing.

# Packages to build and run Switchboard.
SWITCHBOARD_BUILD_PACKAGES=(
    cmake ninja-build g++ lld pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libqt6sql6-sqlite libqt6sql6-psql libgl-dev libqt6opengl6-dev libxkbcommon-dev libsodium-dev
    qt6-charts-dev qt6-svg-dev libphonenumber-dev qt6-multimedia-dev python3-phonenumbers
    qt6-l10n-tools qt6-tools-dev
)
# What the tests use besides: a real keychain in a private D-Bus session, curl, and a PostgreSQL
# 15 server that the team-mode tests start in a temporary folder of their own.
# clang and libFuzzer build the fuzz harnesses (fuzz/).
# GStreamer's plugins let the window suites play recordings through the real Qt Multimedia
# backend, as users' machines do (scripts/run.sh installs them too).
SWITCHBOARD_TEST_PACKAGES=(
    dbus dbus-x11 gnome-keyring libsecret-tools curl procps postgresql clang libfuzzer-14-dev
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good
)

# The suites that run again under AddressSanitizer + UndefinedBehaviorSanitizer: parsing, the
# store (SQLite and PostgreSQL), the API and the provider clients.
SWITCHBOARD_SANITIZED_SUITES=(
    tst_validation tst_json_writer tst_api_agents tst_api_protocol tst_api_calls tst_api_schema
    tst_openapi tst_store tst_store_postgres tst_providers tst_provider_failures
)

# Installs the given Debian packages that are not installed yet (apt-get only when needed).
ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the project in $1 with build type $2; further arguments name the
# only targets to build (all of them when none).
build_project() {
    local build_dir="$1" build_type="$2"
    shift 2
    local targets=()
    if [ $# -gt 0 ]; then targets=(--target "$@"); fi
    local source_dir
    source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
    fi
    cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
}

# Configures (once) and builds, in $1, the tree that checks for memory errors and undefined
# behaviour: clang with -fsanitize=address,undefined everywhere (SWITCHBOARD_SANITIZE), plus
# libFuzzer's coverage instrumentation (SWITCHBOARD_FUZZ). One tree serves both the sanitized
# suites and the fuzz harnesses, which halves what the test command compiles. -O1 keeps the build
# and the runs quick; line tables (not full debug information) are all a sanitizer report needs for
# its file:line stack traces, and they compile and link in far less time. Further arguments: the targets (default: the sanitized suites and fuzzers).
build_sanitizer_tree() {
    local build_dir="$1" source_dir
    shift
    source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
            -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_CXX_COMPILER=clang++ \
            -DSWITCHBOARD_FUZZ=ON -DSWITCHBOARD_BUILD_BENCH=OFF
    fi
    local targets=("$@") suite
    if [ ${#targets[@]} -eq 0 ]; then
        targets=(switchboard_fuzzers)
        for suite in "${SWITCHBOARD_SANITIZED_SUITES[@]}"; do
            [ "$suite" = tst_store_postgres ] || targets+=("$suite") # the same binary as tst_store
        done
    fi
    cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"
}

# Runs the command with the sanitizers' options: any report stops the process with an error,
# leaks included. LeakSanitizer suppressions (scripts/lsan.supp) name third-party code only: OpenSSL
# state set up by libpq for PostgreSQL connections, which it never frees before exit.
with_sanitizer_options() {
    LSAN_OPTIONS="suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
        "$@"
}
