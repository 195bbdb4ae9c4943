package command

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Service is the part of *todo.Service the executor calls. Every method
// checks the actor's permissions itself.
type Service interface {
	Add(ctx context.Context, actor string, in todo.AddInput) (todo.Todo, error)
	GetByNumber(ctx context.Context, actor string, scope todo.Scope, n int64) (todo.Todo, error)
	Complete(ctx context.Context, actor, id string) (todo.Todo, error)
	CompleteAnyway(ctx context.Context, actor, id string) (todo.Todo, error)
	Checklist(ctx context.Context, actor, todoID string) (todo.Checklist, error)
	AddItem(ctx context.Context, actor, todoID, text string) (todo.Checklist, error)
	EditItem(ctx context.Context, actor, todoID, itemID, text string) (todo.Checklist, error)
	TickItem(ctx context.Context, actor, todoID, itemID string, done bool) (todo.Checklist, error)
	MoveItem(ctx context.Context, actor, todoID, itemID string, position int) (todo.Checklist, error)
	RemoveItem(ctx context.Context, actor, todoID, itemID string) (todo.Checklist, error)
	Reopen(ctx context.Context, actor, id string) (todo.Todo, error)
	Edit(ctx context.Context, actor, id, text string) (todo.Todo, error)
	Delete(ctx context.Context, actor, id string) (todo.Todo, error)
	Assign(ctx context.Context, actor, id string, userIDs ...string) (todo.Todo, error)
	Unassign(ctx context.Context, actor, id string, userIDs ...string) (todo.Todo, error)
	SetAssignees(ctx context.Context, actor, id string, userIDs []string) (todo.Todo, error)
	SetDue(ctx context.Context, actor, id string, due *todo.Due) (todo.Todo, error)
	SetPriority(ctx context.Context, actor, id string, p todo.Priority) (todo.Todo, error)
	SetRecur(ctx context.Context, actor, id, rule string) (todo.Todo, error)
	Comment(ctx context.Context, actor, id, text string) (todo.Comment, error)
	Get(ctx context.Context, actor, id string) (todo.Todo, error)
	MoveToTop(ctx context.Context, actor, id string) (todo.Todo, error)
	MoveToBottom(ctx context.Context, actor, id string) (todo.Todo, error)
	MoveToPosition(ctx context.Context, actor, id string, position int) (todo.Todo, error)
	List(ctx context.Context, actor string, q todo.ListQuery) (todo.Page, error)
	Mine(ctx context.Context, actor string, q todo.MineQuery) (todo.Page, error)
	Search(ctx context.Context, actor string, q todo.SearchQuery) (todo.Page, error)
	ExportHead(ctx context.Context, actor string, scope todo.Scope, format string, limit int) ([]byte, int, error)
	KeptByTool(scope todo.Scope) bool
	RunTool(ctx context.Context, actor string, scope todo.Scope, verb todo.ToolVerb, arg string) (todo.ToolRun, error)
	CheckTool(ctx context.Context, actor string) (todo.ToolCheck, error)
	Settings(ctx context.Context, actor string) (todo.UserSettings, error)
	ChangeSettings(ctx context.Context, actor string, change todo.SettingsChange) (todo.UserSettings, error)
	Config() todo.Config
}

// Directory looks up what replies show of Mattermost: names and links.
type Directory interface {
	// UserIDByUsername returns the id of an active user, for assign.
	UserIDByUsername(ctx context.Context, username string) (string, bool)
	// Username returns a user's username (without "@").
	Username(ctx context.Context, userID string) (string, bool)
	// ChannelName is the channel's handle for "~name" (never a display name
	// that could hold a mention).
	ChannelName(ctx context.Context, channelID string) string
	// Permalink is a link to the post, "" when there is none. channelID is
	// the post's channel when known (a channel's todo), else "".
	Permalink(ctx context.Context, channelID, postID string) string
	// PostMessage is the text of a post, for a bare mention in a thread.
	PostMessage(ctx context.Context, postID string) (string, error)
}

// Call is one command as a door received it.
type Call struct {
	// UserID is the acting user.
	UserID string
	// ChannelID is where the command was given.
	ChannelID string
	// BotDM is set when ChannelID is the actor's direct channel with the
	// bot: commands there act on the personal list.
	BotDM bool
	// Locale (a Mattermost locale such as "zh-CN") and Location (the actor's
	// time zone, nil for UTC) shape the reply and relative due dates.
	Locale   string
	Location *time.Location
	// Text is the command text: what follows /todo, the mention or the
	// trigger word.
	Text string
	// PostID is the post that carried the command (mentions), "" for slash
	// commands. RootID is the thread's root, "" outside a thread.
	PostID string
	RootID string
	// AddsThreadRoot lets a bare command (or an add without text) inside a
	// thread add the thread's root message. Mentions and trigger words set
	// it; a bare `/todo` lists instead.
	AddsThreadRoot bool
}

