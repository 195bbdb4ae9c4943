// Package replies is the door of replies in Mattermost threads: a reply posted in a todo's
// thread, or deleted from it, changes the todo's reply count, which open sidebars show.
package replies

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Service is the part of the todo service this door calls.
type Service interface {
	ThreadChanged(ctx context.Context, rootID string) error
}

// Door hands replies to the service, which tells the sidebars showing a todo of that thread
// its new reply count.
type Door struct {
	Service Service
	Timeout time.Duration
	Log     func(msg string, keyValues ...any)
}

// Changed is told of a post posted or deleted, by anyone. Every post on the server passes
// here: one that is no reply (no RootId) costs nothing; a reply costs the service one index
// probe, and a count only when its thread is a todo's.
func (d Door) Changed(post *model.Post) {
	if d.Service == nil || post == nil || post.RootId == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	if err := d.Service.ThreadChanged(ctx, post.RootId); err != nil && d.Log != nil {
		d.Log("Channel Todo could not tell of a todo thread's new reply count", "root_id", post.RootId, "error", err.Error())
	}
}
