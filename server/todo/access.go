package todo

import "context"

// CanRead reports whether actor may see the list of scope: nil, or an error
// wrapping ErrForbidden or ErrNotFound. Doors that serve a list without the
// service (the command-line tool bridge) check with it.
func (s *Service) CanRead(ctx context.Context, actor string, scope Scope) error {
	return s.canRead(ctx, actor, scope)
}

// CanWrite reports whether actor may change the list of scope (post in the
// channel, channel not archived; a personal list only by its owner).
func (s *Service) CanWrite(ctx context.Context, actor string, scope Scope) error {
	return s.canWrite(ctx, actor, scope)
}
