#!/usr/bin/env bash
# Builds the web app into designer/dist for the server to serve. Called by tools/run.sh and tools/test.sh.
# Quick when nothing changed: `npm ci` runs only when node_modules is missing or package-lock.json changed since the
# last install, and `npm run build` only when a source file is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")"

command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or later with npm (Debian: apt-get install nodejs npm)." >&2; exit 1; }

stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing the web app's packages (npm ci)..."
  out=$(npm ci --no-audit --no-fund --loglevel=error 2>&1) || { echo "$out" >&2; echo "npm ci failed in designer/." >&2; exit 1; }
  echo "$wanted" > "$stamp"
fi

if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json package-lock.json vite.config.ts tsconfig.json -newer dist/index.html -print -quit)" ]; then
  echo "Building the web app (npm run build)..."
  out=$(npm run build --silent 2>&1) || { echo "$out" >&2; echo "The web app did not build (designer/: npm run build)." >&2; exit 1; }
fi
