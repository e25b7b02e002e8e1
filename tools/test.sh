#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, builds once,
# runs every test project, and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need. Installed only when missing, so a warm machine starts at once.
packages=(sqlite3 postgresql-15 chromium)
# Desktop robot tests: a headless X server, a D-Bus session with the AT-SPI bus, the GTK 3 legacy app (Debian's python3),
# pyatspi as the reference client and zenity as a real app nobody here wrote. The test project starts its own session.
packages+=(xvfb dbus at-spi2-core libatk-adaptor python3-gi gir1.2-gtk-3.0 python3-pyatspi zenity)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# The web app needs Node.js with npm; any install will do (this machine has node 20 + npm 11 outside Debian's packages).
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null || {
    echo "Could not install ${missing[*]} with apt-get; install them by hand and run again." >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
designer/build.sh || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet build Automation.sln -c Release -nologo -v q || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log=$(mktemp)
status=0
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=1
done

read -r passed failed skipped < <(grep -E '(Passed|Failed)!\s+- Failed:' "$log" | sed -E 's/.*Failed:\s+([0-9]+), Passed:\s+([0-9]+), Skipped:\s+([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
projects=$(ls tests/*/*.csproj | wc -l)
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
