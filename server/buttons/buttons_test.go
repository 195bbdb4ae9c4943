package buttons

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func testSigner(t *testing.T, fill byte) *Signer {
	t.Helper()
	s, err := NewSigner(bytes.Repeat([]byte{fill}, 32))
	require.NoError(t, err)
	return s
}

func TestSignerRefusesShortKeys(t *testing.T) {
	_, err := NewSigner(make([]byte, 31))
	require.Error(t, err)
}

func TestContextRoundTripsAndRefusesForgeries(t *testing.T) {
	s := testSigner(t, 1)
	p := Press{Action: ActionDone, View: ViewList, TodoID: todo.NewID(), Number: 7, ListID: "c_" + todo.NewID(),
		State: "open", Page: 2, Locale: "zh-CN", Ephemeral: true}
	got, err := s.Verify(s.Context(p))
	require.NoError(t, err)
	require.Equal(t, p, got)

	tests := []struct {
		name   string
		change func(c map[string]any)
	}{
		{"another todo", func(c map[string]any) { c[keyTodo] = todo.NewID() }},
		{"another list", func(c map[string]any) { c[keyList] = "c_" + todo.NewID() }},
		{"another action", func(c map[string]any) { c[keyAction] = ActionUndo }},
		{"another number", func(c map[string]any) { c[keyNumber] = "8" }},
		{"another page", func(c map[string]any) { c[keyPage] = "3" }},
		{"not ephemeral", func(c map[string]any) { delete(c, keyEphemeral) }},
		{"no signature", func(c map[string]any) { delete(c, keySignature) }},
		{"a signature of another key", func(c map[string]any) { c[keySignature] = testSigner(t, 2).Context(p)[keySignature] }},
		{"a number that is no number", func(c map[string]any) { c[keyNumber] = "x" }},
		{"a non-string value", func(c map[string]any) { c[keyTodo] = 5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.Context(p)
			tt.change(c)
			_, err := s.Verify(c)
			require.ErrorIs(t, err, ErrBadContext)
		})
	}
	_, err = s.Verify(nil)
	require.ErrorIs(t, err, ErrBadContext)
}

// fakePosts is buttons.Posts in memory.
type fakePosts struct {
	mu        sync.Mutex
	posts     map[string]*model.Post
	ephemeral []*model.Post
}

func (f *fakePosts) Post(id string) (*model.Post, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.posts[id]
	return p, ok
}

func (f *fakePosts) UpdateEphemeral(_ string, post *model.Post) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ephemeral = append(f.ephemeral, post)
}

// fakeViews renders cards with the real words and list pages as a plain line per todo.
type fakeViews struct {
	tr  *i18n.Translations
	svc *todo.Service
}

func (v fakeViews) Localizer(locale string) i18n.Localizer { return v.tr.Localizer(locale) }

func (v fakeViews) Card(_ context.Context, l i18n.Localizer, t todo.Todo) (string, string) {
	return command.AddedText(l, t, "~list"), command.CardStatus(l, t, "ann")
}

func (v fakeViews) ListPage(ctx context.Context, actor, _, _ string, scope todo.Scope, state string, page int) command.Outcome {
	p, err := v.svc.List(ctx, actor, todo.ListQuery{Scope: scope, Filter: todo.Filter{State: state, Limit: 2}})
	if err != nil {
		return command.Outcome{Text: err.Error(), Failed: true}
	}
	lines := []string{}
	for _, t := range p.Todos {
		lines = append(lines, t.Text)
	}
	return command.Outcome{Text: strings.Join(lines, "\n"), Scope: scope,
		Listed: &command.Listed{State: command.ListState(state), Page: page, More: p.NextCursor != "", Todos: p.Todos}}
}

func (v fakeViews) Snoozed(_ context.Context, _ string, tomorrow bool) todo.Due {
	if tomorrow {
		return todo.Due{Date: "2026-11-02", Time: "09:00", Zone: "UTC"}
	}
	return todo.Due{Date: "2026-11-01", Time: "10:00", Zone: "UTC"}
}

func (v fakeViews) SnoozeStatus(_ context.Context, _ i18n.Localizer, _ string, t todo.Todo) string {
	return "snoozed to " + t.Due.Date + " " + t.Due.Time
}

