#!/usr/bin/env bash
# The web-robot benchmark: builds robot-bench in Release and runs it. It starts the legacy systems A and B in-process,
# seeds N referrals in A and registers them into a fresh B per pass, through the robot activities (workflows on the
# engine) and through a hand-written raw Playwright script, with 1 and with P browser contexts at once, and checks
# after every pass that B holds exactly the expected registrations. Arguments go to robot-bench: --referrals N
# (default 200), --quick (30), --parallel P (default 4), --rounds R (default 1). Needs /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Its own build folder, kept between runs (incremental) and apart from the source tree and other builds.
artifacts="${TMPDIR:-/tmp}/robot-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build tools/Automation.Benchmarks.Robots/Automation.Benchmarks.Robots.csproj -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
  cat "$log" >&2
  echo "robot-bench did not build (errors above)." >&2
  exit 1
fi
dotnet "$artifacts/bin/Automation.Benchmarks.Robots/release/robot-bench.dll" "$@"
