package main

import (
	"context"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// addLines is api.LineParser: the REST door's `"parse": true` reads an add's text with the
// same grammar as /todo add, in the acting user's time zone.
type addLines struct{ p *Plugin }

func (a addLines) ParseLine(ctx context.Context, userID, text string) (api.Line, error) {
	now := time.Now().In(a.p.zoneOf(userID))
	line := command.ParseAddLine(text, now)
	out := api.Line{Text: line.Text, Priority: line.Priority, Recur: line.Recur}
	if line.Due != nil {
		out.Due = &todo.Due{Date: line.Due.Date, Time: line.Due.Time}
	}
	if line.Self {
		out.Assignees = append(out.Assignees, userID)
	}
	dir := a.p.directory()
	for _, name := range line.Usernames {
		id, ok := dir.UserIDByUsername(ctx, name)
		if !ok {
			return api.Line{}, &todo.Error{Kind: todo.ErrInvalid, Code: todo.CodeInvalidAssignee, Message: fmt.Sprintf(
				"@%s can't be assigned: only people who can see this list can. Nothing was added; write \\@%s to keep the word in the text.", name, name)}
		}
		out.Assignees = append(out.Assignees, id)
	}
	return out, nil
}
