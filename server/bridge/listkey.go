package bridge

import (
	"fmt"
	"regexp"
)

// ListKey names one list's data directory under the data root. It is made
// only of lower-case letters, digits, '-' and '_', so it can never climb out
// of the data root or hide as a dot file.
type ListKey string

var listKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,99}$`)

// ChannelList is the key of a channel's list.
func ChannelList(channelID string) ListKey { return ListKey("channel-" + channelID) }

// PersonalList is the key of a user's own list.
func PersonalList(userID string) ListKey { return ListKey("user-" + userID) }

// Validate reports whether the key is safe to use as a directory name.
func (k ListKey) Validate() error {
	if !listKeyPattern.MatchString(string(k)) {
		return fmt.Errorf("%q is not a valid list key", string(k))
	}
	return nil
}
