#!/usr/bin/env bash
# The engine benchmark: builds engine-bench in Release and runs it: our engine in memory and on SQLite against
# WorkflowCore 3.22 in memory, in one process. Arguments go to engine-bench: --instances N (default 10000),
# --quick (1,000: a smoke run), --rounds R, --sqlite-concurrency C. The default run takes one to two minutes on
# 2 cores; run it on an otherwise idle machine (it prints the load average before and after).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Its own build folder, kept between runs (incremental) and apart from the source tree and other builds.
artifacts="${TMPDIR:-/tmp}/engine-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build tools/Automation.Benchmarks.Engine/Automation.Benchmarks.Engine.csproj -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
  cat "$log" >&2
  echo "engine-bench did not build (errors above)." >&2
  exit 1
fi
dotnet "$artifacts/bin/Automation.Benchmarks.Engine/release/engine-bench.dll" "$@"
