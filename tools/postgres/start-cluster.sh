#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL 15 cluster for tests and benchmarks:
#   tools/postgres/start-cluster.sh DIR PORT
# DIR is created (data in DIR/data, log in DIR/server.log, socket in DIR), the server listens on 127.0.0.1:PORT only.
# Authentication: the superuser "postgres" connects over 127.0.0.1 without a password (trust), every other role
# needs its password (scram-sha-256), so tests can check that a password really is used.
# Built for speed, not durability: initdb --no-sync, fsync=off, synchronous_commit=off, full_page_writes=off.
# The data is lost on a crash, which is fine for a cluster that is deleted after the run; never use it for real data.
# initdb refuses to run as root, so as root the cluster runs as the "postgres" OS user (created by the package).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DIR PORT" >&2
  exit 2
fi
dir=$1
port=$2
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL 15 is not installed: $bin/initdb is missing. Install the Debian package postgresql-15 (apt-get install postgresql-15; tools/test.sh does this)." >&2
  exit 3
fi
if [ -e "$dir/data/PG_VERSION" ]; then
  echo "$dir already holds a cluster; stop it with tools/postgres/stop-cluster.sh $dir and delete the folder, or choose another folder." >&2
  exit 4
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
as=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "Running as root, but there is no 'postgres' OS user to run the cluster as (initdb refuses root). Install the Debian package postgresql-15, which creates it." >&2
    exit 3
  fi
  chown postgres: "$dir"
  as=(runuser -u postgres --)
  if ! "${as[@]}" test -w "$dir"; then
    echo "The postgres OS user cannot write to $dir (a parent folder is closed to it); use a folder under /tmp." >&2
    exit 3
  fi
fi

"${as[@]}" "$bin/initdb" -D "$dir/data" --no-sync -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
  echo "initdb failed; see $dir/initdb.log:" >&2; tail -n 20 "$dir/initdb.log" >&2; exit 5; }

# Superuser without a password on loopback (first match wins), a password for everyone else.
"${as[@]}" bash -c "cat > '$dir/data/pg_hba.conf'" <<HBA
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA

"${as[@]}" bash -c "cat >> '$dir/data/postgresql.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 64MB
CONF

"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null || {
  echo "PostgreSQL did not start on 127.0.0.1:$port; see $dir/server.log:" >&2; tail -n 20 "$dir/server.log" >&2; exit 6; }
echo "PostgreSQL 15 running on 127.0.0.1:$port (data $dir/data); connect as user postgres without a password."
