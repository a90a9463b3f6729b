#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Load benchmark of the local REST API, beside nginx serving the same bytes. See bench/README.md.
#
#   bench/api-load.sh [BUILD_DIR]        (default: <repo>/build)
#
# Environment (all optional):
#   BENCH_AGENTS=100000        agents seeded before the server starts
#   BENCH_DURATION=10          seconds of each measured wrk run
#   BENCH_WARMUP=2             seconds of an unmeasured wrk run before each measured one (0: none)
#   BENCH_CONNECTIONS=32       wrk connections
#   BENCH_THREADS=2            wrk threads
#   BENCH_SANDBOX_TIME_SCALE=0.001
#                              scales the sandbox's simulated Ultravox latency (40 ms at 1.0); the
#                              default makes it 0 ms so that creates/s measures Switchboard itself
#   BENCH_KEEP=1               keep the temp dir (data dir, logs, nginx config) for inspection
#   BENCH_PERF=1               also record a CPU profile of the server (perf record, DWARF call
#                              graphs) during each measured Switchboard run, into
#                              bench/results/perf-<scenario>.data; costs some throughput
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
BUILD_DIR=${1:-$REPO/build}
BUILD_DIR=$(cd "$BUILD_DIR" 2>/dev/null && pwd) || {
    echo "api-load: build dir '${1:-$REPO/build}' does not exist; build first:" >&2
    echo "  cmake -S $REPO -B $REPO/build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build $REPO/build" >&2
    exit 2
}

AGENTS=${BENCH_AGENTS:-100000}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
TIME_SCALE=${BENCH_SANDBOX_TIME_SCALE:-0.001}
RESULTS_DIR=$REPO/bench/results
RESULTS_MD=$RESULTS_DIR/api-load.md
RESULTS_RAW=$RESULTS_DIR/api-load-wrk.txt
LUA=$SCRIPT_DIR/api-load.lua

# Targets of the issue.
TARGET_READ_RATIO=0.5
TARGET_READ_P99_MS=5
TARGET_CREATES=5000
TARGET_MEMORY_MIB=200

log() { printf '[api-load] %s\n' "$*" >&2; }
die() { printf 'api-load: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# 1. Tools: installed with apt-get only when missing.
# ---------------------------------------------------------------------------------------------
find_nginx() {
    command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true
}

ensure_tools() {
    local missing=()
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    [[ -n $(find_nginx) ]] || missing+=(nginx)
    [[ ${BENCH_PERF:-0} != 1 ]] || command -v perf >/dev/null 2>&1 || missing+=(perf)
    ((${#missing[@]} == 0)) && return 0

    local as_root=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}; run as root to install them with apt-get"
        as_root=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
    log "installing with apt-get: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    local packages=()
    for tool in "${missing[@]}"; do
        case $tool in
        nginx) packages+=(nginx-light) ;;
        perf) packages+=(linux-perf) ;;
        *) packages+=("$tool") ;;
        esac
    done
    if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; then
        # Debian 13 has no nginx-light any more: the plain package does the same here.
        packages=("${packages[@]/nginx-light/nginx}")
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
    fi
    if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1 || [[ -z $(find_nginx) ]]; then
        die "installing ${missing[*]} did not provide them"
    fi
}

# ---------------------------------------------------------------------------------------------
# 7. Cleanup of everything this script started, also on Ctrl+C.
# ---------------------------------------------------------------------------------------------
TMP=""
SERVER_PID=""
NGINX_PID=""
WRK_PID=""
PERF_PID=""

stop_process() { # pid signal seconds
    local pid=$1 signal=$2 seconds=$3
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "-$signal" "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < seconds * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    stop_process "$WRK_PID" TERM 2
    stop_process "$PERF_PID" INT 5
    stop_process "$SERVER_PID" TERM 15
    stop_process "$NGINX_PID" QUIT 5
    if [[ -n $TMP && -d $TMP ]]; then
        if [[ ${BENCH_KEEP:-0} == 1 ]]; then
            log "kept $TMP"
        else
            rm -rf "$TMP"
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM HUP

# ---------------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------------
port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        ss -Htln "sport = :$1" 2>/dev/null | grep -q . && return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port tries=0
    while ((tries < 200)); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port" && [[ $port != "${TAKEN_PORT:-}" ]]; then
            echo "$port"
            return 0
        fi
        tries=$((tries + 1))
    done
    die "found no free port"
}

