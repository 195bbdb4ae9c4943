package api

import (
	"context"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// UserIDs finds a user's id by username.
type UserIDs interface {
	UserIDByUsername(ctx context.Context, username string) (string, bool)
}

// ChatLines is the LineParser of the plugin: `"parse": true` reads an add's text with the
// same grammar as /todo add, in the acting user's time zone.
type ChatLines struct {
	// Zone is the user's time zone.
	Zone func(userID string) *time.Location
	// Users returns who can be assigned by name.
	Users func() UserIDs
}

var _ LineParser = ChatLines{}

// ParseLine implements LineParser.
func (a ChatLines) ParseLine(ctx context.Context, userID, text string) (Line, error) {
	now := time.Now().In(a.Zone(userID))
	line := command.ParseAddLine(text, now)
	out := Line{Text: line.Text, Priority: line.Priority, Recur: line.Recur}
	if line.Due != nil {
		out.Due = &todo.Due{Date: line.Due.Date, Time: line.Due.Time}
	}
	if line.Self {
		out.Assignees = append(out.Assignees, userID)
	}
	dir := a.Users()
	for _, name := range line.Usernames {
		id, ok := dir.UserIDByUsername(ctx, name)
		if !ok {
			return Line{}, &todo.Error{Kind: todo.ErrInvalid, Code: todo.CodeInvalidAssignee, Message: fmt.Sprintf(
				"@%s can't be assigned: only people who can see this list can. Nothing was added; write \\@%s to keep the word in the text.", name, name)}
		}
		out.Assignees = append(out.Assignees, id)
	}
	return out, nil
}
