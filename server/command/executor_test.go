package command

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// fakeDirectory knows a few users, channels and posts.
type fakeDirectory struct {
	users    map[string]string // id -> username
	channels map[string]string // id -> name
	posts    map[string]string // id -> message
}

func (d *fakeDirectory) UserIDByUsername(_ context.Context, username string) (string, bool) {
	for id, name := range d.users {
		if name == username {
			return id, true
		}
	}
	return "", false
}

func (d *fakeDirectory) Username(_ context.Context, userID string) (string, bool) {
	name, ok := d.users[userID]
	return name, ok
}

func (d *fakeDirectory) ChannelName(_ context.Context, channelID string) string {
	return d.channels[channelID]
}

func (d *fakeDirectory) Permalink(_ context.Context, _, postID string) string {
	return "https://mm.example.com/_redirect/pl/" + postID
}

func (d *fakeDirectory) PostMessage(_ context.Context, postID string) (string, error) {
	msg, ok := d.posts[postID]
	if !ok {
		return "", fmt.Errorf("post %s: %w", postID, todo.ErrNotFound)
	}
	return msg, nil
}

// world is a service over the in-memory store with two channels: dev,
// where alice and bob post, and news, which bob may only read.
type world struct {
	exec                *Executor
	svc                 *todo.Service
	store               *todotest.MemStore
	auth                *todotest.Authorizer
	posts               *todotest.Posts
	alice, bob, carol   string
	dev, news, archived string
	rootID              string
	logged              []string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{
		alice: model.NewId(), bob: model.NewId(), carol: model.NewId(),
		dev: model.NewId(), news: model.NewId(), archived: model.NewId(), rootID: model.NewId(),
	}
	w.auth = todotest.NewAuthorizer()
	for _, ch := range []string{w.dev, w.news, w.archived} {
		w.auth.AddChannel(todo.Channel{ID: ch, TeamID: "team", Type: "O"})
	}
	w.auth.SetArchived(w.archived, true)
	w.auth.AddMember(w.dev, w.alice)
	w.auth.AddMember(w.dev, w.bob)
	w.auth.AddMember(w.news, w.alice)
	w.auth.Grant(w.news, w.bob, true, false, false)
	w.auth.AddMember(w.archived, w.alice)
	w.auth.AddUser(w.carol)
	w.posts = todotest.NewPosts(todo.Post{ID: w.rootID, ChannelID: w.dev})
	w.store = todotest.NewMemStore()
	w.svc = todo.NewService(todo.Deps{
		Store: w.store, Items: w.store, Authorizer: w.auth, Posts: w.posts, Clock: todotest.NewClock(testNow),
	}, todo.Config{})
	dir := &fakeDirectory{
		users:    map[string]string{w.alice: "alice", w.bob: "bob", w.carol: "carol"},
		channels: map[string]string{w.dev: "dev", w.news: "news", w.archived: "old"},
		posts:    map[string]string{w.rootID: "Ship the @channel release notes"},
	}
	w.exec = &Executor{
		Service: w.svc, Directory: dir, Translations: loadTestTranslations(t), BotUsername: "todo",
		Now: func() time.Time { return testNow },
		Log: func(msg string, _ ...any) { w.logged = append(w.logged, msg) },
	}
	return w
}

// useTool lets the command-line tool keep the lists it says it keeps, through the service.
func (w *world) useTool(tool todo.Tool) {
	w.svc = todo.NewService(todo.Deps{
		Store: w.store, Items: w.store, Authorizer: w.auth, Posts: w.posts, Clock: todotest.NewClock(testNow), Tool: tool,
	}, todo.Config{})
	w.exec.Service = w.svc
}

// run executes text as alice in dev, outside a thread, in English.
func (w *world) run(t *testing.T, text string) Outcome {
	t.Helper()
	return w.exec.Execute(context.Background(), Call{UserID: w.alice, ChannelID: w.dev, Text: text, Locale: "en", Location: testZone})
}