mem_kib() { # pid field -> KiB
    awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# CPU time (user + system) in clock ticks used so far by a process and its children processes
# (nginx's workers).
cpu_ticks() {
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v p="$1" '{
        pid = $1; rest = $0; sub(/.*\) /, "", rest); split(rest, f, " ")
        if (pid == p || f[2] == p) total += f[12] + f[13]
    } END { printf "%d\n", total }'
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# How busy the machine is before we start: the share of CPU time not idle over one second.
cpu_busy_percent() {
    local a b
    a=$(head -1 /proc/stat)
    sleep 1
    b=$(head -1 /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {
        n = split(a, x, " "); split(b, y, " ")
        for (i = 2; i <= n && i <= 9; i++) { total += y[i] - x[i]; if (i == 5 || i == 6) idle += y[i] - x[i] } # to steal: guest time is in user already
        busy = 0; if (total > 0) busy = 100 * (total - idle) / total
        printf "%.0f", busy }'
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Runs wrk with the Lua script and leaves its BENCH_RESULT line in $TMP/result.txt.
# Args: label url mode seconds. Not called in a subshell, so that the traps see WRK_PID.
run_wrk() {
    local label=$1 url=$2 mode=$3 seconds=$4 out=$TMP/wrk-last.txt
    BENCH_MODE=$mode BENCH_API_KEY=$API_KEY BENCH_IDS_FILE=$TMP/ids.txt BENCH_RUN=$RUN_WORD \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$LUA" "$url" >"$out" 2>&1 &
    WRK_PID=$!
    local status=0
    wait "$WRK_PID" || status=$?
    WRK_PID=""
    {
        echo "=== $label ($url, ${seconds}s)"
        cat "$out"
        echo
    } >>"$TMP/wrk-all.txt"
    ((status == 0)) || { cat "$out" >&2; die "wrk failed for $label"; }
    grep '^BENCH_RESULT ' "$out" | tail -1 >"$TMP/result.txt"
    [[ -s $TMP/result.txt ]] || { cat "$out" >&2; die "wrk printed no result for $label"; }
}

field() { # name -> value from $TMP/result.txt
    sed -n "s/.* $1=\([0-9]*\).*/\1/p" "$TMP/result.txt"
}

# Measures one scenario: optional warm-up, then the measured run. Sets R_RPS R_P99 R_ERR.
measure() {
    local label=$1 url=$2 mode=$3
    if ((WARMUP > 0)); then
        log "$label: warm-up ${WARMUP}s"
        run_wrk "$label (warm-up)" "$url" "$mode" "$WARMUP"
    fi
    log "$label: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    if [[ ${BENCH_PERF:-0} == 1 && $url == "$SB" ]]; then
        local seconds=$((DURATION > 2 ? DURATION - 1 : 1))
        perf record -q -F 999 --call-graph dwarf,16384 -p "$SERVER_PID" \
            -o "$RESULTS_DIR/perf-$mode.data" -- sleep "$seconds" >"$TMP/perf-$mode.log" 2>&1 &
        PERF_PID=$!
    fi
    local server_pid=$SERVER_PID ticks_before ticks_after
    [[ $url == "$SB" ]] || server_pid=$NGINX_PID
    ticks_before=$(cpu_ticks "$server_pid")
    run_wrk "$label" "$url" "$mode" "$DURATION"
    ticks_after=$(cpu_ticks "$server_pid")
    if [[ -n $PERF_PID ]]; then
        wait "$PERF_PID" || log "perf record failed: $(cat "$TMP/perf-$mode.log")"
        PERF_PID=""
        log "profile: perf report -i $RESULTS_DIR/perf-$mode.data --children"
    fi
    local requests duration p99
    requests=$(field requests)
    duration=$(field duration_us)
    p99=$(field p99_us)
    R_ERR=$(($(field status_errors) + $(field connect_errors) + $(field read_errors) +
        $(field write_errors) + $(field timeouts)))
    R_RPS=$(awk -v n="$requests" -v d="$duration" 'BEGIN { r = 0; if (d > 0) r = n / (d / 1e6); printf "%.0f", r }')
    R_P99=$(awk -v us="$p99" 'BEGIN { printf "%.2f", us / 1000 }')
    R_CPU=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$CLK_TCK" -v n="$requests" \
        'BEGIN { r = 0; if (n > 0) r = t / hz * 1e6 / n; printf "%.0f", r }')
    log "$label: $R_RPS req/s, p99 $R_P99 ms, errors $R_ERR, server CPU $R_CPU µs/request"
}

# ---------------------------------------------------------------------------------------------
# Go.
# ---------------------------------------------------------------------------------------------
ensure_tools
NGINX=$(find_nginx)
mkdir -p "$RESULTS_DIR"
BUSY_AT_START=$(cpu_busy_percent)
if ((BUSY_AT_START > 10)); then
    log "warning: the CPUs were ${BUSY_AT_START}% busy before the start: other work on this machine will skew the figures"
fi

SERVER_BIN=$BUILD_DIR/app/switchboard
SEED_BIN=$BUILD_DIR/bench/switchboard-bench-seed
[[ -x $SERVER_BIN ]] || die "$SERVER_BIN is missing; build the project first (cmake --build $BUILD_DIR)"
if [[ ! -x $SEED_BIN ]]; then
    log "building the seeder (target switchboard-bench-seed)"
    cmake --build "$BUILD_DIR" --target switchboard-bench-seed >&2 || die "cannot build switchboard-bench-seed"
fi
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)
[[ $BUILD_TYPE == Release ]] || log "warning: $BUILD_DIR is a '${BUILD_TYPE:-unknown}' build; figures are meant for Release"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-bench.XXXXXX")
chmod 755 "$TMP" # nginx's workers (user nobody) read the static files in it
mkdir -p "$TMP/data" "$TMP/www" "$TMP/nginx"
API_KEY=bench_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
RUN_WORD=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')

# 2. Seed, then start the server.
log "seeding $AGENTS agents"
"$SEED_BIN" --data-dir "$TMP/data" --count "$AGENTS" --ids-file "$TMP/ids.txt" >&2 2>"$TMP/seed.log" ||
    { cat "$TMP/seed.log" >&2; die "seeding failed"; }
[[ $(wc -l <"$TMP/ids.txt") -eq $AGENTS ]] || die "the seeder wrote $(wc -l <"$TMP/ids.txt") ids, expected $AGENTS"
# A copy for the unpaged list at the end, which must see exactly the seeded agents.
cp -a "$TMP/data" "$TMP/data-unpaged"

# Starts the server on data dir $1, logging to $TMP/server-$2.log; sets SERVER_PID, SB_PORT, SB.
start_server() {
    local dir=$1 name=$2
    SB_PORT=$(free_port)
    (
        unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
        export SWITCHBOARD_API_KEY=$API_KEY SWITCHBOARD_SANDBOX_TIME_SCALE=$TIME_SCALE
        export QT_LOGGING_RULES="switchboard.*.info=false"
        exec "$SERVER_BIN" --headless --sandbox --data-dir "$dir" --port "$SB_PORT" \
            --rate-limit-per-minute 100000000 --rate-limit-per-hour 100000000 \
            --rate-limit-burst 100000000
    ) >"$TMP/server-$name.log" 2>&1 &
    SERVER_PID=$!
    local waited=0
    while ((waited < 300)); do
        kill -0 "$SERVER_PID" 2>/dev/null || return 1
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SB_PORT/api/v1/health" || true) == 200 ]]; then
            SB=http://127.0.0.1:$SB_PORT
            log "switchboard (pid $SERVER_PID) on $SB"
            return 0
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    return 1
}
launch_server() { # dir name
    local attempt=0
    until start_server "$1" "$2"; do
        attempt=$((attempt + 1))
        stop_process "$SERVER_PID" TERM 5
        SERVER_PID=""
        ((attempt < 3)) || { cat "$TMP/server-$2.log" >&2; die "the server did not become healthy"; }
        log "the server did not start on port $SB_PORT; trying another port"
    done
}
total_agents() {
    curl -sf -D - -o /dev/null -H "X-API-Key: $API_KEY" "$SB/api/v1/agents?limit=1" |
        tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }'
}
launch_server "$TMP/data" main

