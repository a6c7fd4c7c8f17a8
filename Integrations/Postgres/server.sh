# A throwaway PostgreSQL server (15 or later) in a temporary folder on a loopback port, for
# ci.sh and bench.sh. Source it; it defines functions only. The caller defines
# `fail MESSAGE` (prints and exits).
#
#   pg_server_start PORT [postgres options...]
#       Finds the newest PostgreSQL 15+ server binaries (installing the `postgresql` package
#       with apt-get when there are none), runs initdb in a new temporary folder (superuser
#       `clientele`, trust authentication, UTF8, C.UTF-8) and starts the server on
#       127.0.0.1:PORT with the given options (such as `-c fsync=off`), or fails with the
#       server log. Sets `pg_bindir` (the binaries), `pg_work` (the folder) and `run_as`
#       (the command prefix that runs server programs as the `postgres` user when root, or
#       empty), and stops the server and removes the folder on exit (`trap … EXIT`).

# The newest PostgreSQL 15+ server binaries on the machine.
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

# Stops the server started by pg_server_start and removes its folder.
pg_server_stop() {
    if [ -n "${pg_work:-}" ]; then
        "${run_as[@]}" "$pg_bindir/pg_ctl" -D "$pg_work/data" -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$pg_work"
    fi
}

pg_server_start() {
    local port="$1"
    shift
    pg_bindir=$(find_bindir || true)
    if [ -z "$pg_bindir" ]; then
        echo "== PostgreSQL 15+ not found: installing it with apt-get"
        command -v apt-get > /dev/null || fail "no PostgreSQL 15+ server binaries and no apt-get to install them"
        local sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq || fail "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql > /dev/null \
            || fail "apt-get install postgresql failed"
        pg_bindir=$(find_bindir || true)
        [ -n "$pg_bindir" ] || fail "apt-get installed PostgreSQL, but no version 15 or later (initdb/pg_ctl) was found"
    fi
    echo "== PostgreSQL server: $("$pg_bindir/postgres" --version)"

    # The server refuses to run as root: as root, run it as the `postgres` user.
    run_as=()
    local owner
    owner=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        id postgres > /dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the server as"
        run_as=(runuser -u postgres --)
        owner=postgres
    fi

    pg_work=$(mktemp -d "${TMPDIR:-/tmp}/clientele-pg.XXXXXX")
    chown "$owner" "$pg_work"
    chmod 700 "$pg_work"
    trap pg_server_stop EXIT

    "${run_as[@]}" "$pg_bindir/initdb" -D "$pg_work/data" -U clientele -A trust -E UTF8 --locale=C.UTF-8 > "$pg_work/initdb.log" 2>&1 \
        || { cat "$pg_work/initdb.log" >&2; fail "initdb failed (log above)"; }
    if ! "${run_as[@]}" "$pg_bindir/pg_ctl" -D "$pg_work/data" -l "$pg_work/server.log" -w -t 60 \
        -o "-p $port -k $pg_work -c listen_addresses=127.0.0.1 $*" start > /dev/null; then
        cat "$pg_work/server.log" >&2 || true
        fail "the PostgreSQL server did not start on 127.0.0.1:$port (server log above)"
    fi
}
