package mattermost

import (
	"context"
	"encoding/json"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/todo"
)

// EventTodoChanged is the WebSocket event published for every change to a
// list. The webapp receives it as "custom_channel-todo_todo_changed".
const EventTodoChanged = "todo_changed"

// WebSocketPublisher is the part of the plugin API that sends WebSocket
// events; plugin.API and pluginapi's FrontendService both provide it.
type WebSocketPublisher interface {
	PublishWebSocketEvent(event string, payload map[string]any, broadcast *model.WebsocketBroadcast)
}

// Publisher sends todo events to the users who can see the list: the
// channel's members for a channel list, the owner for a personal list.
type Publisher struct {
	api WebSocketPublisher
}

var _ todo.Publisher = (*Publisher)(nil)

// NewPublisher returns a Publisher over the plugin API.
func NewPublisher(api WebSocketPublisher) *Publisher {
	return &Publisher{api: api}
}

// Payload builds the event payload. Values must be plain types because the
// payload crosses the plugin RPC boundary with gob: the todo travels as a
// JSON string.
func Payload(e todo.Event) map[string]any {
	body, err := json.Marshal(e.Todo)
	if err != nil {
		body = []byte("{}")
	}
	return map[string]any{
		"action":     e.Action,
		"list_id":    e.Scope.ListID(),
		"channel_id": e.Scope.ChannelID,
		"user_id":    e.Scope.UserID,
		"version":    e.Version,
		"todo_id":    e.Todo.ID,
		"todo":       string(body),
	}
}

// Publish implements todo.Publisher.
func (p *Publisher) Publish(_ context.Context, e todo.Event) {
	p.api.PublishWebSocketEvent(EventTodoChanged, Payload(e), audience(e.Scope))
}

// audience is who sees a list's events: the channel's members for a channel
// list, the owner for a personal list.
func audience(scope todo.Scope) *model.WebsocketBroadcast {
	broadcast := &model.WebsocketBroadcast{ReliableClusterSend: true}
	if scope.Kind == todo.ScopePersonal {
		broadcast.UserId = scope.UserID
	} else {
		broadcast.ChannelId = scope.ChannelID
	}
	return broadcast
}
