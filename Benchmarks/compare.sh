#!/usr/bin/env bash
# Clientele side by side with its peers, on one dataset, in one run, on this machine.
#
# usage: Benchmarks/compare.sh [--quick]
#
# Generates the shop dataset with our own generator (clientele-bench dataset) into a
# temporary folder, builds clientele-bench in release, runs our workloads and the peer
# scripts of ../shared/peers on the same data, and prints one table:
#   workload | unit | ours | peer | ratio (ours/peer) | target
# Quote ratios, never lone times: these machines are shared and noisy.
#
# Environment (all optional):
#   CLIENTELE_PEERS   folder of the peer scripts (default: <repo>/../shared/peers)
#   CUSTOMERS         customers in the dataset           (default 1000000; --quick 100000)
#   RECORDS           records in the reopen store        (default 1000000; --quick 100000)
#   ITERATIONS        PBKDF2 iterations                  (default 600000)
#   WRITERS           concurrent journal writers         (default 16)
#   PRICING_QUERIES   queries the pricing oracle checks   (default 100000)
#   REOPEN_CUSTOMERS  customers in the Accounts and Consent reopen stores (default 200000; --quick 20000)
#   KEEP=1            keep the temporary folder (printed at the end)
# A peer whose runtime is missing is skipped with a message (DuckDB: pip install duckdb).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
peers="${CLIENTELE_PEERS:-$repo/../shared/peers}"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ "$quick" = 1 ]; then default_size=100000; else default_size=1000000; fi
CUSTOMERS="${CUSTOMERS:-$default_size}"
RECORDS="${RECORDS:-$default_size}"
ITERATIONS="${ITERATIONS:-600000}"
WRITERS="${WRITERS:-16}"

