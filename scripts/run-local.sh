#!/usr/bin/env bash
# Runs the Functions app locally on a real Functions host: publishes it, starts Azurite, creates the
# votes container, starts the host with the settings of local.settings.sample.json, prints every
# endpoint, and on Ctrl+C or SIGTERM stops both.
#
#   scripts/run-local.sh
#
# The host is $FUNCTIONS_HOST_START (a command taking SCRIPT_ROOT PORT, such as a prebuilt host's
# start-host.sh) or else, when `func` is on PATH, Azure Functions Core Tools through
# scripts/func-host.sh. PORT (default 7071) is the host's HTTP port. Azurite listens on its default
# ports 10000-10002, where the sample's UseDevelopmentStorage=true points. What the run keeps (the
# published app, the warehouse, Azurite's data, the logs) is in .run-local/.
#
# FUNCTIONS_HOST_ENABLE_AUTH=1 (the prebuilt host's start-host.sh) turns key checks on, as in Azure:
# the keys are FUNCTIONS_HOST_FUNCTION_KEY and FUNCTIONS_HOST_MASTER_KEY (for the admin API), random
# ones unless set, and the function key is printed with the endpoints.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-7071}
state=$repo/.run-local
base=http://127.0.0.1:$port

if [ -n "${FUNCTIONS_HOST_START:-}" ]; then
  host_start=$FUNCTIONS_HOST_START
elif command -v func >/dev/null; then
  host_start=$repo/scripts/func-host.sh
else
  echo "run-local.sh: no Functions host: install Azure Functions Core Tools v4 (func), or set FUNCTIONS_HOST_START to a prebuilt host's start-host.sh" >&2
  exit 2
fi

auth=${FUNCTIONS_HOST_ENABLE_AUTH:-0}
if [ "$auth" = 1 ]; then
  random_key() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
  export FUNCTIONS_HOST_FUNCTION_KEY=${FUNCTIONS_HOST_FUNCTION_KEY:-$(random_key)}
  export FUNCTIONS_HOST_MASTER_KEY=${FUNCTIONS_HOST_MASTER_KEY:-$(random_key)}
fi
# Sent with every request of this script: the admin API needs the master key when keys are
# checked (the readiness check would get 401 forever), and a host that checks none ignores it.
master_key_header="x-functions-key: ${FUNCTIONS_HOST_MASTER_KEY:-none}"

azurite_pid= host_pid= publish_pid=
# SIGTERM, then SIGKILL after GRACE seconds.
stop() { # PID GRACE
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 $(($2 * 10))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM EXIT
  stop "$publish_pid" 5
  if [ -n "$host_pid$azurite_pid" ]; then
    echo "Stopping the host and Azurite ..."
    stop "$host_pid" 15   # the host stops its worker
    stop "$azurite_pid" 5 # Azurite waits for its clients' idle connections: not for long
  fi
  wait 2>/dev/null || true
}
trap cleanup EXIT
# Started in the background from a script, this script ignores SIGINT (bash does that to background
# jobs), so SIGTERM must stop it as well. Every long wait below is a `wait` on a background process,
# which a trapped signal interrupts at once.
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$state"
echo "Publishing the app to $state/app ..."
dotnet publish "$repo/src/VoteFunctions/VoteFunctions.csproj" -c Release -o "$state/app" -nologo > "$state/publish.log" 2>&1 &
publish_pid=$!
if ! wait "$publish_pid"; then
  publish_pid=
  cat "$state/publish.log" >&2
  exit 1
fi
publish_pid=

# The app settings: local.settings.sample.json's values, except those already in the environment
# (as func does with local.settings.json); the warehouse at an absolute path, so it is clear where it is.
while IFS=$'\t' read -r name value; do
  [ -n "${!name:-}" ] || export "$name=$value"
done < <(node -e 'for (const [name, value] of Object.entries(require(process.argv[1]).Values)) console.log(`${name}\t${value}`)' \
           "$repo/local.settings.sample.json")
case "$WarehousePath" in /*) ;; *) export WarehousePath="$state/$WarehousePath" ;; esac

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
# Before the host starts: its blob trigger would log a 404 at every poll of a missing container.
node "$repo/scripts/create-container.mjs" "$VotesStorage" "$VotesContainer" \
  || echo "run-local.sh: the container $VotesContainer was not created; the first upload creates it" >&2

started=$(date +%s%N)
"$host_start" "$state/app" "$port" > "$state/host.log" 2>&1 &
host_pid=$!
set +m
until curl -s --max-time 2 -H "$master_key_header" "$base/admin/host/status" | grep -q '"state":"Running"'; do
  kill -0 "$host_pid" 2>/dev/null || { echo "The host exited; the end of $state/host.log:" >&2; tail -40 "$state/host.log" >&2; exit 1; }
  sleep 0.25 & wait $!
done

code= key_env= key_header= admin_header=
if [ "$auth" = 1 ]; then
  code="?code=$FUNCTIONS_HOST_FUNCTION_KEY"
  key_env="VOTES_APP_KEY=$FUNCTIONS_HOST_FUNCTION_KEY "
  key_header=" -H 'x-functions-key: $FUNCTIONS_HOST_FUNCTION_KEY'"
  admin_header=" -H '$master_key_header'"
fi
cat <<EOF
The app is running at $base (the host was ready $(( ($(date +%s%N) - started) / 1000000 )) ms after it was started). Ctrl+C or SIGTERM stops it.
EOF
[ "$auth" = 1 ] && cat <<EOF
  Keys are checked. Function key: $FUNCTIONS_HOST_FUNCTION_KEY (header x-functions-key, or ?code=); master key: $FUNCTIONS_HOST_MASTER_KEY
EOF
cat <<EOF
  overview:       $base/api/overview$code  (a page: status, chart, files, rejected lines)
  outlier weeks:  $base/api/outlier-weeks  (JSON; ?format=csv for CSV)
  weeks:          $base/api/weeks  (every week and why it is an outlier or not; ?format=csv)
  chart:          $base/api/chart$code
  files:          $base/api/files  (the ledger; ?format=csv)
  rejected lines: $base/api/rejects  (?file=NAME, ?format=csv; 1,000 a page, ?limit= up to 10,000, the next page in the Link header)
  status:         $base/api/status  (counts, last ingest, last catch-up and nightly runs, blobs waiting)
  e.g.:           curl$key_header '$base/api/rejects?format=csv'
  timers:         curl -X POST$admin_header -H 'Content-Type: application/json' -d '{"input":""}' $base/admin/functions/NightlyRefresh  (or CatchUpMissedBlobs)
  host status:    $base/admin/host/status
  upload votes:   dotnet run --project src/VoteFunctions.Cli -- upload data/votes-2017-2021.jsonl.gz
  read with CLI:  VOTES_APP_URL=$base ${key_env}dotnet run --project src/VoteFunctions.Cli -- rejects  (or outliers, weeks, files, chart)
  warehouse:      $WarehousePath
  logs:           $state/host.log, $state/azurite.log
EOF

# Until Ctrl+C or SIGTERM, or until the host or Azurite ends on its own.
wait -n "$host_pid" "$azurite_pid" || true
echo "The host or Azurite ended on its own; see $state/host.log and $state/azurite.log" >&2
exit 1
