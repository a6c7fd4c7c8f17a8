#!/usr/bin/env bash
# Registrations per second on PostgreSQL, side by side with the file store and with pgbench
# doing a single-row INSERT transaction on the same server, in the same run (issue 19).
#
# Starts a throwaway PostgreSQL server (server.sh, as ci.sh does) with PostgreSQL's DEFAULT
# durability (fsync=on, synchronous_commit=on; ci.sh turns fsync off, a benchmark must not),
# builds clientele-pg-bench in release, and for 1 and 16 writers runs:
#   - pgbench -n -f insert.sql: one INSERT of one row (bigserial id, unique e-mail, timestamp)
#     per transaction, COUNT transactions in all; tps as pgbench reports it (without the
#     initial connection time), p50/p99 from its per-transaction log (--log);
#   - clientele-pg-bench --store postgres: COUNT registrations through CustomerHub.register
#     on the five PostgreSQL stores in a fresh database on the same server;
#   - clientele-pg-bench --store file: the same on the file store in a fresh temporary folder
#     (under TMPDIR, on the same disk as the server's data).
# and prints the figures and a table with the ratios. Passwords are hashed with PBKDF2 at one
# iteration: the bench measures storage, not hashing.
#
#   Integrations/Postgres/bench.sh            # COUNT=2000 per configuration
#   COUNT=500 Integrations/Postgres/bench.sh
#   STATEMENTS=1 Integrations/Postgres/bench.sh   # also: statements per registration (log_statement=all)
#
# CLIENTELE_PG_BENCH_PORT picks the port (default 5497, beside ci.sh's 5499). WRITERS lists
# the writer counts (default "1 16").
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "bench.sh: $*" >&2; exit 1; }

count="${COUNT:-2000}"
writer_counts="${WRITERS:-1 16}"
port="${CLIENTELE_PG_BENCH_PORT:-5497}"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || fail "COUNT must be a positive integer"

echo "== building clientele-pg-bench (release)"
swift build -c release --product clientele-pg-bench > /dev/null || fail "swift build -c release --product clientele-pg-bench failed"
bench="$(swift build -c release --show-bin-path)/clientele-pg-bench"
[ -x "$bench" ] || fail "no clientele-pg-bench at $bench"

