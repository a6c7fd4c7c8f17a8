#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each for SECONDS
# (default 30) on a copy of its seed corpus (the committed corpus never grows here).
# Exits non-zero on any crash, failed property, leak or timeout; the input that caused it
# is kept under .build/fuzz-findings/. Prints the executions run per target.
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-30}"
shift || true

# target:max_len:detect_leaks. max_len (bytes) is a little above the largest valid input
# each parser accepts. The store targets run without LeakSanitizer: Dispatch and the
# concurrency runtime keep per-thread caches, so every input looks like it may leak and the
# leak scan libFuzzer then runs costs more than the input (about 30 instead of 500
# executions a second); run them with leak checks by hand (Docs/Fuzzing.md).
all_targets=(
    fuzz-email:1024:1
    fuzz-money:64:1
    fuzz-identifiers:256:1
    fuzz-phc:512:1
    fuzz-record:4096:0
    fuzz-journal:8192:0
    fuzz-segments:1024:1
    fuzz-packed:4096:1
)
selected=("$@")

flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -warnings-as-errors)
echo "== building the fuzz targets (release, -sanitize=fuzzer,address)"
# One product at a time: fuzz-seeds has no LLVMFuzzerTestOneInput and does not link with
# these flags. (The linker warns about an ASan symbol on every link; that is expected.)
for entry in "${all_targets[@]}"; do
    swift build "${flags[@]}" --product "${entry%%:*}" 2>&1 |
        { grep -v "Cannot export local symbol '__asan_extra_spill_area'" || true; }
done
bin="$(swift build "${flags[@]}" --show-bin-path)"

work="$(mktemp -d)"
# The store targets write a folder per input: in memory when there is some.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    scratch="$(mktemp -d /dev/shm/clientele-fuzz.XXXXXX)"
else
    scratch="$work/scratch"
    mkdir "$scratch"
fi
trap 'rm -rf "$work" "$scratch"' EXIT
export TMPDIR="$scratch"
findings="$PWD/.build/fuzz-findings"
mkdir -p "$findings"

# Swift's own crash backtracer runs after an abort and trips AddressSanitizer; libFuzzer and
# ASan already print the stack.
export SWIFT_BACKTRACE=enable=no

status=0
for entry in "${all_targets[@]}"; do
    target="${entry%%:*}"
    rest="${entry#*:}"
    max_len="${rest%%:*}"
    detect_leaks="${rest##*:}"
    if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " == *" $target "* ]]; then
        continue
    fi
    cp -R "Corpus/$target" "$work/$target"
    log="$work/$target.log"
    if "$bin/$target" "$work/$target" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 -detect_leaks="$detect_leaks" \
        -print_final_stats=1 -artifact_prefix="$findings/$target-" > "$log" 2>&1; then
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
        echo "$target: ok, ${runs:-?} executions in ${seconds} s"
    else
        status=1
        echo "$target: FAILED (input saved under $findings/):"
        grep -E "FUZZ PROPERTY FAILED|ERROR: |SUMMARY|Test unit written|Fatal error" "$log" | head -20 || tail -40 "$log"
    fi
done
exit "$status"
