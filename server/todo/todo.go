// Package todo holds the domain of Channel Todo: lists, todos, the rules that
// govern them (Service) and the small interfaces the rules depend on.
package todo

import (
	"strings"
)

// ScopeKind says whom a list belongs to.
type ScopeKind string

const (
	// ScopeChannel is a channel's shared list (public, private, DM or group channel).
	ScopeChannel ScopeKind = "channel"
	// ScopePersonal is one user's own list.
	ScopePersonal ScopeKind = "personal"
)

// Scope identifies a list: a channel's list or a user's personal list.
type Scope struct {
	Kind      ScopeKind `json:"kind"`
	ChannelID string    `json:"channel_id,omitempty"`
	UserID    string    `json:"user_id,omitempty"`
}

// ChannelScope is the scope of a channel's list.
func ChannelScope(channelID string) Scope {
	return Scope{Kind: ScopeChannel, ChannelID: channelID}
}

// PersonalScope is the scope of a user's personal list.
func PersonalScope(userID string) Scope {
	return Scope{Kind: ScopePersonal, UserID: userID}
}

// ListID is the stable id of the scope's list. It is derived from the scope so
// a list never has to be looked up before it is used.
func (s Scope) ListID() string {
	if s.Kind == ScopePersonal {
		return "u_" + s.UserID
	}
	return "c_" + s.ChannelID
}

// ScopeFromListID reverses ListID.
func ScopeFromListID(listID string) (Scope, bool) {
	switch {
	case strings.HasPrefix(listID, "c_"):
		return ChannelScope(listID[2:]), true
	case strings.HasPrefix(listID, "u_"):
		return PersonalScope(listID[2:]), true
	}
	return Scope{}, false
}

// State is whether a todo is still to do.
type State string

const (
	// StateOpen is a todo still to do.
	StateOpen State = "open"
	// StateDone is a completed todo.
	StateDone State = "done"
)

// Due is an optional due date, with an optional wall-clock time.
// Date is "YYYY-MM-DD"; Time, when set, is "HH:MM" (24-hour).
type Due struct {
	Date string `json:"date"`
	Time string `json:"time,omitempty"`
	// Zone is the IANA time zone the time was given in (the setter's Mattermost time zone),
	// so the due moment is the same for everyone. A date without a time has no zone: it is
	// due in each reader's own day.
	Zone string `json:"zone,omitempty"`
}

// Todo is one item of a list. Times are Unix milliseconds, as in Mattermost.
type Todo struct {
	ID          string   `json:"id"`
	ListID      string   `json:"list_id"`
	Scope       Scope    `json:"scope"`
	Number      int64    `json:"number"`
	Text        string   `json:"text"`
	State       State    `json:"state"`
	Position    int64    `json:"position"`
	CreatorID   string   `json:"creator_id"`
	CreatedAt   int64    `json:"created_at"`
	UpdatedAt   int64    `json:"updated_at"`
	CompletedBy string   `json:"completed_by,omitempty"`
	CompletedAt int64    `json:"completed_at,omitempty"`
	Assignees   []string `json:"assignees"`
	Due         *Due     `json:"due,omitempty"`
	Priority    Priority `json:"priority"`
	// Recur is how the todo repeats ("" for never; see ParseRecur); NextID is
	// the todo its completion created, "" until then.
	Recur     string `json:"recur,omitempty"`
	NextID    string `json:"next_id,omitempty"`
	PostID    string `json:"post_id,omitempty"`
	RootID    string `json:"root_id,omitempty"`
	DeletedAt int64  `json:"deleted_at,omitempty"`
	DeletedBy string `json:"deleted_by,omitempty"`
	// Replies is how many replies the todo's thread has. It is not stored: REST list pages
	// read it from Mattermost (Service.CountReplies); elsewhere it is 0 and left out.
	Replies int `json:"reply_count,omitempty"`
	// ItemsTotal and ItemsDone count the todo's checklist (items.go): read with the todo, in
	// the same statement, never stored on it.
	ItemsTotal int `json:"items_total,omitempty"`
	ItemsDone  int `json:"items_done,omitempty"`
}

// Deleted reports whether the todo is soft-deleted (and can still be restored).
func (t Todo) Deleted() bool { return t.DeletedAt != 0 }

// IsAssigned reports whether userID is among the assignees.
func (t Todo) IsAssigned(userID string) bool {
	for _, a := range t.Assignees {
		if a == userID {
			return true
		}
	}
	return false
}

// Change is the result of a write: the todo as it is now and the version the
// write gave its list. Clients drop events older than what they already have.
type Change struct {
	Todo    Todo  `json:"todo"`
	Version int64 `json:"version"`
}

// Page is one page of todos. NextCursor is empty on the last page.
type Page struct {
	Todos      []Todo `json:"todos"`
	NextCursor string `json:"next_cursor,omitempty"`
	// Version is the list's version when the page was read (0 for "mine",
	// which spans lists).
	Version int64 `json:"version"`
	// Total is how many todos the whole view holds, when the query asked
	// for it (chat views); -1 otherwise. With TotalCapped the view holds
	// more than Total: Mine counts only up to a cap (MineCountCap).
	Total       int  `json:"-"`
	TotalCapped bool `json:"-"`
}
