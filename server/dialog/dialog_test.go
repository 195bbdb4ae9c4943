package dialog

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// now is a Sunday morning in the fixture's zone.
var zone = time.FixedZone("UTC+8", 8*3600)
var now = time.Date(2026, 11, 1, 9, 0, 0, 0, zone)

type people struct{ tr *i18n.Translations }

func (p people) Localizer(locale string) i18n.Localizer { return p.tr.Localizer(locale, "en") }
func (people) Now(string) time.Time                     { return now }

type fixture struct {
	form                       *Form
	svc                        *todo.Service
	channel, other             string
	member, outsider, assignee string
	added                      []todo.Todo
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join("..", "..", "assets", "i18n")))
	require.NoError(t, err)
	f := &fixture{channel: todo.NewID(), other: todo.NewID(), member: todo.NewID(), outsider: todo.NewID(), assignee: todo.NewID()}
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: f.channel, Type: "O"})
	auth.AddChannel(todo.Channel{ID: f.other, Type: "O"})
	auth.AddMember(f.channel, f.member)
	auth.AddMember(f.channel, f.assignee)
	auth.AddMember(f.other, f.outsider)
	f.svc = todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth, Clock: todotest.NewClock(now)}, todo.Config{})
	signer, err := buttons.NewSigner(bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	f.form = &Form{Service: f.svc, People: people{tr}, Signer: signer, URL: "/plugins/channel-todo" + Route,
		Added: func(_, _, _ string, td todo.Todo) { f.added = append(f.added, td) }}
	return f
}

// request is a submission of the form opened in channelID, as Mattermost forwards it.
func (f *fixture) request(channelID string, submission map[string]any) model.SubmitDialogRequest {
	open := f.form.Open("trigger", channelID, "en")
	return model.SubmitDialogRequest{URL: open.URL, CallbackId: open.Dialog.CallbackId, State: open.Dialog.State,
		ChannelId: channelID, Submission: submission}
}

func TestOpenDescribesTheForm(t *testing.T) {
	f := newFixture(t)
	open := f.form.Open("trig", f.channel, "en")
	require.Equal(t, "trig", open.TriggerId)
	require.Equal(t, "/plugins/channel-todo/api/v1/dialogs/submit", open.URL)
	require.Equal(t, "Add a todo", open.Dialog.Title)
	var names []string
	for _, e := range open.Dialog.Elements {
		names = append(names, e.Name)
	}
	require.Equal(t, []string{FieldText, FieldAssignee, FieldDue, FieldPriority, FieldList}, names)
	require.Equal(t, "users", open.Dialog.Elements[1].DataSource)
	require.NoError(t, open.IsValid())
}

func TestSubmissionAddsTheTodoItDescribes(t *testing.T) {
	f := newFixture(t)
	resp := f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{
		FieldText: "  Book the venue ", FieldAssignee: f.assignee, FieldDue: "tomorrow 5pm", FieldPriority: "high", FieldList: ListChannel,
	}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	require.Len(t, f.added, 1)
	got := f.added[0]
	require.Equal(t, "Book the venue", got.Text)
	require.Equal(t, todo.ChannelScope(f.channel).ListID(), got.ListID)
	require.Equal(t, []string{f.assignee}, got.Assignees)
	require.Equal(t, todo.PriorityHigh, got.Priority)
	require.NotNil(t, got.Due)
	require.Equal(t, "2026-11-02", got.Due.Date)
	require.Equal(t, "17:00", got.Due.Time)
	require.Equal(t, f.member, got.CreatorID)
}

func TestSubmissionToMyPersonalList(t *testing.T) {
	f := newFixture(t)
	resp := f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{FieldText: "Call mum", FieldList: ListPersonal}))
	require.Empty(t, resp.Error)
	require.Empty(t, resp.Errors)
	require.Len(t, f.added, 1)
	require.Equal(t, todo.PersonalScope(f.member).ListID(), f.added[0].ListID)
	require.Nil(t, f.added[0].Due)
	require.Equal(t, todo.PriorityNone, f.added[0].Priority)
}