. ./server.sh
# PostgreSQL's defaults, stated: every commit waits for its WAL flush.
pg_server_start "$port" -c fsync=on -c synchronous_commit=on
psql=("$pg_bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U clientele)
pgbench_bin="$pg_bindir/pgbench"
[ -x "$pgbench_bin" ] || pgbench_bin=$(command -v pgbench) || fail "no pgbench beside the server binaries or on the PATH"

export CLIENTELE_PG_HOST=127.0.0.1
export CLIENTELE_PG_PORT="$port"
export CLIENTELE_PG_USER=clientele
export CLIENTELE_PG_DATABASE=postgres

out="$pg_work/bench"
mkdir -p "$out"
"${psql[@]}" -d postgres -c "CREATE DATABASE pgbench_rows"
"${psql[@]}" -d pgbench_rows -c \
    "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL)"
cat > "$out/insert.sql" <<'SQL'
INSERT INTO bench_rows (email, created_at) VALUES (gen_random_uuid()::text || '@example.nl', now());
SQL

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(uptime)"
echo "== $(uname -m), $(nproc) cores; $("$pgbench_bin" --version); $(swift --version 2>/dev/null | head -1)"
echo "== server: fsync=$("${psql[@]}" -d postgres -tAc 'SHOW fsync'), synchronous_commit=$("${psql[@]}" -d postgres -tAc 'SHOW synchronous_commit'), wal_sync_method=$("${psql[@]}" -d postgres -tAc 'SHOW wal_sync_method')"

# p-th percentile (nearest rank) of the numbers in a file, one per line.
percentile() { sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { r = int(p * NR); if (r < p * NR) r++; if (r < 1) r = 1; print v[r] }'; }
# The value of `key=` in a file of key=value lines.
value() { sed -n "s/^$1=//p" "$2" | tail -1; }

declare -A fig
for writers in $writer_counts; do
    per_client=$(( (count + writers - 1) / writers ))
    threads=$(( writers < 2 ? 1 : 2 ))

    echo "== pgbench: $writers client(s), $per_client transactions each"
    "${psql[@]}" -d pgbench_rows -c "TRUNCATE bench_rows"
    rm -f "$out"/pgbench_log.*
    "$pgbench_bin" -n -h 127.0.0.1 -p "$port" -U clientele -f "$out/insert.sql" -c "$writers" -j "$threads" \
        -t "$per_client" --log --log-prefix="$out/pgbench_log" pgbench_rows > "$out/pgbench_$writers.txt" 2>&1 \
        || { cat "$out/pgbench_$writers.txt" >&2; fail "pgbench failed"; }
    # Per-transaction log: client transaction_no latency_us script_no epoch epoch_us.
    cat "$out"/pgbench_log.* | awk '{ print $3 / 1000 }' > "$out/pgbench_latencies_$writers.txt"
    fig[pgbench,$writers,rate]=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out/pgbench_$writers.txt")
    fig[pgbench,$writers,p50]=$(percentile 0.50 "$out/pgbench_latencies_$writers.txt")
    fig[pgbench,$writers,p99]=$(percentile 0.99 "$out/pgbench_latencies_$writers.txt")
    fig[pgbench,$writers,n]=$(wc -l < "$out/pgbench_latencies_$writers.txt")
    echo "transactions=${fig[pgbench,$writers,n]} tps=${fig[pgbench,$writers,rate]} p50_ms=${fig[pgbench,$writers,p50]} p99_ms=${fig[pgbench,$writers,p99]}"

    for store in postgres file; do
        echo "== clientele-pg-bench --store $store --writers $writers --count $count"
        "$bench" --store "$store" --writers "$writers" --count "$count" | tee "$out/${store}_$writers.txt" \
            || fail "clientele-pg-bench --store $store --writers $writers failed"
        fig[$store,$writers,rate]=$(value registrations_per_second "$out/${store}_$writers.txt")
        fig[$store,$writers,p50]=$(value p50_ms "$out/${store}_$writers.txt")
        fig[$store,$writers,p99]=$(value p99_ms "$out/${store}_$writers.txt")
    done
done

if [ "${STATEMENTS:-0}" = 1 ]; then
    # Statements per registration: the difference between 20 and 10 registrations (one writer,
    # no warm-up), so the database's creation, migration and start are left out.
    "${psql[@]}" -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" > /dev/null
    statements() {
        local before after
        before=$(wc -l < "$pg_work/server.log")
        "$bench" --store postgres --writers 1 --count "$1" --warmup 0 > /dev/null
        after=$(wc -l < "$pg_work/server.log")
        tail -n +"$((before + 1))" "$pg_work/server.log" | head -n "$((after - before))" > "$out/statements_$1.log"
        grep -cE 'LOG:  (statement|execute [^:]*):' "$out/statements_$1.log"
    }
    s10=$(statements 10)
    s20=$(statements 20)
    "${psql[@]}" -d postgres -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" > /dev/null
    # Less the bench's own read per registration after the timing (`verified=`).
    echo "statements_per_registration=$(awk -v a="$s10" -v b="$s20" 'BEGIN { printf "%.1f", (b - a) / 10 - 1 }')"
    if [ -n "${STATEMENTS_LOG:-}" ]; then cp "$out/statements_20.log" "$STATEMENTS_LOG"; fi
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "Registrations (CustomerHub.register, PBKDF2 at 1 iteration) vs pgbench single-row INSERT transactions; $count per configuration."
echo
echo "| writers | pgbench insert tx/s | p50 / p99 ms | postgres registrations/s | p50 / p99 ms | file registrations/s | p50 / p99 ms | postgres / pgbench | file / postgres |"
echo "|---|---|---|---|---|---|---|---|---|"
for writers in $writer_counts; do
    printf '| %s | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %s | %s |\n' "$writers" \
        "${fig[pgbench,$writers,rate]}" "${fig[pgbench,$writers,p50]}" "${fig[pgbench,$writers,p99]}" \
        "${fig[postgres,$writers,rate]}" "${fig[postgres,$writers,p50]}" "${fig[postgres,$writers,p99]}" \
        "${fig[file,$writers,rate]}" "${fig[file,$writers,p50]}" "${fig[file,$writers,p99]}" \
        "$(ratio "${fig[postgres,$writers,rate]}" "${fig[pgbench,$writers,rate]}")" \
        "$(ratio "${fig[file,$writers,rate]}" "${fig[postgres,$writers,rate]}")"
done
