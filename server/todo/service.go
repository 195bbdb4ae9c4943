package todo

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
)

// Deps are the collaborators of the Service. Store and Authorizer are
// required; the others have defaults (no events, system clock, no usernames,
// NewID).
type Deps struct {
	Store      Store
	Authorizer Authorizer
	Publisher  Publisher
	Clock      Clock
	Directory  Directory
	// Posts finds the posts todos link to; without it a todo cannot link to a post.
	Posts Posts
	NewID func() string
	// Zones gives due times without a zone their setter's zone; Notifier hears of
	// assignments and completions. Both optional.
	Zones    Zones
	Notifier Notifier
	// Tool is the command-line tool that keeps some lists; ToolEvents hears of its changes.
	// Both optional: without a tool the store keeps every list.
	Tool       Tool
	ToolEvents ToolEvents
	// Settings keeps people's own settings. Optional.
	Settings SettingsStore
	// Imports records todos brought in from other tools; without it nothing can be imported.
	Imports ImportStore
	// Search finds todos by their words; without it nothing can be searched.
	Search SearchStore
	// Threads posts todos' comments in Mattermost threads; without it nothing can be commented on.
	Threads Threads
	// Replies counts the replies in todos' threads for list pages. Optional.
	Replies ReplyCounter
	// Items keeps todos' checklists; without it no todo has one.
	Items ItemStore
	// ThreadIndex finds a thread's todos and ReplyEvents tells of their new reply counts
	// (ThreadChanged). Optional: without them (or Replies) reply counts change on reading.
	ThreadIndex ThreadIndex
	ReplyEvents ReplyEvents
}

// Service owns every rule about todos. All doors (REST, slash command,
// mentions, sidebar) call it with the acting user's id, and it checks that
// user's permissions itself.
type Service struct {
	store      Store
	auth       Authorizer
	pub        Publisher
	clock      Clock
	dir        Directory
	posts      Posts
	newID      func() string
	zones      Zones
	notify     Notifier
	tool       Tool
	toolEvents ToolEvents
	settings   SettingsStore
	// imports is nil when the store keeps no import records.
	imports ImportStore
	// search is nil when the store cannot search.
	search SearchStore
	// threads is nil when todos cannot be commented on.
	threads     Threads
	replies     ReplyCounter
	threadIndex ThreadIndex
	replyEvents ReplyEvents
	// items is nil when todos cannot have checklists.
	items  ItemStore
	config atomic.Pointer[Config]
	// writers sends a person's reads to the master right after their writes (fresh.go).
	writers recentWriters
}

// NewService builds a Service. It panics if Store or Authorizer is missing,
// since that is a wiring mistake, not a runtime condition.
func NewService(d Deps, c Config) *Service {
	if d.Store == nil || d.Authorizer == nil {
		panic("todo.NewService: Store and Authorizer are required")
	}
	s := &Service{store: d.Store, auth: d.Authorizer, pub: d.Publisher, clock: d.Clock, dir: d.Directory, posts: d.Posts, newID: d.NewID,
		zones: d.Zones, notify: d.Notifier, tool: d.Tool, toolEvents: d.ToolEvents, settings: d.Settings, imports: d.Imports, search: d.Search, threads: d.Threads, replies: d.Replies, items: d.Items,
		threadIndex: d.ThreadIndex, replyEvents: d.ReplyEvents}
	if s.notify == nil {
		s.notify = nopNotifier{}
	}
	if s.pub == nil {
		s.pub = nopPublisher{}
	}
	if s.clock == nil {
		s.clock = systemClock{}
	}
	if s.newID == nil {
		s.newID = NewID
	}
	s.SetConfig(c)
	return s
}

// SetConfig replaces the rules' configuration; safe to call at any time.
func (s *Service) SetConfig(c Config) {
	c.SetDefaults()
	s.config.Store(&c)
}

// Config returns the configuration in effect.
func (s *Service) Config() Config { return *s.config.Load() }

func (s *Service) now() int64 { return s.clock.Now().UnixMilli() }

// errUnchanged aborts an Update whose mutation would change nothing, so that
// no version is spent and no event is sent.
var errUnchanged = errors.New("unchanged")

// AddInput is what a new todo is made of.
type AddInput struct {
	Scope     Scope
	Text      string
	Assignees []string
	Due       *Due
	Priority  Priority
	// Recur makes it repeat (see ParseRecur); without a due date it gets the rule's first.
	Recur string
	// PostID and RootID name the post (and its thread) the todo came from, if any.
	PostID string
	RootID string
}