// Outcome is the reply to a Call and what the door needs to decide where it
// goes.
type Outcome struct {
	// Text is the reply: Markdown in the actor's language in which nothing
	// can notify anyone.
	Text string
	// Scope is the list the command acted on (zero for help and mine).
	Scope todo.Scope
	// Changed is set when a list was changed.
	Changed bool
	// Failed is set when nothing the command asked for was done.
	Failed bool
	// Private is set when the answer is for the actor alone wherever it
	// was asked (the tool check): doors send it to them only, never as a
	// post.
	Private bool
	// Parts is Text cut into posts Mattermost accepts (MaxPostRunes each), in
	// order; doors send each part as one post.
	Parts []string
	// Added is the todo an add created, so a door can put buttons on the
	// answer; nil otherwise.
	Added *todo.Todo
	// Listed is the page a built-in list answer shows; nil otherwise.
	Listed *Listed
	// Detail is what the command-line tool said when Text had to leave it out
	// because it names paths on the server. It is set only for system admins
	// (todo.ToolRun.Detail), and doors send it to the actor alone.
	Detail string
}

// Listed is the page of a list answer, for the buttons a door adds to it.
type Listed struct {
	State ListState
	// Page is the 1-based page shown; More is set when a next page exists.
	Page  int
	More  bool
	Todos []todo.Todo
}

// Executor runs commands: Request -> service calls -> localized reply.
type Executor struct {
	Service      Service
	Directory    Directory
	Translations *i18n.Translations
	// BotUsername is the bot's username, for help texts.
	BotUsername string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Log records failures a person must not see raw (nil: not logged).
	Log func(msg string, keyValues ...any)
	// Importer runs `import official`; nil answers that importing is not available.
	Importer Importer
}

// PageSize is how many todos a list reply shows.
const PageSize = 20

// run carries what one Execute needs.
type run struct {
	e     *Executor
	ctx   context.Context
	call  Call
	l     i18n.Localizer
	now   time.Time
	scope todo.Scope
	req   Request
	names map[todo.Scope]string
	// details collects what the tool said that Text leaves out, for an admin.
	details []string
}

// Execute parses and runs one command and says the answer in the actor's
// language. It never fails: every error becomes a reply, cut into Parts that
// each fit in one post.
func (e *Executor) Execute(ctx context.Context, c Call) Outcome {
	out := e.execute(ctx, c)
	out.Parts = SplitPost(out.Text, MaxPostRunes, e.Translations.Localizer(c.Locale).Localize(i18n.MsgReplyLineCut, nil))
	return out
}

func (e *Executor) execute(ctx context.Context, c Call) Outcome {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	r := &run{e: e, ctx: ctx, call: c, l: e.Translations.Localizer(c.Locale), now: now().In(loc), names: map[todo.Scope]string{}}
	req, err := Parse(c.Text, r.now, loc)
	r.req = req
	r.scope = r.scopeOf(req)
	if err != nil {
		if errors.Is(err, ErrEmptyAdd) && r.threadRootWanted() {
			return r.addThreadRoot()
		}
		var ue *UsageError
		if errors.As(err, &ue) {
			if ue.ID == i18n.MsgUsageUnknownVerb {
				return Outcome{Text: RenderShortHelp(r.l, ue), Failed: true}
			}
			if ue.ID == i18n.MsgUsageAdd && c.AddsThreadRoot {
				return Outcome{Text: r.l.Localize(i18n.MsgReplyNothingToAdd, nil), Scope: r.scope, Failed: true}
			}
			return Outcome{Text: LocalizeError(r.l, ue), Scope: r.scope, Failed: true, Private: req.Verb == VerbBridge || req.Verb == VerbImport}
		}
		return r.failed(err)
	}
	if req.Verb == VerbBridge {
		return r.bridgeCheck()
	}
	if req.Verb == VerbImport {
		return r.importOfficial()
	}
	if req.Bare && r.threadRootWanted() {
		return r.addThreadRoot()
	}
	if out, handled := r.tool(); handled {
		// The service gives the tool's withheld words to system admins alone.
		if len(r.details) > 0 {
			out.Detail = r.l.Localize(i18n.MsgToolDetail, nil) + "\n\n" + indentCode(strings.Join(r.details, "\n"))
		}
		return out
	}
	return r.builtin()
}

