package todo

import (
	"context"
	"errors"
	"fmt"
)

// Item is one line of a todo's checklist. Items have no numbers of their own: Position is
// their place in the checklist, 1 to n without gaps, so "item 2" is the second line as the
// checklist stands. The stable key is ID.
type Item struct {
	ID        string `json:"id"`
	TodoID    string `json:"todo_id"`
	Position  int    `json:"position"`
	Text      string `json:"text"`
	Done      bool   `json:"done"`
	DoneBy    string `json:"done_by,omitempty"`
	DoneAt    int64  `json:"done_at,omitempty"`
	CreatorID string `json:"creator_id"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`
}

// MaxItems is how many items one todo's checklist may hold: a checklist is the steps of one
// todo, and a longer one is a list of its own.
const MaxItems = 100

// Checklist is a todo with its checklist, in order, and the version of the todo's list when
// both were read (or written).
type Checklist struct {
	Todo    Todo   `json:"todo"`
	Items   []Item `json:"items"`
	Version int64  `json:"version"`
}

// At returns the item at 1-based position n.
func (c Checklist) At(n int) (Item, error) {
	if n < 1 || n > len(c.Items) {
		return Item{}, newError(ErrNotFound, CodeItemNotFound, "#%d has no item %d.", c.Todo.Number, n).
			with(map[string]any{"Number": c.Todo.Number, "Item": n})
	}
	return c.Items[n-1], nil
}

// ItemsOpen is how many of the todo's checklist items are not ticked yet.
func (t Todo) ItemsOpen() int { return t.ItemsTotal - t.ItemsDone }

// ErrItemsFull is what an ItemStore returns when an add would take a checklist past its
// maximum; the Service turns it into a CodeTooManyItems error.
var ErrItemsFull = errors.New("checklist full")

// ItemStore keeps todos' checklists. Every write runs in one transaction that first bumps
// the version of the todo's list (which serializes it with every other change of that list,
// so concurrent adds and moves never lose or duplicate an item and positions stay 1..n),
// sets the todo's updated time, and returns the todo (with its new counts), the checklist
// and the version. A write on a todo that does not exist or is deleted, or on an item that
// is not the todo's, returns an error wrapping ErrNotFound and changes nothing.
type ItemStore interface {
	// Items returns the todo's checklist in order and its list's version, read at once.
	Items(ctx context.Context, todoID string) ([]Item, int64, error)
	// AddItem appends it (TodoID set) at the end of its todo's checklist, unless the
	// checklist holds max items already (ErrItemsFull).
	AddItem(ctx context.Context, it Item, max int) (ItemChange, error)
	// UpdateItem lets mutate change the locked item's text and done fields, and writes them.
	// If mutate returns an error nothing is written and that error is returned.
	UpdateItem(ctx context.Context, todoID, itemID string, at int64, mutate func(*Item) error) (ItemChange, error)
	// MoveItem puts the item at position (1-based; clamped to the checklist), shifting the
	// items between.
	MoveItem(ctx context.Context, todoID, itemID string, position int, at int64) (ItemChange, error)
	// RemoveItem deletes the item and closes the gap it leaves.
	RemoveItem(ctx context.Context, todoID, itemID string, at int64) (ItemChange, error)
}

// ItemChange is the result of a checklist write: the todo as it is now, its list's new
// version, and the whole checklist.
type ItemChange struct {
	Change
	Items []Item
}

// Error codes of checklists.
const (
	// CodeItemNotFound: the todo has no such item (any more).
	CodeItemNotFound = "item_not_found"
	// CodeTooManyItems: the checklist holds MaxItems already.
	CodeTooManyItems = "too_many_items"
	// CodeItemsOpen refuses to complete a todo whose checklist has items still open, unless
	// the completion says it means it (CompleteAnyway).
	CodeItemsOpen = "items_open"
	// CodeChecklistsUnavailable: this server keeps no checklists.
	CodeChecklistsUnavailable = "checklists_unavailable"
)

// ItemsOpenError is the refusal to complete a todo with open items; Open and Total say how
// many, for the doors' words.
type ItemsOpenError struct {
	Err    *Error
	Number int64
	Open   int
	Total  int
}

func (e *ItemsOpenError) Error() string { return e.Err.Message }

// Unwrap lets errors.As find the domain Error (and errors.Is its sentinel).
func (e *ItemsOpenError) Unwrap() error { return e.Err }

func itemsOpen(t Todo) error {
	return &ItemsOpenError{
		Err: newError(ErrConflict, CodeItemsOpen,
			"%d of the %d checklist items of #%d are still open; tick them first, or complete it anyway.", t.ItemsOpen(), t.ItemsTotal, t.Number).
			with(map[string]any{"Number": t.Number, "Open": t.ItemsOpen(), "Total": t.ItemsTotal}),
		Number: t.Number, Open: t.ItemsOpen(), Total: t.ItemsTotal,
	}
}

// ChecklistsAvailable reports whether this server keeps checklists.
func (s *Service) ChecklistsAvailable() bool { return s != nil && s.items != nil }

// Checklist returns the todo and its checklist, for those who may read the todo.
func (s *Service) Checklist(ctx context.Context, actor, todoID string) (Checklist, error) {
	t, err := s.loadReadable(ctx, actor, todoID)
	if err != nil {
		return Checklist{}, err
	}
	if s.items == nil {
		return Checklist{Todo: t, Items: []Item{}}, nil
	}
	items, version, err := s.items.Items(ctx, todoID)
	if err != nil {
		return Checklist{}, fmt.Errorf("reading checklist: %w", err)
	}
	return Checklist{Todo: t, Items: items, Version: version}, nil
}