// Add creates a todo at the end of the scope's list. A list the command-line tool keeps is
// refused (CodeToolKeepsList) after the permission check: RunTool adds to it.
func (s *Service) Add(ctx context.Context, actor string, in AddInput) (Todo, error) {
	if err := s.canWrite(ctx, actor, in.Scope); err != nil {
		return Todo{}, err
	}
	if err := s.refuseToolKept(in.Scope); err != nil {
		return Todo{}, err
	}
	cfg := s.Config()
	text, err := normalizeText(in.Text, cfg.MaxTextLength)
	if err != nil {
		return Todo{}, err
	}
	if err := validPriority(in.Priority); err != nil {
		return Todo{}, err
	}
	if err := s.checkRecur(ctx, actor, &in); err != nil {
		return Todo{}, err
	}
	due, err := ValidateDue(in.Due)
	if err != nil {
		return Todo{}, err
	}
	s.zoneDue(ctx, actor, due)
	assignees, err := s.checkAssignees(ctx, in.Scope, in.Assignees)
	if err != nil {
		return Todo{}, err
	}
	if err := s.checkLinks(ctx, actor, in.Scope, in.PostID, in.RootID); err != nil {
		return Todo{}, err
	}
	now := s.now()
	t := Todo{
		ID:        s.newID(),
		ListID:    in.Scope.ListID(),
		Scope:     in.Scope,
		Text:      text,
		State:     StateOpen,
		CreatorID: actor,
		CreatedAt: now,
		UpdatedAt: now,
		Assignees: assignees,
		Due:       due,
		Priority:  in.Priority,
		Recur:     in.Recur,
		PostID:    in.PostID,
		RootID:    in.RootID,
	}
	ch, err := s.store.Add(ctx, t)
	if err != nil {
		return Todo{}, fmt.Errorf("adding todo: %w", err)
	}
	s.wrote(actor)
	s.publish(ctx, ActionAdded, ch)
	s.notifyAssigned(ctx, actor, ch.Todo, ch.Todo.Assignees)
	return ch.Todo, nil
}

// Get returns a todo the actor may read. Read access is checked before anything is said
// about the todo, its deletion included.
func (s *Service) Get(ctx context.Context, actor, id string) (Todo, error) {
	return s.loadReadable(ctx, actor, id)
}

// loadReadable returns a todo that is not deleted, after checking that the actor may read its
// list: those who may not learn nothing about it, not even that it was deleted.
func (s *Service) loadReadable(ctx context.Context, actor, id string) (Todo, error) {
	t, err := s.loadAny(ctx, id)
	if err != nil {
		return Todo{}, err
	}
	if err := s.canRead(ctx, actor, t.Scope); err != nil {
		return Todo{}, err
	}
	if t.Deleted() {
		return Todo{}, notFound(CodeNotFound, "That todo was deleted.")
	}
	return t, nil
}

// GetByNumber returns the todo with short number n in the scope's list.
func (s *Service) GetByNumber(ctx context.Context, actor string, scope Scope, n int64) (Todo, error) {
	if err := s.canRead(ctx, actor, scope); err != nil {
		return Todo{}, err
	}
	if n <= 0 {
		return Todo{}, invalid(CodeInvalidNumber, "Todo numbers start at 1.")
	}
	t, err := s.store.GetByNumber(ctx, scope.ListID(), n)
	if errors.Is(err, ErrNotFound) || (err == nil && t.Deleted()) {
		return Todo{}, notFound(CodeNotFound, "There is no todo #%d in this list.", n)
	}
	if err != nil {
		return Todo{}, fmt.Errorf("getting todo by number: %w", err)
	}
	return t, nil
}

// Complete marks a todo done. Completing a done todo changes nothing. A todo whose checklist
// has items still open is refused (an *ItemsOpenError, CodeItemsOpen), read on the locked row
// so an item added meanwhile counts: CompleteAnyway is for when that is meant. A recurring
// todo completed for the first time creates the next one in the same transaction and records
// it (NextID): concurrent completes, or completing it again after a reopen, create no second one.
func (s *Service) Complete(ctx context.Context, actor, id string) (Todo, error) {
	return s.complete(ctx, actor, id, false)
}

// CompleteAnyway is Complete for a todo whose checklist may have open items: they stay as
// they are, so reopening the todo shows what was left.
func (s *Service) CompleteAnyway(ctx context.Context, actor, id string) (Todo, error) {
	return s.complete(ctx, actor, id, true)
}

