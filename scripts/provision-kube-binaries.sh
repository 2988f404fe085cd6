#!/usr/bin/env bash
# Provision etcd, kube-apiserver and kubectl for fabric8 kube-api-test by
# building them from Go modules, for machines that can reach a Go module proxy
# but not the storage bucket kube-api-test normally downloads binaries from.
#
# kube-api-test only downloads when ~/.kubeapitest/k8s/<version>-<os>-<arch>/
# is missing, so a pre-populated directory makes it work fully offline.
#
# Usage: scripts/provision-kube-binaries.sh
#   env: K8S_VERSION, ETCD_VERSION, KUBE_API_TEST_DIR, XDG_CACHE_HOME
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"    # without leading "v", as kube-api-test names dirs
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}" # kube-apiserver 1.34 needs etcd >= 3.5.13

case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
os="$(uname -s | tr '[:upper:]' '[:lower:]')"

api_test_dir="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
target_dir="$api_test_dir/k8s/${K8S_VERSION}-${os}-${arch}"
build_root="${XDG_CACHE_HOME:-$HOME/.cache}/s3-share-operator/kube-build"

WRAPPER_MARK="s3-share-operator: etcd on loopback only"

# kube-api-test starts etcd with --listen-client-urls http://0.0.0.0:<port>, which would expose
# the test etcd on every interface. A tiny wrapper in etcd's place rewrites that to 127.0.0.1;
# the apiserver's --etcd-servers http://0.0.0.0:<port> still reaches it, as 0.0.0.0 as a
# destination means this host.
install_loopback_wrapper() {
  local dir="$1"
  if grep -qs "$WRAPPER_MARK" "$dir/etcd"; then return 0; fi
  mv "$dir/etcd" "$dir/etcd-server"
  cat >"$dir/etcd" <<WRAPPER
#!/usr/bin/env bash
# $WRAPPER_MARK
args=()
for arg in "\$@"; do args+=("\${arg//0.0.0.0/127.0.0.1}"); done
exec "\$(dirname "\$0")/etcd-server" "\${args[@]}"
WRAPPER
  chmod 755 "$dir/etcd"
}

# --- fast path: never rebuild what is already there ------------------------
if [[ -x "$target_dir/etcd" && -x "$target_dir/kubectl" && -x "$target_dir/kube-apiserver" ]] &&
  "$target_dir/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes v${K8S_VERSION}"; then
  install_loopback_wrapper "$target_dir"
  echo "kube binaries v${K8S_VERSION} already cached in $target_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "go not found on PATH; skipping. kube-api-test will download the official binaries itself (needs internet)."
  exit 0
fi

# Run a command in a directory with a "==> ... done in Ns" banner; its (noisy)
# output is kept in a log and only shown if it fails.
timed() {
  local what="$1" dir="$2" start=$SECONDS log="$staging/step.log"
  shift 2
  printf '==> %s ... ' "$what"
  if ! (cd "$dir" && "$@") >"$log" 2>&1; then
    echo "FAILED after $((SECONDS - start))s:"
    cat "$log" >&2
    exit 1
  fi
  echo "done in $((SECONDS - start))s"
}

# Staging dir lives next to k8s/ (same filesystem, so the final mv is an
# atomic rename) but outside it, so kube-api-test never sees a partial dir.
mkdir -p "$api_test_dir/k8s" "$build_root"
staging="$(mktemp -d "$api_test_dir/.provision-XXXXXX")"
trap 'rm -rf "$staging"' EXIT
trap 'exit 130' INT TERM # make sure the EXIT cleanup also runs on Ctrl-C
mkdir "$staging/bin"

export CGO_ENABLED=0
staging_version="v0.${K8S_VERSION#*.}" # k8s.io/api etc. are tagged v0.<minor>.<patch>

# --- kube-apiserver + kubectl ----------------------------------------------
# k8s.io/kubernetes' go.mod points every k8s.io/* staging module at
# ./staging/src/... with version v0.0.0. Those replaces only apply inside that
# repo, so a wrapper module must redirect each one to its published v0.x tag.
kube_mod="$build_root/kubernetes-v${K8S_VERSION}"
rm -rf "$kube_mod" && mkdir -p "$kube_mod"
upstream_gomod="$(cd "$kube_mod" && go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" |
  sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
[[ -f "$upstream_gomod" ]] || { echo "cannot locate go.mod of k8s.io/kubernetes@v${K8S_VERSION}" >&2; exit 1; }
{
  echo "module kubebuild"
  grep -E '^(go|godebug) ' "$upstream_gomod" # same language version and GODEBUG defaults as upstream
  echo "require k8s.io/kubernetes v${K8S_VERSION}"
  sed -nE "s#^[[:space:]]*(replace[[:space:]]+)?(k8s\.io/[^[:space:]]+)[[:space:]]+=>[[:space:]]+\./staging/.*#replace \2 => \2 ${staging_version}#p" "$upstream_gomod"
} >"$kube_mod/go.mod"

# `go build` leaves the version at its v0.0.0-master placeholder (in /version
# and in --version, which the cache check above relies on); release builds set
# it the same way via -X.
kube_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ldflags+=" -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=${K8S_VERSION%%.*}"
  kube_ldflags+=" -X $pkg.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION") -X $pkg.gitTreeState=clean -X $pkg.gitCommit="
done

# -tool: main packages cannot be required as libraries, but can as tools.
# The explicit @version matters: a bare path would mean @latest.
timed "resolving k8s.io/kubernetes v${K8S_VERSION} modules" "$kube_mod" \
  go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@v${K8S_VERSION}" "k8s.io/kubernetes/cmd/kubectl@v${K8S_VERSION}"
for cmd in kube-apiserver kubectl; do
  timed "building $cmd v${K8S_VERSION} from Go modules" "$kube_mod" \
    go build -trimpath -ldflags "$kube_ldflags" -o "$staging/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done

# --- etcd ------------------------------------------------------------------
# `go install go.etcd.io/etcd/server/v3@...` refuses because etcd's go.mod has
# replace directives; a wrapper module sidesteps that. server/v3's root
# package is etcd's main.
etcd_mod="$build_root/etcd-${ETCD_VERSION}"
rm -rf "$etcd_mod" && mkdir -p "$etcd_mod"
printf 'module etcdbuild\n\ngo 1.24.0\n' >"$etcd_mod/go.mod"
timed "resolving go.etcd.io/etcd/server/v3 ${ETCD_VERSION} modules" "$etcd_mod" \
  go get -tool "go.etcd.io/etcd/server/v3@${ETCD_VERSION}"
timed "building etcd ${ETCD_VERSION} from Go modules" "$etcd_mod" \
  go build -trimpath -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${ETCD_VERSION}" \
  -o "$staging/bin/etcd" go.etcd.io/etcd/server/v3

# --- install atomically ----------------------------------------------------
"$staging/bin/kube-apiserver" --version | grep -qx "Kubernetes v${K8S_VERSION}" ||
  { echo "built kube-apiserver does not report v${K8S_VERSION}" >&2; exit 1; }
chmod 755 "$staging/bin" "$staging/bin"/*
install_loopback_wrapper "$staging/bin"
# A stale or incomplete target is moved aside (and deleted by the trap); the
# new dir then appears in a single rename.
if [[ -e "$target_dir" ]]; then mv "$target_dir" "$staging/old"; fi
mv "$staging/bin" "$target_dir"
echo "installed etcd ${ETCD_VERSION}, kube-apiserver and kubectl v${K8S_VERSION} into $target_dir"