func (w *world) add(t *testing.T, scope todo.Scope, texts ...string) {
	t.Helper()
	for _, text := range texts {
		_, err := w.svc.Add(context.Background(), w.alice, todo.AddInput{Scope: scope, Text: text})
		require.NoError(t, err)
	}
}

func (w *world) todo(t *testing.T, scope todo.Scope, n int64) todo.Todo {
	t.Helper()
	got, err := w.svc.GetByNumber(context.Background(), w.alice, scope, n)
	require.NoError(t, err)
	return got
}

func TestExecuteVerbs(t *testing.T) {
	tests := []struct {
		name    string
		seed    []string // todos in dev before the command
		done    []int64  // of which these are completed
		text    string
		want    []string // substrings of the reply
		changed bool
		failed  bool
		check   func(t *testing.T, w *world)
	}{
		{name: "add", text: "add Buy milk", want: []string{"Added **#1** to ~dev: Buy milk"}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Equal(t, "Buy milk", w.todo(t, todo.ChannelScope(w.dev), 1).Text)
			}},
		{name: "text without a verb adds", text: "check the logs", want: []string{"Added **#1** to ~dev: check the logs"}, changed: true},
		{name: "alias new adds", text: "NEW Call Bob", want: []string{"Added **#1**", "Call Bob"}, changed: true},
		{name: "empty add explains", text: "add", want: []string{"Tell me what to add"}, failed: true},
		{name: "list open", seed: []string{"one", "two", "three"}, done: []int64{2},
			text: "list", want: []string{"2 open todos in ~dev", "**#1** one", "**#3** three"},
			check: func(t *testing.T, w *world) {
				require.NotContains(t, w.run(t, "list").Text, "**#2**")
			}},
		{name: "ls done", seed: []string{"one", "two"}, done: []int64{2}, text: "ls done", want: []string{"1 completed todo in ~dev", "- [x] **#2** two"}},
		{name: "list all", seed: []string{"one", "two"}, done: []int64{2}, text: "show all", want: []string{"2 todos in ~dev"}},
		{name: "empty list", text: "list", want: []string{"No open todos in ~dev"}},
		{name: "bare command lists", seed: []string{"one"}, text: "", want: []string{"1 open todo in ~dev"}},
		{name: "done several", seed: []string{"a", "b", "c"}, text: "done 1 #3", want: []string{"Completed **#1**: a", "Completed **#3**: c"}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Equal(t, todo.StateDone, w.todo(t, todo.ChannelScope(w.dev), 3).State)
				require.Equal(t, todo.StateOpen, w.todo(t, todo.ChannelScope(w.dev), 2).State)
			}},
		{name: "done range with alias", seed: []string{"a", "b", "c"}, text: "CHECK 1-2", want: []string{"Completed **#1**", "Completed **#2**"}, changed: true},
		{name: "done unknown number", text: "done 7", want: []string{"No open todo #7 in ~dev."}, failed: true},
		{name: "done an already done todo", seed: []string{"a"}, done: []int64{1}, text: "done 1", want: []string{"No open todo #1 in ~dev."}, failed: true},
		{name: "done some found", seed: []string{"a"}, text: "done 1 9", want: []string{"Completed **#1**: a", "No open todo #9 in ~dev."}, changed: true},
		{name: "undo", seed: []string{"a"}, done: []int64{1}, text: "undo 1", want: []string{"Reopened **#1**: a"}, changed: true},
		{name: "reopen an open todo", seed: []string{"a"}, text: "reopen 1", want: []string{"No completed todo #1 in ~dev."}, failed: true},
		{name: "delete", seed: []string{"a", "b"}, text: "rm 2", want: []string{"Deleted **#2**: b"}, changed: true,
			check: func(t *testing.T, w *world) {
				_, err := w.svc.GetByNumber(context.Background(), w.alice, todo.ChannelScope(w.dev), 2)
				require.True(t, errors.Is(err, todo.ErrNotFound))
			}},
		{name: "delete unknown", text: "del 4", want: []string{"No todo #4 in ~dev."}, failed: true},
		{name: "edit", seed: []string{"a"}, text: "edit #1 Buy oat milk", want: []string{"Changed **#1** to: Buy oat milk"}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Equal(t, "Buy oat milk", w.todo(t, todo.ChannelScope(w.dev), 1).Text)
			}},
		{name: "assign", seed: []string{"a"}, text: "assign 1 @bob me", want: []string{"Assigned **#1** to @\u2060alice, @\u2060bob."}, changed: true,
			check: func(t *testing.T, w *world) {
				require.ElementsMatch(t, []string{w.alice, w.bob}, w.todo(t, todo.ChannelScope(w.dev), 1).Assignees)
			}},
		// The same words for both, so trying usernames tells nobody who is on the server.
		{name: "assign unknown user", seed: []string{"a"}, text: "assign 1 @nobody", want: []string{"Only people who can see this list can be assigned to its todos."}, failed: true},
		{name: "assign someone who cannot read the channel", seed: []string{"a"}, text: "assign 1 @carol",
			want: []string{"Only people who can see this list can be assigned to its todos."}, failed: true},
		{name: "unassign unknown user", seed: []string{"a"}, text: "unassign 1 @nobody", want: []string{"Only people who can see this list can be assigned to its todos."}, failed: true},
		{name: "add with a text-direction override", text: "add pay \u202eecnalab", want: []string{"The text contains characters that can't be stored or shown safely: control characters or text-direction overrides (such as U+202E)."}, failed: true},
		{name: "edit with a control character", seed: []string{"a"}, text: "edit 1 ring\x07", want: []string{"control characters or text-direction overrides"}, failed: true},
		{name: "unassign one", seed: []string{"a"}, text: "unassign 1 @alice", want: []string{"Removed @\u2060alice from **#1**."}, changed: true},
		{name: "unassign all", seed: []string{"a"}, text: "unassign 1", want: []string{"**#1** has no assignees now."}, changed: true},
		{name: "due tomorrow in the user's zone", seed: []string{"a"}, text: "due 1 tomorrow 17:00", want: []string{"**#1** is due tomorrow 17:00."}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Equal(t, &todo.Due{Date: "2026-11-27", Time: "17:00"}, w.todo(t, todo.ChannelScope(w.dev), 1).Due)
			}},
		{name: "due none", seed: []string{"a"}, text: "due 1 none", want: []string{"**#1** has no due date now."}, changed: true},
		{name: "due bad date", seed: []string{"a"}, text: "due 1 someday", want: []string{"I can't read `someday` as a due date"}, failed: true},
		{name: "move top", seed: []string{"a", "b", "c"}, text: "move 3 top", want: []string{"Moved **#3** to the top."}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Contains(t, w.run(t, "list").Text, "**#3** c\n- [ ] **#1** a")
			}},
		{name: "move bottom", seed: []string{"a", "b"}, text: "mv 1 bottom", want: []string{"Moved **#1** to the bottom."}, changed: true},
		{name: "move to position", seed: []string{"a", "b", "c"}, text: "move 3 2", want: []string{"Moved **#3** to position 2."}, changed: true,
			check: func(t *testing.T, w *world) {
				require.Contains(t, w.run(t, "list").Text, "**#1** a\n- [ ] **#3** c\n- [ ] **#2** b")
			}},
		{name: "move unknown", text: "move 5 top", want: []string{"No todo #5 in ~dev."}, failed: true},
		{name: "export markdown", seed: []string{"a", "b"}, done: []int64{2}, text: "export", want: []string{"Exported 2 todos from ~dev.", "```markdown\n", "a"}},
		{name: "export csv", seed: []string{"a"}, text: "export csv", want: []string{"Exported 1 todo from ~dev.", "```csv\n"}},
		{name: "help", text: "help", want: []string{"#### Channel Todo", "`@todo add Review the draft`"}},
		{name: "help topic", text: "help due", want: []string{"`/todo due <number> <date> [time]`"}},
		{name: "unknown verb gets short help", text: "dne 3", want: []string{"`dne` is not a command. Did you mean `done`?", "Type `/todo help`"}, failed: true},
		{name: "usage error quotes the word typed", text: "rm", want: []string{"Tell me which todos", "/todo add rm …"}, failed: true},
		{name: "mine", text: "mine", want: []string{"Nothing is assigned to you."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			scope := todo.ChannelScope(w.dev)
			w.add(t, scope, tt.seed...)
			for _, n := range tt.done {
				_, err := w.svc.Complete(context.Background(), w.alice, w.todo(t, scope, n).ID)
				require.NoError(t, err)
			}
			out := w.run(t, tt.text)
			for _, want := range tt.want {
				require.Contains(t, out.Text, want)
			}
			require.Equal(t, tt.changed, out.Changed, "changed")
			require.Equal(t, tt.failed, out.Failed, "failed")
			require.Empty(t, mentionWords(out.Text))
			require.Empty(t, w.logged, "nothing here is an unexpected failure")
			if tt.check != nil {
				tt.check(t, w)
			}
		})
	}
}

