package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// TestEncodedPageIsTheAPIsJSON: a page left encoded (what the REST API writes without
// decoding it) is, todo for todo, what encoding the todos in Go gives: the same keys in the
// same order and the same values, for todos with assignees, checklists, due dates with and
// without a time, priorities, recurrence, threads, done todos, and text that JSON escapes; and
// a deleted todo is in neither. The decoded page is the todos as they were written.
func TestEncodedPageIsTheAPIsJSON(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	for _, scope := range []todo.Scope{todo.ChannelScope(channel), todo.PersonalScope(bob)} {
		texts := []string{
			`plain`, `"quoted", with \backslash\ and a line` + "\nbreak,\n{\"x\":1}\ttab",
			`<b>markup</b> & ampersand`, "emoji 🎉 and \u2028 line separator and \x01 control", `,"items_total":9}`,
		}
		var want []todo.Todo
		for i, text := range texts {
			td := newTodo(scope, text, int64(100+i))
			switch i {
			case 0:
				td.Assignees = []string{bob, alice}
				td.Due = &todo.Due{Date: "2026-12-24"}
				td.Priority = todo.PriorityHigh
			case 1:
				td.Due = &todo.Due{Date: "2026-12-25", Time: "09:30", Zone: "Europe/Berlin"}
				td.Priority = todo.PriorityLow
				td.Recur = "weekly"
				td.PostID = todo.NewID()
			case 2:
				td.State, td.CompletedBy, td.CompletedAt = todo.StateDone, bob, 555
				td.Priority = todo.PriorityMedium
				td.RootID, td.PostID = todo.NewID(), todo.NewID()
				td.NextID = todo.NewID()
			case 3:
				td.Assignees = []string{alice}
			}
			got := add(t, s, td)
			want = append(want, got)
		}
		// A checklist of three on the first todo, one of them ticked; one empty checklist is none.
		for j := 0; j < 3; j++ {
			_, err := s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: want[0].ID, Text: fmt.Sprint("step ", j), CreatorID: alice, CreatedAt: 1, UpdatedAt: 1}, todo.MaxItems)
			require.NoError(t, err)
		}
		items, _, err := s.Items(ctx, want[0].ID)
		require.NoError(t, err)
		_, err = s.UpdateItem(ctx, want[0].ID, items[1].ID, 2, func(it *todo.Item) error { it.Done, it.DoneBy, it.DoneAt = true, bob, 2; return nil })
		require.NoError(t, err)
		want[0].ItemsTotal, want[0].ItemsDone, want[0].UpdatedAt = 3, 1, 2
		sort.Strings(want[0].Assignees) // as every read returns them
		// A deleted todo is in no page.
		gone := add(t, s, newTodo(scope, "deleted", 200, alice))
		_, err = s.Update(ctx, gone.ID, func(td *todo.Todo) error { td.DeletedAt, td.DeletedBy = 300, alice; return nil })
		require.NoError(t, err)

		q := todo.StoreQuery{ListID: scope.ListID(), Limit: 50}
		decoded, err := s.Page(ctx, q)
		require.NoError(t, err)
		require.Equal(t, want, decoded.Todos, "the decoded page is the todos as written")
		require.Nil(t, decoded.Encoded)

		q.Encoded = true
		encoded, err := s.Page(ctx, q)
		require.NoError(t, err)
		require.Nil(t, encoded.Todos)
		require.Equal(t, decoded.Version, encoded.Version)
		require.Len(t, encoded.Encoded.Todos, len(want))
		for i, raw := range encoded.Encoded.Todos {
			fromGo, err := json.Marshal(want[i])
			require.NoError(t, err)
			require.JSONEq(t, string(fromGo), string(raw), "todo %d", i)
			require.Equal(t, topKeys(t, fromGo), topKeys(t, raw), "todo %d: the keys in Go's order", i)
			require.Equal(t, want[i].ThreadRoot(), encoded.Encoded.Roots[i])
		}
	}
}

