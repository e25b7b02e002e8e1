#!/usr/bin/env bash
# Stops a cluster started by start-cluster.sh: tools/postgres/stop-cluster.sh DIR
# Fast shutdown (open sessions are ended). The folder is left for the caller to delete.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ ! -f "$dir/data/postmaster.pid" ]; then
  echo "No running cluster in $dir (no postmaster.pid); nothing to stop."
  exit 0
fi
as=()
if [ "$(id -u)" -eq 0 ]; then
  as=(runuser -u postgres --)
fi
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
echo "PostgreSQL in $dir stopped."
