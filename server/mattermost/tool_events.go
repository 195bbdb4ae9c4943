package mattermost

import "github.com/channel-todo/channel-todo/server/todo"

// EventToolChanged is the WebSocket event published when the command-line
// tool changed a list it keeps. The webapp receives it as
// "custom_channel-todo_tool_changed" and asks the tool for the list again:
// the tool's list has no versions or ids the event could carry.
const EventToolChanged = "tool_changed"

// ToolPayload builds the tool_changed payload: plain strings only, because
// it crosses the plugin RPC boundary with gob. A channel list names its
// channel, a personal list its owner.
func ToolPayload(scope todo.Scope, verb string) map[string]any {
	payload := map[string]any{"list_id": scope.ListID(), "verb": verb}
	if scope.Kind == todo.ScopePersonal {
		payload["user_id"] = scope.UserID
	} else {
		payload["channel_id"] = scope.ChannelID
	}
	return payload
}

// ToolChanged tells the list's audience (as Publish does for the built-in
// lists) that verb changed scope's list in the command-line tool.
func (p *Publisher) ToolChanged(scope todo.Scope, verb string) {
	p.api.PublishWebSocketEvent(EventToolChanged, ToolPayload(scope, verb), audience(scope))
}