// topKeys is the keys of a JSON object (and of its nested objects, after their key) in order.
func topKeys(t *testing.T, doc []byte) []string {
	t.Helper()
	var keys []string
	var walk func(dec *json.Decoder, prefix string)
	walk = func(dec *json.Decoder, prefix string) {
		for dec.More() {
			tok, err := dec.Token()
			require.NoError(t, err)
			key := tok.(string)
			keys = append(keys, prefix+key)
			var raw json.RawMessage
			require.NoError(t, dec.Decode(&raw))
			if len(raw) > 0 && raw[0] == '{' {
				inner := json.NewDecoder(bytes.NewReader(raw))
				_, _ = inner.Token()
				walk(inner, prefix+key+".")
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	_, err := dec.Token()
	require.NoError(t, err)
	walk(dec, "")
	return keys
}

// TestPageOf200ReadsDetailsOnce pins what a page of 200 rests on: one statement and one row
// read through the driver, encoded or not; the todos' assignees and checklists read by one
// scan each for the whole page (loops = 1), not one probe per todo; and an encoded page
// cut into its 200 todos without being parsed.
func TestPageOf200ReadsDetailsOnce(t *testing.T) {
	ctx := context.Background()
	s, counts := newCountingStore(t)
	scope := todo.ChannelScope(todo.NewID())
	for i := 1; i <= 201; i++ {
		td := newTodo(scope, fmt.Sprint("todo ", i), int64(i))
		if i%3 == 0 {
			td.Assignees = []string{alice, bob}
		}
		add(t, s, td)
	}
	q := todo.StoreQuery{ListID: scope.ListID(), State: todo.StateOpen, Limit: 201}
	for _, encoded := range []bool{false, true} {
		q.Encoded = encoded
		counts.Reset()
		p, err := s.Page(ctx, q)
		require.NoError(t, err)
		require.Equal(t, int64(1), counts.Statements(), "encoded %v: one statement", encoded)
		require.Equal(t, int64(1), counts.Rows(), "encoded %v: one row", encoded)
		if encoded {
			require.Len(t, p.Encoded.Todos, 201)
		} else {
			require.Len(t, p.Todos, 201)
		}
	}

	inner, order, args := listQuery(q)
	root, plan := explainAnalyze(t, s.db, todosQuery(inner, order), args...)
	scans := map[string]planNode{}
	root.visit(func(n planNode) {
		if n.Relation != "" {
			scans[n.Relation] = n
		}
	})
	for _, table := range []string{"channeltodo_assignees", "channeltodo_items"} {
		n, ok := scans[table]
		require.True(t, ok, "%s is read: %s", table, plan)
		require.Equal(t, 1.0, n.Loops, "%s is read once for the page, not once per todo: %s", table, plan)
	}
	require.Equal(t, 134.0, scans["channeltodo_assignees"].Rows, "only the page's assignees are read")
}

// TestListKeysAreWhatSQLWrites: the "list_id" and "scope" keys a page of one list gets from
// listKeys, worked out once in Go, are the keys todoListKeys writes in SQL for each todo of
// the list, for ordinary list ids (byte for byte) and for ids that are not (the same values).
func TestListKeysAreWhatSQLWrites(t *testing.T) {
	db := newTestDB(t)
	id := todo.NewID()
	for _, list := range []string{
		"c_" + id, "u_" + id, "c_", "u_", "", "x_" + id, "c", `c_"quoted" \back`, "u_line\nbreak\ttab\x01", "c_<b>&amp;", "c_emoji 🎉 \u2028",
	} {
		var fromSQL string
		require.NoError(t, db.QueryRow(`SELECT `+todoListKeys+` FROM (SELECT $1::text AS list_id) t`, list).Scan(&fromSQL))
		fromGo := listKeys(list)
		var a, b map[string]any
		require.NoError(t, json.Unmarshal([]byte("{"+fromSQL[1:]+"}"), &a), fromSQL)
		require.NoError(t, json.Unmarshal([]byte("{"+fromGo[1:]+"}"), &b), fromGo)
		require.Equal(t, a, b, "list %q", list)
		require.NotContains(t, fromGo, "\n", "no raw line break, which separates a page's todos")
		if list == "c_"+id || list == "u_"+id {
			require.Equal(t, fromSQL, fromGo)
		}
	}
}

// TestEncodedMinePageIsTheDecodedOne: MinePage asked for its todos encoded returns them as its
// statement wrote them, not decoded, and they are the decoded page's todos as the API writes
// them (keys in Go's order), with their thread roots, the same channels outside and the same
// count: from the bounded statement and from the one that names every channel outside, which
// MinePage asks when the first walks more assignments outside than its cap.
func TestEncodedMinePageIsTheDecodedOne(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	setMember := withMembershipTables(t, db)
	user := todo.NewID()
	var outside []string
	for i := 0; i < 30; i++ {
		ch := todo.NewID()
		if i%10 == 4 {
			outside = append(outside, ch)
		} else {
			setMember(ch, user, true)
		}
		td := newTodo(todo.ChannelScope(ch), fmt.Sprint(`"todo" <`, i, ">\n"), int64(1000+i), user)
		if i%3 == 0 {
			td.PostID = todo.NewID()
		}
		if i%6 == 0 {
			td.RootID = todo.NewID()
		}
		add(t, s, td)
	}
	add(t, s, newTodo(todo.PersonalScope(user), "own", 1005))
	for _, capped := range []bool{false, true} {
		if capped {
			// Assignments outside the memberships, older than every todo above, more than
			// the bounded statement's walk looks at.
			many := todo.NewID()
			seedAssigned(t, db, many, user, outsideCap+10, 0)
			outside = append(outside, many)
		}
		for _, upTo := range []int{0, todo.MineCountCap} {
			q := todo.MineStoreQuery{UserID: user, Members: true, State: todo.StateOpen, Limit: 11}
			name := fmt.Sprintf("capped %v, count up to %d", capped, upTo)
			query, args := minePageStatement(q, upTo, false)
			row, err := s.minePage(ctx, query, args)
			require.NoError(t, err, name)
			require.Equal(t, capped, row.capped, name)
			decoded, err := s.MinePage(ctx, q, upTo)
			require.NoError(t, err, name)
			require.Nil(t, decoded.Encoded, name)
			require.Len(t, decoded.Todos, 11, name)
			q.Encoded = true
			encoded, err := s.MinePage(ctx, q, upTo)
			require.NoError(t, err, name)
			require.Nil(t, encoded.Todos, name)
			require.Subset(t, outside, encoded.Outside, name)
			require.NotEmpty(t, encoded.Outside, name)
			require.Equal(t, decoded.Outside, encoded.Outside, name)
			require.Equal(t, decoded.Total, encoded.Total, name)
			require.Len(t, encoded.Encoded.Todos, len(decoded.Todos), name)
			for i, td := range decoded.Todos {
				fromGo, err := json.Marshal(td)
				require.NoError(t, err)
				require.JSONEq(t, string(fromGo), string(encoded.Encoded.Todos[i]), "%s: todo %d", name, i)
				require.Equal(t, topKeys(t, fromGo), topKeys(t, encoded.Encoded.Todos[i]), "%s: todo %d", name, i)
				require.Equal(t, td.ThreadRoot(), encoded.Encoded.Roots[i], "%s: todo %d", name, i)
			}
		}
	}
}
