#!/usr/bin/env bash
# Runs the Functions app locally on a real Functions host: publishes it, starts Azurite and the
# host with the settings of local.settings.sample.json, prints the URLs, and on Ctrl+C stops both.
#
#   scripts/run-local.sh
#
# The host is $FUNCTIONS_HOST_START (a command taking SCRIPT_ROOT PORT, such as a prebuilt host's
# start-host.sh) or else, when `func` is on PATH, Azure Functions Core Tools through
# scripts/func-host.sh. PORT (default 7071) is the host's HTTP port. Azurite listens on its default
# ports 10000-10002, where the sample's UseDevelopmentStorage=true points. What the run keeps (the
# published app, the warehouse, Azurite's data, the logs) is in .run-local/.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-7071}
state=$repo/.run-local

if [ -n "${FUNCTIONS_HOST_START:-}" ]; then
  host_start=$FUNCTIONS_HOST_START
elif command -v func >/dev/null; then
  host_start=$repo/scripts/func-host.sh
else
  echo "run-local.sh: no Functions host: install Azure Functions Core Tools v4 (func), or set FUNCTIONS_HOST_START to a prebuilt host's start-host.sh" >&2
  exit 2
fi

mkdir -p "$state"
echo "Publishing the app to $state/app ..."
if ! dotnet publish "$repo/src/VoteFunctions/VoteFunctions.csproj" -c Release -o "$state/app" -nologo > "$state/publish.log" 2>&1; then
  cat "$state/publish.log" >&2
  exit 1
fi

# The app settings: local.settings.sample.json's values, except those already in the environment
# (as func does with local.settings.json); the warehouse at an absolute path, so it is clear where it is.
while IFS=$'\t' read -r name value; do
  [ -n "${!name:-}" ] || export "$name=$value"
done < <(node -e 'for (const [name, value] of Object.entries(require(process.argv[1]).Values)) console.log(`${name}\t${value}`)' \
           "$repo/local.settings.sample.json")
case "$WarehousePath" in /*) ;; *) export WarehousePath="$state/$WarehousePath" ;; esac

azurite_pid= host_pid=
# SIGTERM, then SIGKILL after GRACE seconds.
stop() { # PID GRACE
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 $(($2 * 10))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM EXIT
  echo "Stopping the host and Azurite ..."
  stop "$host_pid" 15   # the host stops its worker
  stop "$azurite_pid" 5 # Azurite waits for its clients' idle connections: not for long
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Both in process groups of their own (job control on), so Ctrl+C reaches only this script, which
# stops the host first: a host whose storage went first hangs in its shutdown.
set -m
"$repo/scripts/azurite.sh" --location "$state/azurite" > "$state/azurite.log" 2>&1 &
azurite_pid=$!
for _ in $(seq 1 300); do
  (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null && break
  kill -0 "$azurite_pid" 2>/dev/null || { echo "Azurite exited (is another one using ports 10000-10002?):" >&2; cat "$state/azurite.log" >&2; exit 1; }
  sleep 0.2
done

started=$(date +%s%N)
"$host_start" "$state/app" "$port" > "$state/host.log" 2>&1 &
host_pid=$!
set +m
until curl -s --max-time 2 "http://127.0.0.1:$port/admin/host/status" | grep -q '"state":"Running"'; do
  kill -0 "$host_pid" 2>/dev/null || { echo "The host exited; the end of $state/host.log:" >&2; tail -40 "$state/host.log" >&2; exit 1; }
  sleep 0.25
done

cat <<EOF
The app is running on the Functions host (ready $(( ($(date +%s%N) - started) / 1000000 )) ms after it was started). Ctrl+C stops it.
  outlier weeks:  http://127.0.0.1:$port/api/outlier-weeks  (add ?format=csv for CSV)
  host status:    http://127.0.0.1:$port/admin/host/status
  nightly run:    curl -X POST -H 'Content-Type: application/json' -d '{"input":""}' http://127.0.0.1:$port/admin/functions/NightlyRefresh
  upload votes:   dotnet run --project src/VoteFunctions.Cli -- upload data/votes-2017-2021.jsonl.gz
  warehouse:      $WarehousePath
  logs:           $state/host.log, $state/azurite.log
EOF

# Until Ctrl+C, or until the host or Azurite ends on its own.
wait -n "$host_pid" "$azurite_pid" || true
echo "The host or Azurite ended on its own; see $state/host.log and $state/azurite.log" >&2
exit 1
