package todo

import (
	"context"
	"encoding/json"
	"time"
)

// Store keeps lists and todos. Every method that changes a list bumps the
// list's version in the same transaction and returns it in the Change.
// Methods return an error wrapping ErrNotFound for unknown ids.
type Store interface {
	// Add inserts t into its list (creating the list on first use), allocating
	// the next short number and a position at the end of the list.
	Add(ctx context.Context, t Todo) (Change, error)
	// Get returns a todo by id, soft-deleted ones included.
	Get(ctx context.Context, id string) (Todo, error)
	// GetByNumber returns a todo by its short number in a list, soft-deleted ones included.
	GetByNumber(ctx context.Context, listID string, number int64) (Todo, error)
	// Update loads the todo under lock, lets mutate change it and saves every
	// field mutate may change (text, state, completion, due, assignees,
	// deletion, updated time) atomically. If mutate returns an error nothing
	// is written and that error is returned.
	Update(ctx context.Context, id string, mutate func(*Todo) error) (Change, error)
	// UpdateAndAdd is Update that may also add one todo in the same
	// transaction: the one next returns, given the todo as mutate left it
	// (nil: none). Both are written or neither is.
	UpdateAndAdd(ctx context.Context, id string, mutate func(*Todo) error, next func(Todo) *Todo) (Change, *Change, error)
	// Move places the todo right after afterID in its list, or first when
	// afterID is "".
	Move(ctx context.Context, id, afterID string, updatedAt int64) (Change, error)
	// MoveToEnd places the todo after every other todo of its list.
	MoveToEnd(ctx context.Context, id string, updatedAt int64) (Change, error)
	// List returns one page of a list.
	List(ctx context.Context, q StoreQuery) ([]Todo, error)
	// Page is List with the list's version and counts, all read at once
	// (one statement: the version is exactly the page's).
	Page(ctx context.Context, q StoreQuery) (StorePage, error)
	// Count returns how many todos a list holds in the given state ("" for
	// all), soft-deleted ones excluded, without reading them.
	Count(ctx context.Context, listID string, state State) (int, error)
	// Version returns the current version of a list (0 if it does not exist yet).
	Version(ctx context.Context, listID string) (int64, error)
	// AssignedChannels returns the ids of the channels in which userID has
	// todos assigned. It may include channels whose assigned todos are all
	// deleted; Mine filters those out.
	AssignedChannels(ctx context.Context, userID string) ([]string, error)
	// AssignedOutsideMemberships is AssignedChannels without the channels
	// the user is a member of: the only ones whose read access Mine still has
	// to ask about (a member reads the channel; see MineStoreQuery.Members).
	// Channels Mattermost does not know count as non-member ones.
	AssignedOutsideMemberships(ctx context.Context, userID string) ([]string, error)
	// Mine returns one page of the user's personal todos and the todos assigned
	// to the user in the given channels.
	Mine(ctx context.Context, q MineStoreQuery) ([]Todo, error)
	// CountMine returns how many todos Mine would return without a limit
	// (After, Skip and Limit are ignored).
	CountMine(ctx context.Context, q MineStoreQuery) (int, error)
	// MinePage is Mine with q.Members set, together with what the caller
	// needs around it, all read at once (one statement in SQL): the
	// channels AssignedOutsideMemberships returns and, with upTo > 0, what
	// CountMine returns counted up to upTo+1 at most, so that the count
	// costs no more than upTo rows however many there are: a Total above
	// upTo says only that there are more than upTo (Total is -1 with upTo 0).
	// Outside may leave out the channels whose assigned todos can be neither
	// on the page nor among the first upTo+1 counted (none of them matches
	// the query up to there): they change nothing.
	MinePage(ctx context.Context, q MineStoreQuery, upTo int) (MinePage, error)
	// SetThread records postID as the todo's post (its thread's root) only if the todo
	// links to no post yet: a compare-and-set, so that of concurrent callers exactly one
	// records its post. It returns the todo as it is afterwards and whether postID was
	// the one recorded.
	SetThread(ctx context.Context, id, postID string) (Todo, bool, error)
}

// MinePage is a page of a user's todos across lists, the channels with
// assignments the user is not a member of (whose read access the caller
// still has to check) and, when asked for, the total.
type MinePage struct {
	Todos   []Todo
	Outside []string
	Total   int
	// Encoded, when the query asked for it and the store can, holds the
	// page's todos as JSON instead of Todos.
	Encoded *EncodedTodos
}

// Order is the order of a page and the key its cursor follows.
type Order int

const (
	// OrderPosition is the list's own order (position ascending).
	OrderPosition Order = iota
	// OrderCompleted is most recently completed first.
	OrderCompleted
	// OrderCreated is oldest first.
	OrderCreated
	// OrderPriority is most urgent first, then the list's own order.
	OrderPriority
	// OrderDue is the earliest due date (then time) first, todos without one
	// last, then the list's own order.
	OrderDue
	// OrderPriorityCreated is OrderPriority across lists, where positions
	// mean nothing: most urgent first, then oldest first (Mine's sort).
	OrderPriorityCreated
	// OrderDueCreated is OrderDue across lists: earliest due first, todos
	// without one last, then oldest first (Mine's sort).
	OrderDueCreated
)

// Cursor is a keyset position: the sort key and id of the last todo seen.
// Key is the position, completion or creation time the order names (the
// position for OrderPriority and OrderDue, which fall back on it, the creation
// time for OrderPriorityCreated and OrderDueCreated); Rank is the priority of
// the priority orders and DueDate, DueTime the due date of the due orders.
type Cursor struct {
	Key     int64
	ID      string
	Rank    int64
	DueDate string
	DueTime string
}

