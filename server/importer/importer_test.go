package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// ids are fixed user ids, so the test data reads like the stored rows.
var (
	alice = strings.Repeat("a", 26)
	bob   = strings.Repeat("b", 26)
	carol = strings.Repeat("c", 26) // deactivated
	dave  = strings.Repeat("d", 26) // not a user
	admin = strings.Repeat("z", 26)
)

func item(message string, extra ...string) []byte {
	v := map[string]any{"id": "ignored", "message": message, "create_at": 1700000000000, "postPermalink": ""}
	if len(extra) > 0 {
		v["description"] = extra[0]
	}
	b, _ := json.Marshal(v)
	return b
}

func refs(r ...officialRef) []byte {
	b, _ := json.Marshal(r)
	return b
}

// officialRows is a store the official plugin could have left: a personal list, a todo
// alice sent bob that bob has not accepted, one bob sent alice that she accepted, and the
// broken rows its non-atomic writes and other accidents leave.
func officialRows() []Row {
	return []Row{
		{"item_a1", item("Buy milk")},
		{"item_a2", item("Write report", "Q3 numbers")},
		{"item_sent_x", item("Review the PR")},      // alice's copy of what she sent bob
		{"item_sent_y", item("Review the PR")},      // bob's copy, not yet accepted
		{"item_back_x", item("Book the room")},      // bob's copy of what he sent alice
		{"item_back_y", item("Book the room")},      // alice's copy, accepted
		{"item_orphan", item("Nobody's todo")},      // no list refers to it
		{"item_broken", []byte(`{"message": "cut`)}, // unreadable
		{"item_empty", item("  ")},
		{"item_c1", item("Carol's todo")},
		{"item_d1", item("Dave's todo")},
		{"item_ghost", item("From a ghost")},
		{"order_" + alice, refs(
			officialRef{IssueID: "a1"},
			officialRef{IssueID: "missing_1"}, // dangling
			officialRef{IssueID: "a2"},
			officialRef{IssueID: "back_y", ForeignIssueID: "back_x", ForeignUserID: bob},
			officialRef{IssueID: "empty"},
			officialRef{IssueID: "ghost", ForeignUserID: dave}, // sent by someone who is not a user
		)},
		{"order_" + alice + "_out", refs(officialRef{IssueID: "sent_x", ForeignIssueID: "sent_y", ForeignUserID: bob})},
		{"order_" + bob + "_in", refs(officialRef{IssueID: "sent_y", ForeignIssueID: "sent_x", ForeignUserID: alice})},
		{"order_" + bob + "_out", refs(officialRef{IssueID: "back_x", ForeignIssueID: "back_y", ForeignUserID: alice},
			officialRef{IssueID: "a1"})}, // a second reference to alice's item
		{"order_" + carol, refs(officialRef{IssueID: "c1"})},
		{"order_" + dave, refs(officialRef{IssueID: "d1"})},
		{"order_not-a-user", refs(officialRef{IssueID: "a1"})},
		{"order_" + bob, []byte(`not json`)},
		{"reminder_" + alice, []byte(`1700000000000`)},
		{"mmi_botid", []byte(`"xyz"`)},
	}
}

func TestPlanReadsTheOfficialLayoutAndItsBrokenRows(t *testing.T) {
	entries, skips := plan(parseOfficial(officialRows()))

	type e struct{ ids, owner, sender, text string }
	var got []e
	for _, x := range entries {
		got = append(got, e{strings.Join(x.sourceIDs, ","), x.owner, x.sender, x.text})
	}
	require.Equal(t, []e{
		{"a1", alice, "", "Buy milk"},
		{"a2", alice, "", "Write report\nQ3 numbers"},
		{"back_y,back_x", alice, bob, "Book the room"},
		{"ghost", alice, dave, "From a ghost"},
		{"c1", carol, "", "Carol's todo"},
		{"d1", dave, "", "Dave's todo"},
		{"sent_y,sent_x", bob, alice, "Review the PR"},
	}, got)

	var why []string
	for _, s := range skips {
		why = append(why, fmt.Sprintf("%s %s", s.sourceID, s.reason))
	}
	sort.Strings(why)
	require.ElementsMatch(t, []string{
		"a1 listed_twice",
		"empty empty",
		"item_broken unreadable",
		"missing_1 missing_item",
		"order_" + bob + " unreadable",
		"order_not-a-user unreadable",
		"orphan orphan_item",
	}, why)
}

func TestWithUsersDropsOwnersWhoCannotHaveTodos(t *testing.T) {
	entries, _ := plan(parseOfficial(officialRows()))
	kept, skips := withUsers(entries, map[string]User{
		alice: {Username: "alice", Active: true}, bob: {Username: "bob", Active: true}, carol: {Username: "carol"},
	})
	var owners []string
	for _, e := range kept {
		owners = append(owners, e.sourceIDs[0]+" "+e.owner[:1]+" "+fmt.Sprint(e.sender != "", e.senderGone))
	}
	require.Equal(t, []string{
		"a1 a false false", "a2 a false false", "back_y a true false",
		"ghost a false true", // dave is no user: alice keeps it as her own
		"sent_y b true false",
	}, owners)
	var why []string
	for _, s := range skips {
		why = append(why, s.sourceID+" "+string(s.reason))
	}
	require.Equal(t, []string{"c1 inactive_user", "d1 unknown_user"}, why)
}

