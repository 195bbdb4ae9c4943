package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/channel-todo/channel-todo/server/todo"
)

// seed fills a list with n open todos in one statement (the benchmarks
// measure reads and single adds, not the seeding), every third one assigned
// to assignee.
func seed(tb testing.TB, db *sql.DB, scope todo.Scope, n int, assignee string) {
	tb.Helper()
	ctx := context.Background()
	listID := scope.ListID()
	_, err := db.ExecContext(ctx, `
		INSERT INTO channeltodo_lists (id, kind, channel_id, user_id, next_number, last_position, version, created_at)
		VALUES ($1, $2, $3, $4, $5 + 1, $5 * 1024, $5, 1)`,
		listID, string(scope.Kind), scope.ChannelID, scope.UserID, n)
	if err != nil {
		tb.Fatal(err)
	}
	_, err = db.ExecContext(ctx, `
		INSERT INTO channeltodo_todos (id, list_id, channel_id, number, text, state, position, creator_id, created_at, updated_at)
		SELECT substr(md5($1 || i::text), 1, 26), $1, $2, i, 'todo number ' || i, 'open', i * 1024, $3, i, i
		FROM generate_series(1, $4::bigint) AS i`, listID, scope.ChannelID, alice, n)
	if err != nil {
		tb.Fatal(err)
	}
	if assignee != "" {
		_, err = db.ExecContext(ctx, `
			INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
			SELECT id, $2, channel_id, created_at FROM channeltodo_todos WHERE list_id = $1 AND number % 3 = 0`, listID, assignee)
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func analyze(tb testing.TB, db *sql.DB) {
	tb.Helper()
	if _, err := db.Exec(`ANALYZE`); err != nil {
		tb.Fatal(err)
	}
}

// listSizes are the list lengths the add and list benchmarks run at.
var listSizes = []struct {
	name string
	n    int
}{{"10k", 10_000}, {"100k", 100_000}}

func BenchmarkAdd(b *testing.B) {
	for _, size := range listSizes {
		b.Run(size.name, func(b *testing.B) {
			s, db := newTestStore(b)
			scope := todo.ChannelScope(channel)
			seed(b, db, scope, size.n, "")
			analyze(b, db)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Add(ctx, newTodo(scope, "benchmark", int64(i), bob)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkList reads one 50-todo page (asking for 51 to detect the next
// page, as the service does) from the start and from near the end of a list.
func BenchmarkList(b *testing.B) {
	cases := []struct {
		name string
		q    todo.StoreQuery
		deep bool
	}{
		{"open/first", todo.StoreQuery{State: todo.StateOpen}, false},
		{"open/last", todo.StoreQuery{State: todo.StateOpen}, true},
		{"assignee/first", todo.StoreQuery{State: todo.StateOpen, Assignee: bob}, false},
	}
	for _, size := range listSizes {
		b.Run(size.name, func(b *testing.B) {
			s, db := newTestStore(b)
			scope := todo.ChannelScope(channel)
			seed(b, db, scope, size.n, bob)
			analyze(b, db)
			ctx := context.Background()
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					q := c.q
					q.ListID, q.Limit = scope.ListID(), 51
					if c.deep {
						q.After = &todo.Cursor{Key: int64(size.n-100) * 1024}
					}
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						page, err := s.List(ctx, q)
						if err != nil {
							b.Fatal(err)
						}
						if len(page) == 0 {
							b.Fatal("empty page")
						}
					}
				})
			}
		})
	}
}

// BenchmarkMine10kOver100Channels reads "mine" as the service does: one
// statement that joins the user's memberships (Mattermost's tables, here
// their columns the store reads) and returns the page, the total and the
// channels outside the memberships. Its 3,300 open todos are counted as the
// chat view counts them: up to todo.MineCountCap, then "more than" it.
func BenchmarkMine10kOver100Channels(b *testing.B) {
	s, db := newTestStore(b)
	setMember := withMembershipTables(b, db)
	for i := 0; i < 100; i++ {
		c := todo.NewID()
		setMember(c, bob, true)
		seed(b, db, todo.ChannelScope(c), 100, bob)
	}
	analyze(b, db)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := s.MinePage(ctx, todo.MineStoreQuery{UserID: bob, Members: true, State: todo.StateOpen, Limit: 51}, todo.MineCountCap)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Todos) != 51 || len(p.Outside) != 0 || p.Total != todo.MineCountCap+1 {
			b.Fatalf("got %d todos, %d outside, total %d", len(p.Todos), len(p.Outside), p.Total)
		}
	}
}