func TestExecuteWhere(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()

	out := w.run(t, "my add Call the dentist")
	require.Equal(t, "Added **#1** to your personal list: Call the dentist", out.Text)
	require.Equal(t, todo.PersonalScope(w.alice), out.Scope)

	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: model.NewId(), BotDM: true, Text: "add Book flights"})
	require.Equal(t, "Added **#2** to your personal list: Book flights", out.Text)

	out = w.run(t, "my list")
	require.Contains(t, out.Text, "2 open todos in your personal list")
	out = w.run(t, "list")
	require.Contains(t, out.Text, "No open todos in ~dev")

	// mine spans the personal list and what is assigned elsewhere.
	w.add(t, todo.ChannelScope(w.dev), "Review the draft")
	require.True(t, w.run(t, "assign 1 me").Changed)
	out = w.run(t, "mine")
	require.Contains(t, out.Text, "3 todos assigned to you")
	require.Contains(t, out.Text, "**#1** Review the draft · @\u2060alice · in ~dev")
	require.Contains(t, out.Text, "**#1** Call the dentist · in your personal list")

	// "my" before a word that is not a verb is a todo.
	out = w.run(t, "my slides need review")
	require.Equal(t, "Added **#2** to ~dev: my slides need review", out.Text)
}

func TestExecutePermissions(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.add(t, todo.ChannelScope(w.news), "Publish")
	w.auth.SetArchived(w.archived, false)
	w.add(t, todo.ChannelScope(w.archived), "Old")
	w.auth.SetArchived(w.archived, true)
	stranger := model.NewId()
	w.auth.AddUser(stranger)
	tests := []struct {
		name string
		call Call
		want string
	}{
		{"reader may not add", Call{UserID: w.bob, ChannelID: w.news, Text: "add x"}, "You don't have permission to change ~news."},
		{"reader may not complete", Call{UserID: w.bob, ChannelID: w.news, Text: "done 1"}, "You don't have permission to change ~news."},
		{"stranger may not read", Call{UserID: stranger, ChannelID: w.news, Text: "list"}, "You don't have permission to do that."},
		{"archived is read-only", Call{UserID: w.alice, ChannelID: w.archived, Text: "done 1"}, "~old is archived, so its todo list is read-only."},
		{"creator_and_admins policy", Call{UserID: w.bob, ChannelID: w.dev, Text: "rm 1"}, "Only the todo's creator and the channel's admins can change or delete it."},
	}
	w.add(t, todo.ChannelScope(w.dev), "alice's")
	w.svc.SetConfig(todo.Config{EditPolicy: todo.EditCreatorAndAdmins})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := w.exec.Execute(ctx, tt.call)
			require.Equal(t, tt.want, out.Text)
			require.True(t, out.Failed)
			require.False(t, out.Changed)
		})
	}
	// The reader can still list.
	out := w.exec.Execute(ctx, Call{UserID: w.bob, ChannelID: w.news, Text: "list"})
	require.Contains(t, out.Text, "**#1** Publish")
}