// fakeMattermost is the server as the importer sees it.
type fakeMattermost struct {
	rows    []Row
	users   map[string]User
	admins  map[string]bool
	auth    *todotest.Authorizer
	directs map[string]string
}

func (f *fakeMattermost) OfficialRows(context.Context) ([]Row, error) { return f.rows, nil }

func (f *fakeMattermost) Users(_ context.Context, ids []string) (map[string]User, error) {
	out := map[string]User{}
	for _, id := range ids {
		if u, ok := f.users[id]; ok {
			out[id] = u
		}
	}
	return out, nil
}

func (f *fakeMattermost) DirectChannel(_ context.Context, a, b string) (string, error) {
	if a > b {
		a, b = b, a
	}
	if id, ok := f.directs[a+b]; ok {
		return id, nil
	}
	id := todo.NewID()
	f.auth.AddChannel(todo.Channel{ID: id, Type: "D"})
	f.auth.AddMember(id, a)
	f.auth.AddMember(id, b)
	f.directs[a+b] = id
	return id, nil
}

func (f *fakeMattermost) IsSystemAdmin(_ context.Context, userID string) bool {
	return f.admins[userID]
}

func reasons(lines []Line) map[Reason]int {
	out := map[Reason]int{}
	for _, l := range lines {
		out[l.Reason]++
	}
	return out
}

func TestOfficialDryRunThenImportThenNothingNew(t *testing.T) {
	ctx := context.Background()
	auth := todotest.NewAuthorizer()
	store := todotest.NewMemStore()
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Imports: store}, todo.Config{MaxTextLength: 40})
	rows := append(officialRows(), Row{"order_" + admin, refs(officialRef{IssueID: "long"})},
		Row{"item_long", item(strings.Repeat("x", 41))})
	mm := &fakeMattermost{rows: rows, auth: auth, directs: map[string]string{}, admins: map[string]bool{admin: true},
		users: map[string]User{alice: {"alice", true}, bob: {"bob", true}, carol: {"carol", false}, admin: {"admin", true}}}
	im := New(svc, mm)

	_, err := im.Official(ctx, alice, false)
	require.ErrorIs(t, err, ErrSystemAdminOnly)
	require.Equal(t, CodeSystemAdminOnly, todo.CodeOf(err))

	dry, err := im.Official(ctx, admin, false)
	require.NoError(t, err)
	require.False(t, dry.Confirmed)
	require.Len(t, dry.Imported, 5)
	require.Equal(t, map[Reason]int{ReasonRefused: 1, ReasonListedTwice: 1, ReasonEmpty: 1, ReasonUnreadable: 3, ReasonMissingItem: 1,
		ReasonOrphan: 1, ReasonInactiveUser: 1, ReasonUnknownUser: 1}, reasons(dry.Skipped))
	require.Empty(t, mm.directs, "a dry run creates no direct channel")
	for _, u := range []string{alice, bob} {
		page, err := svc.Mine(ctx, u, todo.MineQuery{})
		require.NoError(t, err)
		require.Empty(t, page.Todos, "a dry run imports nothing")
	}

	done, err := im.Official(ctx, admin, true)
	require.NoError(t, err)
	require.True(t, done.Confirmed)
	require.Equal(t, dry.Skipped, done.Skipped)
	require.Len(t, done.Imported, 5)
	for _, l := range done.Imported {
		require.NotEmpty(t, l.TodoID)
	}

	mine, err := svc.List(ctx, alice, todo.ListQuery{Scope: todo.PersonalScope(alice)})
	require.NoError(t, err)
	var texts []string
	for _, td := range mine.Todos {
		texts = append(texts, td.Text)
		require.Equal(t, alice, td.CreatorID)
		require.Equal(t, int64(1700000000000), td.CreatedAt)
	}
	require.Equal(t, []string{"Buy milk", "Write report\nQ3 numbers", "From a ghost"}, texts)

	// The todo alice sent bob is in their direct channel, created by alice, assigned to bob;
	// the one bob sent alice likewise the other way round.
	dm := mm.directs[alice+bob]
	require.NotEmpty(t, dm)
	shared, err := svc.List(ctx, bob, todo.ListQuery{Scope: todo.ChannelScope(dm)})
	require.NoError(t, err)
	require.Len(t, shared.Todos, 2)
	got := map[string][2]string{}
	for _, td := range shared.Todos {
		require.Len(t, td.Assignees, 1)
		got[td.Text] = [2]string{td.CreatorID, td.Assignees[0]}
	}
	require.Equal(t, map[string][2]string{"Review the PR": {alice, bob}, "Book the room": {bob, alice}}, got)

	again, err := im.Official(ctx, admin, true)
	require.NoError(t, err)
	require.Empty(t, again.Imported)
	require.Equal(t, 5, reasons(again.Skipped)[ReasonAlreadyImported])
	mine, err = svc.List(ctx, alice, todo.ListQuery{Scope: todo.PersonalScope(alice)})
	require.NoError(t, err)
	require.Len(t, mine.Todos, 3)
}