func (s *Service) complete(ctx context.Context, actor, id string, anyway bool) (Todo, error) {
	completed := false
	today := s.today(ctx, actor)
	var next *Todo
	t, err := s.changeAndAdd(ctx, actor, id, ActionCompleted, false, func(t *Todo) error {
		if t.State == StateDone {
			return errUnchanged
		}
		if !anyway && t.ItemsOpen() > 0 {
			return itemsOpen(*t)
		}
		t.State = StateDone
		t.CompletedBy = actor
		t.CompletedAt = s.now()
		completed = true
		next = nil
		if t.Recur != "" && t.NextID == "" {
			n := s.successor(*t, actor, today, t.CompletedAt)
			t.NextID = n.ID
			next = &n
		}
		return nil
	}, func(Todo) *Todo { return next })
	if err == nil && completed {
		s.notify.Completed(ctx, actor, t)
	}
	return t, err
}

// Reopen marks a done todo open again.
func (s *Service) Reopen(ctx context.Context, actor, id string) (Todo, error) {
	return s.change(ctx, actor, id, ActionReopened, false, func(t *Todo) error {
		if t.State == StateOpen {
			return errUnchanged
		}
		t.State = StateOpen
		t.CompletedBy = ""
		t.CompletedAt = 0
		return nil
	})
}

// Edit replaces a todo's text. The edit policy applies.
func (s *Service) Edit(ctx context.Context, actor, id, text string) (Todo, error) {
	text, err := normalizeText(text, s.Config().MaxTextLength)
	if err != nil {
		return Todo{}, err
	}
	return s.change(ctx, actor, id, ActionUpdated, true, func(t *Todo) error {
		if t.Text == text {
			return errUnchanged
		}
		t.Text = text
		return nil
	})
}

// Delete soft-deletes a todo; Restore undoes it. The edit policy applies.
func (s *Service) Delete(ctx context.Context, actor, id string) (Todo, error) {
	return s.change(ctx, actor, id, ActionDeleted, true, func(t *Todo) error {
		t.DeletedAt = s.now()
		t.DeletedBy = actor
		return nil
	})
}

// Restore brings back a soft-deleted todo with its number and position.
func (s *Service) Restore(ctx context.Context, actor, id string) (Todo, error) {
	return s.change(ctx, actor, id, ActionRestored, true, func(t *Todo) error {
		if !t.Deleted() {
			return errUnchanged
		}
		t.DeletedAt = 0
		t.DeletedBy = ""
		return nil
	})
}

// SetAssignees replaces the assignees of a todo.
func (s *Service) SetAssignees(ctx context.Context, actor, id string, userIDs []string) (Todo, error) {
	return s.assign(ctx, actor, id, userIDs, nil, true)
}

// Assign adds assignees to a todo, keeping the ones it has.
func (s *Service) Assign(ctx context.Context, actor, id string, userIDs ...string) (Todo, error) {
	return s.assign(ctx, actor, id, userIDs, nil, false)
}

// Unassign removes assignees from a todo.
func (s *Service) Unassign(ctx context.Context, actor, id string, userIDs ...string) (Todo, error) {
	return s.assign(ctx, actor, id, nil, userIDs, false)
}

func (s *Service) assign(ctx context.Context, actor, id string, add, remove []string, replace bool) (Todo, error) {
	var newcomers []string
	t, err := s.changeWith(ctx, actor, id, ActionUpdated, false, func(before Todo) (func(*Todo) error, error) {
		// Only the users being added are checked against the channel (outside
		// the transaction); the set itself is computed on the locked row so
		// concurrent assigns compose instead of overwriting each other.
		added, err := s.checkAssignees(ctx, before.Scope, add)
		if err != nil {
			return nil, err
		}
		return func(t *Todo) error {
			next := added
			if !replace {
				drop := make(map[string]bool, len(remove))
				for _, u := range remove {
					drop[u] = true
				}
				next = nil
				for _, u := range append(append([]string(nil), t.Assignees...), added...) {
					if !drop[u] {
						next = append(next, u)
					}
				}
			}
			next = dedupe(next)
			if max := s.Config().MaxAssignees; len(next) > max {
				return tooManyAssignees(max)
			}
			if sameSet(next, t.Assignees) {
				return errUnchanged
			}
			newcomers = subtract(next, t.Assignees)
			t.Assignees = next
			return nil
		}, nil
	})
	if err == nil {
		s.notifyAssigned(ctx, actor, t, newcomers)
	}
	return t, err
}

