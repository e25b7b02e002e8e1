#!/usr/bin/env bash
# The places benchmark (issue 6): builds places-bench in Release, generates the national-scale synthetic set once
# (3.8 million addresses on 110,000 road names drawn from the real sample in ../shared/data/places, spread over the
# real DAGI kommune polygons; cached in --data, default /tmp/places-bench-data, about 1 GB), then loads it into this
# registry (in-process) and into PostGIS (a private PostgreSQL 15 + PostGIS 3 cluster on 127.0.0.1 started with
# tools/postgres/start-cluster.sh) and runs the same queries on both in one run: import time and peak memory,
# reverse lookup, 5 nearest meeting points, point-in-area for all addresses, autocomplete with a 10 % typo mix.
# The registry is measured twice: in-process, and through its HTTP API (the real server, built here in Release and
# started by the benchmark on 127.0.0.1 with its data folder holding the places.db the import wrote; a signed-in
# Planner; 2 keep-alive clients). PostGIS figures and the HTTP figures include a loopback round trip. Needs postgresql-15 and postgresql-15-postgis-3 (installed here with
# apt-get when missing and running as root). Run by hand on an otherwise quiet machine; it takes a few minutes and
# up to about 4 GB of memory (plus PostgreSQL's).
# Arguments go to 'places-bench run' (--port P, --point-queries N, --text-queries N, --http-point-queries N, --no-postgis,
# --data DIR); NO_HTTP=1 leaves the HTTP figures out (and does not build the server);
# REGENERATE=1 rebuilds the data set; ADDRESSES=N ROADS=N generate a smaller one (e.g. ADDRESSES=200000 ROADS=6000).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data=/tmp/places-bench-data
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--data" ] && [ $((i + 1)) -lt ${#args[@]} ]; then data=${args[$((i + 1))]}; fi
done

if [ ! -f /usr/share/postgresql/15/extension/postgis.control ] && [[ " $* " != *" --no-postgis "* ]]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing postgresql-15 and postgresql-15-postgis-3 with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-15-postgis-3 >/dev/null
  else
    echo "PostGIS for PostgreSQL 15 is missing: install postgresql-15 and postgresql-15-postgis-3 (apt-get), or pass --no-postgis." >&2
    exit 3
  fi
fi

artifacts="${TMPDIR:-/tmp}/places-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
projects=(tools/Automation.Benchmarks.Places/Automation.Benchmarks.Places.csproj)
server_args=()
if [ "${NO_HTTP:-0}" != "1" ]; then
  projects+=(engine/Automation.Server/Automation.Server.csproj)
  server_args=(--server-dll "$artifacts/bin/Automation.Server/release/Automation.Server.dll")
fi
for project in "${projects[@]}"; do
  if ! dotnet build "$project" -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$project did not build (errors above)." >&2
    exit 1
  fi
done
bench="$artifacts/bin/Automation.Benchmarks.Places/release/places-bench.dll"

if [ "${REGENERATE:-0}" = "1" ] || [ ! -f "$data/addresses.csv" ] || [ ! -f "$data/meeting_points.csv" ]; then
  rm -rf "$data"
  dotnet "$bench" generate --data "$data" --addresses "${ADDRESSES:-3800000}" --roads "${ROADS:-110000}"
fi
echo "uptime: $(uptime)"
dotnet "$bench" run "${server_args[@]}" "$@"
echo "uptime: $(uptime)"
