package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/channel-todo/channel-todo/server/todo"
)

// maxExportChars keeps an export reply well inside Mattermost's post limit
// (16,383 characters) with room for the title and the fence.
const maxExportChars = 15_000

// list answers `list [state] [page]` for the scope's list. It reads the one
// page it shows and the list's counters, never the whole list.
func (r *run) list() Outcome {
	if r.req.Narrowed() {
		return r.narrowedList()
	}
	name := r.listName(r.scope)
	p, n, err := r.numbered(func(skip int) (todo.Page, error) {
		return r.e.Service.List(r.ctx, r.call.UserID, todo.ListQuery{Scope: r.scope,
			Filter: todo.Filter{State: string(r.req.State), Skip: skip, Limit: PageSize, Total: true}})
	})
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	page := r.page(p, n, func(t todo.Todo) Item { return r.item(t, false) })
	page.Title = ListTitle(r.l, r.req.State, name, false, p.Total)
	page.Empty = EmptyMessage(r.l, r.req.State, name, false)
	listed := &Listed{State: r.req.State, Page: n, More: page.Next != "", Todos: p.Todos}
	return Outcome{Text: RenderPage(r.l, page, r.now), Scope: r.scope, Listed: listed}
}

// narrowedList answers a sorted or filtered `list`: one page read in that order, with no
// total (the counters count whole lists) and no page buttons (they page the plain list);
// the "more" hint repeats the command with the next page number.
func (r *run) narrowedList() Outcome {
	name := r.listName(r.scope)
	return r.narrowed(func(f narrowing) (todo.Page, error) {
		return r.e.Service.List(r.ctx, r.call.UserID, todo.ListQuery{Scope: r.scope, Filter: todo.Filter{State: string(r.req.State),
			Sort: r.req.Sort, Priority: f.priority, Assignee: f.assignee, Skip: f.skip, Limit: PageSize}})
	}, false, func(filter string) (string, string) {
		return r.l.Localize(i18n.MsgListTitleFiltered, map[string]any{"List": name, "Filter": filter}),
			r.l.Localize(i18n.MsgListEmptyFiltered, map[string]any{"List": name})
	})
}

// narrowedMine answers a sorted or filtered `mine` as narrowedList answers `list`, with
// the same words.
func (r *run) narrowedMine() Outcome {
	return r.narrowed(func(f narrowing) (todo.Page, error) {
		return r.e.Service.Mine(r.ctx, r.call.UserID, todo.MineQuery{Filter: todo.Filter{State: string(r.req.State),
			Sort: r.req.Sort, Priority: f.priority, Assignee: f.assignee, Skip: f.skip, Limit: PageSize}})
	}, true, func(filter string) (string, string) {
		return r.l.Localize(i18n.MsgListTitleMineFiltered, map[string]any{"Filter": filter}),
			r.l.Localize(i18n.MsgListEmptyMineFiltered, nil)
	})
}

// narrowing is what a sorted or filtered view asks the service for, besides the state and sort.
type narrowing struct {
	priority, assignee string
	skip               int
}

// narrowed reads and shows one page of a sorted or filtered view; titles gives the
// view's title and empty line for the words that say what it shows.
func (r *run) narrowed(read func(narrowing) (todo.Page, error), across bool, titles func(filter string) (string, string)) Outcome {
	var f narrowing
	if r.req.Filtered {
		f.priority = r.req.Priority.String()
	}
	words := []string{}
	switch r.req.State {
	case StateOpen:
		words = append(words, r.l.Localize(i18n.MsgListFilterOpen, nil))
	case StateDone:
		words = append(words, r.l.Localize(i18n.MsgListFilterDone, nil))
	}
	if r.req.Filtered {
		p := PriorityText(r.l, r.req.Priority)
		if p == "" {
			p = r.l.Localize(i18n.MsgACPriorityNone, nil)
		}
		words = append(words, p)
	}
	if r.req.FilterSelf || r.req.FilterUser != "" {
		ids, names, unknown := r.users(r.req.FilterSelf, optional(r.req.FilterUser))
		if unknown != "" || len(ids) == 0 {
			return r.failedFor(todo.ErrUnassignable, 0, false)
		}
		f.assignee = ids[0]
		words = append(words, Reply(r.l, i18n.MsgListFilterUser, map[string]any{"User": "@" + names[0]}))
	}
	n := max(r.req.Page, 1)
	f.skip = (n - 1) * PageSize
	p, err := read(f)
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	page := Page{From: f.skip + 1, Total: -1}
	for _, t := range p.Todos {
		page.Items = append(page.Items, r.item(t, across))
	}
	if p.NextCursor != "" {
		page.Next = r.narrowedCommand(n + 1)
	}
	filter := strings.Join(words, ", ")
	switch r.req.Sort {
	case todo.SortPriority:
		filter += " · " + r.l.Localize(i18n.MsgListSortPriority, nil)
	case todo.SortDue:
		filter += " · " + r.l.Localize(i18n.MsgListSortDue, nil)
	}
	page.Title, page.Empty = titles(strings.TrimPrefix(filter, " · "))
	out := Outcome{Text: RenderPage(r.l, page, r.now)}
	if !across {
		out.Scope = r.scope
	}
	return out
}