type fixture struct {
	h        *Handler
	svc      *todo.Service
	posts    *fakePosts
	builder  *Builder
	channel  string
	member   string
	reader   string
	outsider string
	bot      string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join("..", "..", "assets", "i18n")))
	require.NoError(t, err)
	auth := todotest.NewAuthorizer()
	f := &fixture{channel: todo.NewID(), member: todo.NewID(), reader: todo.NewID(), outsider: todo.NewID(), bot: todo.NewID(),
		posts: &fakePosts{posts: map[string]*model.Post{}}}
	auth.AddChannel(todo.Channel{ID: f.channel, Type: "O"})
	auth.AddMember(f.channel, f.member)
	auth.Grant(f.channel, f.reader, true, false, false)
	auth.AddUser(f.outsider)
	store := todotest.NewMemStore()
	f.svc = todo.NewService(todo.Deps{Store: store, Items: store, Authorizer: auth,
		Clock: todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))}, todo.Config{})
	signer := testSigner(t, 9)
	f.builder = NewBuilder(signer, "channel-todo")
	f.h = &Handler{BotID: f.bot, Service: f.svc, Posts: f.posts, Views: fakeViews{tr: tr, svc: f.svc}, Builder: f.builder, Signer: signer}
	return f
}

func (f *fixture) add(t *testing.T, text string) todo.Todo {
	t.Helper()
	td, err := f.svc.Add(context.Background(), f.member, todo.AddInput{Scope: todo.ChannelScope(f.channel), Text: text})
	require.NoError(t, err)
	return td
}

// cardPost stores the bot's card for td, as the door posts it, and returns it.
func (f *fixture) cardPost(t *testing.T, td todo.Todo, ephemeral bool) *model.Post {
	t.Helper()
	post := &model.Post{Id: model.NewId(), UserId: f.bot, ChannelId: f.channel, Message: "Added"}
	f.builder.Card(f.h.Views.Localizer("en"), td, "en", "", ephemeral).Apply(post)
	if !ephemeral {
		f.posts.posts[post.Id] = post
	}
	return post
}

// actions returns the post's buttons by id.
func actions(post *model.Post) map[string]*model.PostAction {
	out := map[string]*model.PostAction{}
	for _, a := range post.Attachments() {
		for _, act := range a.Actions {
			out[act.Id] = act
		}
	}
	return out
}

// press sends what Mattermost sends when user presses the button actionID on post.
func (f *fixture) press(t *testing.T, user string, post *model.Post, actionID string) *model.PostActionIntegrationResponse {
	t.Helper()
	act := actions(post)[actionID]
	require.NotNil(t, act, "the post has no button %q", actionID)
	return f.pressWith(t, user, post.Id, post.ChannelId, act.Integration.Context)
}

func (f *fixture) pressWith(t *testing.T, user, postID, channelID string, ctx map[string]any) *model.PostActionIntegrationResponse {
	t.Helper()
	body, err := json.Marshal(model.PostActionIntegrationRequest{UserId: user, PostId: postID, ChannelId: channelID, Context: ctx, TriggerId: "trigger-" + user})
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, Route, bytes.NewReader(body))
	if user != "" {
		r.Header.Set("Mattermost-User-Id", user)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var resp model.PostActionIntegrationResponse
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &resp))
	return &resp
}

func (f *fixture) state(t *testing.T, id string) todo.Todo {
	t.Helper()
	td, err := f.svc.Get(context.Background(), f.member, id)
	require.NoError(t, err)
	return td
}

func TestCardDoneReopenUndoRestore(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Buy milk")
	post := f.cardPost(t, td, false)
	require.ElementsMatch(t, []string{ActionDone, ActionUndo, ActionEdit}, keys(actions(post)))

	resp := f.press(t, f.member, post, ActionDone)
	require.Empty(t, resp.EphemeralText)
	require.NotNil(t, resp.Update, "a stored post is updated in place")
	require.Equal(t, todo.StateDone, f.state(t, td.ID).State)
	require.Equal(t, []string{ActionReopen}, keys(actions(resp.Update)))
	require.Contains(t, resp.Update.Attachments()[0].Text, "completed by @"+command.WordJoiner+"ann")
	require.Equal(t, td.ID, resp.Update.GetProp(PropTodoID))

	f.posts.posts[post.Id] = withID(resp.Update, post)
	resp = f.press(t, f.member, f.posts.posts[post.Id], ActionReopen)
	require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)
	require.ElementsMatch(t, []string{ActionDone, ActionUndo, ActionEdit}, keys(actions(resp.Update)))

	f.posts.posts[post.Id] = withID(resp.Update, post)
	resp = f.press(t, f.member, f.posts.posts[post.Id], ActionUndo)
	_, err := f.svc.Get(context.Background(), f.member, td.ID)
	require.ErrorIs(t, err, todo.ErrNotFound, "Undo deletes the todo")
	require.Equal(t, []string{ActionRestore}, keys(actions(resp.Update)))

	f.posts.posts[post.Id] = withID(resp.Update, post)
	f.press(t, f.member, f.posts.posts[post.Id], ActionRestore)
	require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)
}

func withID(update, original *model.Post) *model.Post {
	p := update.Clone()
	p.Id, p.UserId, p.ChannelId = original.Id, original.UserId, original.ChannelId
	return p
}