func TestExecuteThreadRoot(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	mention := func(text, root string) Outcome {
		return w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: text, PostID: model.NewId(), RootID: root, AddsThreadRoot: true})
	}
	for _, text := range []string{"", "add", "ADD  "} {
		out := mention(text, w.rootID)
		require.True(t, out.Changed, text)
		require.Contains(t, out.Text, "Ship the @\u2060channel release notes")
		require.Empty(t, mentionWords(out.Text))
	}
	got := w.todo(t, todo.ChannelScope(w.dev), 1)
	require.Equal(t, w.rootID, got.PostID)
	require.Equal(t, w.rootID, got.RootID)
	require.Contains(t, w.run(t, "list").Text, "[thread](https://mm.example.com/_redirect/pl/"+w.rootID+")")

	// Outside a thread a bare mention lists and an empty add explains.
	require.Contains(t, mention("", "").Text, "3 open todos in ~dev")
	out := mention("add", "")
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "There is nothing to add here")

	// A slash command in a thread never adds the root.
	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "", RootID: w.rootID})
	require.Contains(t, out.Text, "3 open todos in ~dev")

	// A mention with text in a thread adds that text, linked to the post.
	post := model.NewId()
	w.posts.Add(todo.Post{ID: post, ChannelID: w.dev, RootID: w.rootID})
	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "Write tests", PostID: post, RootID: w.rootID, AddsThreadRoot: true})
	require.Equal(t, "Added **#4** to ~dev: Write tests", out.Text)
	require.Equal(t, post, w.todo(t, todo.ChannelScope(w.dev), 4).PostID)

	// A root that cannot be read is a failure a person understands.
	out = mention("", model.NewId())
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "There is nothing to add here")
}

