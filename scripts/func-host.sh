#!/usr/bin/env bash
# Starts a published Functions app on Azure Functions Core Tools v4 (`func start`), in the foreground.
#
#   scripts/func-host.sh SCRIPT_ROOT PORT
#
# SCRIPT_ROOT: the app's publish folder (host.json, functions.metadata, the worker dll).
# PORT:        the HTTP port.
#
# The same interface as the prebuilt host's start-host.sh, so either can be FUNCTIONS_HOST_START
# (tests/VoteFunctions.EndToEnd, scripts/run-local.sh). The app settings come from the environment:
# a publish folder has no local.settings.json. The script ends by exec'ing func, so the PID the
# caller started is func's, and SIGTERM to it stops func and its worker.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SCRIPT_ROOT PORT" >&2
  exit 2
fi
command -v func >/dev/null || {
  echo "func-host.sh: 'func' (Azure Functions Core Tools v4) is not on PATH; without it, use a prebuilt host's start-host.sh" >&2
  exit 2
}
[ -f "$1/host.json" ] || { echo "func-host.sh: no host.json in '$1' (pass the app's publish folder)" >&2; exit 2; }
# Key checks with known keys are the prebuilt host's; func would run without them, silently.
if [ "${FUNCTIONS_HOST_ENABLE_AUTH:-0}" = 1 ]; then
  echo "func-host.sh: FUNCTIONS_HOST_ENABLE_AUTH=1 is for the prebuilt host's start-host.sh; with Core Tools, run func start --enableAuth and read its keys with the admin API" >&2
  exit 2
fi

cd "$1"
# Core Tools takes the worker runtime from local.settings.json, which a publish folder lacks.
export FUNCTIONS_WORKER_RUNTIME=${FUNCTIONS_WORKER_RUNTIME:-dotnet-isolated}
exec func start --port "$2"
