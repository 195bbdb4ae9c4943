package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// seedAssigned writes n open todos of a channel's list, all assigned to user and created at
// from+1 … from+n, straight into the tables (as the benchmarks seed them): adding 30,000
// todos one by one would take the test minutes.
func seedAssigned(t *testing.T, db *sql.DB, channel, user string, n, from int) {
	t.Helper()
	_, err := db.Exec(`INSERT INTO channeltodo_lists (id, kind, channel_id, user_id, next_number, last_position, version, created_at)
		VALUES ('c_' || $1, 'channel', $1, '', $2 + 1, $2, $2, 1)
		ON CONFLICT (id) DO UPDATE SET next_number = $2 + 1, last_position = $2, version = $2`, channel, from+n)
	require.NoError(t, err)
	for _, stmt := range []string{
		`INSERT INTO channeltodo_todos (id, list_id, channel_id, number, text, state, position, creator_id, created_at, updated_at)
		 SELECT substr(md5($1 || i::text), 1, 26), 'c_' || $1, $1, i, 'todo ' || i, 'open', i, $2, i, i
		 FROM generate_series($3::int + 1, $3::int + $4::int) AS i`,
		`INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
		 SELECT substr(md5($1 || i::text), 1, 26), $2, $1, i FROM generate_series($3::int + 1, $3::int + $4::int) AS i`,
	} {
		_, err := db.Exec(stmt, channel, user, from, n)
		require.NoError(t, err)
	}
	_, err = db.Exec(`ANALYZE channeltodo_todos; ANALYZE channeltodo_assignees`)
	require.NoError(t, err)
}

// TestMineCountIsExactUpToItsCap: MinePage counts up to upTo+1, the personal list's todos and
// the assigned ones together, of the query's state only; below the cap the count is exact.
func TestMineCountIsExactUpToItsCap(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user, channel := todo.NewID(), todo.NewID()
	setMember(channel, user, true)
	const upTo = 10
	for i := 0; i < upTo+4; i++ {
		add(t, s, newTodo(todo.ChannelScope(channel), "assigned", int64(2*i+1), user))
	}
	for i := 0; i < 3; i++ {
		add(t, s, newTodo(todo.PersonalScope(user), "own", int64(2*i+2)))
	}
	// A done todo and one assigned to someone else are not counted as open ones of the user's.
	done := newTodo(todo.ChannelScope(channel), "done", 40, user)
	done.State, done.CompletedAt, done.CompletedBy = todo.StateDone, 41, user
	add(t, s, done)
	add(t, s, newTodo(todo.ChannelScope(channel), "theirs", 50, todo.NewID()))
	q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 5}
	count := func(upTo int) int {
		t.Helper()
		p, err := s.MinePage(ctx, q, upTo)
		require.NoError(t, err)
		require.Len(t, p.Todos, 5)
		return p.Total
	}
	open := upTo + 4 + 3
	require.Equal(t, open, count(100), "below the cap, exact")
	require.Equal(t, open, count(open), "at the cap, exact")
	require.Equal(t, open, count(open-1), "one above the cap: more than open-1")
	require.Equal(t, upTo+1, count(upTo), "far above the cap, it stops at upTo+1")
	require.Equal(t, 3, count(2), "the personal list alone reaches the cap")
	require.Equal(t, -1, count(0), "no count asked")
	q.State = todo.StateDone
	p, err := s.MinePage(ctx, q, 100)
	require.NoError(t, err)
	require.Equal(t, 1, p.Total)
}

// TestMineCountNamesTheChannelsOutsideUpToItsEnd: with the count, MinePage names the assigned
// channels outside the memberships up to where the count stops, not only up to the page's end,
// so that the caller can add the readable ones and the count below the cap stays exact; beyond
// where the count stops, an outside channel can change neither the page nor the count.
func TestMineCountNamesTheChannelsOutsideUpToItsEnd(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user, member, outside := todo.NewID(), todo.NewID(), todo.NewID()
	setMember(member, user, true)
	for i := 0; i < 30; i++ {
		ch := member
		if i == 20 {
			ch = outside
		}
		add(t, s, newTodo(todo.ChannelScope(ch), "assigned", int64(i+1), user))
	}
	q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 3}
	p, err := s.MinePage(ctx, q, 0)
	require.NoError(t, err)
	require.Empty(t, p.Outside, "beyond the page, without a count")

	p, err = s.MinePage(ctx, q, 100)
	require.NoError(t, err)
	require.Equal(t, []string{outside}, p.Outside, "within the count")
	require.Equal(t, 29, p.Total)
	q.ChannelIDs = p.Outside
	p, err = s.MinePage(ctx, q, 100)
	require.NoError(t, err)
	require.Equal(t, 30, p.Total, "once found readable, counted")

	q.ChannelIDs = nil
	p, err = s.MinePage(ctx, q, 10)
	require.NoError(t, err)
	require.Empty(t, p.Outside, "the count stops before it")
	require.Equal(t, 11, p.Total)
}

