package mattermost

import (
	"context"

	"github.com/channel-todo/channel-todo/server/todo"
)

// EventRepliesChanged is the WebSocket event published when a reply was posted in, or deleted
// from, a todo's thread. The webapp receives it as "custom_channel-todo_replies_changed" and
// shows the new count on the todo's row. No list changed, so it carries no version and is
// not a todo_changed event (which would make sidebars read their list again).
const EventRepliesChanged = "replies_changed"

var _ todo.ReplyEvents = (*Publisher)(nil)

// RepliesPayload builds the replies_changed payload: plain values only, as it crosses the
// plugin RPC boundary with gob.
func RepliesPayload(t todo.Todo, replies int) map[string]any {
	return map[string]any{
		"list_id":     t.Scope.ListID(),
		"channel_id":  t.Scope.ChannelID,
		"user_id":     t.Scope.UserID,
		"todo_id":     t.ID,
		"reply_count": replies,
	}
}

// RepliesChanged implements todo.ReplyEvents: the todo's list's audience, as for its changes.
func (p *Publisher) RepliesChanged(_ context.Context, t todo.Todo, replies int) {
	p.api.PublishWebSocketEvent(EventRepliesChanged, RepliesPayload(t, replies), audience(t.Scope))
}