func keys(m map[string]*model.PostAction) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestStalePressesSaySo(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Call the plumber")
	post := f.cardPost(t, td, false)
	_, err := f.svc.Complete(context.Background(), f.member, td.ID)
	require.NoError(t, err)

	resp := f.press(t, f.member, post, ActionDone)
	require.Contains(t, resp.EphemeralText, "was already completed")
	require.NotNil(t, resp.Update, "the post catches up with the todo")
	require.Equal(t, []string{ActionReopen}, keys(actions(resp.Update)))

	gone := f.add(t, "Gone soon")
	gonePost := f.cardPost(t, gone, false)
	_, err = f.svc.Delete(context.Background(), f.member, gone.ID)
	require.NoError(t, err)
	resp = f.press(t, f.member, gonePost, ActionDone)
	require.Contains(t, resp.EphemeralText, "was deleted")
	require.Nil(t, resp.Update)
}

func TestPressesOfPeopleWhoMayNotChangeTheListAreRefused(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Water the plants")
	post := f.cardPost(t, td, false)
	for _, user := range []string{f.reader, f.outsider} {
		resp := f.press(t, user, post, ActionDone)
		require.NotEmpty(t, resp.EphemeralText)
		require.Nil(t, resp.Update)
		require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)
	}
}

func TestForgedOrMisplacedPressesDoNothing(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Renew the certificate")
	post := f.cardPost(t, td, false)
	done := actions(post)[ActionDone].Integration.Context
	other := f.add(t, "Another todo")

	forged := map[string]any{}
	for k, v := range done {
		forged[k] = v
	}
	forged[keyTodo] = other.ID

	// A person's own post made to look like the bot's card.
	fake := post.Clone()
	fake.Id, fake.UserId = model.NewId(), f.member
	f.posts.posts[fake.Id] = fake
	// The bot's card of another todo.
	otherPost := f.cardPost(t, other, false)

	tests := []struct {
		name      string
		user      string
		postID    string
		channelID string
		ctx       map[string]any
	}{
		{"a changed todo id", f.member, post.Id, f.channel, forged},
		{"no context", f.member, post.Id, f.channel, nil},
		{"another channel", f.member, post.Id, todo.NewID(), done},
		{"a post that is not the bot's", f.member, fake.Id, f.channel, done},
		{"the bot's card of another todo", f.member, otherPost.Id, f.channel, done},
		{"a post that does not exist", f.member, model.NewId(), f.channel, done},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.pressWith(t, tt.user, tt.postID, tt.channelID, tt.ctx)
			require.Contains(t, resp.EphemeralText, "does nothing")
			require.Nil(t, resp.Update)
			require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)
			require.Equal(t, todo.StateOpen, f.state(t, other.ID).State)
		})
	}
}

func TestPressWithoutUserOrBodyIsRefused(t *testing.T) {
	f := newFixture(t)
	r := httptest.NewRequest(http.MethodPost, Route, strings.NewReader(`{}`))
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	require.Equal(t, http.StatusUnauthorized, w.Code)

	r = httptest.NewRequest(http.MethodPost, Route, strings.NewReader(`{`))
	r.Header.Set("Mattermost-User-Id", f.member)
	w = httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	require.Equal(t, http.StatusBadRequest, w.Code)
}

func TestEphemeralCardIsReplacedForThePresserAlone(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Book the room")
	post := f.cardPost(t, td, true)
	resp := f.press(t, f.member, post, ActionDone)
	require.Nil(t, resp.Update, "an ephemeral post is not stored, so it cannot be updated by Mattermost")
	require.Len(t, f.posts.ephemeral, 1)
	require.Equal(t, post.Id, f.posts.ephemeral[0].Id)
	require.Equal(t, []string{ActionReopen}, keys(actions(f.posts.ephemeral[0])))
	require.Equal(t, todo.StateDone, f.state(t, td.ID).State)
}

func TestListDoneAndMore(t *testing.T) {
	f := newFixture(t)
	a, b := f.add(t, "first"), f.add(t, "second")
	f.add(t, "third")
	scope := todo.ChannelScope(f.channel)
	out := f.h.Views.ListPage(context.Background(), f.member, f.channel, "en", scope, "open", 1)
	post := &model.Post{Id: model.NewId(), UserId: f.bot, ChannelId: f.channel, RootId: model.NewId(), Message: out.Text}
	f.builder.List(f.h.Views.Localizer("en"), scope.ListID(), out.Listed, "en", "").Apply(post)
	f.posts.posts[post.Id] = post
	require.ElementsMatch(t, []string{"done1", "done2", ActionMore}, keys(actions(post)))

	resp := f.press(t, f.member, post, "done2")
	require.Equal(t, todo.StateDone, f.state(t, b.ID).State)
	require.Equal(t, todo.StateOpen, f.state(t, a.ID).State)
	require.Equal(t, "first\nthird", resp.Update.Message, "the page is read again")
	require.Contains(t, resp.Update.Attachments()[0].Text, "#2")

	resp = f.press(t, f.member, post, ActionMore)
	require.NotNil(t, resp.Update)
	require.Equal(t, 2, mustPress(t, f, actions(resp.Update)["done3"]).Page, "More shows the next page")

	resp = f.press(t, f.reader, post, "done1")
	require.NotEmpty(t, resp.EphemeralText)
	require.Equal(t, todo.StateOpen, f.state(t, a.ID).State)
}

