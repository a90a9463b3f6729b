#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The packaging test (ctest -L packaging): builds the DEB and the RPM with CPack and checks them
# (lintian, rpm -qpR, desktop-file-validate, appstreamcli), installs the DEB with apt-get so its
# dependencies come from the distribution, runs the installed program (--version, and a headless
# sandbox answering GET /api/v1/health), then removes it and checks that nothing is left.
#
#   test-packages.sh BUILD_DIR VERSION APP_ID
#
# Needs root on a Debian-family system, and skips (exit 77) elsewhere. Installs the tools it uses
# when they are missing. The switchboard package is removed at the end, also when a check fails;
# the libraries apt pulled in for it stay installed, as after any package removal.
set -euo pipefail

build_dir="$(cd "$1" && pwd)"
version="$2"
app_id="$3"
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

skip() {
    echo "SKIPPED: $*"
    exit 77
}
step() { echo; echo "== $*"; }
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
checks=0
pass() {
    checks=$((checks + 1))
    echo "ok: $*"
}

[ "$(id -u)" -eq 0 ] ||
    skip "the packaging test installs a package system-wide and needs root (run ctest as root)"
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    skip "the packaging test needs a Debian-family system (apt-get and dpkg)"
fi

# ensure_packages: installs what is missing, with apt-get, and only then.
# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$source_dir/scripts/lib.sh"
step "Tools"
ensure_packages lintian rpm appstream desktop-file-utils dpkg-dev file curl xz-utils
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt or dpkg run to finish rather than fail on its lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }

work="$(mktemp -d /tmp/switchboard-packaging.XXXXXX)"
# apt's download user (_apt) must be able to read the .deb it installs from here.
chmod 755 "$work"
marker=/var/lib/switchboard-packaging-test.installed
server_pid=""

cleanup() {
    local status=$?
    set +e
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    if [ -f "$marker" ]; then
        echo "Removing the package this test installed"
        remove_package
    fi
    rm -rf "$work"
    exit "$status"
}

package_status() {
    dpkg-query -W -f='${db:Status-Abbrev}' switchboard 2>/dev/null | tr -d ' ' || true
}

# Removes switchboard, and only switchboard. The dependencies apt pulled in stay, as they do for
# anyone who removes a package: removing "what was new since the install" is unsafe when anything
# else installs packages meanwhile, and removing a shared library can take unrelated programs
# with it.
remove_package() {
    if [ -n "$(package_status)" ] && [ "$(package_status)" != "un" ]; then
        apt_get remove -y -qq switchboard >"$work/remove.log" 2>&1 ||
            { cat "$work/remove.log"; return 1; }
        # No conffiles, so nothing should be left; purge whatever is.
        [ "$(package_status)" = "rc" ] && dpkg --purge switchboard >/dev/null
    fi
    rm -f "$marker"
}
trap cleanup EXIT

# A run that was killed (a ctest timeout) leaves its marker: finish its clean-up first.
if [ -f "$marker" ]; then
    step "Leftover of an interrupted run"
    remove_package
    find /tmp -maxdepth 1 -name 'switchboard-packaging.*' ! -path "$work" -exec rm -rf {} +
fi
if [ -n "$(package_status)" ] && [ "$(package_status)" != "un" ]; then
    fail "a switchboard package is already installed ($(dpkg-query -W -f='${Version}' switchboard));" \
        "this test installs and removes its own, so remove that one first: apt-get remove switchboard"
fi