func (r *run) threadRootWanted() bool {
	return r.call.AddsThreadRoot && r.call.RootID != ""
}

func (r *run) scopeOf(req Request) todo.Scope {
	if req.Verb == VerbBridge || req.Verb == VerbImport {
		// The tool check and imports act on no one list.
		return todo.Scope{}
	}
	if req.Personal || r.call.BotDM {
		return todo.PersonalScope(r.call.UserID)
	}
	return todo.ChannelScope(r.call.ChannelID)
}

func (r *run) builtin() Outcome {
	switch r.req.Verb {
	case VerbHelp:
		return Outcome{Text: RenderHelp(r.l, r.e.BotUsername, r.req.Topic)}
	case VerbAdd:
		return r.add(r.req.Line, r.call.PostID, r.call.RootID)
	case VerbList:
		return r.list()
	case VerbMine:
		return r.mine()
	case VerbFind:
		return r.find()
	case VerbExport:
		return r.export()
	case VerbSettings:
		return r.settings()
	case VerbDone, VerbReopen, VerbDelete:
		return r.each(r.req.Numbers)
	case VerbItem:
		return r.checklist()
	}
	return r.one()
}

// addThreadRoot adds the thread's root message, linked to the thread.
func (r *run) addThreadRoot() Outcome {
	root := r.call.RootID
	text, err := r.e.Directory.PostMessage(r.ctx, root)
	if err != nil {
		if !errors.Is(err, todo.ErrNotFound) {
			r.log("Reading the thread's root post failed", "post_id", root, "error", err.Error())
		}
		text = ""
	}
	if strings.TrimSpace(text) == "" {
		return Outcome{Text: r.l.Localize(i18n.MsgReplyNothingToAdd, nil), Scope: r.scope, Failed: true}
	}
	if out, handled := r.toolAdd(text); handled {
		return out
	}
	// Someone else's message is added as written: its words are not details.
	return r.add(AddLine{Text: text}, root, root)
}

// add creates the todo an add's line describes and answers with what was understood.
func (r *run) add(line AddLine, postID, rootID string) Outcome {
	ids, names, unknown := r.users(line.Self, line.Usernames)
	if unknown != "" {
		// Nothing is added: the person fixes the name, or escapes it to keep it as text.
		return Outcome{Text: Reply(r.l, i18n.MsgReplyUnknownAssignee, map[string]any{"User": unknown}), Scope: r.scope, Failed: true}
	}
	in := todo.AddInput{Scope: r.scope, Text: line.Text, Assignees: ids, Priority: line.Priority, Recur: line.Recur, PostID: postID, RootID: rootID}
	if line.Due != nil {
		in.Due = &todo.Due{Date: line.Due.Date, Time: line.Due.Time}
	}
	t, err := r.e.Service.Add(r.ctx, r.call.UserID, in)
	if err != nil {
		return r.failedFor(err, 0, true)
	}
	return Outcome{
		Text:    AddedText(r.l, t, r.listName(r.scope)) + DetailsText(r.l, names, t, r.now),
		Scope:   r.scope,
		Changed: true,
		Added:   &t,
	}
}

// each runs done, reopen or delete for every number and answers with one
// line per number (identical lines once).
func (r *run) each(numbers []int64) Outcome {
	var lines []string
	seen := map[string]bool{}
	out := Outcome{Scope: r.scope, Failed: true}
	for _, n := range numbers {
		line, ok := r.oneNumber(n)
		if ok {
			out.Changed, out.Failed = true, false
		}
		if !seen[line] {
			seen[line] = true
			lines = append(lines, line)
		}
	}
	out.Text = strings.Join(lines, "\n")
	return out
}