// AddItem adds a line at the end of the todo's checklist. Whoever may edit the todo's text
// (the edit policy) may.
func (s *Service) AddItem(ctx context.Context, actor, todoID, text string) (Checklist, error) {
	text, err := normalizeText(text, s.Config().MaxTextLength)
	if err != nil {
		return Checklist{}, err
	}
	return s.changeItems(ctx, actor, todoID, "", true, func(t Todo) (ItemChange, error) {
		now := s.now()
		ch, err := s.items.AddItem(ctx, Item{ID: s.newID(), TodoID: t.ID, Text: text, CreatorID: actor, CreatedAt: now, UpdatedAt: now}, MaxItems)
		if errors.Is(err, ErrItemsFull) {
			return ItemChange{}, newError(ErrInvalid, CodeTooManyItems, "A checklist can have at most %d items.", MaxItems).
				with(map[string]any{"Max": MaxItems})
		}
		return ch, err
	})
}

// EditItem replaces an item's text. The edit policy applies.
func (s *Service) EditItem(ctx context.Context, actor, todoID, itemID, text string) (Checklist, error) {
	text, err := normalizeText(text, s.Config().MaxTextLength)
	if err != nil {
		return Checklist{}, err
	}
	return s.changeItems(ctx, actor, todoID, itemID, true, func(Todo) (ItemChange, error) {
		return s.items.UpdateItem(ctx, todoID, itemID, s.now(), func(it *Item) error {
			it.Text = text
			return nil
		})
	})
}

// TickItem ticks (done) or unticks an item. Like completing the todo itself, it is open to
// everyone who may change the list: the edit policy guards what a todo says, not its progress.
func (s *Service) TickItem(ctx context.Context, actor, todoID, itemID string, done bool) (Checklist, error) {
	return s.changeItems(ctx, actor, todoID, itemID, false, func(Todo) (ItemChange, error) {
		now := s.now()
		return s.items.UpdateItem(ctx, todoID, itemID, now, func(it *Item) error {
			if it.Done == done {
				return nil
			}
			it.Done, it.DoneBy, it.DoneAt = done, "", 0
			if done {
				it.DoneBy, it.DoneAt = actor, now
			}
			return nil
		})
	})
}

// MoveItem puts an item at a 1-based position of the checklist (past the end: last). The
// edit policy applies.
func (s *Service) MoveItem(ctx context.Context, actor, todoID, itemID string, position int) (Checklist, error) {
	if position < 1 {
		return Checklist{}, invalid(CodeInvalidMove, "Checklist positions start at 1.")
	}
	return s.changeItems(ctx, actor, todoID, itemID, true, func(Todo) (ItemChange, error) {
		return s.items.MoveItem(ctx, todoID, itemID, position, s.now())
	})
}

// RemoveItem deletes an item; the ones after it move up. The edit policy applies.
func (s *Service) RemoveItem(ctx context.Context, actor, todoID, itemID string) (Checklist, error) {
	return s.changeItems(ctx, actor, todoID, itemID, true, func(Todo) (ItemChange, error) {
		return s.items.RemoveItem(ctx, todoID, itemID, s.now())
	})
}

// changeItems runs a checklist write after the checks every change of a todo has: the todo
// exists and is not deleted (itemID, "" for none, has an item's shape), the actor may change its list, the store (not the command-line
// tool) keeps the list and, with policy, the edit policy. The write's event is the todo's
// "updated", so every open sidebar sees the new counts.
func (s *Service) changeItems(ctx context.Context, actor, todoID, itemID string, policy bool, write func(Todo) (ItemChange, error)) (Checklist, error) {
	t, err := s.loadAny(ctx, todoID)
	if err != nil {
		return Checklist{}, err
	}
	if t.Deleted() {
		if err := s.canRead(ctx, actor, t.Scope); err != nil {
			return Checklist{}, err
		}
		return Checklist{}, notFound(CodeNotFound, "That todo was deleted.")
	}
	if err := s.canWrite(ctx, actor, t.Scope); err != nil {
		return Checklist{}, err
	}
	if s.KeptByTool(t.Scope) {
		return Checklist{}, newError(ErrConflict, CodeToolKeepsList, "The command-line tool keeps this list, and it keeps no checklists.")
	}
	if policy {
		if err := s.mayEditOthers(ctx, actor, t); err != nil {
			return Checklist{}, err
		}
	}
	if itemID != "" && !IsValidID(itemID) {
		return Checklist{}, notFound(CodeItemNotFound, "#%d has no such item.", t.Number)
	}
	if s.items == nil {
		return Checklist{}, invalid(CodeChecklistsUnavailable, "This server keeps no checklists.")
	}
	ch, err := write(t)
	if err != nil {
		var de *Error
		switch {
		case errors.As(err, &de):
			return Checklist{}, err
		case errors.Is(err, ErrNotFound):
			// The item is not the todo's, or the todo was deleted meanwhile.
			cur, lerr := s.load(ctx, todoID)
			if lerr != nil {
				return Checklist{}, lerr
			}
			return Checklist{}, notFound(CodeItemNotFound, "#%d has no such item.", cur.Number)
		}
		return Checklist{}, fmt.Errorf("changing checklist: %w", err)
	}
	s.wrote(actor)
	s.publish(ctx, ActionUpdated, ch.Change)
	return Checklist{Todo: ch.Todo, Items: ch.Items, Version: ch.Version}, nil
}
