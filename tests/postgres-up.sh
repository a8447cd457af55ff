#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for Hone's tests on 127.0.0.1 and prints the line that points the tests at it:
#   eval "$(tests/postgres-up.sh)"      # then: dotnet test Hone.slnx
#   tests/postgres-up.sh stop           # stops it and deletes its data
#   tests/postgres-up.sh restart        # restarts it, keeping its data (the server-restart test uses it)
# The server keeps its data in a temporary folder, trusts local connections (role "hone", a superuser) and runs without
# fsync: it is for tests only. Running it again while it is up only prints the line again.
# Settings: HONE_PG_PORT (default 54329), HONE_PG_DIR (default $TMPDIR/hone-pg-<port>), HONE_PG_BIN (the folder holding
# initdb and pg_ctl; default: the newest /usr/lib/postgresql/*/bin, else the PATH).
set -euo pipefail

port="${HONE_PG_PORT:-54329}"
dir="${HONE_PG_DIR:-${TMPDIR:-/tmp}/hone-pg-$port}"

find_bin() {
    if [[ -n "${HONE_PG_BIN:-}" ]]; then
        echo "$HONE_PG_BIN"
        return
    fi

    local newest
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$newest" && -x "$newest/initdb" ]]; then
        echo "$newest"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    else
        echo "postgres-up: no PostgreSQL found (no initdb/pg_ctl). Install it (Debian: apt-get install -y postgresql) or set HONE_PG_BIN." >&2
        exit 1
    fi
}

bin="$(find_bin)"

# PostgreSQL refuses to run as root, so root runs it as the postgres user the package creates.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "postgres-up: running as root but there is no 'postgres' user to run the server as. Run as another user." >&2
            exit 1
        fi
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [[ "${1:-}" == "stop" ]]; then
    if [[ -f "$dir/PG_VERSION" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir" "$dir.initdb.log"
    exit 0
fi

if [[ "${1:-}" == "restart" ]]; then
    if [[ ! -f "$dir/PG_VERSION" ]]; then
        echo "postgres-up: no server of this script in $dir (port $port) to restart; start one with eval \"\$(tests/postgres-up.sh)\"." >&2
        exit 1
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    exit 0
fi

if [[ ! -f "$dir/PG_VERSION" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir" -U hone -A trust -E UTF8 --locale=C --no-sync >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
fi

if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi

echo "export HONE_TEST_POSTGRES=postgresql://hone@127.0.0.1:$port/postgres"
