#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every harness of fuzz/ from its seed corpus for a fixed number of inputs with a fixed seed
# (the test command's short run). The count, not the time, bounds a run, so a slower or faster
# machine tries as many inputs as any other. The inputs still differ a little from run to run (the
# code under test reads the clock and makes random ids, which steers libFuzzer's coverage);
# QT_HASH_SEED=0 at least keeps Qt's hash order fixed. So a finding can show up on one machine and
# not on another: it is a real bug all the same. New inputs go to a scratch copy, not into the
# repository; a crash, a sanitizer report or a leak fails the run and its input is kept in
# fuzz/artifacts/. Exploring further is bench/fuzz-long.sh's job.
#   fuzz/run.sh BUILD_DIR [HARNESS...]
# Environment: FUZZ_RUNS_FACTOR=1 multiplies every count; FUZZ_MAX_SECONDS=120 caps each run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${1:?usage: fuzz/run.sh BUILD_DIR [HARNESS...]}"
shift
factor="${FUZZ_RUNS_FACTOR:-1}"
max_seconds="${FUZZ_MAX_SECONDS:-120}"
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    for corpus in "$here"/corpus/*/; do harnesses+=("$(basename "$corpus")"); done
fi

# About five seconds of each harness on a 2-core machine: the slow ones go through the event
# loop, SQLite and the JSON writers for every input.
runs_of() {
    case "$1" in
    fuzz_api_request) echo 5000 ;;
    fuzz_provider_replies) echo 30000 ;;
    fuzz_recipient_lists) echo 15000 ;;
    fuzz_campaign_json | fuzz_json_readers) echo 60000 ;;
    *) echo 100000 ;;
    esac
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$here/artifacts"
failed=()
for harness in "${harnesses[@]}"; do
    binary="$build_dir/fuzz/$harness"
    [ -x "$binary" ] || { echo "error: $binary is not built" >&2; failed+=("$harness"); continue; }
    mkdir -p "$scratch/$harness"
    if QT_HASH_SEED=0 "$binary" -seed=1 -runs=$(($(runs_of "$harness") * factor)) \
        -max_total_time="$max_seconds" -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$here/artifacts/$harness-" \
        "$scratch/$harness" "$here/corpus/$harness" >"$scratch/$harness.log" 2>&1; then
        stats="$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' \
            "$scratch/$harness.log" | sed 's/^stat:://' | tr -s ' ' | tr '\n' ' ')"
        coverage="$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$scratch/$harness.log" | tail -1)"
        echo "fuzz $harness: passed ($coverage; $stats)"
    else
        echo "fuzz $harness: FAILED"
        tail -60 "$scratch/$harness.log"
        failed+=("$harness")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
