#!/usr/bin/env bash
# The designer benchmark: builds the web app (designer/build.sh), the server and designer-bench in Release, then runs
# it. designer-bench starts the built server on a free port over a temporary data folder, saves a flow of 300
# activities through the API, opens it in the designer in headless Chromium (/usr/bin/chromium) and prints the time
# until every node is drawn, frames per second while panning and while dragging a node (target >= 30), and the gzip
# size of the JavaScript the first page loads (target <= 1 MB). Arguments go to designer-bench: --activities N
# (default 300), --seconds S per gesture (default 3). Exit code 0 when every target is met, 2 when one is missed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
designer/build.sh
# Its own build folder, kept between runs (incremental) and apart from the source tree and other builds.
artifacts="${TMPDIR:-/tmp}/designer-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in engine/Automation.Server/Automation.Server.csproj tools/Automation.Benchmarks.Designer/Automation.Benchmarks.Designer.csproj; do
  if ! dotnet build "$project" -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$project did not build (errors above)." >&2
    exit 1
  fi
done
dotnet "$artifacts/bin/Automation.Benchmarks.Designer/release/designer-bench.dll" \
  --server "$artifacts/bin/Automation.Server/release/Automation.Server.dll" --webapp "$root/designer/dist" "$@"