func dedupe(ids []string) []string {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// SetDue sets or, with nil, clears a todo's due date.
func (s *Service) SetDue(ctx context.Context, actor, id string, due *Due) (Todo, error) {
	due, err := ValidateDue(due)
	if err != nil {
		return Todo{}, err
	}
	s.zoneDue(ctx, actor, due)
	return s.change(ctx, actor, id, ActionUpdated, false, func(t *Todo) error {
		if (t.Due == nil && due == nil) || (t.Due != nil && due != nil && *t.Due == *due) {
			return errUnchanged
		}
		t.Due = due
		return nil
	})
}

// SetPriority sets a todo's priority (PriorityNone clears it). Like the due date and the
// assignees, it is part of planning the work, so anyone who may change the list may set it.
func (s *Service) SetPriority(ctx context.Context, actor, id string, p Priority) (Todo, error) {
	if err := validPriority(p); err != nil {
		return Todo{}, err
	}
	return s.change(ctx, actor, id, ActionUpdated, false, func(t *Todo) error {
		if t.Priority == p {
			return errUnchanged
		}
		t.Priority = p
		return nil
	})
}

// change runs a mutation on a todo after the permission checks: write access
// to the list and, when policy is set, the edit policy.
func (s *Service) change(ctx context.Context, actor, id, action string, policy bool, mutate func(*Todo) error) (Todo, error) {
	return s.changeWith(ctx, actor, id, action, policy, func(Todo) (func(*Todo) error, error) { return mutate, nil })
}

// changeAndAdd is change that may add the todo next returns in the same transaction.
func (s *Service) changeAndAdd(ctx context.Context, actor, id, action string, policy bool, mutate func(*Todo) error, next func(Todo) *Todo) (Todo, error) {
	return s.changeFull(ctx, actor, id, action, policy, func(Todo) (func(*Todo) error, error) { return mutate, nil }, next)
}

func (s *Service) changeWith(ctx context.Context, actor, id, action string, policy bool, prepare func(Todo) (func(*Todo) error, error)) (Todo, error) {
	return s.changeFull(ctx, actor, id, action, policy, prepare, nil)
}

func (s *Service) changeFull(ctx context.Context, actor, id, action string, policy bool, prepare func(Todo) (func(*Todo) error, error), next func(Todo) *Todo) (Todo, error) {
	restoring := action == ActionRestored
	t, err := s.loadAny(ctx, id)
	if err != nil {
		return Todo{}, err
	}
	if t.Deleted() && !restoring {
		// Say "forbidden" rather than "deleted" to those who cannot read it.
		if err := s.canRead(ctx, actor, t.Scope); err != nil {
			return Todo{}, err
		}
		return Todo{}, notFound(CodeNotFound, "That todo was deleted.")
	}
	if err := s.canWrite(ctx, actor, t.Scope); err != nil {
		return Todo{}, err
	}
	if policy {
		if err := s.mayEditOthers(ctx, actor, t); err != nil {
			return Todo{}, err
		}
	}
	mutate, err := prepare(t)
	if err != nil {
		return Todo{}, err
	}
	now := s.now()
	ch, added, err := s.store.UpdateAndAdd(ctx, id, func(cur *Todo) error {
		if cur.Deleted() != t.Deleted() {
			// Deleted or restored by someone else meanwhile.
			return errUnchanged
		}
		if err := mutate(cur); err != nil {
			return err
		}
		cur.UpdatedAt = now
		return nil
	}, next)
	switch {
	case errors.Is(err, errUnchanged):
		cur, err := s.loadAny(ctx, id)
		if err != nil {
			return Todo{}, err
		}
		if cur.Deleted() && !restoring {
			return Todo{}, notFound(CodeNotFound, "That todo was deleted.")
		}
		return cur, nil
	case errors.Is(err, ErrNotFound):
		return Todo{}, notFound(CodeNotFound, "That todo no longer exists.")
	case err != nil:
		var de *Error
		if errors.As(err, &de) {
			return Todo{}, err
		}
		return Todo{}, fmt.Errorf("updating todo: %w", err)
	}
	s.wrote(actor)
	s.publish(ctx, action, ch)
	if added != nil {
		s.publish(ctx, ActionAdded, *added)
	}
	return ch.Todo, nil
}

func (s *Service) publish(ctx context.Context, action string, ch Change) {
	s.pub.Publish(ctx, Event{Action: action, Scope: ch.Todo.Scope, Version: ch.Version, Todo: ch.Todo})
}

// load returns a todo that is not deleted.
func (s *Service) load(ctx context.Context, id string) (Todo, error) {
	t, err := s.loadAny(ctx, id)
	if err == nil && t.Deleted() {
		return Todo{}, notFound(CodeNotFound, "That todo was deleted.")
	}
	return t, err
}

// loadAny returns a todo, deleted or not.
func (s *Service) loadAny(ctx context.Context, id string) (Todo, error) {
	if !IsValidID(id) {
		return Todo{}, notFound(CodeNotFound, "There is no such todo.")
	}
	t, err := s.store.Get(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Todo{}, notFound(CodeNotFound, "There is no such todo.")
	}
	if err != nil {
		return Todo{}, fmt.Errorf("getting todo: %w", err)
	}
	return t, nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[string]bool, len(a))
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}
