#!/usr/bin/env bash
# The run-log benchmark: builds runlog-bench in Release and runs it: 1,000,000 events appended by the batched,
# durable writer without hashing (plain inserts) and hash-chained, then the chained log verified. Arguments go to
# runlog-bench: --events N (default 1000000), --appenders C (default 256). Prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
artifacts="${TMPDIR:-/tmp}/runlog-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build tools/Automation.Benchmarks.RunLog/Automation.Benchmarks.RunLog.csproj -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
  cat "$log" >&2
  echo "runlog-bench did not build (errors above)." >&2
  exit 1
fi
echo "before: $(uptime)"
status=0
dotnet "$artifacts/bin/Automation.Benchmarks.RunLog/release/runlog-bench.dll" "$@" || status=$?
echo "after:  $(uptime)"
exit $status
