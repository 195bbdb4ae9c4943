package todo

import (
	"context"
	"errors"
	"fmt"
)

// Post is what the rules need to know about a Mattermost post a todo links to.
type Post struct {
	ID        string
	ChannelID string
	RootID    string // "" for a post that starts a thread
}

// Posts looks up Mattermost posts.
type Posts interface {
	// Post returns a post that is not deleted, or an error wrapping ErrNotFound.
	Post(ctx context.Context, postID string) (Post, error)
}

// checkLinks makes sure the post (and thread) a new todo links to are ones the actor may read
// and, for a channel's list, are in that channel: otherwise the todo's permalink would show
// readers of the list a post, or at least its team, that they were never meant to see. A post
// that does not exist and a post the actor cannot read get the same answer.
func (s *Service) checkLinks(ctx context.Context, actor string, scope Scope, postID, rootID string) error {
	var linked Post
	for _, id := range []string{postID, rootID} {
		if id == "" {
			continue
		}
		if !IsValidID(id) {
			return invalid(CodeInvalidID, "The post id is not valid.")
		}
		if s.posts == nil {
			return invalid(CodeInvalidPost, "Todos cannot link to posts here.")
		}
		post, err := s.posts.Post(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return errUnreadablePost
		}
		if err != nil {
			return fmt.Errorf("getting linked post: %w", err)
		}
		if !s.auth.CanRead(ctx, actor, post.ChannelID) {
			return errUnreadablePost
		}
		if scope.Kind == ScopeChannel && post.ChannelID != scope.ChannelID {
			return invalid(CodeInvalidPost, "The linked post is not in this channel.")
		}
		if id == postID {
			linked = post
		}
	}
	if postID != "" && rootID != "" && rootID != linked.ID && rootID != linked.RootID {
		return invalid(CodeInvalidPost, "The post is not in the thread given as root_id.")
	}
	return nil
}

var errUnreadablePost = invalid(CodeInvalidPost, "There is no such post that you can read.")
