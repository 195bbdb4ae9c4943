package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/channel-todo/channel-todo/server/reactions"
)

// Values of ReactionAdds, and the default emoji that adds a message to the list.
const (
	reactionsOn          = "on"
	reactionsOff         = "off"
	defaultReactionEmoji = "memo"
)

// emojiNamePattern is the shape of a Mattermost emoji name (system or custom).
var emojiNamePattern = regexp.MustCompile(`^[a-z0-9_+-]{1,64}$`)

func (c *configuration) setReactionDefaults() {
	c.ReactionAdds = strings.ToLower(strings.TrimSpace(c.ReactionAdds))
	if c.ReactionAdds == "" {
		c.ReactionAdds = reactionsOn
	}
	c.ReactionAddEmoji = strings.Trim(strings.ToLower(strings.TrimSpace(c.ReactionAddEmoji)), ":")
	if c.ReactionAddEmoji == "" {
		c.ReactionAddEmoji = defaultReactionEmoji
	}
}

func (c *configuration) reactionsValid() error {
	if c.ReactionAdds != reactionsOn && c.ReactionAdds != reactionsOff {
		return fmt.Errorf("adding by reaction %q is not valid: choose %q or %q", c.ReactionAdds, reactionsOn, reactionsOff)
	}
	if !emojiNamePattern.MatchString(c.ReactionAddEmoji) {
		return fmt.Errorf("emoji %q is not valid: enter an emoji's name, such as memo or pushpin", c.ReactionAddEmoji)
	}
	if c.ReactionAddEmoji == reactions.CompleteEmoji {
		return fmt.Errorf("emoji %q already completes todos: choose another emoji to add messages", reactions.CompleteEmoji)
	}
	return nil
}

// addEmoji is the emoji that adds a message to its channel's list, "" when that is off.
func (c *configuration) addEmoji() string {
	if c.ReactionAdds != reactionsOn {
		return ""
	}
	return c.ReactionAddEmoji
}
