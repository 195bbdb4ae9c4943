package todo

import "context"

// CanRead reports whether actor may see the list of scope: nil, or an error
// wrapping ErrForbidden or ErrNotFound.
func (s *Service) CanRead(ctx context.Context, actor string, scope Scope) error {
	return s.canRead(ctx, actor, scope)
}

// CanWrite reports whether actor may change the list of scope (post in the
// channel, channel not archived; a personal list only by its owner).
func (s *Service) CanWrite(ctx context.Context, actor string, scope Scope) error {
	return s.canWrite(ctx, actor, scope)
}

// CanDeleteUnowned reports whether actor may delete todos of scope whose creator is not known:
// those a command-line tool keeps (the tools record no creators). Under the "creator and
// channel admins" policy nobody can show they created such a todo, so only the channel's
// admins (channel, team or system admins) may delete it; under "anyone", whoever may change
// the list. Completing stays open to everyone who may change the list, as for built-in todos.
func (s *Service) CanDeleteUnowned(ctx context.Context, actor string, scope Scope) error {
	if err := s.canWrite(ctx, actor, scope); err != nil {
		return err
	}
	if scope.Kind == ScopePersonal || s.Config().EditPolicy == EditAnyone {
		return nil
	}
	if s.auth.IsChannelAdmin(ctx, actor, scope.ChannelID) {
		return nil
	}
	return forbidden(CodeToolDeleteNotAllowed, "Only the channel's admins may delete todos the command-line tool keeps: the tool does not record who created them.")
}
