#!/usr/bin/env bash
# Installs the pinned moto AWS emulator (moto[server]) into a venv outside the source tree.
# The tests and the sandbox start it from there on a free loopback port.
set -euo pipefail

MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/s3-share-operator"
VENV="$CACHE_ROOT/moto-$MOTO_VERSION"
# Written last: a venv without it was interrupted mid-install and is rebuilt.
STAMP="$VENV/.installed"

mkdir -p "$CACHE_ROOT"
# Two builds on one machine install one at a time: the second waits, then finds the stamp.
exec 9>"$CACHE_ROOT/moto-$MOTO_VERSION.lock"
flock 9

if [[ -f "$STAMP" ]]; then
  echo "==> moto $MOTO_VERSION: cached in $VENV"
  exit 0
fi

echo "==> installing moto[server]==$MOTO_VERSION into $VENV"
start=$SECONDS
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "moto[server]==$MOTO_VERSION"
touch "$STAMP"
echo "==> moto $MOTO_VERSION installed in $((SECONDS - start))s"
