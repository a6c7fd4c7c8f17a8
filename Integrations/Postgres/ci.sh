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

# The newest PostgreSQL 15+ server binaries on the machine, installed from the system's
# packages when there are none.
find_bindir() {
    local dir version
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        version=$(basename "$(dirname "$dir")")
        if [ "${version%%.*}" -ge 15 ] 2>/dev/null && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb > /dev/null && command -v pg_ctl > /dev/null; then
        version=$(initdb --version | sed -n 's/.* \([0-9][0-9]*\)\..*/\1/p')
        if [ "${version:-0}" -ge 15 ]; then dirname "$(command -v initdb)"; return 0; fi
    fi
    return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
    echo "== PostgreSQL 15+ not found: installing it with apt-get"
    command -v apt-get > /dev/null || fail "no PostgreSQL 15+ server binaries and no apt-get to install them"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql > /dev/null \
        || fail "apt-get install postgresql failed"
    bindir=$(find_bindir || true)
    [ -n "$bindir" ] || fail "apt-get installed PostgreSQL, but no version 15 or later (initdb/pg_ctl) was found"
fi
echo "== PostgreSQL server: $("$bindir/postgres" --version)"

# The server refuses to run as root: as root, run it as the `postgres` user.
run_as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    id postgres > /dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the server as"
    run_as=(runuser -u postgres --)
    owner=postgres
fi

port="${CLIENTELE_PG_CI_PORT:-5499}"
work=$(mktemp -d "${TMPDIR:-/tmp}/clientele-pg.XXXXXX")
chown "$owner" "$work"
chmod 700 "$work"
cleanup() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U clientele -A trust -E UTF8 --locale=C.UTF-8 > "$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; fail "initdb failed (log above)"; }
# fsync off: a throwaway server whose durability no test measures; the tests race
# connections, and 300 leave room for two test suites' pools at once.
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start > /dev/null; then
    cat "$work/server.log" >&2 || true
    fail "the PostgreSQL server did not start on 127.0.0.1:$port (server log above)"
fi

export CLIENTELE_PG_HOST=127.0.0.1
export CLIENTELE_PG_PORT="$port"
export CLIENTELE_PG_USER=clientele
export CLIENTELE_PG_DATABASE=postgres
unset CLIENTELE_PG_SKIP

echo "== ClientelePostgres: swift test against 127.0.0.1:$port"
swift test -Xswiftc -warnings-as-errors "$@"