func TestExecuteNeutralizes(t *testing.T) {
	w := newWorld(t)
	for _, text := range []string{
		"add ping @channel and @all and @here",
		"remind @bob about &#64;alice",
		"list",
		"edit 1 now @everyone @alice",
		"export",
		"export csv",
		"assign 1 @bob",
	} {
		out := w.run(t, text)
		require.False(t, out.Failed, "%s: %s", text, out.Text)
		require.Empty(t, mentionWords(out.Text), "%s: %s", text, out.Text)
	}
	require.Contains(t, w.run(t, "list").Text, "now @\u2060everyone @\u2060alice")
}

func TestExecuteChinese(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	zh := func(text string) string {
		return w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: text, Locale: "zh-CN", Location: testZone}).Text
	}
	require.Equal(t, "已将 **#1** 添加到 ~dev：买牛奶", zh("add 买牛奶"))
	require.Equal(t, "已完成 **#1**：买牛奶", zh("done 1"))
	require.Equal(t, "~dev 中没有未完成的待办 #1。", zh("done 1"))
	require.Equal(t, "已将 **#1** 添加到 你的个人列表：看牙医", zh("my add 看牙医"))
	require.Contains(t, zh("help"), "待办")
	require.Contains(t, zh("list"), "~dev")
}

func TestExecutePages(t *testing.T) {
	w := newWorld(t)
	texts := make([]string, PageSize+5)
	for i := range texts {
		texts[i] = fmt.Sprintf("item %d", i+1)
	}
	w.add(t, todo.ChannelScope(w.dev), texts...)
	first := w.run(t, "list")
	require.Contains(t, first.Text, fmt.Sprintf("%d open todos in ~dev", PageSize+5))
	require.Contains(t, first.Text, fmt.Sprintf("Showing 1–%d of %d. Next page: `/todo list open 2`", PageSize, PageSize+5))
	require.Equal(t, PageSize, strings.Count(first.Text, "- [ ]"))
	second := w.run(t, "list open 2")
	require.Equal(t, 5, strings.Count(second.Text, "- [ ]"))
	require.Contains(t, second.Text, fmt.Sprintf("**#%d** item %d", PageSize+5, PageSize+5))
	require.NotContains(t, second.Text, "Next page")
	// A page past the end shows the last one.
	require.Equal(t, second.Text, w.run(t, "list 99").Text)
}

