#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the other, each as one
# libFuzzer process on one core, with its seeds, its dictionary and the corpus it grows locally.
# Two runs on different targets can go side by side (one per core).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]        # default: 60 seconds, every target
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). Each target's
# libFuzzer output (with its final `stat::` lines and `cov:`/`ft:` counts) is kept in
# tests/fuzz/logs/TARGET.log; a crash stops the script and leaves its input in
# tests/fuzz/artifacts/TARGET/ (see tests/fuzz/README.md for what to do with it).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir tests/fuzz)
fi
mkdir -p tests/fuzz/logs
cargo +nightly fuzz build --fuzz-dir tests/fuzz
for t in "${targets[@]}"; do
    mkdir -p "tests/fuzz/corpus/$t"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    if [ -f "tests/fuzz/dict/$t.dict" ]; then
        options+=(-dict="tests/fuzz/dict/$t.dict")
    fi
    leaks=1
    case $t in
        # A loaded custom rule's metadata is leaked on purpose (findings refer to rules by
        # `&'static`), once per rule file read: LeakSanitizer would report each one, per input
        # and at exit.
        config | custom) leaks=0 ;;
    esac
    options+=(-detect_leaks=$leaks)
    echo "== $t ($seconds s)"
    # In-process (no -jobs): the output goes straight to the target's log, so several runs of this
    # script, on different targets, can share the folder. /usr/bin/time adds the CPU seconds.
    status=0
    ASAN_OPTIONS=detect_leaks=$leaks /usr/bin/time -f "cpu: %U s user, %S s system, %e s wall" \
        cargo +nightly fuzz run --fuzz-dir tests/fuzz "$t" "tests/fuzz/corpus/$t" "tests/fuzz/seeds/$t" \
        -- "${options[@]}" >"tests/fuzz/logs/$t.log" 2>&1 || status=$?
    grep -E '^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|cpu:)' "tests/fuzz/logs/$t.log" || true
    if [ "$status" -ne 0 ] || grep -q 'Test unit written to' "tests/fuzz/logs/$t.log"; then
        echo "$t: crash, see tests/fuzz/logs/$t.log and tests/fuzz/artifacts/$t/" >&2
        exit 1
    fi
done
