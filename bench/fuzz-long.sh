#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Long fuzzing runs: every harness of fuzz/ (or the ones named) for FUZZ_MINUTES each, growing a
# corpus kept between runs in bench/results/fuzz-corpus/<harness>/ (the repository's seeds are
# read too, never written). Prints each harness's executions per second and the coverage reached
# (libFuzzer's cov: edges, ft: features), the figures fuzz/README.md reports. Crashes are kept in
# fuzz/artifacts/.
#
#   bench/fuzz-long.sh [BUILD_DIR] [HARNESS...]   (default: build-tests-sanitize, built if needed)
# Environment: FUZZ_MINUTES=10 per harness; FUZZ_JOBS=1 parallel jobs per harness.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$REPO/scripts/lib.sh"
build_dir=${1:-$REPO/build-tests-sanitize}
shift $(( $# > 0 ? 1 : 0 ))
minutes=${FUZZ_MINUTES:-10}
jobs=${FUZZ_JOBS:-1}
ensure_packages clang libfuzzer-14-dev
build_sanitizer_tree "$build_dir" switchboard_fuzzers >/dev/null
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    for corpus in "$REPO"/fuzz/corpus/*/; do harnesses+=("$(basename "$corpus")"); done
fi
mkdir -p "$REPO/fuzz/artifacts" "$REPO/bench/results"
report=$REPO/bench/results/fuzz-long.md
echo "| harness | minutes | executions | exec/s | cov (edges) | ft (features) | corpus | result |" >"$report"
echo "|---|---|---|---|---|---|---|---|" >>"$report"
for harness in "${harnesses[@]}"; do
    corpus=$REPO/bench/results/fuzz-corpus/$harness
    mkdir -p "$corpus"
    log=$REPO/bench/results/fuzz-$harness.log
    result=passed
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    with_sanitizer_options "$build_dir/fuzz/$harness" -max_total_time=$((minutes * 60)) \
        -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "${parallel[@]}" \
        -artifact_prefix="$REPO/fuzz/artifacts/$harness-" "$corpus" "$REPO/fuzz/corpus/$harness" \
        >"$log" 2>&1 || result=FAILED
    if [ "$jobs" -gt 1 ]; then cat fuzz-*.log >>"$log" 2>/dev/null && rm -f fuzz-*.log; fi
    executions=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    rate=$(grep -Eo '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
    read -r _ cov _ ft _ corp <<<"${coverage:-- ? - ? - ?}"
    echo "| $harness | $minutes | ${executions:-?} | ${rate:-?} | $cov | $ft | $corp | $result |" | tee -a "$report"
done
echo "(also in $report; logs in bench/results/fuzz-<harness>.log)"