func mustPress(t *testing.T, f *fixture, act *model.PostAction) Press {
	t.Helper()
	require.NotNil(t, act)
	p, err := f.h.Signer.Verify(act.Integration.Context)
	require.NoError(t, err)
	return p
}

func TestNoticeInADirectMessageCompletesAndSnoozes(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Review the budget")
	// The notice sits in the bot's direct channel with the member, not in the list's channel.
	dm := model.NewId()
	post := &model.Post{Id: model.NewId(), UserId: f.bot, ChannelId: dm, Message: "assigned you #1"}
	f.builder.Notice(f.h.Views.Localizer("en"), td, "en", "").Apply(post)
	f.posts.posts[post.Id] = post
	require.Equal(t, []string{ActionDone, ActionSnoozeHour, ActionSnoozeTomorrow}, ids(post))

	resp := f.press(t, f.member, post, ActionSnoozeTomorrow)
	require.Empty(t, resp.EphemeralText)
	require.Equal(t, &todo.Due{Date: "2026-11-02", Time: "09:00", Zone: "UTC"}, f.state(t, td.ID).Due)
	require.Equal(t, "snoozed to 2026-11-02 09:00", resp.Update.Attachments()[0].Text)
	require.Equal(t, "assigned you #1", resp.Update.Message, "the notice keeps its words")

	resp = f.press(t, f.reader, post, ActionDone)
	require.NotEmpty(t, resp.EphemeralText, "the presser's own permissions apply in a direct message too")
	require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)

	resp = f.press(t, f.member, post, ActionDone)
	require.Equal(t, todo.StateDone, f.state(t, td.ID).State)
	require.Empty(t, ids(resp.Update), "a done todo's notice has no buttons left")

	resp = f.press(t, f.member, post, ActionSnoozeHour)
	require.Contains(t, resp.EphemeralText, "was already completed")

	// A notice's context does not work on a card: the view is part of what is signed and checked.
	card := f.cardPost(t, f.add(t, "Other"), false)
	resp = f.pressWith(t, f.member, card.Id, f.channel, actions(post)[ActionDone].Integration.Context)
	require.Contains(t, resp.EphemeralText, "does nothing")
}

// ids returns a post's button ids in order.
func ids(post *model.Post) []string {
	out := []string{}
	for _, a := range post.Attachments() {
		for _, act := range a.Actions {
			out = append(out, act.Id)
		}
	}
	return out
}

func TestEditOpensTheFormWithThePressTrigger(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Buy milk")
	post := f.cardPost(t, td, false)

	resp := f.press(t, f.member, post, ActionEdit)
	require.Equal(t, f.h.Views.Localizer("en").Localize(i18n.MsgStaleInvalid, nil), resp.EphemeralText, "no form, no edit")

	type opened struct{ user, trigger, id string }
	var got []opened
	f.h.Edit = func(user, trigger, _ string, t todo.Todo) error {
		got = append(got, opened{user, trigger, t.ID})
		return nil
	}
	resp = f.press(t, f.member, post, ActionEdit)
	require.Empty(t, resp.EphemeralText)
	require.Nil(t, resp.Update, "the card stays as it is until the form is saved")
	require.Equal(t, []opened{{f.member, "trigger-" + f.member, td.ID}}, got)

	// Someone who may not read the list gets no form.
	resp = f.press(t, f.outsider, post, ActionEdit)
	require.NotEmpty(t, resp.EphemeralText)
	require.Len(t, got, 1)
}

func TestDoneOnATodoWithOpenItemsSaysHowManyAndChangesNothing(t *testing.T) {
	f := newFixture(t)
	td := f.add(t, "Pack")
	_, err := f.svc.AddItem(context.Background(), f.member, td.ID, "Socks")
	require.NoError(t, err)
	post := f.cardPost(t, td, false)

	resp := f.press(t, f.member, post, ActionDone)
	require.Contains(t, resp.EphemeralText, "still has 1 of 1 checklist items open")
	require.Contains(t, resp.EphemeralText, fmt.Sprintf("/todo done %d anyway", td.Number))
	require.Equal(t, todo.StateOpen, f.state(t, td.ID).State)
}
