#!/usr/bin/env bash
# dashboard_pg.sh: runs worklist_sim against a throwaway PostgreSQL server, like the tests'
# PostgresServer does: a cluster in a temp folder (Debian's /usr/lib/postgresql/<major>/bin, the
# newest, or $COUNTYREAD_PG_BINDIR), on a free local port, stopped and removed on exit. As root
# the server runs as "nobody" (PostgreSQL refuses to run as root).
#
#   bench/worklist/dashboard_pg.sh [BUILD/bin/worklist_sim] [worklist_sim options...]
#
# The simulation then prints the dashboard query times for SQLite and for PostgreSQL. With
# COUNTYREAD_PG_KEEP=1 the cluster is left running (its URL is printed) for a look with psql.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sim=""
if [[ $# -gt 0 && "$1" != --* ]]; then
    sim=$1
    shift
fi
if [[ -z "$sim" ]]; then
    for candidate in "$here/../../build/bin/worklist_sim" "./bin/worklist_sim" "./worklist_sim"; do
        if [[ -x "$candidate" ]]; then sim=$candidate; break; fi
    done
fi
[[ -n "$sim" && -x "$sim" ]] || { echo "dashboard_pg.sh: worklist_sim not found (pass its path first)" >&2; exit 2; }

bindir=${COUNTYREAD_PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n); do
        [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && bindir=$d
    done
fi
[[ -n "$bindir" && -x "$bindir/initdb" ]] || { echo "dashboard_pg.sh: PostgreSQL server binaries not found" >&2; exit 2; }

as_runner=()
home=$(mktemp -d /tmp/countyread-pg-dashboard-XXXXXX)
if [[ $(id -u) -eq 0 ]]; then
    command -v setpriv >/dev/null || { echo "dashboard_pg.sh: running as root and setpriv is missing" >&2; exit 2; }
    as_runner=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    chown nobody:nogroup "$home"
fi

stop() {
    if [[ "${COUNTYREAD_PG_KEEP:-0}" == 1 ]]; then
        echo "PostgreSQL left running: $url (stop: ${as_runner[*]} $bindir/pg_ctl -D $home/data stop)" >&2
        return
    fi
    if [[ -f "$home/data/postmaster.pid" ]]; then
        "${as_runner[@]}" "$bindir/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$home"
}
trap stop EXIT

"${as_runner[@]}" "$bindir/initdb" -D "$home/data" -A trust -U countyread -E UTF8 --locale=C --no-sync \
    >"$home/initdb.log" 2>&1 || { cat "$home/initdb.log" >&2; exit 1; }

# Durability is off: it only slows the bulk load down, not the queries being timed.
started=0
for attempt in 1 2 3; do
    port=$(( 20000 + RANDOM % 20000 ))
    if "${as_runner[@]}" "$bindir/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$home' -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB \
            -c max_wal_size=4GB" start >/dev/null 2>&1; then
        started=1
        break
    fi
done
[[ $started == 1 ]] || { cat "$home/postgres.log" >&2; exit 1; }
url="postgresql://countyread@127.0.0.1:$port/postgres"
"$sim" --postgres "$url" "$@"