// TestMineCountOf100000IsBounded (issue 10): `/todo mine` for a user with 100,000 open assigned
// todos counted every one of them (0.7–0.8 s through the server). Counted up to
// todo.MineCountCap, the statement reads about that many assignments, however many there are,
// and is priced below jit_above_cost, so PostgreSQL does not compile it first (at 10,000 it is
// priced above, and compiling took half of its 126 ms).
func TestMineCountOf100000IsBounded(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user, channel := todo.NewID(), todo.NewID()
	setMember(channel, user, true)
	seedAssigned(t, db, channel, user, 100_000, 0)
	q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 21}
	p, err := s.MinePage(ctx, q, todo.MineCountCap)
	require.NoError(t, err)
	require.Len(t, p.Todos, 21)
	require.Equal(t, todo.MineCountCap+1, p.Total, "more than the cap")
	require.Empty(t, p.Outside)

	query, args := minePageStatement(q, todo.MineCountCap, false)
	require.Less(t, planCost(t, db, query, args...), jitAboveCost(t, db), "mine with its count is priced above jit_above_cost")
	read := rowsRead(t, db, query, args...)
	// The count's walk reads the cap and outsideCap more (so that as many assignments outside
	// the memberships do not end it early); the page and its walk outside, a page or two.
	walked := float64(todo.MineCountCap + 1 + outsideCap + 3*21)
	require.LessOrEqual(t, read["channeltodo_assignees"], walked, "about the cap is read, not all 100,000")
	require.LessOrEqual(t, read["channeltodo_todos"], walked)
	require.LessOrEqual(t, read["channelmembers"], float64(3*21), "one membership lookup for the count's one channel, two per todo on the page")
}

// TestMineCountReadsOnlyTheWalkedTodos: a user with fewer assignments than the count's walk
// reads (1,000 here) on a server with many other todos (100,000 in another list, assigned to
// someone else). The walk reads each of its todos by id; PostgreSQL used to hash the user's
// assignments and read every todo of every list to join them, and `/todo mine` over 1,000
// channels took 42 ms where over 10 it took 10.
func TestMineCountReadsOnlyTheWalkedTodos(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user, other, channel, busy := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	setMember(channel, user, true)
	seedAssigned(t, db, busy, other, 100_000, 0)
	seedAssigned(t, db, channel, user, 1000, 0)
	q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 21}
	p, err := s.MinePage(ctx, q, todo.MineCountCap)
	require.NoError(t, err)
	require.Len(t, p.Todos, 21)
	require.Equal(t, 1000, p.Total)

	query, args := minePageStatement(q, todo.MineCountCap, false)
	read := rowsRead(t, db, query, args...)
	walked := float64(1000 + 3*21)
	require.LessOrEqual(t, read["channeltodo_todos"], walked, "the user's todos are read, not the other list's 100,000")
	require.LessOrEqual(t, read["channeltodo_assignees"], walked+1000, "the walk and the page's assignees")
}

// TestMineCountPastManyOutsideAssignments: when more assignments outside the user's
// memberships come before the count's end than the count's walk reads past, MinePage asks again
// with the statement that names every such channel, and the count stays exact.
func TestMineCountPastManyOutsideAssignments(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user, left, member := todo.NewID(), todo.NewID(), todo.NewID()
	setMember(member, user, true)
	// Three todos in the member channel make the page, then come the assignments in a channel
	// the user left, then five more in the member channel.
	seedAssigned(t, db, member, user, 3, 0)
	seedAssigned(t, db, left, user, outsideCap+100, 3)
	seedAssigned(t, db, member, user, 5, outsideCap+103)
	q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 3}
	p, err := s.MinePage(ctx, q, 100)
	require.NoError(t, err)
	require.Len(t, p.Todos, 3)
	require.Equal(t, []string{left}, p.Outside)
	require.Equal(t, 8, p.Total, "the walk stopped before the last five; the count did not")

	q.ChannelIDs = p.Outside
	p, err = s.MinePage(ctx, q, 100)
	require.NoError(t, err)
	require.Equal(t, 101, p.Total, "once the channel is found readable: more than 100")
}
