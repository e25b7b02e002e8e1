#!/usr/bin/env bash
# The desktop-robot benchmark: builds desktop-bench in Release and runs it inside a fresh headless desktop session
# (tools/desktop-session.sh run). Against the legacy PAS Desktop app (tools/Automation.LegacyDesktop/legacy_pas.py) it
# measures, with our AT-SPI driver and in the same run with python3-pyatspi (the reference AT-SPI client, script
# tools/Automation.Benchmarks.Desktop/pyatspi_reference.py), each on its own fresh app:
#   - per-action latency: find a form field + set its text + verify the read-back;
#   - a transfer: log in once, then per record open "Ny registrering", fill every field, Gem, verify by searching.
# Prints both and the ratio ours/pyatspi (target ≤ 1). Arguments go to desktop-bench: --actions N (default 200),
# --records N (default 50), --rounds R (default 1; medians are reported). Needs: xvfb dbus at-spi2-core
# libatk-adaptor python3-gi gir1.2-gtk-3.0 python3-pyatspi.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Its own build folder, kept between runs (incremental) and apart from the source tree and other builds.
artifacts="${TMPDIR:-/tmp}/desktop-bench-build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build tools/Automation.Benchmarks.Desktop/Automation.Benchmarks.Desktop.csproj -c Release -nologo -v q --artifacts-path "$artifacts" >"$log" 2>&1; then
  cat "$log" >&2
  echo "desktop-bench did not build (errors above)." >&2
  exit 1
fi
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || { echo "python3-pyatspi is missing (apt-get install python3-pyatspi); it is the reference side of the benchmark." >&2; exit 1; }
exec tools/desktop-session.sh run -- dotnet "$artifacts/bin/Automation.Benchmarks.Desktop/release/desktop-bench.dll" --repository "$PWD" "$@"
