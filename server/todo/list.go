package todo

import (
	"context"
	"encoding/json"
	"fmt"
)

// Filter is what a page of a list and a page of Mine ask alike: which todos
// (the state and the filters), in which order, and which page of them. One
// check (Filter.check) serves both.
type Filter struct {
	// State is "open" (the default), "done" or "all".
	State       string
	Assignee    string // user id; "" for anyone
	CompletedBy string // user id; "" for anyone
	DueBefore   string // "YYYY-MM-DD", inclusive; "" for no bound
	HasDue      *bool
	// Priority keeps only todos of that priority ("none", "low", "medium",
	// "high"; "" for any). Sort is "position" (the default: the view's own
	// order), "priority" or "due".
	Priority string
	Sort     string
	Cursor   string
	Limit    int
	// Skip passes over that many todos before the page (chat views page by
	// number, not by cursor) and Total asks for the view's size; both are
	// for the chat doors, which show "21–40 of 100,000".
	Skip  int
	Total bool
}

// ListQuery asks for one page of a list. Its own order is the list's, or
// most recently completed first for the completed history ("done").
type ListQuery struct {
	Scope Scope
	Filter
}

// MineQuery asks for one page of the actor's todos: the personal list plus
// the todos assigned to the actor in every channel the actor can read. Its
// own order is oldest first, as Mine spans lists, and a sort's ties are
// oldest first too. Total counts up to MineCountCap, or up to the page's end
// if that is further; a larger view sets Page.TotalCapped.
type MineQuery struct {
	Filter
}

func parseState(s string) (State, error) {
	switch s {
	case "", string(StateOpen):
		return StateOpen, nil
	case string(StateDone):
		return StateDone, nil
	case "all":
		return "", nil
	}
	return "", invalid(CodeInvalidState, "The state must be open, done or all.")
}

func pageLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 0 || n > MaxPageSize:
		return 0, invalid(CodeInvalidLimit, "The limit must be between 1 and %d.", MaxPageSize)
	}
	return n, nil
}

// MineCountCap is how far Mine counts for a chat view: the count of a larger
// view stops there and the view says "more than" it, so that the count's
// cost does not grow with the number of todos (counting 100,000 assigned
// todos took most of a second). Typical lists are counted exactly.
const MineCountCap = 1000

// MaxSkip bounds how far a numbered page may start: far enough for any page
// a person asks for by number, and a bound on what OFFSET walks past.
const MaxSkip = 1_000_000

// pageOf checks the paging part of a query shared by Filter.check and Search: the
// state asked for, the page size and where the page starts in order.
func pageOf(state string, limit int, cursor string, order Order) (State, int, *Cursor, error) {
	st, err := parseState(state)
	if err != nil {
		return "", 0, nil, err
	}
	n, err := pageLimit(limit)
	if err != nil {
		return "", 0, nil, err
	}
	after, err := decodeCursor(cursor, order)
	if err != nil {
		return "", 0, nil, err
	}
	return st, n, after, nil
}

// List returns one page of a list the actor may read. A member of the
// channel reads it (see Authorizer.Readable); when the page is read from the
// primary, the store says in the same statement whether the actor is one, and
// only a non-member costs the permission check's plugin-API calls. Those who
// may not read the list learn nothing about it, not even that their query is
// wrong.
func (s *Service) List(ctx context.Context, actor string, q ListQuery) (Page, error) {
	sp, sq, limit, err := s.readPage(ctx, actor, q, false)
	if err != nil {
		return Page{}, err
	}
	page := paginate(sp.Todos, limit, sq.Order)
	page.Version = sp.Version
	if q.Total {
		switch sq.State {
		case StateOpen:
			page.Total = sp.Open
		case StateDone:
			page.Total = sp.Done
		default:
			page.Total = sp.Open + sp.Done
		}
	}
	return page, nil
}

// readPage reads the store's page for List and ListEncoded, with the same
// permission checks, and returns it with the store query it asked and the
// page size.
func (s *Service) readPage(ctx context.Context, actor string, q ListQuery, encoded bool) (StorePage, StoreQuery, int, error) {
	ctx = s.readCtx(ctx, actor)
	if err := checkScope(q.Scope); err != nil {
		return StorePage{}, StoreQuery{}, 0, err
	}
	checked := q.Scope.Kind != ScopeChannel
	if checked {
		if err := s.canRead(ctx, actor, q.Scope); err != nil {
			return StorePage{}, StoreQuery{}, 0, err
		}
	}
	mayRead := func() error {
		if checked {
			return nil
		}
		checked = true
		return s.canRead(ctx, actor, q.Scope)
	}
	sq, limit, err := listStoreQuery(q)
	if err != nil {
		if rerr := mayRead(); rerr != nil {
			return StorePage{}, StoreQuery{}, 0, rerr
		}
		return StorePage{}, StoreQuery{}, 0, err
	}
	if !checked {
		sq.Reader = actor
	}
	sq.Encoded = encoded
	// The version and counts come from the same read as the page, so any
	// change the page misses has a higher version and its event will still be
	// applied by the client.
	sp, err := s.store.Page(ctx, sq)
	if err != nil {
		if rerr := mayRead(); rerr != nil {
			return StorePage{}, StoreQuery{}, 0, rerr
		}
		return StorePage{}, StoreQuery{}, 0, fmt.Errorf("listing todos: %w", err)
	}
	if !sp.Member {
		if err := mayRead(); err != nil {
			return StorePage{}, StoreQuery{}, 0, err
		}
	}
	return sp, sq, limit, nil
}

