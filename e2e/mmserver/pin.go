//go:build tools

// Package mmserver only records the Mattermost server package built for the end-to-end tests.
package mmserver

import _ "github.com/mattermost/mattermost/server/v8/cmd/mattermost"