func TestExecuteUnexpectedErrorsAreNotShown(t *testing.T) {
	w := newWorld(t)
	w.exec.Service = failingService{Service: w.svc}
	out := w.run(t, "add x")
	require.True(t, out.Failed)
	require.Equal(t, "Something went wrong and nothing was changed. Please try again; if it keeps happening, tell your system administrator.", out.Text)
	require.NotContains(t, out.Text, "connection refused")
	require.Len(t, w.logged, 1)
}

type failingService struct{ Service }

func (failingService) Add(context.Context, string, todo.AddInput) (todo.Todo, error) {
	return todo.Todo{}, errors.New("dial tcp: connection refused")
}

// fakeRunner records what the tool was asked and answers like it, for the lists keeps names.
type fakeRunner struct {
	calls []string
	fail  bridge.ErrorKind
	keeps func(todo.Scope) bool
}

func (f *fakeRunner) result(verb bridge.Verb, reply string) bridge.Result {
	if f.fail != "" {
		return bridge.Result{Verb: verb, Kind: f.fail, Reply: "Error running `" + string(verb) + "`: boom", Err: errors.New("boom"), Timeout: 10 * time.Minute}
	}
	return bridge.Result{Verb: verb, OK: true, Reply: reply}
}

func (f *fakeRunner) Keeps(s todo.Scope) bool { return f.keeps != nil && f.keeps(s) }

func (f *fakeRunner) Preset() string { return bridge.PresetTodoTxt }

func (f *fakeRunner) Check(context.Context) todo.ToolCheck { return todo.ToolCheck{} }

func (f *fakeRunner) Run(_ context.Context, scope todo.Scope, verb todo.ToolVerb, arg string) todo.ToolResult {
	list := bridge.Key(scope)
	switch verb {
	case todo.ToolAdd:
		f.calls = append(f.calls, fmt.Sprintf("add %s %s", list, arg))
		return bridge.ToolResult(f.result(bridge.VerbAdd, "Added: "+arg))
	case todo.ToolDone:
		f.calls = append(f.calls, fmt.Sprintf("done %s %s", list, arg))
		return bridge.ToolResult(f.result(bridge.VerbDone, "`done` done."))
	case todo.ToolDelete:
		f.calls = append(f.calls, fmt.Sprintf("delete %s %s", list, arg))
		return bridge.ToolResult(f.result(bridge.VerbDelete, "`delete` done."))
	}
	f.calls = append(f.calls, fmt.Sprintf("list %s", list))
	return bridge.ToolResult(f.result(bridge.VerbList, "1 tell @channel"))
}