// StoreQuery selects a page of one list. Soft-deleted todos are never included.
type StoreQuery struct {
	ListID      string
	State       State // "" for all
	Assignee    string
	CompletedBy string
	DueBefore   string // inclusive "YYYY-MM-DD"
	HasDue      *bool
	// Priority keeps only todos of that priority; nil for any.
	Priority *Priority
	Order    Order
	After    *Cursor
	// Skip passes over that many todos first; only chat views, which page
	// by number, use it.
	Skip  int
	Limit int
	// Reader, for a channel's list, asks Page to say whether this user is a
	// member of the channel (StorePage.Member), read in the same statement.
	Reader string
	// Encoded lets Page return the todos in their JSON encoding
	// (StorePage.Encoded) instead of decoded; a store may ignore it.
	Encoded bool
}

// StorePage is a page of a list with the list's version and counts (0 for a
// list that has no todos yet).
type StorePage struct {
	Todos   []Todo
	Version int64
	Open    int
	Done    int
	// Member is true when StoreQuery.Reader is a member of the list's
	// channel, as Mattermost's membership table says on the primary; false
	// when it is not, or when the page was read from a replica (where a
	// membership may outlive the user leaving).
	Member bool
	// Encoded, when the query asked for it and the store can, holds the
	// page's todos as JSON instead of Todos.
	Encoded *EncodedTodos
}

// EncodedTodos are todos in the JSON encoding the API writes a Todo in, one
// element per todo, with Replies left out; Roots are their thread roots
// (Todo.ThreadRoot), in the same order. A store that builds this JSON where
// the rows are spares decoding the page only to encode it again.
type EncodedTodos struct {
	Todos []json.RawMessage
	Roots []string
}

// MineStoreQuery selects a page of a user's todos across lists.
type MineStoreQuery struct {
	UserID string
	// ChannelIDs are channels whose assigned todos are included.
	ChannelIDs []string
	// Members also includes the assigned todos of every channel the user is
	// a member of (archived ones too), read in the same statement from
	// Mattermost's membership table on the primary, so that leaving a
	// channel takes effect at once, as a per-channel check would.
	Members bool
	State   State
	// Assignee, CompletedBy, DueBefore, HasDue and Priority narrow the page
	// as StoreQuery's do.
	Assignee    string
	CompletedBy string
	DueBefore   string
	HasDue      *bool
	Priority    *Priority
	// Order is OrderPriorityCreated or OrderDueCreated; any other value is
	// oldest first (OrderCreated), Mine's own order.
	Order Order
	After *Cursor
	Skip  int
	Limit int
	// Encoded lets MinePage return the todos in their JSON encoding
	// (MinePage.Encoded) instead of decoded; a store may ignore it.
	Encoded bool
}

// MineOrder is the order a Mine query reads in.
func (q MineStoreQuery) MineOrder() Order {
	if q.Order == OrderPriorityCreated || q.Order == OrderDueCreated {
		return q.Order
	}
	return OrderCreated
}

// Filter is q's narrowing as a StoreQuery of the given list, so that one
// definition of what a filter keeps serves lists and Mine.
func (q MineStoreQuery) Filter(listID string) StoreQuery {
	return StoreQuery{ListID: listID, State: q.State, Assignee: q.Assignee, CompletedBy: q.CompletedBy,
		DueBefore: q.DueBefore, HasDue: q.HasDue, Priority: q.Priority}
}

// Channel is what the rules need to know about a Mattermost channel.
type Channel struct {
	ID       string
	TeamID   string
	Type     string // "O" public, "P" private, "D" direct, "G" group
	Archived bool
}

// Authorizer answers permission questions about Mattermost channels.
type Authorizer interface {
	// Channel returns the channel, or an error wrapping ErrNotFound.
	Channel(ctx context.Context, channelID string) (Channel, error)
	// CanRead reports whether the user may read the channel.
	CanRead(ctx context.Context, userID, channelID string) bool
	// Readable returns the channels among channelIDs that the user may read
	// (as CanRead would answer for each), at a cost that does not grow with
	// the number of channels.
	Readable(ctx context.Context, userID string, channelIDs []string) ([]string, error)
	// CanPost reports whether the user may post in the channel.
	CanPost(ctx context.Context, userID, channelID string) bool
	// IsChannelAdmin reports whether the user administers the channel
	// (channel admin, team admin or system admin).
	IsChannelAdmin(ctx context.Context, userID, channelID string) bool
	// IsSystemAdmin reports whether the user administers the whole server.
	IsSystemAdmin(ctx context.Context, userID string) bool
	// UserExists reports whether the user id names an active user.
	UserExists(ctx context.Context, userID string) bool
}

// Event is a change to a list, published to everyone who can see the list.
type Event struct {
	Action  string // one of the Action* constants
	Scope   Scope
	Version int64
	Todo    Todo
}

// Event actions.
const (
	ActionAdded     = "added"
	ActionUpdated   = "updated"
	ActionCompleted = "completed"
	ActionReopened  = "reopened"
	ActionDeleted   = "deleted"
	ActionRestored  = "restored"
	ActionMoved     = "moved"
)

// Publisher delivers events to the users who can see the list.
type Publisher interface {
	Publish(ctx context.Context, e Event)
}

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// Directory turns user ids into usernames for exports. Optional.
type Directory interface {
	Username(ctx context.Context, userID string) (string, bool)
}

// Zones tells a user's Mattermost time zone (an IANA name, "" when unknown), so a due time
// given without a zone is stored with its setter's. Optional.
type Zones interface {
	Zone(ctx context.Context, userID string) string
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

type nopPublisher struct{}

func (nopPublisher) Publish(context.Context, Event) {}
