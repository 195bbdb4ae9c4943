package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

var _ todo.SearchStore = (*Store)(nil)

// Search implements todo.SearchStore in one statement and one row read. The text's words
// come from the channeltodo_todos_search index (migration 0008); the memberships from
// Mattermost's own table on the primary, so leaving a channel takes effect at once.
func (s *Store) Search(ctx context.Context, q todo.SearchStoreQuery) ([]todo.Todo, error) {
	if len(q.Terms) == 0 {
		return []todo.Todo{}, nil
	}
	w := &where{}
	// Terms are letters and digits only (todo.SearchTerms), so each is one lexeme of the
	// query syntax as it stands; ":*" matches it as a word's beginning.
	prefixes := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		prefixes[i] = t + ":*"
	}
	user := w.arg(q.UserID)
	conds := []string{
		`t.deleted_at = 0`,
		`to_tsvector('simple', t.text) @@ to_tsquery('simple', ` + w.arg(strings.Join(prefixes, " & ")) + `)`,
		`(t.list_id = 'u_' || ` + user + ` OR (t.channel_id <> '' AND ` + memberOf("t.channel_id", user) + `))`,
	}
	if q.State != "" {
		conds = append(conds, `t.state = `+w.arg(string(q.State)))
	}
	if q.After != nil {
		conds = append(conds, `(t.created_at, t.id) < (`+w.arg(q.After.Key)+`, `+w.arg(q.After.ID)+`)`)
	}
	inner := `SELECT ` + todoColumns + ` FROM channeltodo_todos t WHERE ` + strings.Join(conds, " AND ") +
		` ORDER BY t.created_at DESC, t.id DESC LIMIT ` + w.arg(q.Limit)
	todos, err := queryTodos(ctx, s.db, inner, "t.created_at DESC, t.id DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("searching todos: %w", err)
	}
	return todos, nil
}
