package todo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Threads posts in Mattermost threads, for comments on todos.
type Threads interface {
	// StartThread posts message as the bot, starting a thread: in the channel for a
	// channel's list, in the user's direct channel with the bot for a personal list. It
	// returns the new post's id.
	StartThread(ctx context.Context, scope Scope, message string) (string, error)
	// DeletePost removes a post the bot made (a thread that lost the race to be recorded).
	DeletePost(ctx context.Context, postID string) error
	// Reply posts message as userID in the thread rootID, returning the reply's id.
	Reply(ctx context.Context, userID, rootID, message string) (string, error)
}

// Comment is a reply posted in a todo's thread.
type Comment struct {
	// RootID is the thread's root post: the post the todo links to, or the post that
	// started the thread for it.
	RootID string `json:"root_id"`
	// PostID is the reply just posted.
	PostID string `json:"post_id"`
}

// ThreadRoot is the root of the thread a todo's comments go to, "" when it has none yet.
func (t Todo) ThreadRoot() string {
	if t.RootID != "" {
		return t.RootID
	}
	return t.PostID
}

// Thread returns the root of the todo's thread, starting one (a post by the bot, "📝 #N
// text") when the todo links to no post. Only those who may read the todo's list may. The
// thread is recorded with a compare-and-set: when concurrent callers both start one, the
// one recorded first stays and the others' posts are deleted, so a todo has one thread.
func (s *Service) Thread(ctx context.Context, actor, id string) (string, error) {
	t, err := s.loadAny(ctx, id)
	if err != nil {
		return "", err
	}
	ch, err := s.readable(ctx, actor, t.Scope, nil)
	if err != nil {
		return "", err
	}
	if t.Deleted() {
		return "", notFound(CodeNotFound, "That todo was deleted.")
	}
	if ch.Archived {
		return "", forbidden(CodeArchived, "This channel is archived; its todos cannot be commented on.")
	}
	if root := t.ThreadRoot(); root != "" {
		return root, nil
	}
	if s.threads == nil {
		return "", invalid(CodeInvalidPost, "Todos cannot have threads here.")
	}
	postID, err := s.threads.StartThread(ctx, t.Scope, fmt.Sprintf("📝 #%d %s", t.Number, t.Text))
	if err != nil {
		return "", fmt.Errorf("starting thread: %w", err)
	}
	got, recorded, err := s.store.SetThread(ctx, t.ID, postID)
	if err != nil || !recorded {
		if derr := s.threads.DeletePost(ctx, postID); derr != nil && err == nil {
			err = fmt.Errorf("deleting the thread that was not recorded: %w", derr)
		}
	}
	if errors.Is(err, ErrNotFound) {
		return "", notFound(CodeNotFound, "There is no such todo.")
	}
	if err != nil {
		return "", fmt.Errorf("recording thread: %w", err)
	}
	s.wrote(actor)
	return got.ThreadRoot(), nil
}

// Comment posts text as the actor in the todo's thread, starting the thread first if the
// todo has none. Only those who may read the todo's list may comment.
func (s *Service) Comment(ctx context.Context, actor, id, text string) (Comment, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Comment{}, invalid(CodeTextEmpty, "Write something to comment.")
	}
	if utf8.RuneCountInString(text) > maxCommentLength {
		return Comment{}, newError(ErrInvalid, CodeTextTooLong, "A comment can be at most %d characters.", maxCommentLength).
			with(map[string]any{"Limit": maxCommentLength})
	}
	root, err := s.Thread(ctx, actor, id)
	if err != nil {
		return Comment{}, err
	}
	postID, err := s.threads.Reply(ctx, actor, root, text)
	if errors.Is(err, ErrNotFound) {
		return Comment{}, invalid(CodeInvalidPost, "The todo's thread was deleted in Mattermost.")
	}
	if err != nil {
		return Comment{}, fmt.Errorf("posting comment: %w", err)
	}
	return Comment{RootID: root, PostID: postID}, nil
}

// maxCommentLength is Mattermost's own limit on a post's message, in characters.
const maxCommentLength = 16383

// ReplyCounter counts the replies of Mattermost threads.
type ReplyCounter interface {
	// ReplyCounts returns how many replies each root has (roots without any may be left
	// out), for a whole page at once.
	ReplyCounts(ctx context.Context, rootIDs []string) (map[string]int, error)
}

// CountReplies sets Replies on each todo that has a thread, with one lookup for them all.
// The todos must be ones the caller was allowed to read (a page the service returned).
func (s *Service) CountReplies(ctx context.Context, todos []Todo) error {
	if s.replies == nil {
		return nil
	}
	roots := make([]string, 0, len(todos))
	for _, t := range todos {
		if root := t.ThreadRoot(); root != "" {
			roots = append(roots, root)
		}
	}
	if len(roots) == 0 {
		return nil
	}
	counts, err := s.replies.ReplyCounts(ctx, roots)
	if err != nil {
		return err
	}
	for i := range todos {
		todos[i].Replies = counts[todos[i].ThreadRoot()]
	}
	return nil
}

// CountEncodedReplies is CountReplies for an EncodedPage: each todo with replies gets its
// "reply_count" key, where encoding the Todo would have written it (before the checklist's
// counts, the only keys after it).
func (s *Service) CountEncodedReplies(ctx context.Context, page *EncodedPage) error {
	if s.replies == nil {
		return nil
	}
	roots := make([]string, 0, len(page.roots))
	for _, root := range page.roots {
		if root != "" {
			roots = append(roots, root)
		}
	}
	if len(roots) == 0 {
		return nil
	}
	counts, err := s.replies.ReplyCounts(ctx, roots)
	if err != nil {
		return err
	}
	for i, root := range page.roots {
		if n := counts[root]; root != "" && n > 0 {
			page.Todos[i] = withReplyCount(page.Todos[i], n)
		}
	}
	return nil
}

// itemsKey starts the first key a Todo's JSON may have after "reply_count". Inside a JSON
// string a quote is escaped, so these bytes can only be that key.
var itemsKey = []byte(`,"items_total":`)

// withReplyCount is the encoded todo with "reply_count": n in its place, in a new slice.
func withReplyCount(todo json.RawMessage, n int) json.RawMessage {
	at := bytes.LastIndex(todo, itemsKey)
	if at < 0 {
		at = bytes.LastIndexByte(todo, '}')
	}
	out := make(json.RawMessage, 0, len(todo)+24)
	out = append(out, todo[:at]...)
	out = append(out, `,"reply_count":`...)
	out = strconv.AppendInt(out, int64(n), 10)
	return append(out, todo[at:]...)
}
