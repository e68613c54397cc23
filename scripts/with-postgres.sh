#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   bash scripts/with-postgres.sh npm run test:db
# The command gets DATABASE_URL=postgres://postgres@127.0.0.1:<port>/keyward_test, and KEYWARD_PG_CTL, a script that
# stops and starts the cluster (`$KEYWARD_PG_CTL stop|start`). The cluster lives in a mktemp directory and is stopped
# and removed afterwards, whatever happens; the script exits with the command's code.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args…]" >&2
  exit 2
fi

find_bindir() {
  local initdb
  for initdb in /usr/lib/postgresql/*/bin/initdb; do
    [[ -x "$initdb" ]] && dirname "$initdb"
  done | sort -V | tail -n 1
}

PGBIN="${PGBIN:-$(find_bindir)}"
if [[ -z "$PGBIN" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "PostgreSQL is not installed. As root: apt-get update && apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing Debian's PostgreSQL…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y postgresql
  PGBIN="$(find_bindir)"
  if [[ -z "$PGBIN" ]]; then
    echo "apt-get installed postgresql, but no /usr/lib/postgresql/*/bin/initdb exists." >&2
    exit 1
  fi
fi

# initdb and the server refuse to run as root: as root, run them as the postgres user.
if [[ $(id -u) -eq 0 ]]; then
  as_owner() { runuser -u postgres -- "$@"; }
  owner=postgres
else
  as_owner() { "$@"; }
  owner=$(id -un)
fi

# As root the postgres user must reach the directory, so it goes to /tmp rather than a possibly private $TMPDIR.
if [[ "$owner" == postgres && $(id -u) -eq 0 ]]; then
  PGDIR="$(mktemp -d /tmp/keyward-pg.XXXXXX)"
else
  PGDIR="$(mktemp -d "${TMPDIR:-/tmp}/keyward-pg.XXXXXX")"
fi
if [[ "$owner" == postgres && $(id -u) -eq 0 ]]; then
  chown postgres:postgres "$PGDIR"
fi
chmod 700 "$PGDIR"
DATADIR="$PGDIR/data"
SOCKDIR="$PGDIR" # unix socket next to the data, so nothing collides in /tmp or /var/run

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -f "$DATADIR/postmaster.pid" ]]; then
    as_owner "$PGBIN/pg_ctl" -D "$DATADIR" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
      # pg_ctl failed: stop the postmaster by its PID (first line of postmaster.pid).
      local pid
      pid="$(head -n 1 "$DATADIR/postmaster.pid" 2>/dev/null || true)"
      if [[ -n "$pid" ]]; then kill -QUIT "$pid" 2>/dev/null || true; fi
    }
  fi
  rm -rf "$PGDIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="${PGPORT_OVERRIDE:-$(node -e '
  const s = require("node:net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
')}"

as_owner "$PGBIN/initdb" -D "$DATADIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGDIR/initdb.log" 2>&1 || {
  echo "initdb failed:" >&2
  cat "$PGDIR/initdb.log" >&2
  exit 1
}

PGOPTS="-p $PORT -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if ! as_owner "$PGBIN/pg_ctl" -D "$DATADIR" -l "$PGDIR/server.log" -w -t 60 -o "$PGOPTS" start >/dev/null; then
  echo "PostgreSQL did not start:" >&2
  cat "$PGDIR/server.log" >&2 || true
  exit 1
fi

"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres keyward_test

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/keyward_test"

# `$KEYWARD_PG_CTL stop|start`: stops (fast: sessions are ended) and restarts this cluster, for the fault suite,
# which takes the database away under load. It runs as the cluster's owner, like everything above.
if [[ "$owner" == postgres && $(id -u) -eq 0 ]]; then runas="runuser -u postgres --"; else runas=""; fi
cat >"$PGDIR/pgctl" <<EOF
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  stop) exec $runas "$PGBIN/pg_ctl" -D "$DATADIR" -m fast -w -t 30 stop ;;
  start) exec $runas "$PGBIN/pg_ctl" -D "$DATADIR" -l "$PGDIR/server.log" -w -t 60 -o "$PGOPTS" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
EOF
chmod 755 "$PGDIR/pgctl"
export KEYWARD_PG_CTL="$PGDIR/pgctl"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway cluster in $PGDIR)" >&2

# Run the command in the background and wait for it, so that a SIGINT/SIGTERM reaches the traps at once (bash
# defers traps while a foreground command runs); pass the signal on, then clean up. `<&0` keeps stdin attached.
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null; exit 143' TERM
trap 'kill -INT "$child" 2>/dev/null || true; wait "$child" 2>/dev/null; exit 130' INT
set +e
wait "$child"
status=$?
set -e
exit "$status"