func TestExecuteTool(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	runner := &fakeRunner{keeps: func(s todo.Scope) bool {
		return s == todo.ChannelScope(w.dev) || s == todo.ChannelScope(w.news)
	}}
	w.useTool(runner)
	dev := bridge.ChannelList(w.dev)
	tests := []struct {
		name  string
		call  Call
		want  string
		calls []string
	}{
		{"add", Call{UserID: w.alice, ChannelID: w.dev, Text: "add Buy milk"}, "Added: Buy milk", []string{"add " + string(dev) + " Buy milk"}},
		{"implicit add", Call{UserID: w.alice, ChannelID: w.dev, Text: "Buy bread"}, "Added: Buy bread", []string{"add " + string(dev) + " Buy bread"}},
		{"done several", Call{UserID: w.alice, ChannelID: w.dev, Text: "done 1 #2"}, "`done` done.\n`done` done.", []string{"done " + string(dev) + " 1", "done " + string(dev) + " 2"}},
		{"delete", Call{UserID: w.alice, ChannelID: w.dev, Text: "rm 3"}, "`delete` done.", []string{"delete " + string(dev) + " 3"}},
		{"list is neutralized", Call{UserID: w.alice, ChannelID: w.dev, Text: "list"}, "1 tell @\u2060channel", []string{"list " + string(dev)}},
		{"bare mention in a thread adds the root", Call{UserID: w.alice, ChannelID: w.dev, RootID: w.rootID, AddsThreadRoot: true},
			"Added: Ship the @\u2060channel release notes", []string{"add " + string(dev) + " Ship the @channel release notes"}},
		{"edit is not the tool's", Call{UserID: w.alice, ChannelID: w.dev, Text: "edit 1 x"},
			"`edit` is not available with the command-line tool that keeps this list. It understands `add`, `done`, `list` and `delete`.", nil},
		{"export is not the tool's", Call{UserID: w.alice, ChannelID: w.dev, Text: "export"}, "`export` is not available", nil},
		{"permissions still apply", Call{UserID: w.bob, ChannelID: w.news, Text: "add x"}, "You don't have permission to change ~news.", nil},
		{"lists the tool does not keep use the store", Call{UserID: w.alice, ChannelID: w.archived, Text: "list"}, "No open todos in ~old", nil},
		{"help is ours", Call{UserID: w.alice, ChannelID: w.dev, Text: "help"}, "#### Channel Todo", nil},
		{"text with a text-direction override never reaches the tool", Call{UserID: w.alice, ChannelID: w.dev, Text: "add pay \u202eecnalab"},
			"The text contains characters that can't be stored or shown safely", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runner.calls = nil
			out := w.exec.Execute(ctx, tt.call)
			require.Contains(t, out.Text, tt.want)
			require.Equal(t, tt.calls, runner.calls)
			require.Empty(t, mentionWords(out.Text))
		})
	}

	// A tool that cannot run gives a translated message; its own errors are shown.
	runner.fail = bridge.KindTimeout
	out := w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "add x"})
	require.True(t, out.Failed)
	require.Equal(t, "The command-line tool that keeps this list did not finish `add` within its time limit (10 min), so it was stopped. Please try again; if it keeps happening, tell your system administrator.", out.Text)
	runner.fail = bridge.KindBusy
	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "add x"})
	require.True(t, out.Failed)
	require.Equal(t, "The command-line tool that keeps this list was busy with other commands, so `add` did not run. Please try again in a moment.", out.Text)
	runner.fail = bridge.KindInternal
	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "list"})
	require.Equal(t, "The command-line tool that keeps this list could not run `list`. Please try again; if it keeps happening, tell your system administrator.", out.Text)
	require.NotContains(t, out.Text, "boom")
	require.NotEmpty(t, w.logged)
	runner.fail = bridge.KindToolFailed
	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "done 4"})
	require.True(t, out.Failed)
	require.Equal(t, "Error running `done`: boom", out.Text)
}

// TestExportIsByteExact: an export's code block holds the document exactly as the service (and
// the REST API) makes it, with no word joiners: code never mentions anyone, so a copied export
// must not carry invisible characters into the place it is pasted.
func TestExportIsByteExact(t *testing.T) {
	for _, format := range []string{"md", "csv"} {
		t.Run(format, func(t *testing.T) {
			w := newWorld(t)
			w.add(t, todo.ChannelScope(w.dev), "ping @channel and @alice", "mail &#64;here", "a ``` fence and a ```` longer one")
			doc, _, err := w.svc.Export(context.Background(), w.alice, todo.ChannelScope(w.dev), map[string]string{"md": todo.FormatMarkdown, "csv": todo.FormatCSV}[format])
			require.NoError(t, err)

			out := w.run(t, "export "+format)

			require.False(t, out.Failed, out.Text)
			require.NotContains(t, out.Text, WordJoiner)
			require.Empty(t, mentionWords(out.Text), out.Text)
			_, block, ok := strings.Cut(out.Text, "`````")
			require.True(t, ok, "the fence is longer than the longest run of backticks: %s", out.Text)
			_, block, _ = strings.Cut(block, "\n")
			block, _, ok = strings.Cut(block, "\n`````")
			require.True(t, ok)
			require.Equal(t, strings.TrimRight(string(doc), "\n"), block)
		})
	}
}

