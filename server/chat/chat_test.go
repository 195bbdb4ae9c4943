package chat

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// directory names the test's people and channels as replies show them.
type directory struct {
	users    map[string]string // id -> username
	channels map[string]string // id -> name
}

func (d directory) UserIDByUsername(_ context.Context, username string) (string, bool) {
	for id, name := range d.users {
		if name == username {
			return id, true
		}
	}
	return "", false
}

func (d directory) Username(_ context.Context, userID string) (string, bool) {
	name, ok := d.users[userID]
	return name, ok
}

func (d directory) ChannelName(_ context.Context, channelID string) string {
	return d.channels[channelID]
}

func (d directory) Permalink(_ context.Context, _, postID string) string {
	return "https://chat.example.com/_redirect/pl/" + postID
}

func (d directory) PostMessage(_ context.Context, postID string) (string, error) {
	return "", todo.ErrNotFound
}

// threads says which posts reply in a todo's comment thread.
type threads map[string]bool

func (th threads) InTodoThread(post *model.Post) bool { return th[post.Id] }

// chat is a chat door over the in-memory store, with a mocked plugin API that records what
// the bot posted (for everyone) and whispered (to one person). The mock fails the test on
// any call it was not told to expect.
type chat struct {
	door      Door
	api       *plugintest.API
	store     *todotest.MemStore
	posts     *todotest.Posts
	posted    []*model.Post
	whispered map[string][]*model.Post // by recipient
	// alice posts in dev and may only read news; botDM is the bot's direct channel with alice.
	alice, bot, dev, news, botDM string
	// postFails makes the bot's CreatePost fail, as when the bot may not post in a channel.
	postFails bool
}

func newChat(t *testing.T) *chat {
	t.Helper()
	c := &chat{
		api:   &plugintest.API{},
		store: todotest.NewMemStore(), whispered: map[string][]*model.Post{},
		alice: model.NewId(), bot: model.NewId(), dev: model.NewId(), news: model.NewId(),
	}
	c.botDM = model.NewId()
	c.posts = todotest.NewPosts()
	auth := todotest.NewAuthorizer()
	for _, ch := range []string{c.dev, c.news} {
		auth.AddChannel(todo.Channel{ID: ch, TeamID: "team", Type: "O"})
	}
	auth.AddChannel(todo.Channel{ID: c.botDM, Type: "D"})
	auth.AddMember(c.dev, c.alice)
	auth.AddMember(c.botDM, c.alice)
	auth.Grant(c.news, c.alice, true, false, false)
	auth.AddUser(c.alice)
	svc := todo.NewService(todo.Deps{Store: c.store, Items: c.store, Authorizer: auth, Posts: c.posts, Clock: todotest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}, todo.Config{})

	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join("..", "..", "assets", "i18n")))
	require.NoError(t, err)
	dir := directory{users: map[string]string{c.alice: "alice", c.bot: "todo"}, channels: map[string]string{c.dev: "dev", c.news: "news"}}

	c.api.On("GetUser", c.alice).Return(&model.User{Id: c.alice, Username: "alice", Locale: "en"}, nil).Maybe()
	for id, name := range map[string]string{c.dev: "dev", c.news: "news"} {
		c.api.On("GetChannel", id).Return(&model.Channel{Id: id, Name: name, Type: model.ChannelTypeOpen}, nil).Maybe()
	}
	c.api.On("GetChannel", c.botDM).Return(&model.Channel{Id: c.botDM, Name: model.GetDMNameFromIds(c.alice, c.bot), Type: model.ChannelTypeDirect}, nil).Maybe()
	c.api.On("CreatePost", mock.AnythingOfType("*model.Post")).Return(func(p *model.Post) (*model.Post, *model.AppError) {
		if c.postFails {
			return nil, model.NewAppError("CreatePost", "api.context.permissions.app_error", nil, "", http.StatusForbidden)
		}
		c.posted = append(c.posted, p)
		return p, nil
	}).Maybe()
	c.api.On("SendEphemeralPost", mock.AnythingOfType("string"), mock.AnythingOfType("*model.Post")).Run(func(args mock.Arguments) {
		c.whispered[args.String(0)] = append(c.whispered[args.String(0)], args.Get(1).(*model.Post))
	}).Return(nil).Maybe()
	c.api.On("LogWarn", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Maybe()

	c.door = Door{
		API:          c.api,
		Service:      svc,
		Translations: tr,
		Executor: func() *command.Executor {
			return &command.Executor{Service: svc, Directory: dir, Translations: tr, BotUsername: "todo", Log: func(string, ...any) {}}
		},
		Callers:      mattermost.Callers{API: c.api, BotID: c.bot, DefaultLocale: func() string { return "en" }, BotDMs: &mattermost.BotDMCache{}},
		Answers:      mattermost.Answers{API: c.api, BotID: c.bot},
		Threads:      threads{},
		BotID:        c.bot,
		BotUsername:  "todo",
		TriggerWords: []string{"todo:"},
		Timeout:      time.Minute,
	}
	return c
}