func (r *run) oneNumber(n int64) (string, bool) {
	t, err := r.e.Service.GetByNumber(r.ctx, r.call.UserID, r.scope, n)
	if err != nil {
		return r.failedFor(err, n, true).Text, false
	}
	data := map[string]any{"Number": n, "List": r.listName(r.scope)}
	var id string
	switch r.req.Verb {
	case VerbDone:
		if t.State == todo.StateDone {
			return Reply(r.l, i18n.MsgReplyNotFoundOpen, data), false
		}
		spawned := t.NextID != ""
		if r.req.Force {
			t, err = r.e.Service.CompleteAnyway(r.ctx, r.call.UserID, t.ID)
		} else {
			t, err = r.e.Service.Complete(r.ctx, r.call.UserID, t.ID)
		}
		id = i18n.MsgReplyCompleted
		if err == nil && !spawned && t.NextID != "" {
			data["Text"] = oneLine(t.Text, MaxLineText)
			return Reply(r.l, id, data) + " · " + r.nextLine(t.NextID), true
		}
	case VerbReopen:
		if t.State == todo.StateOpen {
			return Reply(r.l, i18n.MsgReplyNotFoundDone, data), false
		}
		t, err = r.e.Service.Reopen(r.ctx, r.call.UserID, t.ID)
		id = i18n.MsgReplyReopened
	default:
		t, err = r.e.Service.Delete(r.ctx, r.call.UserID, t.ID)
		id = i18n.MsgReplyDeleted
	}
	if err != nil {
		return r.failedFor(err, n, true).Text, false
	}
	data["Text"] = oneLine(t.Text, MaxLineText)
	return Reply(r.l, id, data), true
}

// one runs the verbs that name a single todo: edit, assign, unassign, due
// and move.
func (r *run) one() Outcome {
	n := r.req.Number()
	t, err := r.e.Service.GetByNumber(r.ctx, r.call.UserID, r.scope, n)
	if err != nil {
		return r.failedFor(err, n, true)
	}
	actor, svc := r.call.UserID, r.e.Service
	data := map[string]any{"Number": n}
	var id string
	switch r.req.Verb {
	case VerbComment:
		if _, err := svc.Comment(r.ctx, actor, t.ID, r.req.Text); err != nil {
			return r.failedFor(err, n, true)
		}
		return Outcome{Text: Reply(r.l, i18n.MsgReplyCommented, data), Scope: r.scope}
	case VerbEdit:
		_, err = svc.Edit(r.ctx, actor, t.ID, r.req.Text)
		id, data["Text"] = i18n.MsgReplyEdited, oneLine(r.req.Text, MaxLineText)
	case VerbAssign, VerbUnassign:
		ids, names, unknown := r.users(r.req.Self, r.req.Usernames)
		if unknown != "" {
			// The same answer as for a user who cannot see the list: a guest must not learn
			// which usernames exist on the server by trying them.
			return r.failedFor(todo.ErrUnassignable, n, true)
		}
		data["Users"] = Mentions(names)
		switch {
		case r.req.Verb == VerbAssign:
			_, err = svc.Assign(r.ctx, actor, t.ID, ids...)
			id = i18n.MsgReplyAssigned
		case len(ids) == 0:
			_, err = svc.SetAssignees(r.ctx, actor, t.ID, nil)
			id = i18n.MsgReplyUnassignedAll
		default:
			_, err = svc.Unassign(r.ctx, actor, t.ID, ids...)
			id = i18n.MsgReplyUnassigned
		}
	case VerbDue:
		if r.req.Due.Clear {
			_, err = svc.SetDue(r.ctx, actor, t.ID, nil)
			id = i18n.MsgReplyDueCleared
			break
		}
		_, err = svc.SetDue(r.ctx, actor, t.ID, &todo.Due{Date: r.req.Due.Date, Time: r.req.Due.Time})
		id, data["Due"] = i18n.MsgReplyDueSet, DueText(r.l, r.req.Due.Date, r.req.Due.Time, r.now)
	case VerbPriority:
		_, err = svc.SetPriority(r.ctx, actor, t.ID, r.req.Priority)
		id = i18n.MsgReplyPrioritySet
		if r.req.Priority == todo.PriorityNone {
			id = i18n.MsgReplyPriorityNone
		}
		data["Priority"] = PriorityText(r.l, r.req.Priority)
	case VerbRecur:
		var got todo.Todo
		got, err = svc.SetRecur(r.ctx, actor, t.ID, r.req.Recur)
		id = i18n.MsgReplyRecurSet
		if r.req.Recur == "" {
			id = i18n.MsgReplyRecurNone
		}
		data["Recur"] = RecurText(r.l, r.req.Recur)
		if err == nil && got.Due != nil && r.req.Recur != "" {
			data["Recur"] = data["Recur"].(string) + " · " + r.l.Localize(i18n.MsgListDue, map[string]any{"Due": DueText(r.l, got.Due.Date, got.Due.Time, r.now)})
		}
	case VerbMove:
		switch r.req.Place.Kind {
		case PlaceTop:
			_, err = svc.MoveToTop(r.ctx, actor, t.ID)
			id = i18n.MsgReplyMovedTop
		case PlaceBottom:
			_, err = svc.MoveToBottom(r.ctx, actor, t.ID)
			id = i18n.MsgReplyMovedBottom
		default:
			_, err = svc.MoveToPosition(r.ctx, actor, t.ID, r.req.Place.Position)
			id, data["Position"] = i18n.MsgReplyMovedTo, r.req.Place.Position
		}
	}
	if err != nil {
		return r.failedFor(err, n, true)
	}
	return Outcome{Text: Reply(r.l, id, data), Scope: r.scope, Changed: true}
}