func TestInvalidFieldsComeBackAsFieldErrorsAndAddNothing(t *testing.T) {
	f := newFixture(t)
	resp := f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{
		FieldText: "   ", FieldDue: "someday soon", FieldPriority: "urgent", FieldAssignee: "not-an-id",
	}))
	require.Empty(t, resp.Error)
	require.Equal(t, []string{FieldAssignee, FieldDue, FieldPriority, FieldText}, keys(resp.Errors))
	require.Contains(t, resp.Errors[FieldDue], "someday soon")
	require.Empty(t, f.added)

	// An assignee who may not see the list is the service's refusal, under the field.
	resp = f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{FieldText: "x", FieldAssignee: f.outsider}))
	require.Equal(t, []string{FieldAssignee}, keys(resp.Errors))
	require.Empty(t, f.added)
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestForgedOrForeignStatesAreRefused(t *testing.T) {
	f := newFixture(t)
	sub := map[string]any{FieldText: "Sneak in"}
	other, err := buttons.NewSigner(bytes.Repeat([]byte{8}, 32))
	require.NoError(t, err)
	press := other.Context(buttons.Press{Action: actionAdd, View: view, ListID: todo.ChannelScope(f.channel).ListID(), Locale: "en"})
	forgedByOtherKey, _ := json.Marshal(press)
	buttonCtx, _ := json.Marshal(f.form.Signer.Context(buttons.Press{Action: buttons.ActionDone, View: buttons.ViewCard, ListID: todo.ChannelScope(f.channel).ListID()}))

	tests := []struct {
		name   string
		change func(r *model.SubmitDialogRequest)
	}{
		{"no state", func(r *model.SubmitDialogRequest) { r.State = "" }},
		{"not JSON", func(r *model.SubmitDialogRequest) { r.State = "{" }},
		{"another channel in the state", func(r *model.SubmitDialogRequest) {
			r.State = strings.Replace(r.State, f.channel, f.other, 1)
		}},
		{"signed with another key", func(r *model.SubmitDialogRequest) { r.State = string(forgedByOtherKey) }},
		{"a button's context", func(r *model.SubmitDialogRequest) { r.State = string(buttonCtx) }},
		{"submitted from another channel", func(r *model.SubmitDialogRequest) { r.ChannelId = f.other }},
		{"another callback", func(r *model.SubmitDialogRequest) { r.CallbackId = "edit" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.request(f.channel, sub)
			tt.change(&r)
			resp := f.form.Submit(context.Background(), f.member, r)
			require.Equal(t, "This form is no longer valid. Open it again with /todo.", resp.Error)
			require.Empty(t, f.added)
		})
	}
	// The unchanged request works, so the refusals above are the changes'.
	require.Empty(t, f.form.Submit(context.Background(), f.member, f.request(f.channel, sub)).Error)
	require.Len(t, f.added, 1)
}

func TestANonMemberIsRefusedByTheService(t *testing.T) {
	f := newFixture(t)
	// The outsider holds a genuine state of a channel they are not in (say they left it).
	resp := f.form.Submit(context.Background(), f.outsider, f.request(f.channel, map[string]any{FieldText: "Not mine"}))
	require.NotEmpty(t, resp.Error)
	require.Empty(t, resp.Errors)
	require.Empty(t, f.added)
}

func TestServeHTTPNeedsTheUserAndJSON(t *testing.T) {
	f := newFixture(t)
	body, _ := json.Marshal(f.request(f.channel, map[string]any{FieldText: "Over HTTP"}))
	serve := func(user string, b []byte) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, Route, bytes.NewReader(b))
		if user != "" {
			r.Header.Set("Mattermost-User-Id", user)
		}
		w := httptest.NewRecorder()
		f.form.ServeHTTP(w, r)
		return w
	}
	require.Equal(t, http.StatusUnauthorized, serve("", body).Code)
	require.Equal(t, http.StatusBadRequest, serve(f.member, []byte("{")).Code)
	w := serve(f.member, body)
	require.Equal(t, http.StatusOK, w.Code)
	require.JSONEq(t, `{}`, w.Body.String())
	require.Len(t, f.added, 1)
}

// editRequest is a submission of the edit form of t, sent from channelID.
func (f *fixture) editRequest(t todo.Todo, channelID string, submission map[string]any) model.SubmitDialogRequest {
	open := f.form.OpenEdit("trigger", "en", t)
	return model.SubmitDialogRequest{URL: open.URL, CallbackId: open.Dialog.CallbackId, State: open.Dialog.State,
		ChannelId: channelID, Submission: submission}
}