// slash runs a /todo command as alice.
func (c *chat) slash(channelID, rootID, text string) *model.CommandResponse {
	return c.door.Command(&model.CommandArgs{UserId: c.alice, ChannelId: channelID, RootId: rootID, Command: text})
}

// root is a post in a channel that starts a thread.
func (c *chat) root(channelID string) string {
	id := model.NewId()
	c.posts.Add(todo.Post{ID: id, ChannelID: channelID})
	return id
}

// post has alice write a post, and returns it.
func (c *chat) post(channelID, rootID, message string) *model.Post {
	p := &model.Post{Id: model.NewId(), UserId: c.alice, ChannelId: channelID, RootId: rootID, Message: message}
	c.posts.Add(todo.Post{ID: p.Id, ChannelID: channelID, RootID: rootID})
	c.door.Posted(p)
	return p
}

// openTexts are the texts of the open todos of a channel's list.
func (c *chat) openTexts(t *testing.T, channelID string) []string {
	t.Helper()
	todos, err := c.store.List(context.Background(), todo.StoreQuery{ListID: todo.ChannelScope(channelID).ListID(), State: todo.StateOpen, Limit: 100})
	require.NoError(t, err)
	texts := make([]string, 0, len(todos))
	for _, td := range todos {
		texts = append(texts, td.Text)
	}
	return texts
}

// requireBotPost checks that the bot posted exactly one answer, where and as it should, and
// that it cannot notify a group.
func (c *chat) requireBotPost(t *testing.T, channelID, rootID, message string) {
	t.Helper()
	require.Len(t, c.posted, 1, "the bot's posts")
	p := c.posted[0]
	require.Equal(t, c.bot, p.UserId)
	require.Equal(t, channelID, p.ChannelId)
	require.Equal(t, rootID, p.RootId, "the thread it answers in")
	require.Equal(t, message, p.Message)
	require.Equal(t, true, p.GetProp("disable_group_highlight"))
}

func TestSlashCommandAnswersWhereThePersonLooks(t *testing.T) {
	t.Run("in a thread: the bot's post in that thread", func(t *testing.T) {
		c := newChat(t)
		root := c.root(c.dev)
		resp := c.slash(c.dev, root, "/todo add Water the plants")
		require.Equal(t, &model.CommandResponse{}, resp, "nothing in the command's own response")
		c.requireBotPost(t, c.dev, root, "Added **#1** to ~dev: Water the plants")
		require.Empty(t, c.whispered)
		require.Equal(t, []string{"Water the plants"}, c.openTexts(t, c.dev))
	})

	t.Run("outside a thread: the command's ephemeral response, markup kept as typed", func(t *testing.T) {
		c := newChat(t)
		resp := c.slash(c.dev, "", "/todo add Tell <!channel> about it")
		require.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
		require.True(t, resp.SkipSlackParsing, "<!channel> must not become @channel")
		require.Equal(t, "Added **#1** to ~dev: Tell <!channel> about it", resp.Text)
		require.Empty(t, c.posted)
		require.Empty(t, c.whispered)
	})

	t.Run("outside a thread, with changes shown to the channel: a change is posted there, a list is not", func(t *testing.T) {
		c := newChat(t)
		c.door.ReplyInChannel = true
		resp := c.slash(c.dev, "", "/todo add Book the room")
		require.Equal(t, &model.CommandResponse{}, resp)
		c.requireBotPost(t, c.dev, "", "Added **#1** to ~dev: Book the room")

		resp = c.slash(c.dev, "", "/todo list")
		require.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
		require.Contains(t, resp.Text, "Book the room")
		require.Len(t, c.posted, 1, "a list changes nothing, so no one else sees it")
	})

	t.Run("a personal list's answer goes to its owner alone, even in a thread", func(t *testing.T) {
		c := newChat(t)
		root := c.root(c.dev)
		resp := c.slash(c.dev, root, "/todo my add Renew my passport")
		require.Empty(t, c.posted)
		require.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
		require.Contains(t, resp.Text, "Renew my passport")
	})
}

