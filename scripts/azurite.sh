#!/usr/bin/env bash
# Runs Azurite (pinned in package-lock.json) in the foreground, so that Ctrl+C or `kill` stops it.
# (`npm run azurite &` leaves the node process running when npm is stopped.)
#
#   scripts/azurite.sh [AZURITE OPTIONS...]
#
# Defaults: 127.0.0.1, blob 10000, queue 10001, table 10002 (what UseDevelopmentStorage=true
# means), data in .azurite/ unless --location says otherwise. Installs the dev tools of
# package-lock.json with `npm ci` when node_modules lacks them or is older than the lock file.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
azurite=$repo/node_modules/azurite/dist/src/azurite.js
if [ ! -f "$azurite" ] || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi

location=(--location "$repo/.azurite")
for arg in "$@"; do
  case "$arg" in -l|--location|--location=*) location=() ;; esac
done
exec node "$azurite" --silent --skipApiVersionCheck "${location[@]}" "$@"
