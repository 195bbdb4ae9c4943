package todo

import (
	"context"
	"errors"
	"fmt"
)

// Move places a todo right after afterID in the same list, or first when
// afterID is "".
func (s *Service) Move(ctx context.Context, actor, id, afterID string) (Todo, error) {
	return s.move(ctx, actor, id, func(t Todo) (string, bool, error) {
		if afterID == "" {
			return "", false, nil
		}
		if afterID == id {
			return "", false, invalid(CodeInvalidMove, "A todo cannot be moved after itself.")
		}
		after, err := s.load(ctx, afterID)
		if err != nil || after.ListID != t.ListID {
			return "", false, invalid(CodeInvalidMove, "The todo to move after is not in the same list.")
		}
		return afterID, false, nil
	})
}

// MoveToTop places a todo first in its list.
func (s *Service) MoveToTop(ctx context.Context, actor, id string) (Todo, error) {
	return s.Move(ctx, actor, id, "")
}

// MoveToBottom places a todo last in its list.
func (s *Service) MoveToBottom(ctx context.Context, actor, id string) (Todo, error) {
	return s.move(ctx, actor, id, func(Todo) (string, bool, error) { return "", true, nil })
}

// MoveToPosition places a todo at a 1-based position among the list's open
// todos, as a list shows them; a position past the end means the bottom.
func (s *Service) MoveToPosition(ctx context.Context, actor, id string, position int) (Todo, error) {
	if position < 1 {
		return Todo{}, invalid(CodeInvalidMove, "Positions start at 1.")
	}
	return s.move(ctx, actor, id, func(t Todo) (string, bool, error) {
		if position == 1 {
			return "", false, nil
		}
		// The open todos before the target slot, not counting the one moving.
		before, err := s.store.List(ctx, StoreQuery{ListID: t.ListID, State: StateOpen, Order: OrderPosition, Limit: position})
		if err != nil {
			return "", false, fmt.Errorf("reading list order: %w", err)
		}
		others := before[:0]
		for _, x := range before {
			if x.ID != t.ID {
				others = append(others, x)
			}
		}
		if len(others) < position-1 {
			return "", true, nil
		}
		return others[position-2].ID, false, nil
	})
}

// move checks write access, lets target choose where the todo goes (after a
// todo, first, or last) and moves it.
func (s *Service) move(ctx context.Context, actor, id string, target func(Todo) (afterID string, last bool, err error)) (Todo, error) {
	t, err := s.loadReadable(ctx, actor, id)
	if err != nil {
		return Todo{}, err
	}
	if err := s.canWrite(ctx, actor, t.Scope); err != nil {
		return Todo{}, err
	}
	afterID, last, err := target(t)
	if err != nil {
		return Todo{}, err
	}
	var ch Change
	if last {
		ch, err = s.store.MoveToEnd(ctx, id, s.now())
	} else {
		ch, err = s.store.Move(ctx, id, afterID, s.now())
	}
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Todo{}, notFound(CodeNotFound, "That todo no longer exists.")
		}
		return Todo{}, fmt.Errorf("moving todo: %w", err)
	}
	s.wrote(actor)
	s.publish(ctx, ActionMoved, ch)
	return ch.Todo, nil
}
