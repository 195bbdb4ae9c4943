package store

import (
	"context"
	"fmt"

	"github.com/channel-todo/channel-todo/server/todo"
)

var _ todo.ReplyCounter = (*Store)(nil)

// ReplyCounts reads from Mattermost's Posts table (the plugin shares Mattermost's database)
// how many replies, not deleted, each thread root has: one statement for a whole page, on
// the replica, served by Mattermost's index on (RootId, DeleteAt). Roots without replies are
// left out.
func (s *Store) ReplyCounts(ctx context.Context, rootIDs []string) (map[string]int, error) {
	counts := map[string]int{}
	if len(rootIDs) == 0 {
		return counts, nil
	}
	rows, err := s.reader(ctx).QueryContext(ctx, `
		SELECT RootId, count(*) FROM Posts
		WHERE RootId = ANY($1) AND DeleteAt = 0
		GROUP BY RootId`, textArray(rootIDs))
	if err != nil {
		return nil, fmt.Errorf("counting replies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("counting replies: %w", err)
		}
		counts[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("counting replies: %w", err)
	}
	return counts, nil
}

var _ todo.ThreadIndex = (*Store)(nil)

// TodosInThread returns the todos, not deleted, whose thread root is rootID: one probe of the
// index channeltodo_todos_thread_root (migration 0010), whose expression this repeats.
func (s *Store) TodosInThread(ctx context.Context, rootID string) ([]todo.Todo, error) {
	inner := `SELECT ` + todoColumns + ` FROM channeltodo_todos t
		WHERE (CASE WHEN t.root_id <> '' THEN t.root_id ELSE t.post_id END) = $1
		AND t.deleted_at = 0 AND (t.root_id <> '' OR t.post_id <> '')`
	todos, err := queryTodos(ctx, s.reader(ctx), inner, "t.id", rootID)
	if err != nil {
		return nil, fmt.Errorf("finding a thread's todos: %w", err)
	}
	return todos, nil
}