# 5. Memory with the agents stored, before any load.
RSS_IDLE=$(mem_kib "$SERVER_PID" VmRSS)
HWM_IDLE=$(mem_kib "$SERVER_PID" VmHWM)

# 4. The same bytes for nginx: fetched from the server now.
FIXED_ID=$(head -1 "$TMP/ids.txt")
curl -sf -H "X-API-Key: $API_KEY" "$SB/api/v1/agents/$FIXED_ID" -o "$TMP/www/agent.json" ||
    die "GET /api/v1/agents/$FIXED_ID failed"
curl -sf -H "X-API-Key: $API_KEY" "$SB/api/v1/agents?limit=50" -o "$TMP/www/agents-list.json" ||
    die "GET /api/v1/agents?limit=50 failed"
TOTAL=$(total_agents)
[[ $TOTAL == "$AGENTS" ]] || die "the server reports ${TOTAL:-no} agents, expected $AGENTS"
chmod 644 "$TMP/www/"*.json
AGENT_BYTES=$(wc -c <"$TMP/www/agent.json")
LIST_BYTES=$(wc -c <"$TMP/www/agents-list.json")

temp_paths="client_body_temp_path $TMP/nginx/client_body;"
nginx_build=$("$NGINX" -V 2>&1 || true)
for module in proxy fastcgi uwsgi scgi; do
    [[ $nginx_build == *"--without-http_${module}_module"* ]] ||
        temp_paths+=$'\n'"    ${module}_temp_path $TMP/nginx/$module;"
