#!/usr/bin/env bash
# Starts the sandbox (the README's first command, non-interactive) RUNS times in a row and fails
# on the first run that does not end with every example Ready, or that leaves temporary files
# or processes behind. Then, unless INTERRUPT=0, starts it once more and stops it with Ctrl-C
# (SIGINT to its process group, as a terminal sends it) while the operator is running, and
# checks the same.
#
# Usage: scripts/sandbox-loop.sh [RUNS]      (default 20)
#   env: INTERRUPT=0 to skip the Ctrl-C run
set -uo pipefail
# Job control: each background run gets a process group of its own (so that the checks below can
# find its processes), and does not start with SIGINT ignored, as it would without job control.
set -m
cd "$(dirname "$0")/.."

runs="${1:-20}"
tmp="${TMPDIR:-/tmp}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

leftovers() {
  find "$tmp" -maxdepth 1 \( -name 's3share-sandbox-*.kubeconfig' -o -name 'moto-*.log' \) \
    -newer "$1" 2>/dev/null
}

check_clean() { # $1: marker file made before the run, $2: process group of the run
  local left
  left="$(leftovers "$1")"
  if [[ -n "$left" ]]; then
    echo "FAIL: left behind: $left"
    return 1
  fi
  if pgrep -g "$2" >/dev/null 2>&1; then
    echo "FAIL: processes of the run still alive:"
    pgrep -a -g "$2"
    return 1
  fi
}

echo "==> building once, so that the runs below time the sandbox only"
./mvnw -q -B package -DskipTests >"$logs/build.log" 2>&1 || {
  cat "$logs/build.log"
  exit 1
}

passed=0
for i in $(seq 1 "$runs"); do
  marker="$logs/marker-$i"
  touch "$marker"
  start=$SECONDS
  ./mvnw -q -B -Psandbox verify -Dsandbox.exit=true </dev/null >"$logs/run-$i.log" 2>&1 &
  pid=$!
  wait "$pid"
  rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "run $i/$runs: FAIL (exit $rc) after $((SECONDS - start))s; its output:"
    tail -n 60 "$logs/run-$i.log"
    exit 1
  fi
  check_clean "$marker" "$pid" || exit 1
  passed=$((passed + 1))
  echo "run $i/$runs: every example Ready, nothing left behind, $((SECONDS - start))s"
done

if [[ "${INTERRUPT:-1}" != 0 ]]; then
  marker="$logs/marker-int"
  touch "$marker"
  ./mvnw -q -B -Psandbox verify -Dsandbox.hold=true </dev/null >"$logs/run-int.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    grep -q "keeps running until Ctrl-C" "$logs/run-int.log" && break
    sleep 1
  done
  if ! grep -q "keeps running until Ctrl-C" "$logs/run-int.log"; then
    echo "FAIL: the sandbox to interrupt did not come up; its output:"
    tail -n 60 "$logs/run-int.log"
    exit 1
  fi
  # The operator, the API server, etcd and moto are all running now: stop them as a terminal would.
  kill -INT -- "-$pid" || {
    echo "FAIL: could not send SIGINT to the sandbox's process group"
    exit 1
  }
  wait "$pid"
  echo "Ctrl-C run: exit $? after SIGINT"
  sleep 2
  check_clean "$marker" "$pid" || exit 1
  echo "Ctrl-C run: nothing left behind"
fi

echo "$passed passed, 0 failed"
