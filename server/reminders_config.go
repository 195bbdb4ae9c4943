package main

import (
	"fmt"
	"strings"

	"github.com/channel-todo/channel-todo/server/remind"
)

// defaultMorningHour is when a todo due on a date without a time falls due, in each
// recipient's own time zone.
const defaultMorningHour = 9

func (c *configuration) setReminderDefaults() {
	c.RemindersEnabled = onOffDefault(c.RemindersEnabled)
	c.DigestsAllowed = onOffDefault(c.DigestsAllowed)
	if c.ReminderMorningHour == 0 {
		c.ReminderMorningHour = defaultMorningHour
	}
}

func onOffDefault(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return reactionsOn
	}
	return v
}

func (c *configuration) remindersValid() error {
	for name, v := range map[string]string{"reminders": c.RemindersEnabled, "daily digests": c.DigestsAllowed} {
		if v != reactionsOn && v != reactionsOff {
			return fmt.Errorf("%s %q is not valid: choose %q or %q", name, v, reactionsOn, reactionsOff)
		}
	}
	if c.ReminderMorningHour < 1 || c.ReminderMorningHour > 23 {
		return fmt.Errorf("morning hour %d is not valid: enter an hour from 1 to 23", c.ReminderMorningHour)
	}
	return nil
}

// reminderSettings is the part of the settings the reminders read.
func (c *configuration) reminderSettings() remind.Settings {
	return remind.Settings{
		Enabled:       c.RemindersEnabled == reactionsOn,
		MorningHour:   c.ReminderMorningHour,
		DigestAllowed: c.DigestsAllowed == reactionsOn,
	}
}
