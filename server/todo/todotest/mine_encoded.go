package todotest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// MineEncodedContract checks that the service's MineEncoded, over the store newStore returns,
// is Mine as JSON: page after page, in every sort and with filters, the same todos in the same
// order (each todo the JSON of Mine's, keys in the same order, reply counts included), the same
// cursors and version, across member channels, a readable channel the user is not a member of
// and one the user may not read. newStore is as for MembershipContract.
func MineEncodedContract(t *testing.T, newStore func(t *testing.T) (todo.Store, func(channelID, userID string, member bool))) {
	ctx := context.Background()
	s, setMember := newStore(t)
	bob, alice := todo.NewID(), todo.NewID()
	auth := NewAuthorizer()
	replies := &Replies{}
	svc := todo.NewService(todo.Deps{Store: s, Authorizer: auth, Replies: replies}, todo.Config{})
	member, other, readable, hidden := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	for _, c := range []string{member, other, readable, hidden} {
		auth.AddChannel(todo.Channel{ID: c, Type: "O"})
	}
	for _, c := range []string{member, other} {
		setMember(c, bob, true)
		auth.AddMember(c, bob)
	}
	auth.Grant(readable, bob, true, false, false) // readable without a membership: Mine's second read

	texts := []string{"plain", `"quoted" \back\ and a line` + "\nbreak", "<b>markup</b> & ampersand", "emoji 🎉 \u2028 and \x01", `,"items_total":9}`}
	scopes := []todo.Scope{todo.PersonalScope(bob), todo.ChannelScope(member), todo.ChannelScope(other), todo.ChannelScope(readable), todo.ChannelScope(hidden)}
	shown, withReplies := 0, 0
	for i := 0; i < 30; i++ {
		scope := scopes[i%len(scopes)]
		td := todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: fmt.Sprint(texts[i%len(texts)], " ", i),
			State: todo.StateOpen, CreatorID: alice, CreatedAt: int64(100 + i/2), UpdatedAt: int64(100 + i/2), Priority: todo.Priority(i % 4)}
		if scope.Kind == todo.ScopeChannel {
			td.Assignees = []string{bob}
			if i%3 == 0 {
				td.Assignees = append(td.Assignees, alice)
			}
		}
		switch i % 4 {
		case 1:
			td.Due = &todo.Due{Date: fmt.Sprintf("2026-12-%02d", 1+i%7)}
		case 2:
			td.Due = &todo.Due{Date: fmt.Sprintf("2026-12-%02d", 1+i%5), Time: "09:30", Zone: "Europe/Berlin"}
		}
		if i%5 == 3 {
			td.State, td.CompletedBy, td.CompletedAt = todo.StateDone, bob, int64(200+i)
		}
		if i%2 == 0 {
			td.PostID = todo.NewID()
			if i%6 == 0 {
				td.RootID = todo.NewID()
			}
			if i%4 == 0 {
				replies.Set(td.ThreadRoot(), i+1)
			}
		}
		_, err := s.Add(ctx, td)
		require.NoError(t, err)
		if scope.ChannelID != hidden {
			shown++
		}
	}

	yes := true
	for _, sort := range []string{"", "priority", "due"} {
		for _, f := range []todo.Filter{
			{State: "all"},
			{},
			{State: "done"},
			{State: "all", Priority: "high"},
			{State: "all", HasDue: &yes},
			{State: "all", Assignee: alice},
			{State: "all", Skip: 3},
		} {
			f.Sort = sort
			for _, limit := range []int{50, 4} {
				f.Limit, f.Cursor = limit, ""
				name := fmt.Sprintf("sort %q, filter %+v", sort, f)
				seen := 0
				for pages := 0; ; pages++ {
					require.Less(t, pages, 20, name)
					want, err := svc.Mine(ctx, bob, todo.MineQuery{Filter: f})
					require.NoError(t, err, name)
					require.NoError(t, svc.CountReplies(ctx, want.Todos))
					got, err := svc.MineEncoded(ctx, bob, todo.MineQuery{Filter: f})
					require.NoError(t, err, name)
					require.NoError(t, svc.CountEncodedReplies(ctx, &got))
					require.Equal(t, want.NextCursor, got.NextCursor, name)
					require.Equal(t, want.Version, got.Version, name)
					require.Len(t, got.Todos, len(want.Todos), name)
					for i, td := range want.Todos {
						b, err := json.Marshal(td)
						require.NoError(t, err)
						require.JSONEq(t, string(b), string(got.Todos[i]), "%s: todo %d", name, i)
						require.Equal(t, objectKeys(t, b), objectKeys(t, got.Todos[i]), "%s: todo %d: the keys in Go's order", name, i)
						require.NotEqual(t, hidden, td.Scope.ChannelID, name)
						if td.Replies > 0 {
							withReplies++
						}
					}
					seen += len(want.Todos)
					if want.NextCursor == "" {
						break
					}
					f.Cursor = want.NextCursor
				}
				if sort == "" && f.State == "all" && !f.Filtered() && f.Skip == 0 {
					require.Equal(t, shown, seen, "%s: every todo but the hidden channel's", name)
				}
			}
		}
	}
	require.Positive(t, withReplies, "some todos have replies")
}

// objectKeys is the keys of a JSON object, in order.
func objectKeys(t *testing.T, doc []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	_, err := dec.Token()
	require.NoError(t, err)
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}
