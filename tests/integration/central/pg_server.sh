#!/bin/sh
# Start a private PostgreSQL cluster on 127.0.0.1 for the ztcentral tests and print its DSN.
#   tests/integration/central/pg_server.sh [DIR] [PORT]      (stop: pg_ctl -D DIR/data stop)
# Runs the server as the invoking user, or as `postgres` when invoked as root (initdb refuses
# root). Needs the Debian/Ubuntu package `postgresql` (apt-get install -y postgresql).
set -eu
DIR=${1:-/tmp/zt-pg}
PORT=${2:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "postgresql server binaries not found" >&2; exit 3; }
RUN=""
if [ "$(id -u)" = 0 ]; then RUN="runuser -u postgres --"; fi
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  $RUN "$BIN/initdb" -D "$DIR/data" -U zt --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
fi
if ! $RUN "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  $RUN "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=on" \
    start >/dev/null
fi
echo "postgresql://zt@127.0.0.1:$PORT/postgres"
