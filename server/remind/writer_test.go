package remind

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

type directory struct{}

func (directory) Username(_ context.Context, id string) (string, bool) { return "user-" + id, true }
func (directory) ChannelName(_ context.Context, id string) string      { return id }
func (directory) Permalink(_ context.Context, channelID, postID string) string {
	return "https://chat/" + channelID + "/" + postID
}

type settings map[string]todo.UserSettings

func (s settings) UserSettings(_ context.Context, id string) (todo.UserSettings, error) {
	return s[id], nil
}

// sent is what a Writer posted, by recipient.
type sent map[string][]*model.Post

func newWriter(t *testing.T, out sent, ppl people, st settings) Writer {
	t.Helper()
	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join("..", "..", "assets", "i18n")))
	require.NoError(t, err)
	return Writer{
		Translations: tr, Directory: directory{}, People: ppl, Settings: st, MorningHour: 9,
		NoticeButtons: func(post *model.Post, _ i18n.Localizer, td todo.Todo, _ string) { post.AddProp("buttons_for", td.ID) },
		DirectMessage: func(userID string, post *model.Post) error {
			out[userID] = append(out[userID], post)
			return nil
		},
		Log: func(string, ...any) {},
	}
}

func TestWriterRemindsWithButtonsInTheRecipientsZone(t *testing.T) {
	out := sent{}
	w := newWriter(t, out, people{}, nil)
	tokyo := zone(t, "Asia/Tokyo")
	td := channelTodo("t1", "ann", todo.Due{Date: "2026-11-02", Time: "09:00", Zone: "UTC"})
	td.Number, td.Text, td.PostID = 4, "Ship it", "p1"
	require.NoError(t, w.Send(context.Background(), Message{Kind: KindOverdue, To: Person{ID: "bob", Location: tokyo, Locale: "en"}, Todo: td}))
	require.Len(t, out["bob"], 1)
	post := out["bob"][0]
	require.Contains(t, post.Message, "**#4** in ~chan is overdue")
	require.Contains(t, post.Message, "18:00", "09:00 UTC reads as 18:00 in Tokyo")
	require.Contains(t, post.Message, "https://chat/chan/p1")
	require.Equal(t, "t1", post.GetProp("buttons_for"))
}

func TestWriterDigestListsEachSection(t *testing.T) {
	out := sent{}
	w := newWriter(t, out, people{}, nil)
	overdue := channelTodo("t1", "ann", todo.Due{Date: "2026-10-30"})
	overdue.Number, overdue.Text = 1, "Old thing"
	assigned := channelTodo("t2", "ann", todo.Due{})
	assigned.Number, assigned.Text, assigned.Due = 2, "Their thing", nil
	d := &Digest{Overdue: []todo.Todo{overdue}, Assigned: []todo.Todo{assigned}}
	require.NoError(t, w.Send(context.Background(), Message{Kind: KindDigest, To: Person{ID: "bob", Location: time.UTC, Locale: "en"}, Digest: d}))
	msg := out["bob"][0].Message
	require.Contains(t, msg, "Your todos for today")
	require.Contains(t, msg, "**Overdue**")
	require.Contains(t, msg, "Old thing")
	require.Contains(t, msg, "**Assigned to you**")
	require.Contains(t, msg, "Their thing")
	require.NotContains(t, msg, "**Due today**", "an empty section is left out")
}

func TestWriterNotices(t *testing.T) {
	ppl := people{zones: map[string]*time.Location{"ann": time.UTC, "bob": time.UTC}, noAccess: map[string]bool{}, checks: &atomic.Int64{}}
	td := channelTodo("t1", "ann", todo.Due{Date: "2026-11-02"})
	td.Number, td.Text = 7, "Water the plants"

	out := sent{}
	w := newWriter(t, out, ppl, settings{"ann": {NotifyCompletion: true}})
	w.Assigned(context.Background(), "ann", td, []string{"bob", "gone"})
	require.Len(t, out["bob"], 1)
	require.Contains(t, out["bob"][0].Message, "user-ann assigned you **#7**")
	require.Equal(t, "t1", out["bob"][0].GetProp("buttons_for"))
	require.Empty(t, out["gone"], "nobody who cannot be written to is")

	w.Completed(context.Background(), "bob", td)
	require.Len(t, out["ann"], 1)
	require.Contains(t, out["ann"][0].Message, "user-bob completed your todo **#7**")

	w.Completed(context.Background(), "ann", td)
	require.Len(t, out["ann"], 1, "completing one's own todo tells nobody")

	quiet := sent{}
	newWriter(t, quiet, ppl, settings{}).Completed(context.Background(), "bob", td)
	require.Empty(t, quiet, "the creator did not ask for completion notices")

	ppl.noAccess["ann"] = true
	newWriter(t, quiet, ppl, settings{"ann": {NotifyCompletion: true}}).Completed(context.Background(), "bob", td)
	require.Empty(t, quiet, "a creator who left the channel is not told")
}
