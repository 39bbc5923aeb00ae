//go:build tools

// Package tools pins go-waku's node, cmd/waku, to the version in go.mod, so that build.sh can
// build it from this module (go install refuses go-waku itself: its go.mod has a replace).
package tools

import _ "github.com/waku-org/go-waku/cmd/waku"