done
user_line=""
if ((EUID == 0)); then
    user_line="user nobody $(getent group nogroup >/dev/null && echo nogroup || echo nobody);"
fi
NG_PORT=$(TAKEN_PORT=$SB_PORT free_port)
cat >"$TMP/nginx/nginx.conf" <<EOF
$user_line
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    types { }
    default_type application/json;
    sendfile on;
    keepalive_requests 100000000;
    $temp_paths
    server {
        listen 127.0.0.1:$NG_PORT;
        root $TMP/www;
        location = /api/v1/agents { try_files /agents-list.json =404; }
        location /api/v1/agents/ { try_files /agent.json =404; }
    }
}
EOF
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
NG=http://127.0.0.1:$NG_PORT
for _ in $(seq 1 100); do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx/error.log" "$TMP/nginx/stdout.log" >&2 2>/dev/null; die "nginx did not start"; }
    curl -sf -o /dev/null "$NG/api/v1/agents/x" && break
    sleep 0.1
done
cmp -s <(curl -sf "$NG/api/v1/agents/$FIXED_ID") "$TMP/www/agent.json" || die "nginx does not serve the agent's bytes"
cmp -s <(curl -sf "$NG/api/v1/agents?limit=50") "$TMP/www/agents-list.json" || die "nginx does not serve the list's bytes"
log "nginx (pid $NGINX_PID) on $NG"

# 3 + 4. The load: each read against Switchboard, then against nginx; then the creates.
: >"$TMP/wrk-all.txt"
measure "switchboard GET /api/v1/agents/{id}" "$SB" get_id
SB_ID_RPS=$R_RPS SB_ID_P99=$R_P99 SB_ID_ERR=$R_ERR SB_ID_CPU=$R_CPU
measure "nginx GET /api/v1/agents/{id}" "$NG" get_id
NG_ID_RPS=$R_RPS NG_ID_P99=$R_P99 NG_ID_ERR=$R_ERR NG_ID_CPU=$R_CPU
measure "switchboard GET /api/v1/agents?limit=50" "$SB" list
SB_LIST_RPS=$R_RPS SB_LIST_P99=$R_P99 SB_LIST_ERR=$R_ERR SB_LIST_CPU=$R_CPU
measure "nginx GET /api/v1/agents?limit=50" "$NG" list
NG_LIST_RPS=$R_RPS NG_LIST_P99=$R_P99 NG_LIST_ERR=$R_ERR NG_LIST_CPU=$R_CPU
# 5. Memory with the seeded agents, after the reads: what the memory target is about.
RSS_READS=$(mem_kib "$SERVER_PID" VmRSS)
HWM_READS=$(mem_kib "$SERVER_PID" VmHWM)
measure "switchboard POST /api/v1/agents" "$SB" create
SB_POST_RPS=$R_RPS SB_POST_P99=$R_P99 SB_POST_ERR=$R_ERR SB_POST_CPU=$R_CPU