step "Building the packages (cpack -G DEB;RPM)"
if ! cpack --config "$build_dir/CPackConfig.cmake" -G "DEB;RPM" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    fail "cpack"
fi
shopt -s nullglob
debs=("$work"/out/switchboard_*.deb)
rpms=("$work"/out/switchboard-*.rpm)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $work/out, found ${#debs[@]}"
[ ${#rpms[@]} -eq 1 ] || fail "expected one .rpm in $work/out, found ${#rpms[@]}"
deb="${debs[0]}"
rpm_file="${rpms[0]}"
chmod 644 "$deb"
echo "${deb##*/}, ${rpm_file##*/}"
pass "cpack built both packages"

# --- The DEB's metadata and contents ---------------------------------------------------------------
step "DEB: control fields"
dpkg-deb --field "$deb" Package Version Architecture Section Depends Recommends
[ "$(dpkg-deb --field "$deb" Version)" = "$version-1" ] ||
    fail "the DEB's version is $(dpkg-deb --field "$deb" Version), expected $version-1"
pass "the DEB's version is $version-1"
depends="$(dpkg-deb --field "$deb" Depends)"
# Linked libraries (found by dpkg-shlibdeps) and run-time plugins and window libraries (by hand).
# Debian's libphonenumber8 is depended on through the name that fixes its protobuf ABI.
for dependency in libqt6core6 libqt6network6 libqt6sql6 libqt6httpserver6 libqt6keychain1 \
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libqt6widgets6 libqt6charts6 \
    'libphonenumber8(-protobuf[0-9]+)?'; do
    grep -Eq "(^|, )$dependency( |,|$)" <<<"$depends" || fail "the DEB does not depend on $dependency"
done
pass "the DEB depends on the distribution's Qt 6, QtKeychain and libphonenumber packages"

step "DEB: contents"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/deb-files"
expected_files=(
    /usr/bin/switchboard
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    /usr/share/icons/hicolor/scalable/apps/switchboard.svg
    /usr/share/man/man1/switchboard.1.gz
    /usr/lib/systemd/user/switchboard.service
    /usr/share/doc/switchboard/copyright
    /usr/share/doc/switchboard/changelog.Debian.gz
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected_files+=("/usr/share/icons/hicolor/${size}x${size}/apps/switchboard.png")
done
for file in "${expected_files[@]}"; do
    grep -qx "$file" "$work/deb-files" || fail "the DEB lacks $file"
done
if grep -Eiq '/(libQt6|libqt6keychain|libphonenumber)[^/]*\.so' "$work/deb-files"; then
    fail "the DEB bundles libraries the distribution provides"
fi
pass "the DEB holds the program, desktop file, metainfo, icons, man page, user unit and docs"

step "DEB: lintian"
# Errors fail the test; warnings and notes are shown. The package's own override file
# (packaging/linux/switchboard.lintian-overrides) says why each override is there.
lintian_status=0
lintian --fail-on error --display-info "$deb" >"$work/lintian.log" 2>&1 || lintian_status=$?
grep -v 'running with root privileges' "$work/lintian.log" || echo "(lintian reported nothing)"
[ "$lintian_status" -eq 0 ] || fail "lintian found errors"
pass "lintian: no errors"

# --- The RPM ----------------------------------------------------------------------------------------
step "RPM: rpm -qpR"
rpm -qp --queryformat '%{NAME} %{VERSION}-%{RELEASE} %{ARCH} %{LICENSE}\n' "$rpm_file"
rpm -qpR "$rpm_file" | tee "$work/rpm-requires"
[ "$(rpm -qp --queryformat '%{VERSION}' "$rpm_file")" = "$version" ] || fail "the RPM's version"
for dependency in qt6-qtbase qt6-qtbase-gui qt6-qtbase-postgresql qt6-qthttpserver qt6-qtsvg \
    qt6-qtcharts qtkeychain-qt6 libphonenumber; do
    grep -Eq "^$dependency( |$)" "$work/rpm-requires" || fail "the RPM does not require $dependency"
done
for soname in libQt6Core.so.6 libQt6HttpServer.so.6 libqt6keychain.so.1; do
    grep -q "^$soname" "$work/rpm-requires" || fail "the RPM does not require $soname"
done
# Package names (sonames have parentheses) spelled the Debian way: libqt6..., lib...8.
if grep -v '(' "$work/rpm-requires" | grep -Eq '^(libqt6|lib[a-z0-9-]*[0-9]( |$))'; then
    fail "the RPM requires Debian package names"
fi
pass "the RPM requires Fedora's packages by name (and the sonames rpmbuild found)"
rpm -qp --recommends --suggests "$rpm_file" | sed 's/^/weak: /'
[ "$(rpm -qp --queryformat '%{LICENSE}' "$rpm_file")" = "GPL-3.0-or-later" ] || fail "the RPM's licence"
rpm -qpl "$rpm_file" >"$work/rpm-files"
for file in "${expected_files[@]}"; do
    [ "$file" = /usr/share/doc/switchboard/changelog.Debian.gz ] && continue
    grep -qx "$file" "$work/rpm-files" || fail "the RPM lacks $file"
done
grep -qx /usr/share/licenses/switchboard/LICENSE "$work/rpm-files" || fail "the RPM lacks the licence"
for dir in /usr/share/icons/hicolor /usr/share/applications /usr/lib/systemd/user /usr/share/man/man1; do
    if grep -qx "$dir" "$work/rpm-files"; then fail "the RPM claims $dir, which others own"; fi
done
pass "the RPM holds the same files and claims no shared folders"

# --- Desktop files, as packaged ------------------------------------------------------------------
step "Desktop entry and AppStream metainfo"
mkdir "$work/root"
dpkg-deb --extract "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop"
grep -qx 'Exec=switchboard %u' "$work/root/usr/share/applications/$app_id.desktop" ||
    fail "the desktop entry does not run 'switchboard %u'"
grep -qx 'MimeType=x-scheme-handler/tel;' "$work/root/usr/share/applications/$app_id.desktop" ||
    fail "the desktop entry does not handle tel: links"
pass "desktop-file-validate, and the entry handles tel: links"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/$app_id.metainfo.xml"
newest="$(grep -o -m1 '<release version="[^"]*"' "$work/root/usr/share/metainfo/$app_id.metainfo.xml" |
    cut -d'"' -f2)"
[ "$newest" = "$version" ] ||
    fail "the newest <release> in the metainfo is $newest, not $version: add the release notes"
metainfo_file="$work/root/usr/share/metainfo/$app_id.metainfo.xml"
grep -q "<project_license>$(rpm -qp --queryformat '%{LICENSE}' "$rpm_file")</project_license>" \
    "$metainfo_file" || fail "the metainfo's licence is not the packages'"
grep -q "<url type=\"homepage\">$(rpm -qp --queryformat '%{URL}' "$rpm_file")</url>" \
    "$metainfo_file" || fail "the metainfo's homepage is not the packages'"
grep -qx "Homepage: $(rpm -qp --queryformat '%{URL}' "$rpm_file")" <(dpkg-deb --field "$deb") ||
    fail "the DEB's homepage is not the RPM's"
pass "appstreamcli validate; the release notes, licence and homepage match the packages'"

# --- Installing the DEB ----------------------------------------------------------------------------
step "apt-get install ./${deb##*/}"
: >"$marker" # marks an install in progress, for the clean-up of an interrupted run
install_deb() {
    (cd "$work/out" && apt_get install -y -q --no-install-recommends "./${deb##*/}") \
        >"$work/install.log" 2>&1
}
if ! install_deb; then
    # Old package lists name versions the mirror no longer has: refresh them once.
    if ! apt_get update -qq || ! install_deb; then
        cat "$work/install.log"
        fail "apt-get install"
    fi
fi
# What apt-get added: the package and the dependencies it pulled in.
awk '/^The following NEW packages/ {show = 1; print; next} show && /^  / {print; next} {show = 0}' \
    "$work/install.log"
[ "$(package_status)" = "ii" ] || fail "switchboard is not installed after apt-get install"
pass "apt-get installed the DEB with its dependencies from the distribution"

for file in "${expected_files[@]}"; do
    [ -e "$file" ] || fail "$file is missing after the installation"
done
[ "$(command -v switchboard)" = /usr/bin/switchboard ] || fail "switchboard is not /usr/bin/switchboard"
if command -v systemd-analyze >/dev/null; then
    # Checks the unit's syntax and that its ExecStart resolves; the manager itself is not needed.
    systemd-analyze verify /usr/lib/systemd/user/switchboard.service 2>&1 |
        grep -v -e 'man switchboard(1)' -e 'Failed to lookup' | tee "$work/unit.log" || true
    if grep -Eiq 'unknown|invalid|not executable|failed to parse' "$work/unit.log"; then
        fail "systemd-analyze verify: switchboard.service"
    fi
    pass "systemd-analyze verify switchboard.service"
fi

# Whatever the program may load of Qt's GUI one day, it never needs a display here.
export QT_QPA_PLATFORM=offscreen

step "/usr/bin/switchboard --version"
reported="$(/usr/bin/switchboard --version)"
echo "$reported"
[ "$reported" = "switchboard $version" ] || fail "--version says '$reported', expected 'switchboard $version'"
pass "the installed program is version $version"

step "/usr/bin/switchboard --headless --sandbox, then GET /api/v1/health"
api_key="sb_packaging_test_$RANDOM$RANDOM"
port=""
for attempt in 1 2 3 4 5; do
    candidate=$((20000 + (RANDOM * 7 + attempt) % 40000))
    # No D-Bus session and no display: the keychain is unavailable, the key comes from the
    # environment, and nothing may try to open a window.
    env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY SWITCHBOARD_API_KEY="$api_key" \
        /usr/bin/switchboard --headless --sandbox --data-dir "$work/data" --port "$candidate" \
        >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        if curl -fsS "http://127.0.0.1:$candidate/api/v1/health" -o "$work/health.json" 2>/dev/null; then
            port="$candidate"
            break
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.2
    done
    [ -n "$port" ] && break
    code=0
    if kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid"
    fi
    wait "$server_pid" || code=$?
    server_pid=""
    # 5: the port was taken meanwhile; try another.
    [ "$code" -eq 5 ] || { cat "$work/server.log"; fail "switchboard --headless exited with $code"; }
done
[ -n "$port" ] || { cat "$work/server.log"; fail "no free port after 5 tries"; }
cat "$work/health.json"
echo
# Without a D-Bus session there is no keychain, which health reports as "degraded"; the rest
# must be in order.
grep -Eq '"status": *"(healthy|degraded)"' "$work/health.json" || fail "health is unhealthy"
grep -q '"database": *"ok"' "$work/health.json" || fail "health does not find the database ok"
grep -q "\"version\": *\"$version\"" "$work/health.json" || fail "health does not report $version"
grep -q '"sandbox": *true' "$work/health.json" || fail "health does not report the sandbox"
pass "GET /api/v1/health answers 200 with version $version, sandbox, database ok"
status="$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $api_key" \
    "http://127.0.0.1:$port/api/v1/agents")"
[ "$status" = 200 ] || fail "GET /api/v1/agents with the key answered $status"
status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/agents")"
[ "$status" = 401 ] || fail "GET /api/v1/agents without a key answered $status, not 401"
pass "the API takes the key from SWITCHBOARD_API_KEY and refuses requests without it"
kill -TERM "$server_pid"
code=0
wait "$server_pid" || code=$?
server_pid=""
[ "$code" -eq 0 ] || { cat "$work/server.log"; fail "switchboard exited with $code after SIGTERM"; }
pass "SIGTERM stops it cleanly (exit 0)"

# --- Removing it -----------------------------------------------------------------------------------
step "apt-get remove -y switchboard"
remove_package
[ -z "$(package_status)" ] || [ "$(package_status)" = "un" ] ||
    fail "switchboard is still known to dpkg: $(package_status)"
for file in "${expected_files[@]}"; do
    [ ! -e "$file" ] || fail "$file is left after apt-get remove"
done
[ ! -e /usr/share/doc/switchboard ] || fail "/usr/share/doc/switchboard is left after apt-get remove"
pass "apt-get removed it and every file it installed"

echo
echo "packaging: $checks passed, 0 failed"
