#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every harness of fuzz/ for a few seconds with a fixed seed, from its seed corpus (the
# test command's short run). New inputs go to a scratch copy, not into the repository; a crash,
# a sanitizer report or a leak fails the run and its input is kept in fuzz/artifacts/.
#   fuzz/run.sh BUILD_DIR [SECONDS_EACH] [HARNESS...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS_EACH] [HARNESS...]}"
seconds="${2:-5}"
shift $(( $# >= 2 ? 2 : 1 ))
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    for corpus in "$here"/corpus/*/; do harnesses+=("$(basename "$corpus")"); done
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$here/artifacts"
failed=()
for harness in "${harnesses[@]}"; do
    binary="$build_dir/fuzz/$harness"
    [ -x "$binary" ] || { echo "error: $binary is not built" >&2; failed+=("$harness"); continue; }
    mkdir -p "$scratch/$harness"
    if "$binary" -seed=1 -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
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