work=$(mktemp -d "${TMPDIR:-/tmp}/clientele-compare.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then trap 'echo "kept $work" >&2' EXIT; else trap 'rm -rf "$work"' EXIT; fi

note() { echo "compare: $*" >&2; }

# --- build --------------------------------------------------------------------------
note "building clientele-bench (release)"
(cd "$here" && swift build -c release --product clientele-bench >&2)
bench="$here/.build/release/clientele-bench"

# --- helpers --------------------------------------------------------------------------
# value KEY FILE: the value of a key=value line, or nothing.
value() { [ -f "$2" ] || return 0; sed -n "s/^$1=//p" "$2" | tail -n 1; }
# supports COMMAND: whether clientele-bench has that command (later issues add some).
"$bench" help > "$work/help.txt"
supports() { grep -q "^  $1 " "$work/help.txt"; }
have_python=1
command -v python3 > /dev/null || { have_python=0; note "python3 not found: every peer is skipped"; }
have_peers=1
[ -f "$peers/pbkdf2.py" ] || { have_peers=0; note "peer scripts not found at $peers (set CLIENTELE_PEERS): every peer is skipped"; }
peer_ok() { [ "$have_python" = 1 ] && [ "$have_peers" = 1 ]; }
have_duckdb=0
if peer_ok && python3 -c 'import duckdb' 2> /dev/null; then have_duckdb=1; else note "duckdb not installed: DuckDB rows skipped (pip install duckdb)"; fi

rows="$work/rows.tsv"
: > "$rows"
# row WORKLOAD UNIT OURS PEER TARGET: one line of the table; the ratio is ours/peer.
row() {
    local ratio="-"
    if [[ "$3" =~ ^[0-9]+(\.[0-9]+)?$ && "$4" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
        ratio=$(awk -v a="$3" -v b="$4" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "${3:--}" "${4:--}" "$ratio" "$5" >> "$rows"
}

# --- dataset --------------------------------------------------------------------------
note "dataset: $CUSTOMERS customers with pricing files, into $work/data"
"$bench" dataset --customers "$CUSTOMERS" --out "$work/data" --pricing | tee "$work/dataset.txt" >&2
gen_peer=""
if peer_ok; then
    note "peer generator (gen_dataset.py), same size"
    start=$(date +%s.%N)
    python3 "$peers/gen_dataset.py" --out "$work/peer-data" --customers "$CUSTOMERS" --pricing > /dev/null
    gen_peer=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    rm -rf "$work/peer-data"
fi
row "dataset, $CUSTOMERS customers + pricing (gen_dataset.py)" "s" "$(value dataset_seconds "$work/dataset.txt")" "$gen_peer" "< 60 s absolute"

# --- PBKDF2 ---------------------------------------------------------------------------
note "pbkdf2: $ITERATIONS iterations, best of 5"
"$bench" pbkdf2 --iterations "$ITERATIONS" > "$work/pbkdf2.txt" || note "clientele-bench pbkdf2 failed: ours left empty"
ours=$(value pbkdf2_seconds "$work/pbkdf2.txt")
peer=""
if peer_ok; then
    peer=$(python3 "$peers/pbkdf2.py" "$ITERATIONS" | awk '{ print $(NF-1) }')
fi
row "PBKDF2-HMAC-SHA256 $ITERATIONS it. (OpenSSL)" "s" "$ours" "$peer" "<= 2, then <= 1.2"

# --- journal --------------------------------------------------------------------------
note "journal: durable commits, $WRITERS writers, reopen of $RECORDS records"
"$bench" journal --dir "$work/journal" --records "$RECORDS" --writers "$WRITERS" > "$work/journal.txt" ||
    note "clientele-bench journal failed: ours left empty"
cat "$work/journal.txt" >&2
rm -rf "$work/journal"
full="" normal="" reopen_peer="" size_peer=""
if peer_ok; then
    python3 "$peers/durable_writes.py" "$work/peer-journal" "$RECORDS" | tee "$work/durable_writes.txt" >&2
    full=$(sed -n 's/^durable commits\/s synchronous=FULL: //p' "$work/durable_writes.txt")
    normal=$(sed -n 's/^durable commits\/s synchronous=NORMAL: //p' "$work/durable_writes.txt")
    reopen_peer=$(sed -n 's/.*reopen+scan \([0-9.]*\) s.*/\1/p' "$work/durable_writes.txt")
    size_peer=$(sed -n 's/.*; file \([0-9.]*\) MB;.*/\1/p' "$work/durable_writes.txt")
    rm -rf "$work/peer-journal"
fi
row "durable commits, 1 writer (SQLite WAL FULL)" "/s" "$(value durable_commits_per_s "$work/journal.txt")" "$full" ">= 1"
row "durable commits, $WRITERS writers (SQLite WAL FULL, 1 writer)" "/s" "$(value concurrent_commits_per_s "$work/journal.txt")" "$full" ">= 5"
row "reopen $RECORDS records to ready (SQLite reopen+scan)" "s" "$(value reopen_seconds "$work/journal.txt")" "$reopen_peer" "<= 2 s absolute"
store_mb=$(awk -v b="$(value store_bytes "$work/journal.txt")" 'BEGIN { if (b != "") printf "%.1f", b / 1e6 }')
row "store size, $RECORDS records (SQLite file)" "MB" "$store_mb" "$size_peer" "-"

# --- segments --------------------------------------------------------------------------
# 'clientele-bench segments --data DIR --queries FILE' evaluates the queries of segments.tsv
# into member sets (one thread, best of 3) and prints per segment the member count and the
# checksum of peers/README.md, which must equal what segments.py prints for SQLite.
queries="$peers/segments.tsv"
if supports segments && [ -f "$queries" ]; then
    "$bench" segments --data "$work/data" --queries "$queries" > "$work/segments.txt" || note "clientele-bench segments failed"
    ours=$(value segments_seconds "$work/segments.txt")
else
    ours=""
    note "clientele-bench segments or $queries missing: ours left empty"
fi
duck="" lite="" agree=""
if peer_ok; then
    python3 "$peers/segments.py" "$work/data/customers.csv" sqlite | tee "$work/segments-sqlite.txt" >&2
    lite=$(sed -n 's/^sqlite: .*evaluate [0-9]* segments \([0-9.]*\) s/\1/p' "$work/segments-sqlite.txt")
    if [ -f "$work/segments.txt" ]; then
        # Every "name count checksum" line of the peer must be ours too.
        sed -n 's/^  *\([a-z_0-9]*\) *\([0-9]*\) \([0-9a-f]\{16\}\)$/\1 \2 \3/p' "$work/segments-sqlite.txt" | sort > "$work/segments-peer.lines"
        awk -F'[.=]' '/^segment\..*\.count=/ { count[$2] = $4 } /^segment\..*\.checksum=/ { sum[$2] = $4 }
            END { for (name in count) print name, count[name], sum[name] }' "$work/segments.txt" | sort > "$work/segments-ours.lines"
        if [ -s "$work/segments-peer.lines" ] && cmp -s "$work/segments-peer.lines" "$work/segments-ours.lines"; then agree="equal"; else agree="DIFFERENT"; fi
    fi
    if [ "$have_duckdb" = 1 ]; then
        python3 "$peers/segments.py" "$work/data/customers.csv" duckdb-count1 | tee "$work/segments-duckdb.txt" >&2
        duck=$(sed -n 's/^duckdb-count1: .*evaluate [0-9]* segments \([0-9.]*\) s/\1/p' "$work/segments-duckdb.txt")
    fi
fi
row "10 segments: counts and checksums (SQLite)" "" "${agree:-}" "" "equal"
row "10 segments over $CUSTOMERS customers (DuckDB, 1 thread, count)" "s" "$ours" "$duck" "<= 0.5"
row "10 segments over $CUSTOMERS customers (SQLite)" "s" "$ours" "$lite" "-"
row "segment incremental: 1 customer x 50 segments" "ns" "$(value segments_incremental_ns "$work/segments.txt")" "" "<= 5000 absolute"
row "segment facts per customer (built-in attributes)" "bytes" "$(value segments_fact_bytes "$work/segments.txt")" "" "<= 100 absolute"

# --- pricing (extension point) ---------------------------------------------------------
# The pricing issue adds 'clientele-bench pricing --dir DATASET --queries N' printing
# pricing_us_per_resolution= (and pricing_checksum=, which must equal the oracle's).
if supports pricing; then
    "$bench" pricing --dir "$work/data" --queries "${PRICING_QUERIES:-100000}" > "$work/pricing.txt" || note "clientele-bench pricing failed"
    ours=$(value pricing_us_per_resolution "$work/pricing.txt")
    ours_batch=$(value pricing_batch_us_per_resolution "$work/pricing.txt")
    ours_checksum=$(value pricing_checksum "$work/pricing.txt")
else
    ours="" ours_batch="" ours_checksum=""
    note "clientele-bench has no 'pricing' command yet: ours left empty"
fi
oracle="" lite="" oracle_checksum=""
if peer_ok; then
    python3 "$peers/pricing_oracle.py" "$work/data" "${PRICING_QUERIES:-100000}" | tee "$work/pricing-peer.txt" >&2
    oracle=$(sed -n 's/^oracle: [0-9]* resolutions, \([0-9.]*\) us each.*/\1/p' "$work/pricing-peer.txt")
    lite=$(sed -n 's/^sqlite: [0-9]* resolutions, \([0-9.]*\) us each.*/\1/p' "$work/pricing-peer.txt")
    oracle_checksum=$(sed -n 's/^oracle: .*checksum \([0-9a-f]*\).*/\1/p' "$work/pricing-peer.txt")
fi
row "pricing checksum, first ${PRICING_QUERIES:-100000} queries (oracle)" "" "$ours_checksum" "$oracle_checksum" "equal"
row "price resolution (Python dict oracle)" "us" "$ours" "$oracle" "<= 0.25 us absolute"
row "price resolution (SQLite point query)" "us" "$ours" "$lite" "-"
row "price resolution, resolveAll (Python dict oracle)" "us" "$ours_batch" "$oracle" "<= 0.25 us absolute"

# --- login (extension point) -----------------------------------------------------------
# The accounts issue adds 'clientele-bench login'; each key=value it prints becomes a row
# (replace this loop with rows that name their peer once there is one).
if supports login; then
    "$bench" login > "$work/login.txt" || note "clientele-bench login failed"
    while IFS='=' read -r key val; do
        row "login: $key" "" "$val" "" "-"
    done < "$work/login.txt"
fi

# --- reopen of the modules' stores (extension point) ------------------------------------
# 'clientele-bench reopen' builds file-backed Accounts and Consent stores of REOPEN_CUSTOMERS
# customers (default 200000; --quick 20000) and times reopening each. No peer yet.
if supports reopen; then
    if [ "$quick" = 1 ]; then reopen_default=20000; else reopen_default=200000; fi
    "$bench" reopen --customers "${REOPEN_CUSTOMERS:-$reopen_default}" --dir "$work/reopen" > "$work/reopen.txt" ||
        note "clientele-bench reopen failed: ours left empty"
    rm -rf "$work/reopen"
    reopen_n=$(value customers "$work/reopen.txt")
    row "reopen Accounts, ${reopen_n:-?} accounts to ready" "s" "$(value accounts_reopen_seconds "$work/reopen.txt")" "" "-"
    row "reopen Consent, ${reopen_n:-?} ledgers of 2 records to ready" "s" "$(value consent_reopen_seconds "$work/reopen.txt")" "" "-"
fi

# --- the table ------------------------------------------------------------------------
echo
echo "Clientele vs peers, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo
{
    printf 'workload\tunit\tours\tpeer\tratio (ours/peer)\ttarget\n'
    cat "$rows"
} | awk -F '\t' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } rows = NR; cols = NF }
    END {
        for (r = 1; r <= rows; r++) {
            line = "|"
            for (i = 1; i <= cols; i++) line = line sprintf(" %-" width[i] "s |", cell[r, i])
            print line
            if (r == 1) { line = "|"; for (i = 1; i <= cols; i++) { dash = ""; for (k = 0; k < width[i] + 2; k++) dash = dash "-"; line = line dash "|" } print line }
        }
    }'
