#!/usr/bin/env bash
# Installs the pinned principalmapper (an independent offline IAM policy evaluator) into a venv
# outside the source tree. The evaluator's cross-check test runs it as a reference.
set -euo pipefail

PRINCIPALMAPPER_VERSION="${PRINCIPALMAPPER_VERSION:-1.1.5}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/s3-share-operator"
VENV="$CACHE_ROOT/principalmapper-$PRINCIPALMAPPER_VERSION"
# Written last: a venv without it was interrupted mid-install and is rebuilt.
STAMP="$VENV/.installed"

mkdir -p "$CACHE_ROOT"
# Two builds on one machine install one at a time: the second waits, then finds the stamp.
exec 9>"$CACHE_ROOT/principalmapper-$PRINCIPALMAPPER_VERSION.lock"
flock 9

if [[ -f "$STAMP" ]]; then
  echo "==> principalmapper $PRINCIPALMAPPER_VERSION: cached in $VENV"
  exit 0
fi

echo "==> installing principalmapper==$PRINCIPALMAPPER_VERSION into $VENV"
start=$SECONDS
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "principalmapper==$PRINCIPALMAPPER_VERSION"
touch "$STAMP"
echo "==> principalmapper $PRINCIPALMAPPER_VERSION installed in $((SECONDS - start))s"