// TestExecuteRefusesUnreadableRoot: a slash command names its thread by a root_id the client
// sends. A root in a channel the actor cannot read, or in another channel, is refused with an
// answer that says nothing about the post, and nothing is added.
func TestExecuteRefusesUnreadableRoot(t *testing.T) {
	w := newWorld(t)
	secret := model.NewId()
	w.auth.AddChannel(todo.Channel{ID: secret, TeamID: "other", Type: "P"})
	w.auth.AddMember(secret, w.carol)
	secretPost, newsPost := model.NewId(), model.NewId()
	w.posts.Add(todo.Post{ID: secretPost, ChannelID: secret})
	w.posts.Add(todo.Post{ID: newsPost, ChannelID: w.news})
	for _, root := range []string{secretPost, newsPost, model.NewId()} {
		out := w.exec.Execute(context.Background(), Call{UserID: w.bob, ChannelID: w.dev, Text: "add Link me", RootID: root, Locale: "en"})
		require.True(t, out.Failed, out.Text)
		require.Equal(t, "That post can't be linked: it isn't one you can read in this channel.", out.Text)
	}
	require.Contains(t, w.run(t, "list").Text, "No open todos")
}

// TestExecuteToolDeleteFollowsTheEditPolicy: under "creator and channel admins" a member may
// not delete from a list the tool keeps (the tool records no creators) but may still complete;
// the channel's admin may delete.
func TestExecuteToolDeleteFollowsTheEditPolicy(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	runner := &fakeRunner{keeps: func(s todo.Scope) bool { return s == todo.ChannelScope(w.dev) }}
	w.useTool(runner)
	w.svc.SetConfig(todo.Config{EditPolicy: todo.EditCreatorAndAdmins})
	w.auth.Grant(w.dev, w.carol, true, true, true)

	out := w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "delete 3"})
	require.True(t, out.Failed)
	require.Equal(t, "Only the channel's admins can delete todos from this list: the command-line tool that keeps it does not record who created them.", out.Text)
	require.Empty(t, runner.calls, "the tool must not run for a refused delete")

	out = w.exec.Execute(ctx, Call{UserID: w.alice, ChannelID: w.dev, Text: "done 3"})
	require.False(t, out.Failed, out.Text)

	out = w.exec.Execute(ctx, Call{UserID: w.carol, ChannelID: w.dev, Text: "delete 3"})
	require.False(t, out.Failed, out.Text)
	require.Equal(t, []string{"done " + string(bridge.ChannelList(w.dev)) + " 3", "delete " + string(bridge.ChannelList(w.dev)) + " 3"}, runner.calls)
}

// pathRunner fails every command with a message that names a path on the server.
type pathRunner struct{ fakeRunner }

func (p *pathRunner) Run(context.Context, todo.Scope, todo.ToolVerb, string) todo.ToolResult {
	out := "Fatal Error: Cannot read configuration file /var/lib/channel-todo/channel-x/todo.cfg"
	return bridge.ToolResult(bridge.Result{Verb: bridge.VerbDone, Kind: bridge.KindToolFailed, ExitCode: 1, Output: out, Reply: "Error running `done`: " + out})
}

// TestExecuteToolHidesServerPaths: the tool's own error is shown as it is unless it names a
// path on the server; then the thread gets a short message, the log the words, and a system
// admin the words privately (Outcome.Detail).
func TestExecuteToolHidesServerPaths(t *testing.T) {
	w := newWorld(t)
	w.useTool(&pathRunner{fakeRunner{keeps: func(s todo.Scope) bool { return s == todo.ChannelScope(w.dev) }}})
	w.auth.SetSystemAdmin(w.bob)
	short := "The command-line tool that keeps this list reported an error running `done`. The details are in the server log; a system admin can see them."

	out := w.exec.Execute(context.Background(), Call{UserID: w.alice, ChannelID: w.dev, Text: "done 1"})
	require.True(t, out.Failed)
	require.Equal(t, short, out.Text)
	require.Empty(t, out.Detail)
	require.NotEmpty(t, w.logged)

	out = w.exec.Execute(context.Background(), Call{UserID: w.bob, ChannelID: w.dev, Text: "done 1"})
	require.Equal(t, short, out.Text, "the thread never gets the path, whoever asked")
	require.Equal(t, "Only system admins see this. The command-line tool said:\n\n    Error running `done`: Fatal Error: Cannot read configuration file /var/lib/channel-todo/channel-x/todo.cfg", out.Detail)
}
