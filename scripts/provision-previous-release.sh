#!/usr/bin/env bash
# Builds the previous release of the operator from this clone's git history into a cache outside
# the source tree, once per release: its jar, its runtime dependencies and the CRDs it shipped.
# UpgradeIT installs those CRDs, runs that jar, then upgrades to this build.
#
# PREVIOUS_RELEASE (a commit id) comes from the parent pom.xml, the one place it is recorded.
# MAVEN_CMD is the Maven running the outer build. Arguments: offline=true builds with -o, and
# repo=DIR with that local repository, as the outer build does.
set -euo pipefail

: "${PREVIOUS_RELEASE:?set by the parent pom.xml from the property previous.release.commit}"
MAVEN_CMD="${MAVEN_CMD:-mvn}"
MAVEN_OFFLINE="false"
LOCAL_REPO=""
for arg in "$@"; do
  case "$arg" in
    offline=true) MAVEN_OFFLINE="true" ;;
    repo=?*) LOCAL_REPO="${arg#repo=}" ;;
  esac
done
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/s3-share-operator"
RELEASE_DIR="$CACHE_ROOT/release-$PREVIOUS_RELEASE"
# Written last: a directory without it was interrupted mid-build and is rebuilt.
STAMP="$RELEASE_DIR/.built"

if [[ -f "$STAMP" ]]; then
  echo "==> previous release $PREVIOUS_RELEASE: cached in $RELEASE_DIR"
  exit 0
fi

fail() {
  echo "ERROR: cannot build the previous release $PREVIOUS_RELEASE for UpgradeIT: $*" >&2
  exit 1
}

git -C "$REPO_ROOT" rev-parse --git-dir >/dev/null 2>&1 ||
  fail "$REPO_ROOT is not a git clone; UpgradeIT builds the previous release from git history, so run the build in a clone"
git -C "$REPO_ROOT" cat-file -e "$PREVIOUS_RELEASE^{commit}" 2>/dev/null ||
  fail "commit $PREVIOUS_RELEASE is not in this clone's history (a shallow clone?); fetch it with 'git fetch --unshallow' or 'git fetch origin $PREVIOUS_RELEASE'"

echo "==> building the previous release $PREVIOUS_RELEASE into $RELEASE_DIR"
start=$SECONDS
mkdir -p "$CACHE_ROOT"
WORK="$(mktemp -d "$CACHE_ROOT/release-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/src" "$WORK/out"
git -C "$REPO_ROOT" archive "$PREVIOUS_RELEASE" | tar -x -C "$WORK/src"

options=()
[[ "$MAVEN_OFFLINE" == "true" ]] && options+=(-o)
[[ -n "$LOCAL_REPO" ]] && options+=("-Dmaven.repo.local=$LOCAL_REPO")
# Only the operator and what it needs, without tests, formatting checks or the test servers;
# copy-dependencies by its full name, because older releases do not configure the plugin.
if ! (cd "$WORK/src" && "$MAVEN_CMD" -B "${options[@]}" -pl operator -am \
  -Dmaven.test.skip=true -DskipTests -DskipITs -Dspotless.check.skip=true \
  -DincludeScope=runtime \
  package org.apache.maven.plugins:maven-dependency-plugin:3.7.0:copy-dependencies \
  >"$WORK/build.log" 2>&1); then
  tail -n 40 "$WORK/build.log" >&2
  if [[ "$MAVEN_OFFLINE" == "true" ]]; then
    fail "its Maven build failed offline (above); an artifact it needs may be missing from the local repository: run the build once without -o"
  fi
  fail "its Maven build failed (above)"
fi

jars=("$WORK"/src/operator/target/s3-share-operator-*.jar)
[[ ${#jars[@]} -eq 1 && -f "${jars[0]}" ]] ||
  fail "expected one operator jar in operator/target, found: ${jars[*]}"
cp "${jars[0]}" "$WORK/out/operator.jar"
cp -r "$WORK/src/operator/target/dependency" "$WORK/out/lib"
cp -r "$WORK/src/crds" "$WORK/out/crds"
echo "$PREVIOUS_RELEASE" >"$WORK/out/commit"
touch "$WORK/out/.built"
rm -rf "$RELEASE_DIR"
mv "$WORK/out" "$RELEASE_DIR"
echo "==> previous release $PREVIOUS_RELEASE built in $((SECONDS - start))s"