// nextLine says which todo a recurring one's completion created, and when it is due.
func (r *run) nextLine(id string) string {
	next, err := r.e.Service.Get(r.ctx, r.call.UserID, id)
	if err != nil {
		return ""
	}
	due := ""
	if next.Due != nil {
		due = DueText(r.l, next.Due.Date, next.Due.Time, r.now)
	}
	return Reply(r.l, i18n.MsgReplyRecurNext, map[string]any{"Number": next.Number, "Due": due})
}

// users resolves usernames (and `me`, when self is set) to ids; unknown is
// the first name that is no user.
func (r *run) users(self bool, usernames []string) (ids, names []string, unknown string) {
	if self {
		ids = append(ids, r.call.UserID)
		name, ok := r.e.Directory.Username(r.ctx, r.call.UserID)
		if !ok {
			name = "me"
		}
		names = append(names, name)
	}
	for _, u := range usernames {
		id, ok := r.e.Directory.UserIDByUsername(r.ctx, u)
		if !ok {
			return nil, nil, u
		}
		if self && id == r.call.UserID {
			continue
		}
		ids = append(ids, id)
		names = append(names, u)
	}
	return ids, names, ""
}

// listName is how replies name a list, looked up once per run.
func (r *run) listName(s todo.Scope) string {
	if name, ok := r.names[s]; ok {
		return name
	}
	name := ListName(r.l, s.Kind == todo.ScopePersonal, "")
	if s.Kind == todo.ScopeChannel {
		name = ListName(r.l, false, r.e.Directory.ChannelName(r.ctx, s.ChannelID))
	}
	r.names[s] = name
	return name
}

// failed answers an error that is not about a todo number.
func (r *run) failed(err error) Outcome {
	return r.failedFor(err, 0, false)
}

// failedFor turns a service error into a reply a person understands. n is
// the todo number the command named (0 for none); write says the command
// changes the list, so a permission error says "change".
func (r *run) failedFor(err error, n int64, write bool) Outcome {
	out := Outcome{Scope: r.scope, Failed: true}
	data := map[string]any{"Number": n, "List": r.listName(r.scope)}
	code := todo.CodeOf(err)
	switch code {
	case todo.CodeNotFound:
		if n == 0 {
			out.Text = r.l.Localize(i18n.ErrorID(code), nil)
			break
		}
		id := i18n.MsgReplyNotFound
		switch r.req.Verb {
		case VerbDone:
			id = i18n.MsgReplyNotFoundOpen
		case VerbReopen:
			id = i18n.MsgReplyNotFoundDone
		}
		out.Text = Reply(r.l, id, data)
	case todo.CodeForbidden:
		if write {
			out.Text = Reply(r.l, i18n.MsgReplyNoPermission, data)
		} else {
			out.Text = r.l.Localize(i18n.ErrorID(code), nil)
		}
	case todo.CodeArchived:
		out.Text = Reply(r.l, i18n.MsgReplyArchived, data)
	case todo.CodePersonalOnly:
		out.Text = r.l.Localize(i18n.MsgReplyPersonalOnly, nil)
	case todo.CodeItemsOpen:
		out.Text, _ = ItemsOpenReply(r.l, err)
	case todo.CodeItemNotFound:
		data["Item"] = r.req.itemNumber()
		out.Text = Reply(r.l, i18n.ErrorID(code), data)
	case "":
		r.log("A command failed", "verb", string(r.req.Verb), "error", err.Error())
		out.Text = r.l.Localize(i18n.MsgReplyFailed, nil)
	default:
		cfg := r.e.Service.Config()
		limit := cfg.MaxAssignees
		if code == todo.CodeTooManyItems {
			limit = todo.MaxItems
		}
		out.Text = r.l.Localize(i18n.ErrorID(code), map[string]any{"Limit": cfg.MaxTextLength, "Max": limit})
	}
	return out
}

func (r *run) log(msg string, kv ...any) {
	if r.e.Log != nil {
		r.e.Log(msg, append(kv, "user_id", r.call.UserID, "channel_id", r.call.ChannelID)...)
	}
}
