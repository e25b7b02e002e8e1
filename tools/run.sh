#!/usr/bin/env bash
# The start command: builds the server, applies migrations, publishes the example workflows on first start,
# and serves on http://127.0.0.1:5080 (override with AUTOMATION_URLS). Data lives in ./data (override with
# AUTOMATION_DATA). On first start it prints the one-time password of the user "admin".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data="${AUTOMATION_DATA:-$root/data}"
urls="${AUTOMATION_URLS:-http://127.0.0.1:5080}"
designer/build.sh
echo "Building the server..."
dotnet build engine/Automation.Server/Automation.Server.csproj -c Release -nologo -v q -o "$root/artifacts/server" >/dev/null
cd "$root/artifacts/server"
exec dotnet Automation.Server.dll --urls "$urls" \
  --Automation:DataDirectory="$data" \
  --Automation:DemoWorkflowsDirectory="$root/workflows" \
  --Automation:DemoPlacesDirectory="$root/seed/places" \
  --Automation:WebAppDirectory="$root/designer/dist"