func (f *fixture) addTodo(t *testing.T, in todo.AddInput) todo.Todo {
	t.Helper()
	if in.Scope.Kind == "" {
		in.Scope = todo.ChannelScope(f.channel)
	}
	td, err := f.svc.Add(context.Background(), f.member, in)
	require.NoError(t, err)
	return td
}

func TestEditFormIsFilledWithTheTodo(t *testing.T) {
	f := newFixture(t)
	td := f.addTodo(t, todo.AddInput{Text: "Book the venue", Assignees: []string{f.assignee}, Due: &todo.Due{Date: "2026-11-05", Time: "09:30"}, Priority: todo.PriorityLow})
	open := f.form.OpenEdit("trig", "en", td)
	require.NoError(t, open.IsValid())
	require.Equal(t, "Edit #1", open.Dialog.Title)
	defaults := map[string]string{}
	for _, e := range open.Dialog.Elements {
		defaults[e.Name] = e.Default
	}
	require.Equal(t, map[string]string{FieldText: "Book the venue", FieldAssignee: f.assignee, FieldDue: "2026-11-05 09:30", FieldPriority: "low"}, defaults)

	// Several assignees show in the one field, a multiselect of the server's users; a
	// submission that leaves them as they were drops none.
	two := f.addTodo(t, todo.AddInput{Text: "Two people", Assignees: []string{f.assignee, f.member}})
	var field model.DialogElement
	for _, e := range f.form.OpenEdit("trig", "en", two).Dialog.Elements {
		if e.Name == FieldAssignee {
			field = e
		}
	}
	require.True(t, field.MultiSelect)
	require.Equal(t, "users", field.DataSource)
	require.ElementsMatch(t, []string{f.assignee, f.member}, strings.Split(field.Default, ","))
	resp := f.form.Submit(context.Background(), f.member, f.editRequest(two, f.channel, map[string]any{
		FieldText: "Two people, renamed", FieldAssignee: []any{f.member, f.assignee}}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	got, err := f.svc.Get(context.Background(), f.member, two.ID)
	require.NoError(t, err)
	require.Equal(t, "Two people, renamed", got.Text)
	require.ElementsMatch(t, []string{f.assignee, f.member}, got.Assignees)

	// A client without multiselect sends the field's default back as it was: nothing changes.
	resp = f.form.Submit(context.Background(), f.member, f.editRequest(got, f.channel, map[string]any{
		FieldText: "Two people, renamed", FieldAssignee: field.Default}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	got, err = f.svc.Get(context.Background(), f.member, two.ID)
	require.NoError(t, err)
	require.ElementsMatch(t, []string{f.assignee, f.member}, got.Assignees)
}

func TestFormsTakeSeveralAssignees(t *testing.T) {
	f := newFixture(t)
	open := f.form.Open("trig", f.channel, "en")
	require.NoError(t, open.IsValid())
	for _, e := range open.Dialog.Elements {
		if e.Name == FieldAssignee {
			require.True(t, e.MultiSelect, "the add form's assignee field takes several people")
		}
	}
	resp := f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{
		FieldText: "Plan the offsite", FieldAssignee: []any{f.assignee, f.member, f.assignee}, FieldList: ListChannel}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	require.Len(t, f.added, 1)
	require.ElementsMatch(t, []string{f.assignee, f.member}, f.added[0].Assignees, "a repeat counts once")

	// The edit form takes people away and adds them, as one change of the assignees.
	td := f.added[0]
	resp = f.form.Submit(context.Background(), f.member, f.editRequest(td, f.channel, map[string]any{
		FieldText: td.Text, FieldAssignee: []any{f.member}}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	got, err := f.svc.Get(context.Background(), f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, []string{f.member}, got.Assignees)
	resp = f.form.Submit(context.Background(), f.member, f.editRequest(got, f.channel, map[string]any{
		FieldText: td.Text, FieldAssignee: []any{}}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	got, err = f.svc.Get(context.Background(), f.member, td.ID)
	require.NoError(t, err)
	require.Empty(t, got.Assignees)

	// Something that is not a user id, or not a list of them, is marked under the field and
	// nothing is added; someone who cannot see the list is the service's refusal there.
	for _, bad := range []any{[]any{f.assignee, "not-an-id"}, []any{f.assignee, 7}, map[string]any{"id": f.assignee}, f.assignee + ",nope"} {
		resp = f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{FieldText: "x", FieldAssignee: bad}))
		require.Equal(t, []string{FieldAssignee}, keys(resp.Errors), "%v", bad)
	}
	resp = f.form.Submit(context.Background(), f.member, f.request(f.channel, map[string]any{FieldText: "x", FieldAssignee: []any{f.assignee, f.outsider}}))
	require.Equal(t, []string{FieldAssignee}, keys(resp.Errors))
	require.Len(t, f.added, 1)
}

func TestEditSubmissionChangesWhatDiffers(t *testing.T) {
	f := newFixture(t)
	td := f.addTodo(t, todo.AddInput{Text: "Book the venue", Due: &todo.Due{Date: "2026-11-05"}})
	var edited []todo.Todo
	f.form.Edited = func(_, _, _ string, t todo.Todo) { edited = append(edited, t) }
	resp := f.form.Submit(context.Background(), f.member, f.editRequest(td, f.channel, map[string]any{
		FieldText: "Book the big venue", FieldAssignee: f.assignee, FieldDue: "", FieldPriority: "medium",
	}))
	require.Equal(t, &model.SubmitDialogResponse{}, resp)
	got, err := f.svc.Get(context.Background(), f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, "Book the big venue", got.Text)
	require.Equal(t, []string{f.assignee}, got.Assignees)
	require.Nil(t, got.Due)
	require.Equal(t, todo.PriorityMedium, got.Priority)
	require.Len(t, edited, 1)
	require.Equal(t, got.Text, edited[0].Text)

	// Bad fields change nothing.
	resp = f.form.Submit(context.Background(), f.member, f.editRequest(got, f.channel, map[string]any{FieldText: "New", FieldDue: "whenever"}))
	require.Equal(t, []string{FieldDue}, keys(resp.Errors))
	again, err := f.svc.Get(context.Background(), f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, got, again)
}

func TestEditStatesCannotBeForgedOrMoved(t *testing.T) {
	f := newFixture(t)
	td := f.addTodo(t, todo.AddInput{Text: "Keep me"})
	other := f.addTodo(t, todo.AddInput{Text: "Not this one"})
	sub := map[string]any{FieldText: "Changed"}
	tests := []struct {
		name   string
		change func(r *model.SubmitDialogRequest)
	}{
		{"another todo in the state", func(r *model.SubmitDialogRequest) { r.State = strings.Replace(r.State, td.ID, other.ID, 1) }},
		{"an add form's state", func(r *model.SubmitDialogRequest) { r.State = f.form.Open("t", f.channel, "en").Dialog.State }},
		{"submitted from another channel", func(r *model.SubmitDialogRequest) { r.ChannelId = f.other }},
		{"no state", func(r *model.SubmitDialogRequest) { r.State = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.editRequest(td, f.channel, sub)
			tt.change(&r)
			require.Equal(t, "This form is no longer valid. Open it again with /todo.", f.form.Submit(context.Background(), f.member, r).Error)
		})
	}
	for _, id := range []string{td.ID, other.ID} {
		got, err := f.svc.Get(context.Background(), f.member, id)
		require.NoError(t, err)
		require.NotEqual(t, "Changed", got.Text)
	}
	// A genuine form of someone who may not read the list is refused by the service.
	resp := f.form.Submit(context.Background(), f.outsider, f.editRequest(td, f.channel, sub))
	require.Equal(t, "You don't have permission to do that.", resp.Error)
}

func TestEditKeepsWhatSomeoneElseChangedMeanwhile(t *testing.T) {
	f := newFixture(t)
	td := f.addTodo(t, todo.AddInput{Text: "Book the venue", Priority: todo.PriorityLow})
	req := f.editRequest(td, f.channel, map[string]any{FieldText: "Book the big venue", FieldAssignee: "", FieldDue: "", FieldPriority: "low"})
	// While the form is open, someone else raises the priority and sets a due date.
	_, err := f.svc.SetPriority(context.Background(), f.assignee, td.ID, todo.PriorityHigh)
	require.NoError(t, err)
	_, err = f.svc.SetDue(context.Background(), f.assignee, td.ID, &todo.Due{Date: "2026-12-01"})
	require.NoError(t, err)

	require.Equal(t, &model.SubmitDialogResponse{}, f.form.Submit(context.Background(), f.member, req))
	got, err := f.svc.Get(context.Background(), f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, "Book the big venue", got.Text)
	require.Equal(t, todo.PriorityHigh, got.Priority)
	require.Equal(t, &todo.Due{Date: "2026-12-01"}, got.Due)
}