// narrowedCommand is the command that shows page n of the same sorted or filtered view.
func (r *run) narrowedCommand(n int) string {
	cmd := PageCommand(r.req.Personal, r.req.Verb, r.req.State, n)
	var extra []string
	if r.req.Sort != "" {
		extra = append(extra, "sort:"+r.req.Sort)
	}
	if r.req.Filtered {
		extra = append(extra, "!"+r.req.Priority.String())
	}
	if r.req.FilterSelf {
		extra = append(extra, "@me")
	} else if r.req.FilterUser != "" {
		extra = append(extra, "@"+r.req.FilterUser)
	}
	if len(extra) == 0 {
		return cmd
	}
	return cmd + " " + strings.Join(extra, " ")
}

func optional(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// mine answers `mine [state] [page]`: the personal list and the todos
// assigned to the actor everywhere, one page and a count, which stops past
// todo.MineCountCap (or the page's end, if further): "more than 1000".
func (r *run) mine() Outcome {
	if r.req.Narrowed() {
		return r.narrowedMine()
	}
	p, n, err := r.numbered(func(skip int) (todo.Page, error) {
		return r.e.Service.Mine(r.ctx, r.call.UserID, todo.MineQuery{
			Filter: todo.Filter{State: string(r.req.State), Skip: skip, Limit: PageSize, Total: true}})
	})
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	page := r.page(p, n, func(t todo.Todo) Item { return r.item(t, true) })
	page.Title = ListTitle(r.l, r.req.State, "", true, p.Total)
	if p.TotalCapped {
		page.Title = r.l.Localize(i18n.MsgListTitleMineMore, map[string]any{"Total": p.Total})
	}
	page.Empty = EmptyMessage(r.l, r.req.State, "", true)
	return Outcome{Text: RenderPage(r.l, page, r.now)}
}

// numbered reads the requested page of a view (with its total) and returns
// it with its number; a page past the end shows the last one.
func (r *run) numbered(read func(skip int) (todo.Page, error)) (todo.Page, int, error) {
	n := max(r.req.Page, 1)
	p, err := read((n - 1) * PageSize)
	if err != nil || len(p.Todos) > 0 || n == 1 {
		return p, n, err
	}
	n = max((p.Total+PageSize-1)/PageSize, 1)
	p, err = read((n - 1) * PageSize)
	return p, n, err
}

// page turns page n of a view into what the reply shows.
func (r *run) page(p todo.Page, n int, item func(todo.Todo) Item) Page {
	pages := max((p.Total+PageSize-1)/PageSize, 1)
	out := Page{From: (n-1)*PageSize + 1, Total: p.Total, TotalCapped: p.TotalCapped}
	for _, t := range p.Todos {
		out.Items = append(out.Items, item(t))
	}
	if n < pages || p.TotalCapped {
		out.Next = PageCommand(r.req.Personal, r.req.Verb, r.req.State, n+1)
	}
	return out
}

// item is what a list line shows of a todo; across lists it names the list.
func (r *run) item(t todo.Todo, across bool) Item {
	it := Item{Number: t.Number, Text: t.Text, Done: t.State == todo.StateDone, ItemsDone: t.ItemsDone, ItemsTotal: t.ItemsTotal}
	for _, id := range t.Assignees {
		if name, ok := r.e.Directory.Username(r.ctx, id); ok {
			it.Assignees = append(it.Assignees, name)
		}
	}
	if t.Due != nil {
		it.DueDate, it.DueTime = t.Due.Date, t.Due.Time
	}
	it.Priority, it.Recur = t.Priority, t.Recur
	if post := firstNonEmpty(t.PostID, t.RootID); post != "" {
		it.Link = r.e.Directory.Permalink(r.ctx, t.Scope.ChannelID, post)
	}
	if across {
		it.List = r.listName(t.Scope)
	}
	return it
}

// exportTodos is how many todos a chat export reads at most: enough to fill
// maxExportChars, since no line is shorter than ten characters.
const exportTodos = maxExportChars / 10

// export answers `export [md|csv]` with the document in a code block, so it
// can be copied; the REST API serves the file itself. It reads only what
// fits in the reply, and counts the list with its counters.
func (r *run) export() Outcome {
	doc, count, err := r.e.Service.ExportHead(r.ctx, r.call.UserID, r.scope, string(r.req.Format), exportTodos)
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	name := r.listName(r.scope)
	// Byte for byte what the REST export serves: code never mentions anyone (Mattermost finds
	// mentions in text nodes only), and the fence is longer than any backtick run inside.
	text := strings.TrimRight(string(doc), "\n")
	head := Reply(r.l, i18n.MsgReplyExported, map[string]any{"Count": count, "List": name})
	if len([]rune(text)) > maxExportChars {
		text = string([]rune(text)[:maxExportChars])
		head += "\n" + r.l.Localize(i18n.MsgReplyExportCut, map[string]any{"Max": maxExportChars})
	}
	lang := "markdown"
	if r.req.Format == FormatCSV {
		lang = "csv"
	}
	fence := codeFence(text)
	return Outcome{Text: head + "\n\n" + fence + lang + "\n" + text + "\n" + fence, Scope: r.scope}
}

// codeFence is a backtick fence longer than any run of backticks in text,
// so the text cannot close the block early.
func codeFence(text string) string {
	longest, run := 0, 0
	for _, c := range text {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
