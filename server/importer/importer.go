package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Todos is the part of *todo.Service an import calls; it checks each todo as its creator
// would add it.
type Todos interface {
	CheckImport(ctx context.Context, in todo.ImportInput) error
	Import(ctx context.Context, in todo.ImportInput) (todo.Todo, bool, error)
	Imported(ctx context.Context, source string, sourceIDs []string) (map[string]string, error)
}

// Mattermost is what an import asks the server.
type Mattermost interface {
	// OfficialRows returns the official plugin's stored rows.
	OfficialRows(ctx context.Context) ([]Row, error)
	// Users returns the users among ids that exist.
	Users(ctx context.Context, ids []string) (map[string]User, error)
	// DirectChannel returns the id of the direct channel of two users, creating it if needed.
	DirectChannel(ctx context.Context, a, b string) (string, error)
	// IsSystemAdmin reports whether the user may manage the system.
	IsSystemAdmin(ctx context.Context, userID string) bool
}

// Importer runs imports for system admins.
type Importer struct {
	todos Todos
	mm    Mattermost
}

// New returns an Importer.
func New(todos Todos, mm Mattermost) *Importer { return &Importer{todos: todos, mm: mm} }

// CodeSystemAdminOnly is the error code of an import asked for by anyone but a system admin.
const CodeSystemAdminOnly = "system_admin_only"

// ErrSystemAdminOnly refuses an import to anyone but a system admin.
var ErrSystemAdminOnly error = &todo.Error{Kind: todo.ErrForbidden, Code: CodeSystemAdminOnly,
	Message: "Only a system admin can import todos."}

// Report says what an import did, or in a dry run what it would do.
type Report struct {
	// Confirmed is false for a dry run, which writes nothing.
	Confirmed bool   `json:"confirmed"`
	Imported  []Line `json:"imported"`
	Skipped   []Line `json:"skipped"`
}

// Line is one todo imported, or one item (or stored key) skipped.
type Line struct {
	// SourceID is the official plugin's item id (for an unreadable row, its key).
	SourceID string `json:"source_id"`
	// UserID is whose todo it is: a personal todo's owner, the receiver of a sent one.
	UserID   string `json:"user_id,omitempty"`
	Username string `json:"username,omitempty"`
	// SenderID is set for a todo sent by another person: it is imported into their direct
	// channel, created by the sender and assigned to the receiver.
	SenderID       string `json:"sender_id,omitempty"`
	SenderUsername string `json:"sender_username,omitempty"`
	// SenderGone is set when the sender is no longer an active user: the receiver gets a
	// personal todo instead.
	SenderGone bool   `json:"sender_gone,omitempty"`
	Text       string `json:"text,omitempty"`
	// TodoID is the todo it became (after a confirmed import), or became earlier (already
	// imported).
	TodoID string `json:"todo_id,omitempty"`
	Reason Reason `json:"reason,omitempty"`
	// Detail is the todo rules' own words for a refused item.
	Detail string `json:"detail,omitempty"`
}

// Official imports the official Todo plugin's todos for actor, a system admin: a dry run
// unless confirm is set. Items imported before are skipped as such, so a second run imports
// nothing new.
func (im *Importer) Official(ctx context.Context, actor string, confirm bool) (Report, error) {
	if !im.mm.IsSystemAdmin(ctx, actor) {
		return Report{}, ErrSystemAdminOnly
	}
	rows, err := im.mm.OfficialRows(ctx)
	if err != nil {
		return Report{}, err
	}
	entries, skips := plan(parseOfficial(rows))
	users, err := im.mm.Users(ctx, append(userIDs(entries), skippedUsers(skips)...))
	if err != nil {
		return Report{}, fmt.Errorf("reading the users to import for: %w", err)
	}
	entries, gone := withUsers(entries, users)
	skips = append(skips, gone...)

	var all []string
	for _, e := range entries {
		all = append(all, e.sourceIDs...)
	}
	done, err := im.todos.Imported(ctx, OfficialSource, all)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Confirmed: confirm, Imported: []Line{}, Skipped: []Line{}}
	for _, e := range entries {
		line := im.line(e, users)
		if id := importedAs(e, done); id != "" {
			line.TodoID, line.Reason = id, ReasonAlreadyImported
			rep.Skipped = append(rep.Skipped, line)
			continue
		}
		t, err := im.importOne(ctx, e, confirm)
		switch {
		case errors.Is(err, errTaken):
			line.Reason = ReasonAlreadyImported
			rep.Skipped = append(rep.Skipped, line)
		case todo.CodeOf(err) != "":
			line.Reason, line.Detail = ReasonRefused, err.Error()
			rep.Skipped = append(rep.Skipped, line)
		case err != nil:
			return rep, fmt.Errorf("importing item %s: %w", e.sourceIDs[0], err)
		default:
			line.TodoID = t.ID
			rep.Imported = append(rep.Imported, line)
		}
	}
	for _, s := range skips {
		line := Line{SourceID: s.sourceID, UserID: s.user, Text: s.text, Reason: s.reason, Detail: s.detail}
		if u, ok := users[s.user]; ok {
			line.Username = u.Username
		}
		rep.Skipped = append(rep.Skipped, line)
	}
	return rep, nil
}

// errTaken: another import brought the item in meanwhile.
var errTaken = errors.New("imported meanwhile")

// importOne checks (dry run) or imports one entry.
func (im *Importer) importOne(ctx context.Context, e entry, confirm bool) (todo.Todo, error) {
	in := todo.ImportInput{Scope: todo.PersonalScope(e.owner), Creator: e.owner, Text: e.text, CreatedAt: e.createdAt,
		PostID: e.postID, Source: OfficialSource, SourceIDs: e.sourceIDs}
	if e.sender != "" {
		in.Creator, in.Assignees = e.sender, []string{e.owner}
		if !confirm {
			// The direct channel may not exist yet, and a dry run creates nothing: the text is
			// checked on the sender's own list, where the same rules apply to it.
			in.Scope, in.Assignees = todo.PersonalScope(e.sender), nil
			return todo.Todo{}, im.todos.CheckImport(ctx, in)
		}
		channel, err := im.mm.DirectChannel(ctx, e.sender, e.owner)
		if err != nil {
			return todo.Todo{}, fmt.Errorf("opening the direct channel: %w", err)
		}
		in.Scope = todo.ChannelScope(channel)
	}
	if !confirm {
		return todo.Todo{}, im.todos.CheckImport(ctx, in)
	}
	t, added, err := im.todos.Import(ctx, in)
	if err == nil && !added {
		return todo.Todo{}, errTaken
	}
	return t, err
}

func (im *Importer) line(e entry, users map[string]User) Line {
	l := Line{SourceID: e.sourceIDs[0], UserID: e.owner, Username: users[e.owner].Username, Text: e.text, SenderGone: e.senderGone}
	if e.sender != "" {
		l.SenderID, l.SenderUsername = e.sender, users[e.sender].Username
	}
	return l
}

// importedAs is the todo an earlier import made of any of the entry's items, "" if none.
func importedAs(e entry, done map[string]string) string {
	for _, id := range e.sourceIDs {
		if t, ok := done[id]; ok {
			return t
		}
	}
	return ""
}

func skippedUsers(skips []skip) []string {
	var out []string
	for _, s := range skips {
		if s.user != "" {
			out = append(out, s.user)
		}
	}
	return out
}