func TestMentionIsAnsweredInItsThread(t *testing.T) {
	t.Run("a post of its own: the thread it starts", func(t *testing.T) {
		c := newChat(t)
		p := c.post(c.dev, "", "@todo add Order the cake")
		c.requireBotPost(t, c.dev, p.Id, "Added **#1** to ~dev: Order the cake")
		todos, err := c.store.List(context.Background(), todo.StoreQuery{ListID: todo.ChannelScope(c.dev).ListID(), State: todo.StateOpen, Limit: 10})
		require.NoError(t, err)
		require.Len(t, todos, 1)
		require.Equal(t, p.Id, todos[0].PostID, "the todo links to the post that asked for it")
	})

	t.Run("a reply: the thread it was written in", func(t *testing.T) {
		c := newChat(t)
		root := c.root(c.dev)
		c.post(c.dev, root, "todo: add Send the minutes")
		c.requireBotPost(t, c.dev, root, "Added **#1** to ~dev: Send the minutes")
	})

	t.Run("a mention inside the text: a hint to the author alone, and no command", func(t *testing.T) {
		c := newChat(t)
		p := c.post(c.dev, "", "thanks @todo, add milk")
		require.Empty(t, c.posted)
		require.Len(t, c.whispered[c.alice], 1)
		hint := c.whispered[c.alice][0]
		require.Equal(t, p.Id, hint.RootId)
		require.Equal(t, c.bot, hint.UserId)
		require.Contains(t, hint.Message, "start your message with `@todo`")
		require.Empty(t, c.openTexts(t, c.dev))
	})

	t.Run("the direct channel with the bot: no mention needed, but a reply in a todo's thread is a comment", func(t *testing.T) {
		c := newChat(t)
		p := c.post(c.botDM, "", "Call the plumber")
		c.requireBotPost(t, c.botDM, p.Id, "Added **#1** to your personal list: Call the plumber")

		comment := &model.Post{Id: model.NewId(), UserId: c.alice, ChannelId: c.botDM, RootId: model.NewId(), Message: "the plumber comes at 3"}
		c.door.Threads = threads{comment.Id: true}
		c.door.Posted(comment)
		require.Len(t, c.posted, 1, "no answer to a comment")
		require.Empty(t, c.whispered)
	})

	t.Run("before activation: nothing", func(t *testing.T) {
		c := newChat(t)
		c.door.Service = nil
		c.post(c.dev, "", "@todo add x")
		require.Empty(t, c.posted)
		require.Empty(t, c.whispered)
		c.api.AssertNotCalled(t, "GetUser", mock.Anything)
	})
}

func TestErrorReplies(t *testing.T) {
	t.Run("a number the list does not have, in a thread: said there, nothing changed", func(t *testing.T) {
		c := newChat(t)
		root := c.root(c.dev)
		c.slash(c.dev, root, "/todo add Only one")
		c.posted = nil
		c.slash(c.dev, root, "/todo done 7")
		c.requireBotPost(t, c.dev, root, "No open todo #7 in ~dev.")
		require.Equal(t, []string{"Only one"}, c.openTexts(t, c.dev))
	})

	t.Run("a command it cannot read: its usage, to the actor alone", func(t *testing.T) {
		c := newChat(t)
		resp := c.slash(c.dev, "", "/todo edit 3")
		require.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
		require.Equal(t, "Usage: `/todo edit <number> <new text>`, for example `/todo edit 3 Buy oat milk`.\n"+
			"To add a todo that starts with “edit”, write `/todo add edit …`.", resp.Text)
		require.Empty(t, c.posted)
	})

	t.Run("a channel the person may only read: refused, and nothing added", func(t *testing.T) {
		c := newChat(t)
		resp := c.slash(c.news, "", "/todo add Change the headline")
		require.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
		require.Equal(t, "You don't have permission to change ~news.", resp.Text)
		require.Empty(t, c.posted)
		require.Empty(t, c.openTexts(t, c.news))
	})

	t.Run("the bot may not post in the channel: the answer reaches the actor privately, in the same thread", func(t *testing.T) {
		c := newChat(t)
		c.postFails = true
		p := c.post(c.dev, "", "@todo add Fix the printer")
		require.Empty(t, c.posted)
		require.Len(t, c.whispered[c.alice], 1)
		w := c.whispered[c.alice][0]
		require.Equal(t, p.Id, w.RootId)
		require.Equal(t, c.dev, w.ChannelId)
		require.Equal(t, "Added **#1** to ~dev: Fix the printer", w.Message)
	})
}