# 5. Memory after the load.
kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during the load"
RSS_AFTER=$(mem_kib "$SERVER_PID" VmRSS)
HWM_AFTER=$(mem_kib "$SERVER_PID" VmHWM)
AGENTS_AFTER=$(total_agents)

# One list without a limit, which answers with every agent stored at once, on a fresh server over
# a copy of the seeded data (exactly $AGENTS agents), so that it neither sees the created agents
# nor leaves its mark on the figures above.
stop_process "$SERVER_PID" TERM 15
SERVER_PID=""
stop_process "$NGINX_PID" QUIT 5
NGINX_PID=""
launch_server "$TMP/data-unpaged" unpaged
UNPAGED_AGENTS=$(total_agents)
log "one GET /api/v1/agents without a limit (${UNPAGED_AGENTS:-?} agents)"
UNPAGED=$(curl -sf -m 300 -o /dev/null -w '%{size_download} %{time_total}' -H "X-API-Key: $API_KEY" "$SB/api/v1/agents" || echo "0 0")
UNPAGED_BYTES=${UNPAGED%% *}
UNPAGED_SECONDS=$(awk -v t="${UNPAGED##* }" 'BEGIN { printf "%.2f", t }')
kill -0 "$SERVER_PID" 2>/dev/null || die "the server died answering the unpaged list"
RSS_UNPAGED=$(mem_kib "$SERVER_PID" VmRSS)
HWM_UNPAGED=$(mem_kib "$SERVER_PID" VmHWM)

# ---------------------------------------------------------------------------------------------
# 6. The table.
# ---------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = 0; if (b > 0) r = a / b; printf "%.2f", r }'; }
verdict_read() { # rps p99 nginx_rps errors
    awk -v r="$1" -v p="$2" -v n="$3" -v e="$4" -v tr="$TARGET_READ_RATIO" -v tp="$TARGET_READ_P99_MS" \
        'BEGIN { v = "MISS"; if (e == 0 && n > 0 && r >= tr * n && p < tp) v = "PASS"; print v }'
}
SB_ID_RATIO=$(ratio "$SB_ID_RPS" "$NG_ID_RPS")
SB_LIST_RATIO=$(ratio "$SB_LIST_RPS" "$NG_LIST_RPS")
V_ID=$(verdict_read "$SB_ID_RPS" "$SB_ID_P99" "$NG_ID_RPS" "$SB_ID_ERR")
V_LIST=$(verdict_read "$SB_LIST_RPS" "$SB_LIST_P99" "$NG_LIST_RPS" "$SB_LIST_ERR")
V_POST=$(awk -v r="$SB_POST_RPS" -v e="$SB_POST_ERR" -v t="$TARGET_CREATES" 'BEGIN { v = "MISS"; if (e == 0 && r >= t) v = "PASS"; print v }')
mem_verdict() { awk -v k="$1" -v t="$TARGET_MEMORY_MIB" 'BEGIN { v = "MISS"; if (k / 1024 < t) v = "PASS"; print v }'; }
V_MEM=$(mem_verdict "$HWM_READS")
# The creates add agents (as many as the machine is fast), and every agent is kept in the read
# cache: reported per agent created, beside the total.
KIB_PER_CREATED=$(awk -v a="$RSS_AFTER" -v r="$RSS_READS" -v n="$((${AGENTS_AFTER:-0} - AGENTS))" \
    'BEGIN { if (n > 0) printf "%.2f", (a - r) / n; else print "?" }')
V_MEM_UNPAGED=$(mem_verdict "$HWM_UNPAGED")

COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$REPO" diff --quiet HEAD 2>/dev/null || COMMIT+="+local changes"
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')
WRK_VERSION=$(wrk --version 2>&1 | awk 'NR == 1 { print $2 }' || true)
DELAY_MS=$(awk -v s="$TIME_SCALE" 'BEGIN { printf "%d", 40 * s }')

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
{
    echo "### Switchboard local API load benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT, ${BUILD_TYPE:-unknown} build of $(date -u -r "$SERVER_BIN" '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($CPU), ${BUSY_AT_START}% busy before the start;"
    echo "wrk ${WRK_VERSION:-?}: $CONNECTIONS connections, $THREADS threads, ${DURATION} s per run (after ${WARMUP} s warm-up);"
    echo "nginx ${NGINX_VERSION} (worker_processes auto, access_log off) serving the same bodies ($AGENT_BYTES and $LIST_BYTES bytes);"
    echo "$AGENTS agents seeded; sandbox provider latency ${DELAY_MS} ms (SWITCHBOARD_SANDBOX_TIME_SCALE=$TIME_SCALE); rate limits raised to 100,000,000."
    echo
    row "Scenario" "Switchboard req/s" "p99 ms" "CPU µs/req" "nginx req/s" "nginx p99 ms" "nginx CPU µs/req" "ratio" "errors" "target" "result"
    row "---" "---:" "---:" "---:" "---:" "---:" "---:" "---:" "---:" "---" "---"
    row "GET /api/v1/agents/{id} (random of $AGENTS)" "$SB_ID_RPS" "$SB_ID_P99" "$SB_ID_CPU" "$NG_ID_RPS" "$NG_ID_P99" "$NG_ID_CPU" "$SB_ID_RATIO" \
        "$SB_ID_ERR / $NG_ID_ERR" "≥ ${TARGET_READ_RATIO}× nginx, p99 < ${TARGET_READ_P99_MS} ms" "$V_ID"
    row "GET /api/v1/agents?limit=50 ($AGENTS stored)" "$SB_LIST_RPS" "$SB_LIST_P99" "$SB_LIST_CPU" "$NG_LIST_RPS" "$NG_LIST_P99" "$NG_LIST_CPU" "$SB_LIST_RATIO" \
        "$SB_LIST_ERR / $NG_LIST_ERR" "≥ ${TARGET_READ_RATIO}× nginx, p99 < ${TARGET_READ_P99_MS} ms" "$V_LIST"
    row "POST /api/v1/agents (creates/s)" "$SB_POST_RPS" "$SB_POST_P99" "$SB_POST_CPU" "–" "–" "–" "–" "$SB_POST_ERR" \
        "≥ $TARGET_CREATES/s" "$V_POST"
    echo
    mrow() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
    mrow "Server memory" "VmRSS MiB" "VmHWM MiB" "target" "result"
    mrow "---" "---:" "---:" "---" "---"
    mrow "after start, $AGENTS agents stored" "$(mib "$RSS_IDLE")" "$(mib "$HWM_IDLE")" "" ""
    mrow "after the reads, $AGENTS agents stored" "$(mib "$RSS_READS")" "$(mib "$HWM_READS")" \
        "peak < ${TARGET_MEMORY_MIB} MiB" "$V_MEM"
    mrow "after the creates too, ${AGENTS_AFTER:-?} agents stored (+$KIB_PER_CREATED KiB per agent created)" \
        "$(mib "$RSS_AFTER")" "$(mib "$HWM_AFTER")" "" ""
    mrow "fresh server, $UNPAGED_AGENTS agents, after one GET /api/v1/agents without limit ($(mib $((UNPAGED_BYTES / 1024))) MiB body in $UNPAGED_SECONDS s)" \
        "$(mib "$RSS_UNPAGED")" "$(mib "$HWM_UNPAGED")" \
        "peak < ${TARGET_MEMORY_MIB} MiB" "$V_MEM_UNPAGED"
    echo
    echo "Ratio: Switchboard req/s ÷ nginx req/s. CPU µs/req: user + system CPU time of the server (nginx: master and workers) during the measured run, per request answered."
    echo "Errors (Switchboard / nginx): non-2xx answers, socket errors and timeouts; any Switchboard error is a MISS."
} >"$TMP/table.md"

mkdir -p "$RESULTS_DIR"
cp "$TMP/table.md" "$RESULTS_MD"
cp "$TMP/wrk-all.txt" "$RESULTS_RAW"
echo
cat "$TMP/table.md"
echo
log "written to $RESULTS_MD (raw wrk output: $RESULTS_RAW)"
