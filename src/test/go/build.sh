#!/usr/bin/env bash
# Builds the Go programs of the real-network tests, each once per version of its sources:
#   waku        go-waku's node (github.com/waku-org/go-waku v0.10.0, cmd/waku, without RLN), from
#               the module in wakunode/, which repeats go-waku's replace directive
#   statuspeer  the Status-style sender, member and seeder (statuspeer/: go-waku's payload code and
#               anacrolix/torrent v1.41.0, the version status-go pins)
# A binary lands in a cache folder named after a hash of its module, so a second run does not
# build again. Prints "name path" for each. Modules come from the Go module proxy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${HISTORIAN_GO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/historian-tests}

if ! command -v go >/dev/null 2>&1; then
  echo "Go 1.23 or newer is needed for the real-network tests (go.dev/dl; .ci/run fetches one from the Go module proxy)" >&2
  exit 3
fi
if ! go version | grep -qE 'go1\.(2[3-9]|[3-9][0-9])'; then
  echo "Go 1.23 or newer is needed for the real-network tests, found: $(go version)" >&2
  exit 3
fi
command -v gcc >/dev/null 2>&1 || { echo "gcc is needed to build go-waku (cgo, SQLite): apt-get install gcc" >&2; exit 3; }

build() {
  local name=$1 module=$2 package=$3 tags=$4
  local key
  key=$( (cd "$here/$module" && cat go.mod go.sum ./*.go; go version; echo "$tags") | sha256sum | cut -c1-16)
  local out=$cache/$name-$key
  if [ ! -x "$out/$name" ]; then
    rm -rf "$out.partial"
    mkdir -p "$out.partial"
    (cd "$here/$module" && CGO_ENABLED=1 GOFLAGS=-mod=readonly go build -tags "$tags" -trimpath -ldflags="-s -w" \
      -o "$out.partial/$name" "$package") >&2
    rm -rf "$out"
    mv "$out.partial" "$out"
  fi
  echo "$name $out/$name"
}

build waku wakunode github.com/waku-org/go-waku/cmd/waku gowaku_no_rln
# disable_libutp: anacrolix's cgo uTP binding of 2022 does not build with current Go; uTP is then
# its Go implementation (Historian speaks TCP only either way).
build statuspeer statuspeer . disable_libutp
