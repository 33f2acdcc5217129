#!/usr/bin/env bash
# The "Install netlint" step of the GitHub Action (action.yml), kept in a file
# so it can be run and tested outside GitHub (internal/actiontest).
#
# It installs the release binary of the action's own ref: for a release tag
# (v1.2.3) it downloads the archive GoReleaser built for this runner
# (.goreleaser.yaml: netlint_<version>_<os>_<arch>.tar.gz, .zip on Windows) and
# checksums.txt from the release, verifies the archive's SHA-256, and installs
# the binary into the runner's tool cache, where a later run on the same runner
# finds it. When the ref has no release (a branch, a commit, a moving major tag
# such as v0, or a release without an archive for this platform: HTTP 404) it
# says so and asks for a build from source (output build=true; action.yml then
# sets up Go and builds). A checksum that does not match is an error, never a
# reason to build instead: the download has been tampered with.
#
# Environment:
#   NETLINT_REF               the action's ref (github.action_ref); empty for `uses: ./`
#   NETLINT_RELEASE_BASE_URL  where releases are (default
#                             https://github.com/netlint/netlint/releases/download);
#                             files are fetched from $NETLINT_RELEASE_BASE_URL/<ref>/
#   RUNNER_OS, RUNNER_ARCH    Linux | macOS | Windows, X64 | ARM64
#   RUNNER_TOOL_CACHE         the tool cache: $RUNNER_TOOL_CACHE/netlint/<version>/<arch>/netlint
#                             (<arch>: amd64 | arm64) and the marker <arch>.complete
#   RUNNER_TEMP, GITHUB_OUTPUT as GitHub sets them.
# Outputs: path (the binary to run, or to build to), build (true | false), version.
set -euo pipefail

base=${NETLINT_RELEASE_BASE_URL:-https://github.com/netlint/netlint/releases/download}
ref=${NETLINT_REF:-}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}

say() { echo "netlint install: $1" >&2; }

fail() {
  say "$1"
  echo "::error title=netlint::$1"
  exit 2
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s\n' "$@" >>"$GITHUB_OUTPUT"
  fi
}

exe=netlint
case "${RUNNER_OS:-}" in
  Linux) goos=linux ;;
  macOS) goos=darwin ;;
  Windows) goos=windows exe=netlint.exe ;;
  *) goos="" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) goarch=amd64 ;;
  ARM64) goarch=arm64 ;;
  *) goarch="" ;;
esac

# build REASON: no release binary; the action builds from source to $RUNNER_TEMP.
build() {
  local dest="$temp/netlint-build/$exe"
  say "$1; building netlint from source"
  echo "::notice title=netlint::$1; building netlint from source (slower: pin a release tag such as v1.2.3 for a prebuilt binary)"
  output "path=$dest" "build=true" "version=${ref#v}"
  exit 0
}

# Only a full release tag can have a release; it also becomes a path below.
if ! [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  build "ref '${ref:-(none)}' is not a release tag"
fi
version=${ref#v}
if [ -z "$goos" ] || [ -z "$goarch" ]; then
  build "no release binary for runner ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}"
fi

cache_root=${RUNNER_TOOL_CACHE:-$temp/netlint-tools}
dir="$cache_root/netlint/$version/$goarch"
bin="$dir/$exe"
if [ -f "$dir.complete" ] && [ -x "$bin" ]; then
  say "using netlint $version from the tool cache ($bin)"
  output "path=$bin" "build=false" "version=$version"
  exit 0
fi

# The archive name is GoReleaser's archives.name_template in .goreleaser.yaml.
archive="netlint_${version}_${goos}_${goarch}.tar.gz"
[ "$goos" = windows ] && archive="netlint_${version}_${goos}_${goarch}.zip"

if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
  fail "neither sha256sum nor shasum is installed: cannot verify the download"
fi
command -v curl >/dev/null 2>&1 || fail "curl is needed to download netlint"

work=$(mktemp -d "$temp/netlint-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# fetch NAME: download $base/$ref/NAME into $work; returns 1 on HTTP 404.
fetch() {
  local url="$base/$ref/$1" code
  code=$(curl -sSL --retry 3 --retry-delay 2 -o "$work/$1" -w '%{http_code}' "$url") ||
    fail "download $url failed (HTTP ${code:-none})"
  case "$code" in
    200) return 0 ;;
    404) return 1 ;;
    *) fail "download $url: HTTP $code" ;;
  esac
}

fetch checksums.txt || build "no release $ref at $base (checksums.txt: HTTP 404)"
fetch "$archive" || build "release $ref has no $archive (HTTP 404)"

# checksums.txt: "<sha256>  <file>" lines, as GoReleaser writes it.
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/checksums.txt")
[ -n "$want" ] || fail "checksums.txt of $ref does not list $archive: refusing to install it"
got=$(sha256 "$work/$archive")
if [ "$got" != "$want" ]; then
  fail "checksum mismatch for $archive of $ref: got sha256 $got, checksums.txt says $want; refusing to install it"
fi
say "verified $archive (sha256 $got)"

mkdir "$work/x"
case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" "$exe" -d "$work/x" || fail "cannot extract $exe from $archive"
    else
      tar -xf "$work/$archive" -C "$work/x" "$exe" || fail "cannot extract $exe from $archive (no unzip)"
    fi
    ;;
  *) tar -xzf "$work/$archive" -C "$work/x" "$exe" || fail "cannot extract $exe from $archive" ;;
esac
if [ ! -f "$work/x/$exe" ] || [ -L "$work/x/$exe" ]; then
  fail "$archive has no file $exe"
fi

mkdir -p "$dir"
cp "$work/x/$exe" "$bin.tmp"
chmod 755 "$bin.tmp"
mv -f "$bin.tmp" "$bin"
: >"$dir.complete"
say "installed netlint $version to $bin"
output "path=$bin" "build=false" "version=$version"
