#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Soak test: mixed REST traffic (wrk, bench/soak.lua) and sandbox calls on a headless server for a
# long time, sampling its memory (RSS), open file descriptors and threads. After the warm-up the
# figures must stay flat: within SOAK_TOLERANCE (10 %) from the start of the measured run to its
# end. See bench/README.md.
#
#   bench/soak.sh [BUILD_DIR]     (default: <repo>/build)
#
# Environment (all optional):
#   SOAK_DURATION=1800     seconds of the measured run (after the warm-up)
#   SOAK_WARMUP=120        seconds of the same traffic before the first measurement
#   SOAK_AGENTS=500        agents created before the start (reads pick among them)
#   SOAK_CONNECTIONS=8     wrk connections;  SOAK_THREADS=2  wrk threads
#   SOAK_CALLS_PER_SECOND=5  sandbox calls placed per second beside the wrk traffic
#   SOAK_SAMPLE=10         seconds between samples
#   SOAK_TOLERANCE=10      percent the end may differ from the start
#   SOAK_AGENT_CACHE_MB    passed as SWITCHBOARD_AGENT_CACHE_MB (the agent cache's bound)
#   SOAK_WRAPPER           a command the server runs under, e.g. "heaptrack -o /tmp/soak" (what
#                          grows is then in its report; the server is stopped with SIGTERM at the
#                          end so that the wrapper writes it)
set -Eeuo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
BUILD_DIR=$(cd "${1:-$REPO/build}" && pwd)
BINARY=$BUILD_DIR/app/switchboard
[[ -x $BINARY ]] || { echo "soak: $BINARY is not built" >&2; exit 2; }
DURATION=${SOAK_DURATION:-1800}
WARMUP=${SOAK_WARMUP:-120}
AGENTS=${SOAK_AGENTS:-500}
CONNECTIONS=${SOAK_CONNECTIONS:-8}
THREADS=${SOAK_THREADS:-2}
CALLS_PER_SECOND=${SOAK_CALLS_PER_SECOND:-5}
SAMPLE=${SOAK_SAMPLE:-10}
TOLERANCE=${SOAK_TOLERANCE:-10}
KEY=soak-api-key-0123456789
RESULTS=$REPO/bench/results
mkdir -p "$RESULTS"
log() { printf '[soak %s] %s\n' "$(date -u +%T)" "$*" >&2; }
for tool in wrk curl; do
    command -v $tool >/dev/null || { echo "soak: needs $tool (apt-get install $tool)" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid="" calls_pid="" sampler_pid=""
cleanup() {
    for pid in $sampler_pid $calls_pid $server_pid; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
env -u DISPLAY -u WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent \
    SWITCHBOARD_API_KEY=$KEY SWITCHBOARD_SANDBOX_TIME_SCALE=0.05 \
    ${SOAK_AGENT_CACHE_MB:+SWITCHBOARD_AGENT_CACHE_MB=$SOAK_AGENT_CACHE_MB} \
    ${SOAK_WRAPPER:-} "$BINARY" --headless --sandbox --data-dir "$work/data" --port "$port" \
    --rate-limit-per-minute 100000000 --rate-limit-per-hour 100000000 \
    --rate-limit-burst 100000000 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -sf "$base/api/v1/health" >/dev/null && break
    sleep 0.1
done
curl -sf "$base/api/v1/health" >/dev/null || { cat "$work/server.log"; exit 1; }
if [[ -n ${SOAK_WRAPPER:-} ]]; then # the figures are the server's, not its wrapper's
    server_pid=$(pgrep -n -f -- "$BINARY --headless") || { echo "soak: no server under the wrapper" >&2; exit 1; }
fi

log "creating $AGENTS agents"
for i in $(seq "$AGENTS"); do
    curl -sf -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
        -d "{\"name\":\"Soak $i\",\"prompt\":\"You help {{customer_name}}. Be brief.\"}" \
        "$base/api/v1/agents"
    echo
done | grep -o '"id":"[^"]*"' | cut -d'"' -f4 >"$work/ids"
[[ $(wc -l <"$work/ids") -ge 1 ]] || { echo "soak: no agent was created" >&2; exit 1; }

# Sandbox calls beside the REST traffic: placed, then read back.
place_calls() {
    local period
    period=$(awk "BEGIN{print 1/$CALLS_PER_SECOND}")
    mapfile -t ids <"$work/ids"
    local n=0
    while :; do
        n=$((n + 1))
        local id=${ids[$((RANDOM % ${#ids[@]}))]}
        curl -s -o /dev/null -w '%{http_code}\n' -H "X-API-Key: $KEY" \
            -H 'Content-Type: application/json' \
            -d "{\"phone_number\":\"+1415555$(printf '%04d' $((1000 + n % 9000)))\",\"template_context\":{\"customer_name\":\"Ada\"}}" \
            "$base/api/v1/calls/$id" >>"$work/calls" || true
        sleep "$period"
    done
}
touch "$work/calls"
place_calls &
calls_pid=$!

sample() { # rss_kib fds threads anon_kib file_kib
    local rss threads fds anon file
    rss=$(awk '/^VmRSS/{print $2}' /proc/$server_pid/status)
    threads=$(awk '/^Threads/{print $2}' /proc/$server_pid/status)
    fds=$(ls /proc/$server_pid/fd | wc -l)
    # RSS is the heap and stacks (anonymous) plus the pages of mapped files (the program, its
    # libraries, SQLite's shared memory): apart, so that a growth can be told where it is.
    anon=$(awk '/^RssAnon/{print $2}' /proc/$server_pid/status)
    file=$(awk '/^RssFile/{a=$2} /^RssShmem/{b=$2} END{print a+b}' /proc/$server_pid/status)
    echo "$rss $fds $threads $anon $file"
}
run_wrk() { # seconds, output file
    SOAK_API_KEY=$KEY SOAK_IDS_FILE=$work/ids SOAK_RUN=$1-$RANDOM \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --timeout 10s -s "$SCRIPT_DIR/soak.lua" "$base" >"$2" 2>&1
}

log "warm-up: ${WARMUP}s"
[[ $WARMUP -gt 0 ]] && run_wrk "$WARMUP" "$work/warmup.txt"
agent_count() { # what the server holds: level when the traffic deletes what it creates
    curl -s -D - -o /dev/null -H "X-API-Key: $KEY" "$base/api/v1/agents?limit=1" |
        tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count"{print $2}'
}
read -r rss0 fds0 threads0 anon0 file0 < <(sample)
agents0=$(agent_count)
calls0=$(wc -l <"$work/calls")
log "start: RSS ${rss0} KiB, ${fds0} fds, ${threads0} threads; measuring ${DURATION}s"
(
    echo "seconds,rss_kib,fds,threads,anon_kib,file_kib"
    start=$SECONDS
    while kill -0 "$server_pid" 2>/dev/null; do
        echo "$((SECONDS - start)),$(sample | tr ' ' ',')"
        sleep "$SAMPLE"
    done
) >"$RESULTS/soak-samples.csv" &
sampler_pid=$!
load_started=$(date +%s)
run_wrk "$DURATION" "$work/run.txt"
read -r rss1 fds1 threads1 anon1 file1 < <(sample)
agents1=$(agent_count)
calls1=$(wc -l <"$work/calls")
calls_ok=$(tail -n +$((calls0 + 1)) "$work/calls" | grep -c '^20' || true)
kill "$sampler_pid" 2>/dev/null || true
kill -0 "$server_pid" || { echo "soak: the server died" >&2; tail -50 "$work/server.log"; exit 1; }

result=$(grep '^SOAK_RESULT' "$work/run.txt" || true)
requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$result")
p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' <<<"$result")
rss_max=$(tail -n +2 "$RESULTS/soak-samples.csv" | cut -d, -f2 | sort -n | tail -1)
verdict() { # start end
    awk -v a="$1" -v b="$2" -v t="$TOLERANCE" 'BEGIN{d=(b-a)/(a>0?a:1)*100; printf "%+.1f %%", d; exit !(d<=t && d>=-t)}'
}
ok=1
rss_change=$(verdict "$rss0" "$rss1") || ok=0
fds_change=$(verdict "$fds0" "$fds1") || ok=0
threads_change=$(verdict "$threads0" "$threads1") || ok=0
load=$(cat /proc/loadavg | cut -d' ' -f1-3)
{
    echo "| figure | start (after ${WARMUP}s warm-up) | end (after ${DURATION}s) | change |"
    echo "|---|---|---|---|"
    echo "| RSS | $((rss0 / 1024)) MiB | $((rss1 / 1024)) MiB (max $((rss_max / 1024)) MiB) | $rss_change |"
    echo "| of which heap and stacks (anonymous) | $((anon0 / 1024)) MiB | $((anon1 / 1024)) MiB | $(verdict "$anon0" "$anon1" || true) |"
    echo "| of which mapped files | $((file0 / 1024)) MiB | $((file1 / 1024)) MiB | $(verdict "$file0" "$file1" || true) |"
    echo "| open file descriptors | $fds0 | $fds1 | $fds_change |"
    echo "| threads | $threads0 | $threads1 | $threads_change |"
    echo "| agents in the store | $agents0 | $agents1 | $(verdict "${agents0:-0}" "${agents1:-0}" || true) |"
    echo
    echo "Requests in the measured run: ${requests:-?} ($(awk -v r="${requests:-0}" -v d="$DURATION" 'BEGIN{printf "%.0f", r/d}')/s, p99 $(awk -v p="${p99:-0}" 'BEGIN{printf "%.1f", p/1000}') ms), sandbox calls placed: $((calls1 - calls0)) ($calls_ok accepted); load average at the end: $load."
    echo "Answers by status: $(sed -n 's/^SOAK_STATUSES //p' "$work/run.txt"); wrk: $(grep -E 'Non-2xx|Socket errors' "$work/run.txt" | tr '\n' ' ')"
} | tee "$RESULTS/soak.md"
[[ $ok == 1 ]] && echo "soak: flat within ${TOLERANCE} %" || { echo "soak: NOT flat within ${TOLERANCE} %"; exit 1; }
