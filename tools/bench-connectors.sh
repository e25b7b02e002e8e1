#!/usr/bin/env bash
# The connectors benchmark: builds connectors-bench in Release and runs it in one process:
#  - reconciliation of 1,000,000 vs ~1,000,000 records (our Reconcile core on JSON records) against the same
#    comparison as one FULL OUTER JOIN in a private PostgreSQL 15 cluster (tools/postgres/start-cluster.sh), loaded
#    with COPY; time, memory and the ratio;
#  - CSV ingest of the 1,000,000-row file: our CsvRead core against CsvHelper's raw read (ratio, target <= 1.5).
# Arguments go to connectors-bench: --quick (50,000 records: a smoke run), --records N, --port P (default 55490),
# --work-mem SIZE (PostgreSQL work_mem for the join, default 256MB). Needs postgresql-15 (tools/test.sh installs it).
# The full run takes about a minute and several GB of memory; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
artifacts="${TMPDIR:-/tmp}/connectors-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build tools/Automation.Benchmarks.Connectors/Automation.Benchmarks.Connectors.csproj -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
  cat "$log" >&2
  echo "connectors-bench did not build (errors above)." >&2
  exit 1
fi
dotnet "$artifacts/bin/Automation.Benchmarks.Connectors/release/connectors-bench.dll" "$@"
