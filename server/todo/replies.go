package todo

import (
	"context"
	"fmt"
)

// ThreadIndex finds the todos whose comments are a given Mattermost thread.
type ThreadIndex interface {
	// TodosInThread returns the todos, not deleted, whose thread root (Todo.ThreadRoot) is
	// rootID; none for a thread that is no todo's.
	TodosInThread(ctx context.Context, rootID string) ([]Todo, error)
}

// ReplyEvents tells the people who see a todo's list how many replies its thread has now.
type ReplyEvents interface {
	RepliesChanged(ctx context.Context, t Todo, replies int)
}

// ThreadChanged is told that a reply was posted in, or deleted from, the thread rootID (by
// anyone, as Mattermost's hooks report every post). When the thread is a todo's, it counts the
// thread's replies and tells those who see the todo's list, so open sidebars show the count
// without reading the list again; no list changes, so no version moves. A thread that is no
// todo's costs one index probe. Both reads go to the primary: the reply was just saved there,
// and a replica might not have it yet.
func (s *Service) ThreadChanged(ctx context.Context, rootID string) error {
	if s.threadIndex == nil || s.replyEvents == nil || s.replies == nil || !IsValidID(rootID) {
		return nil
	}
	ctx = WithFreshReads(ctx)
	todos, err := s.threadIndex.TodosInThread(ctx, rootID)
	if err != nil {
		return fmt.Errorf("finding the todos of thread %s: %w", rootID, err)
	}
	if len(todos) == 0 {
		return nil
	}
	counts, err := s.replies.ReplyCounts(ctx, []string{rootID})
	if err != nil {
		return fmt.Errorf("counting the replies of thread %s: %w", rootID, err)
	}
	for _, t := range todos {
		s.replyEvents.RepliesChanged(ctx, t, counts[rootID])
	}
	return nil
}
