package remind

import (
	"context"

	"github.com/channel-todo/channel-todo/server/todo"
)

// ServiceAccess answers People.CanRead from the service's permission rules.
type ServiceAccess struct{ Service *todo.Service }

// CanRead implements People.CanRead: whoever can still read the channel, unless it is
// archived: its list is read-only, so a reminder's Done would only be refused.
func (a ServiceAccess) CanRead(ctx context.Context, userID, channelID string) bool {
	scope := todo.ChannelScope(channelID)
	err := a.Service.CanWrite(ctx, userID, scope)
	if err == nil {
		return true
	}
	if todo.CodeOf(err) == todo.CodeArchived {
		return false
	}
	return a.Service.CanRead(ctx, userID, scope) == nil
}

// maxDigestTodos bounds what one digest reads.
const maxDigestTodos = 1000

// ServiceDigests reads a person's open todos for the digest, as the person may see them.
type ServiceDigests struct{ Service *todo.Service }

// Open implements Digests.
func (d ServiceDigests) Open(ctx context.Context, userID string) ([]todo.Todo, error) {
	var all []todo.Todo
	cursor := ""
	for len(all) < maxDigestTodos {
		page, err := d.Service.Mine(ctx, userID, todo.MineQuery{Filter: todo.Filter{State: string(todo.StateOpen), Cursor: cursor, Limit: todo.MaxPageSize}})
		if err != nil {
			return nil, err
		}
		all = append(all, page.Todos...)
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	return all, nil
}
