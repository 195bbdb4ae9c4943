package todo

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// checkScope validates the shape of a scope before anything is looked up.
func checkScope(scope Scope) error {
	switch scope.Kind {
	case ScopeChannel:
		if !IsValidID(scope.ChannelID) {
			return notFound(CodeNotFound, "There is no such channel.")
		}
	case ScopePersonal:
		if !IsValidID(scope.UserID) {
			return notFound(CodeNotFound, "There is no such user.")
		}
	default:
		return invalid(CodeInvalidID, "Unknown list kind %q.", scope.Kind)
	}
	return nil
}

func (s *Service) channel(ctx context.Context, channelID string) (Channel, error) {
	ch, err := s.auth.Channel(ctx, channelID)
	if errors.Is(err, ErrNotFound) {
		return Channel{}, notFound(CodeNotFound, "There is no such channel.")
	}
	if err != nil {
		return Channel{}, fmt.Errorf("getting channel: %w", err)
	}
	return ch, nil
}

// canRead: a channel's list is visible to whoever can read the channel; a
// personal list only to its owner.
func (s *Service) canRead(ctx context.Context, actor string, scope Scope) error {
	_, err := s.readable(ctx, actor, scope, nil)
	return err
}

// readable checks read access and returns the channel (zero for a personal
// list) so write checks need not look it up again. alsoAsk, when not nil,
// is a further question about the channel asked at the same time.
//
// Each question is a plugin-API call, a round trip to the Mattermost server,
// and none depends on another's answer: they are asked at once, so a check
// costs one round trip rather than one per question. The answers are then
// judged in the same order as ever (the channel, read, then the caller's).
func (s *Service) readable(ctx context.Context, actor string, scope Scope, alsoAsk func()) (Channel, error) {
	if err := checkScope(scope); err != nil {
		return Channel{}, err
	}
	if scope.Kind == ScopePersonal {
		if actor != scope.UserID {
			return Channel{}, forbidden(CodePersonalOnly, "A personal list belongs to its owner alone.")
		}
		return Channel{}, nil
	}
	var canRead bool
	asked := all(
		func() { canRead = s.auth.CanRead(ctx, actor, scope.ChannelID) },
		alsoAsk,
	)
	ch, err := s.channel(ctx, scope.ChannelID)
	asked()
	if err != nil {
		return Channel{}, err
	}
	if !canRead {
		return Channel{}, forbidden(CodeForbidden, "You cannot read this channel.")
	}
	return ch, nil
}

// all starts the questions (nil ones are skipped) and returns a function that
// waits for their answers.
func all(questions ...func()) (wait func()) {
	var wg sync.WaitGroup
	for _, q := range questions {
		if q != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q()
			}()
		}
	}
	return wg.Wait
}

// canWrite: changing a channel's list needs permission to read and post
// there, and an archived channel's list is read-only. Every write asks
// Mattermost all three, at once (see readable).
func (s *Service) canWrite(ctx context.Context, actor string, scope Scope) error {
	var canPost bool
	var askPost func()
	if scope.Kind == ScopeChannel {
		askPost = func() { canPost = s.auth.CanPost(ctx, actor, scope.ChannelID) }
	}
	ch, err := s.readable(ctx, actor, scope, askPost)
	if err != nil || scope.Kind == ScopePersonal {
		return err
	}
	if ch.Archived {
		return forbidden(CodeArchived, "This channel is archived; its todos are read-only.")
	}
	if !canPost {
		return forbidden(CodeForbidden, "You cannot post in this channel.")
	}
	return nil
}

// mayEditOthers applies the edit policy to editing and deleting.
func (s *Service) mayEditOthers(ctx context.Context, actor string, t Todo) error {
	if t.Scope.Kind == ScopePersonal || t.CreatorID == actor || s.Config().EditPolicy == EditAnyone {
		return nil
	}
	if s.auth.IsChannelAdmin(ctx, actor, t.Scope.ChannelID) {
		return nil
	}
	return forbidden(CodeEditNotAllowed, "Only the todo's creator and the channel's admins may edit or delete it.")
}

// checkAssignees validates, de-duplicates and limits assignees: each must be
// a user who can read the channel; a personal todo can be assigned only to
// its owner.
func (s *Service) checkAssignees(ctx context.Context, scope Scope, ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !IsValidID(id) {
			return nil, invalid(CodeInvalidAssignee, "%q is not a user id.", id)
		}
		out = append(out, id)
	}
	if max := s.Config().MaxAssignees; len(out) > max {
		return nil, tooManyAssignees(max)
	}
	for _, id := range out {
		if scope.Kind == ScopePersonal {
			if id != scope.UserID {
				return nil, invalid(CodeInvalidAssignee, "A personal todo can only be assigned to its owner.")
			}
			continue
		}
		if !s.auth.UserExists(ctx, id) || !s.auth.CanRead(ctx, id, scope.ChannelID) {
			return nil, invalid(CodeInvalidAssignee, "User %s cannot read this channel, so cannot be assigned.", id)
		}
	}
	return out, nil
}
