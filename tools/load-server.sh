#!/usr/bin/env bash
# The API load check: builds the server and load-server in Release, then load-server starts the server as a child
# process on a free 127.0.0.1 port with a temporary data folder, signs in, publishes a 5-step workflow, makes an
# Operator API token, starts 10,000 instances with execute and 10,000 with dispatch (waiting until all are Finished),
# and compares with the engine run in its own process on SQLite. Arguments go to load-server:
# --instances N, --concurrency C (default 16), --warmup N, --time-limit MINUTES (default 20), --quick (1,000: a smoke run),
# --per-request [--requests N] (instead: the fixed cost per request of cheap GETs, server CPU µs per request).
# Talks only to 127.0.0.1 and stops by itself. Takes a few minutes on 2 cores; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
artifacts="${TMPDIR:-/tmp}/load-server-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in engine/Automation.Server/Automation.Server.csproj tools/Automation.LoadTest/Automation.LoadTest.csproj; do
  if ! dotnet build "$project" -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$project did not build (errors above)." >&2
    exit 1
  fi
done
dotnet "$artifacts/bin/Automation.LoadTest/release/load-server.dll" --server-dll "$artifacts/bin/Automation.Server/release/Automation.Server.dll" "$@"
