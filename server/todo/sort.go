package todo

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Sorts a list can be read in, as the API and the chat grammar name them.
const (
	SortPosition = "position"
	SortPriority = "priority"
	SortDue      = "due"
)

// ParseSort reads a sort's name ("" is the list's own order).
func ParseSort(s string) (Order, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", SortPosition:
		return OrderPosition, nil
	case SortPriority:
		return OrderPriority, nil
	case SortDue:
		return OrderDue, nil
	}
	return 0, invalid(CodeInvalidSort, "The sort must be position, priority or due.")
}

// SortKey is the key a todo has in the given order; cursors carry it.
func SortKey(t Todo, o Order) int64 {
	switch o {
	case OrderCompleted:
		return t.CompletedAt
	case OrderCreated, OrderPriorityCreated, OrderDueCreated:
		return t.CreatedAt
	}
	return t.Position
}

// CursorOf is the keyset position of t in order o: where the next page starts.
func CursorOf(t Todo, o Order) Cursor {
	c := Cursor{Key: SortKey(t, o), ID: t.ID}
	switch o {
	case OrderPriority, OrderPriorityCreated:
		c.Rank = int64(t.Priority)
	case OrderDue, OrderDueCreated:
		if t.Due != nil {
			c.DueDate, c.DueTime = t.Due.Date, t.Due.Time
		}
	}
	return c
}

// CursorTodo is a todo that sits exactly at the cursor in order o, so a
// cursor can be compared with todos by Less.
func CursorTodo(c Cursor, o Order) Todo {
	t := Todo{ID: c.ID, Position: c.Key, CompletedAt: c.Key, CreatedAt: c.Key, Priority: Priority(c.Rank)}
	if (o == OrderDue || o == OrderDueCreated) && c.DueDate != "" {
		t.Due = &Due{Date: c.DueDate, Time: c.DueTime}
	}
	return t
}

// Less reports whether a comes before b in order o. It is the order the SQL
// store's ORDER BY clauses spell out, written once for the in-memory store.
func Less(a, b Todo, o Order) bool {
	switch o {
	case OrderCompleted:
		return a.CompletedAt > b.CompletedAt || (a.CompletedAt == b.CompletedAt && a.ID > b.ID)
	case OrderCreated:
		return createdLess(a, b)
	case OrderPriority, OrderPriorityCreated:
		if a.Priority != b.Priority {
			return a.Priority > b.Priority
		}
	case OrderDue, OrderDueCreated:
		da, ta, noneA := dueKey(a)
		db, tb, noneB := dueKey(b)
		switch {
		case noneA != noneB:
			return !noneA
		case da != db:
			return da < db
		case ta != tb:
			return ta < tb
		}
	}
	if o == OrderPriorityCreated || o == OrderDueCreated {
		return createdLess(a, b)
	}
	return a.Position < b.Position || (a.Position == b.Position && a.ID < b.ID)
}

func createdLess(a, b Todo) bool {
	return a.CreatedAt < b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.ID < b.ID)
}

func dueKey(t Todo) (date, clock string, none bool) {
	if t.Due == nil || t.Due.Date == "" {
		return "", "", true
	}
	return t.Due.Date, t.Due.Time, false
}

// Cursor kinds: a plain cursor is "key:id"; the sorts that fall back on the
// position carry their own key first, so a cursor made for one sort is
// refused by another instead of skipping or repeating todos.
const (
	cursorPriority        = "p"
	cursorDue             = "d"
	cursorPriorityCreated = "pc"
	cursorDueCreated      = "dc"
)

// cursorKinds names the cursor kind of each order that carries more than its key.
var cursorKinds = map[Order]string{
	OrderPriority: cursorPriority, OrderDue: cursorDue,
	OrderPriorityCreated: cursorPriorityCreated, OrderDueCreated: cursorDueCreated,
}

func byPriority(o Order) bool { return o == OrderPriority || o == OrderPriorityCreated }

func byDue(o Order) bool { return o == OrderDue || o == OrderDueCreated }

// encodeCursor makes an opaque cursor string for order o.
func encodeCursor(c Cursor, o Order) string {
	plain := strconv.FormatInt(c.Key, 10) + ":" + c.ID
	var raw string
	switch {
	case byPriority(o):
		raw = strings.Join([]string{cursorKinds[o], strconv.FormatInt(c.Rank, 10), plain}, "|")
	case byDue(o):
		raw = strings.Join([]string{cursorKinds[o], c.DueDate, c.DueTime, plain}, "|")
	default:
		raw = plain
	}
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// decodeCursor parses a cursor made by encodeCursor for order o; "" means the
// first page.
func decodeCursor(s string, o Order) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	bad := invalid(CodeInvalidCursor, "The cursor is not valid.")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(b), "|")
	var c Cursor
	switch {
	case byPriority(o) && len(parts) == 3 && parts[0] == cursorKinds[o]:
		rank, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || validPriority(Priority(rank)) != nil {
			return nil, bad
		}
		c.Rank = rank
	case byDue(o) && len(parts) == 4 && parts[0] == cursorKinds[o]:
		if parts[1] == "" && parts[2] != "" {
			return nil, bad
		}
		if parts[1] != "" {
			if _, err := ValidateDue(&Due{Date: parts[1], Time: parts[2]}); err != nil {
				return nil, bad
			}
		}
		c.DueDate, c.DueTime = parts[1], parts[2]
	case !byPriority(o) && !byDue(o) && len(parts) == 1:
	default:
		return nil, bad
	}
	key, id, ok := strings.Cut(parts[len(parts)-1], ":")
	if !ok || !IsValidID(id) {
		return nil, bad
	}
	k, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, bad
	}
	c.Key, c.ID = k, id
	return &c, nil
}
