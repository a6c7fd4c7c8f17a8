#!/usr/bin/env bash
# The PostgreSQL adapter's CI: starts a throwaway PostgreSQL server (15 or later) in a
# temporary folder on a loopback port, runs this package's tests against it with warnings
# as errors, and stops the server on exit. Fails, with the reason, when no server can be
# started: it never skips. Called from .ci/run; runnable on its own (as root or as a user
# that can run initdb).
#
# Environment it sets for the tests (Docs/Postgres.md): CLIENTELE_PG_HOST, CLIENTELE_PG_PORT,
# CLIENTELE_PG_USER, CLIENTELE_PG_DATABASE. CLIENTELE_PG_CI_PORT picks the port (default 5499).
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "ci.sh: $*" >&2; exit 1; }

# Finding or installing PostgreSQL, initdb and start/stop: shared with bench.sh.
. ./server.sh

port="${CLIENTELE_PG_CI_PORT:-5499}"
# fsync off: a throwaway server whose durability no test measures; the tests race
# connections, and 300 leave room for two test suites' pools at once.
pg_server_start "$port" -c max_connections=300 -c fsync=off

export CLIENTELE_PG_HOST=127.0.0.1
export CLIENTELE_PG_PORT="$port"
export CLIENTELE_PG_USER=clientele
export CLIENTELE_PG_DATABASE=postgres
unset CLIENTELE_PG_SKIP

echo "== ClientelePostgres: swift test against 127.0.0.1:$port"
swift test -Xswiftc -warnings-as-errors "$@"

echo "== clientele-pg-bench --smoke: 20 registrations on each store (keeps the benchmark working; no figure is checked)"
swift run -Xswiftc -warnings-as-errors clientele-pg-bench --store postgres --smoke --writers 4
swift run -Xswiftc -warnings-as-errors clientele-pg-bench --store file --smoke --writers 4
