package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

// maxExportChars keeps an export reply well inside Mattermost's post limit
// (16,383 characters) with room for the title and the fence.
const maxExportChars = 15_000

// list answers `list [state] [page]` for the scope's list.
func (r *run) list() Outcome {
	name := r.listName(r.scope)
	todos, err := r.collect(func(cursor string) (todo.Page, error) {
		return r.e.Service.List(r.ctx, r.call.UserID, todo.ListQuery{
			Scope: r.scope, State: string(r.req.State), Cursor: cursor, Limit: todo.MaxPageSize,
		})
	})
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	page := r.page(todos, func(t todo.Todo) Item { return r.item(t, false) })
	page.Title = ListTitle(r.l, r.req.State, name, false, len(todos))
	page.Empty = EmptyMessage(r.l, r.req.State, name, false)
	return Outcome{Text: RenderPage(r.l, page, r.now), Scope: r.scope}
}

// mine answers `mine [state] [page]`: the personal list and the todos
// assigned to the actor everywhere.
func (r *run) mine() Outcome {
	todos, err := r.collect(func(cursor string) (todo.Page, error) {
		return r.e.Service.Mine(r.ctx, r.call.UserID, todo.MineQuery{State: string(r.req.State), Cursor: cursor, Limit: todo.MaxPageSize})
	})
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	page := r.page(todos, func(t todo.Todo) Item { return r.item(t, true) })
	page.Title = ListTitle(r.l, r.req.State, "", true, len(todos))
	page.Empty = EmptyMessage(r.l, r.req.State, "", true)
	return Outcome{Text: RenderPage(r.l, page, r.now)}
}

// collect reads every page of a view, up to maxCollect todos.
func (r *run) collect(next func(cursor string) (todo.Page, error)) ([]todo.Todo, error) {
	var all []todo.Todo
	cursor := ""
	for {
		p, err := next(cursor)
		if err != nil {
			return nil, err
		}
		all = append(all, p.Todos...)
		if p.NextCursor == "" || len(all) >= maxCollect {
			return all, nil
		}
		cursor = p.NextCursor
	}
}

// page cuts the requested page out of a view; a page past the end shows
// the last one.
func (r *run) page(todos []todo.Todo, item func(todo.Todo) Item) Page {
	pages := max((len(todos)+PageSize-1)/PageSize, 1)
	n := min(max(r.req.Page, 1), pages)
	from := (n - 1) * PageSize
	to := min(from+PageSize, len(todos))
	p := Page{From: from + 1, Total: len(todos)}
	for _, t := range todos[from:to] {
		p.Items = append(p.Items, item(t))
	}
	if n < pages {
		p.Next = PageCommand(r.req.Personal, r.req.Verb, r.req.State, n+1)
	}
	return p
}

// item is what a list line shows of a todo; across lists it names the list.
func (r *run) item(t todo.Todo, across bool) Item {
	it := Item{Number: t.Number, Text: t.Text, Done: t.State == todo.StateDone}
	for _, id := range t.Assignees {
		if name, ok := r.e.Directory.Username(r.ctx, id); ok {
			it.Assignees = append(it.Assignees, name)
		}
	}
	if t.Due != nil {
		it.DueDate, it.DueTime = t.Due.Date, t.Due.Time
	}
	if post := firstNonEmpty(t.PostID, t.RootID); post != "" {
		it.Link = r.e.Directory.Permalink(r.ctx, t.Scope.ChannelID, post)
	}
	if across {
		it.List = r.listName(t.Scope)
	}
	return it
}

// export answers `export [md|csv]` with the document in a code block, so it
// can be copied; the REST API serves the file itself.
func (r *run) export() Outcome {
	doc, _, err := r.e.Service.Export(r.ctx, r.call.UserID, r.scope, string(r.req.Format))
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	count, err := r.count()
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	name := r.listName(r.scope)
	text := Neutralize(strings.TrimRight(string(doc), "\n"))
	head := Reply(r.l, MsgReplyExported, map[string]any{"Count": count, "List": name})
	if len([]rune(text)) > maxExportChars {
		text = string([]rune(text)[:maxExportChars])
		head += "\n" + r.l.Localize(MsgReplyExportCut, map[string]any{"Max": maxExportChars})
	}
	lang := "markdown"
	if r.req.Format == FormatCSV {
		lang = "csv"
	}
	fence := codeFence(text)
	return Outcome{Text: head + "\n\n" + fence + lang + "\n" + text + "\n" + fence, Scope: r.scope}
}

// count is how many todos an export holds (every state).
func (r *run) count() (int, error) {
	todos, err := r.collect(func(cursor string) (todo.Page, error) {
		return r.e.Service.List(r.ctx, r.call.UserID, todo.ListQuery{Scope: r.scope, State: "all", Cursor: cursor, Limit: todo.MaxPageSize})
	})
	return len(todos), err
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
