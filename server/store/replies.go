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