// EncodedPage is a Page whose todos are already in their JSON encoding (see
// EncodedTodos), for a door that only writes them out: the REST API writes it
// as it would write the Page. Call CountEncodedReplies to give its todos their
// reply counts.
type EncodedPage struct {
	Todos      []json.RawMessage
	NextCursor string
	Version    int64
	roots      []string
}

// ListEncoded is List for a door that writes the page as JSON: the same
// page, checks and cursor, with the todos left as the store encoded them
// (a store that does not encode has them encoded here). Only the page's last
// todo is decoded, for the cursor.
func (s *Service) ListEncoded(ctx context.Context, actor string, q ListQuery) (EncodedPage, error) {
	sp, sq, limit, err := s.readPage(ctx, actor, q, true)
	if err != nil {
		return EncodedPage{}, err
	}
	page, err := encodedPage(sp.Encoded, sp.Todos, limit, sq.Order)
	page.Version = sp.Version
	return page, err
}

// encodedPage is the EncodedPage of a store's page read with one todo more than limit, to
// know whether another follows: enc, or todos encoded here when the store left enc nil, cut
// to the page, and the cursor after its last todo in order (the only todo decoded).
func encodedPage(enc *EncodedTodos, todos []Todo, limit int, order Order) (EncodedPage, error) {
	if enc == nil {
		var err error
		if enc, err = encodeTodos(todos); err != nil {
			return EncodedPage{}, err
		}
	}
	page := EncodedPage{Todos: enc.Todos, roots: enc.Roots}
	if len(page.Todos) > limit {
		page.Todos, page.roots = page.Todos[:limit], page.roots[:limit]
		var last Todo
		if err := json.Unmarshal(page.Todos[limit-1], &last); err != nil {
			return EncodedPage{}, fmt.Errorf("reading the page's last todo: %w", err)
		}
		page.NextCursor = encodeCursor(CursorOf(last, order), order)
	}
	if page.Todos == nil {
		page.Todos = []json.RawMessage{}
	}
	return page, nil
}

// encodeTodos encodes todos as EncodedTodos.
func encodeTodos(todos []Todo) (*EncodedTodos, error) {
	enc := &EncodedTodos{Todos: make([]json.RawMessage, len(todos)), Roots: make([]string, len(todos))}
	for i, t := range todos {
		t.Replies = 0
		b, err := json.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("encoding todo: %w", err)
		}
		enc.Todos[i], enc.Roots[i] = b, t.ThreadRoot()
	}
	return enc, nil
}

// listStoreQuery checks a list query and returns the store's query (asking
// for one todo more than the page, to know whether another follows) and the
// page size.
func listStoreQuery(q ListQuery) (StoreQuery, int, error) {
	order, err := ParseSort(q.Sort)
	if err != nil {
		return StoreQuery{}, 0, err
	}
	if order == OrderPosition && q.State == string(StateDone) {
		order = OrderCompleted
	}
	c, err := q.check(order)
	if err != nil {
		return StoreQuery{}, 0, err
	}
	if q.Total && (q.Filtered() || c.after != nil) {
		return StoreQuery{}, 0, invalid(CodeInvalidLimit, "A total is only counted for a whole list by state.")
	}
	return StoreQuery{
		ListID: q.Scope.ListID(), State: c.state, Assignee: q.Assignee, CompletedBy: q.CompletedBy,
		DueBefore: q.DueBefore, HasDue: q.HasDue, Priority: c.priority, Order: order, After: c.after, Skip: q.Skip, Limit: c.limit + 1,
	}, c.limit, nil
}

// checkedFilter is a Filter that passed its check, in the store's terms.
type checkedFilter struct {
	state    State
	limit    int
	after    *Cursor
	priority *Priority // nil for any
}

// check checks f for a page read in order, for List and Mine alike: the
// state, the page size and cursor, where a numbered page starts, and the
// filters.
func (f Filter) check(order Order) (checkedFilter, error) {
	state, limit, after, err := pageOf(f.State, f.Limit, f.Cursor, order)
	if err != nil {
		return checkedFilter{}, err
	}
	if f.Skip < 0 || f.Skip > MaxSkip {
		return checkedFilter{}, invalid(CodeInvalidLimit, "The page must start between 0 and %d.", MaxSkip)
	}
	c := checkedFilter{state: state, limit: limit, after: after}
	if f.Priority != "" {
		p, err := ParsePriority(f.Priority)
		if err != nil {
			return checkedFilter{}, err
		}
		c.priority = &p
	}
	for _, id := range []string{f.Assignee, f.CompletedBy} {
		if id != "" && !IsValidID(id) {
			return checkedFilter{}, invalid(CodeInvalidID, "%q is not a user id.", id)
		}
	}
	if f.DueBefore != "" {
		if err := validateDate(f.DueBefore); err != nil {
			return checkedFilter{}, err
		}
	}
	return c, nil
}

