package todo_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// fakeThreads keeps posts in memory. With gate set, every StartThread waits until gate's
// count of callers have all started a thread, so that they all race to record theirs.
type fakeThreads struct {
	mu      sync.Mutex
	gate    *sync.WaitGroup
	roots   map[string]todo.Scope // live roots the bot posted
	deleted []string
	replies map[string][]string // root -> "user: text"
}

func newFakeThreads() *fakeThreads {
	return &fakeThreads{roots: map[string]todo.Scope{}, replies: map[string][]string{}}
}

func (f *fakeThreads) StartThread(_ context.Context, scope todo.Scope, _ string) (string, error) {
	id := todo.NewID()
	f.mu.Lock()
	f.roots[id] = scope
	f.mu.Unlock()
	if f.gate != nil {
		f.gate.Done()
		f.gate.Wait()
	}
	return id, nil
}

func (f *fakeThreads) DeletePost(_ context.Context, postID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.roots, postID)
	f.deleted = append(f.deleted, postID)
	return nil
}

func (f *fakeThreads) Reply(_ context.Context, userID, rootID, message string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies[rootID] = append(f.replies[rootID], userID+": "+message)
	return todo.NewID(), nil
}

func newThreadFixture(t *testing.T) (*fixture, *fakeThreads) {
	t.Helper()
	f := newFixture(t, todo.Config{})
	threads := newFakeThreads()
	f.svc = todo.NewService(todo.Deps{Store: f.store, Authorizer: f.auth, Publisher: f.pub, Threads: threads}, todo.Config{})
	return f, threads
}

func TestCommentStartsOneThreadAndReusesIt(t *testing.T) {
	ctx := context.Background()
	f, threads := newThreadFixture(t)
	td := f.add(t, "Buy oat milk")

	first, err := f.svc.Comment(ctx, f.member, td.ID, "  Ordered it  ")
	require.NoError(t, err)
	second, err := f.svc.Comment(ctx, f.creator, td.ID, "Thanks")
	require.NoError(t, err)
	require.Equal(t, first.RootID, second.RootID, "the second comment goes to the same thread")
	require.Len(t, threads.roots, 1)
	require.Equal(t, f.scope(), threads.roots[first.RootID])
	require.Equal(t, []string{f.member + ": Ordered it", f.creator + ": Thanks"}, threads.replies[first.RootID])
	got, err := f.svc.Get(ctx, f.creator, td.ID)
	require.NoError(t, err)
	require.Equal(t, first.RootID, got.PostID, "the thread is recorded on the todo")
}

func TestCommentOnALinkedTodoUsesItsThread(t *testing.T) {
	ctx := context.Background()
	f, threads := newThreadFixture(t)
	post, root := todo.NewID(), todo.NewID()
	// A todo made from a reply links to the reply and its thread's root.
	ch, err := f.store.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: f.scope().ListID(), Scope: f.scope(), Text: "from a message",
		State: todo.StateOpen, CreatorID: f.creator, PostID: post, RootID: root})
	require.NoError(t, err)
	td := ch.Todo
	c, err := f.svc.Comment(ctx, f.member, td.ID, "see above")
	require.NoError(t, err)
	require.Equal(t, root, c.RootID)
	require.Empty(t, threads.roots, "no new thread for a todo that has one")
}

func TestConcurrentFirstCommentsMakeOneThread(t *testing.T) {
	ctx := context.Background()
	f, threads := newThreadFixture(t)
	td := f.add(t, "Book the room")
	const n = 6
	var gate sync.WaitGroup
	gate.Add(n)
	threads.gate = &gate
	roots := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := f.svc.Comment(ctx, f.member, td.ID, "me too")
			assert.NoError(t, err)
			roots[i] = c.RootID
		}(i)
	}
	wg.Wait()
	require.Len(t, threads.roots, 1, "one thread survives")
	require.Len(t, threads.deleted, n-1, "the threads that lost the race are deleted")
	for _, r := range roots {
		require.Contains(t, threads.roots, r, "every comment went to the surviving thread")
	}
	require.Len(t, threads.replies[roots[0]], n)
	got, err := f.svc.Get(ctx, f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, roots[0], got.PostID)
}

func TestCommentNeedsReadAccessToTheList(t *testing.T) {
	ctx := context.Background()
	f, threads := newThreadFixture(t)
	td := f.add(t, "secret plan")

	_, err := f.svc.Comment(ctx, f.outsider, td.ID, "let me in")
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	require.Empty(t, threads.roots, "a refused comment starts no thread")

	// Reading is enough: a reader who cannot post in the channel may comment.
	_, err = f.svc.Comment(ctx, f.reader, td.ID, "noted")
	require.NoError(t, err)

	mine, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: todo.PersonalScope(f.creator), Text: "private"})
	require.NoError(t, err)
	_, err = f.svc.Comment(ctx, f.member, mine.ID, "hi")
	requireCode(t, err, todo.ErrForbidden, todo.CodePersonalOnly)
	c, err := f.svc.Comment(ctx, f.creator, mine.ID, "note to self")
	require.NoError(t, err)
	require.Equal(t, todo.PersonalScope(f.creator), threads.roots[c.RootID], "a personal todo's thread is in the owner's direct channel with the bot")

	_, err = f.svc.Comment(ctx, f.member, td.ID, "   ")
	requireCode(t, err, todo.ErrInvalid, todo.CodeTextEmpty)

	f.auth.SetArchived(f.channel, true)
	_, err = f.svc.Comment(ctx, f.member, td.ID, "too late")
	requireCode(t, err, todo.ErrForbidden, todo.CodeArchived)
}