// mineOrder is the order a Mine sort names: positions mean nothing across
// lists, so ties (and the default) are oldest first.
func mineOrder(sort string) (Order, error) {
	o, err := ParseSort(sort)
	switch {
	case err != nil:
		return 0, err
	case o == OrderPriority:
		return OrderPriorityCreated, nil
	case o == OrderDue:
		return OrderDueCreated, nil
	}
	return OrderCreated, nil
}

// Filtered reports whether the query keeps only some of the state's todos, so
// the list's counters do not tell how many it shows.
func (f Filter) Filtered() bool {
	return f.Assignee != "" || f.CompletedBy != "" || f.DueBefore != "" || f.HasDue != nil || f.Priority != ""
}

// Mine returns one page of the actor's personal todos and the todos assigned
// to the actor in channels the actor can still read, oldest first unless
// q.Sort says otherwise, narrowed by q's filters.
func (s *Service) Mine(ctx context.Context, actor string, q MineQuery) (Page, error) {
	r, err := s.readMine(ctx, actor, q, false)
	if err != nil {
		return Page{}, err
	}
	page := paginate(r.Todos, r.limit, r.order)
	if q.Total {
		page.Total, page.TotalCapped = min(r.Total, r.upTo), r.Total > r.upTo
	}
	return page, nil
}

// MineEncoded is Mine for a door that writes the page as JSON, as ListEncoded
// is List: the same page, checks and cursor, with the todos left as the store
// encoded them (a store that does not encode has them encoded here). An
// EncodedPage has no total, so q.Total is not counted.
func (s *Service) MineEncoded(ctx context.Context, actor string, q MineQuery) (EncodedPage, error) {
	q.Total = false
	r, err := s.readMine(ctx, actor, q, true)
	if err != nil {
		return EncodedPage{}, err
	}
	return encodedPage(r.Encoded, r.Todos, r.limit, r.order)
}

// mineRead is the store's page of a Mine query, read with one todo more than
// the page, with the page's order and size and how far the store counted (0:
// not at all).
type mineRead struct {
	MinePage
	order Order
	limit int
	upTo  int
}

// readMine reads the store's page for Mine and MineEncoded, with the same
// checks: the one batched permission check of the channels outside the
// actor's memberships, and a second read when some of them are readable.
func (s *Service) readMine(ctx context.Context, actor string, q MineQuery, encoded bool) (mineRead, error) {
	ctx = s.readCtx(ctx, actor)
	if !IsValidID(actor) {
		return mineRead{}, forbidden(CodeForbidden, "Unknown user.")
	}
	order, err := mineOrder(q.Sort)
	if err != nil {
		return mineRead{}, err
	}
	c, err := q.check(order)
	if err != nil {
		return mineRead{}, err
	}
	limit := c.limit
	// Members read their channels, and the store joins the actor's
	// memberships itself. The same read names the few channels with
	// assignments but no membership; only those need a permission check,
	// one batched one, and only the readable ones a second read.
	sq := MineStoreQuery{UserID: actor, Members: true, State: c.state, Assignee: q.Assignee, CompletedBy: q.CompletedBy,
		DueBefore: q.DueBefore, HasDue: q.HasDue, Priority: c.priority, Order: order, After: c.after, Skip: q.Skip, Limit: limit + 1,
		Encoded: encoded}
	upTo := 0
	if q.Total {
		// Never less than the page reaches: a numbered page past the end then
		// knows the exact count, and its OFFSET already walked that far.
		upTo = max(MineCountCap, q.Skip+limit)
	}
	mp, err := s.store.MinePage(ctx, sq, upTo)
	if err != nil {
		return mineRead{}, fmt.Errorf("listing my todos: %w", err)
	}
	if len(mp.Outside) > 0 {
		readable, err := s.auth.Readable(ctx, actor, mp.Outside)
		if err != nil {
			return mineRead{}, fmt.Errorf("checking readable channels: %w", err)
		}
		if len(readable) > 0 {
			sq.ChannelIDs = readable
			if mp, err = s.store.MinePage(ctx, sq, upTo); err != nil {
				return mineRead{}, fmt.Errorf("listing my todos: %w", err)
			}
		}
	}
	return mineRead{MinePage: mp, order: order, limit: limit, upTo: upTo}, nil
}

func paginate(todos []Todo, limit int, order Order) Page {
	page := Page{Todos: todos, Total: -1}
	if len(todos) > limit {
		page.Todos = todos[:limit]
		last := page.Todos[limit-1]
		page.NextCursor = encodeCursor(CursorOf(last, order), order)
	}
	if page.Todos == nil {
		page.Todos = []Todo{}
	}
	return page
}
