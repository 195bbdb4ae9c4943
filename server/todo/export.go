package todo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Export formats.
const (
	FormatMarkdown = "md"
	FormatCSV      = "csv"
)

// Export renders every todo of a list (open first in list order, done ones
// included) as Markdown or CSV. It returns the document and its content type.
func (s *Service) Export(ctx context.Context, actor string, scope Scope, format string) ([]byte, string, error) {
	ctx = s.readCtx(ctx, actor)
	if err := s.canExport(ctx, actor, scope, format); err != nil {
		return nil, "", err
	}
	todos, err := s.exportTodos(ctx, scope, format, 0)
	if err != nil {
		return nil, "", err
	}
	return s.render(ctx, todos, format)
}

// ExportHead is Export cut to the first limit todos of the document, for a
// reply that can show only so much, with the number of todos in the whole
// list (read from the list's counters, not by reading the list).
func (s *Service) ExportHead(ctx context.Context, actor string, scope Scope, format string, limit int) ([]byte, int, error) {
	ctx = s.readCtx(ctx, actor)
	if err := s.canExport(ctx, actor, scope, format); err != nil {
		return nil, 0, err
	}
	todos, err := s.exportTodos(ctx, scope, format, limit)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.store.Count(ctx, scope.ListID(), "")
	if err != nil {
		return nil, 0, fmt.Errorf("counting todos: %w", err)
	}
	doc, _, err := s.render(ctx, todos, format)
	return doc, total, err
}

func (s *Service) canExport(ctx context.Context, actor string, scope Scope, format string) error {
	if format != FormatMarkdown && format != FormatCSV {
		return invalid(CodeInvalidFormat, "The export format must be md or csv.")
	}
	return s.canRead(ctx, actor, scope)
}

func (s *Service) render(ctx context.Context, todos []Todo, format string) ([]byte, string, error) {
	names := s.usernames(ctx, todos)
	if format == FormatCSV {
		b, err := exportCSV(todos, names)
		return b, "text/csv; charset=utf-8", err
	}
	return exportMarkdown(todos, names), "text/markdown; charset=utf-8", nil
}

// exportBatch is how many todos one read of an export takes.
const exportBatch = 1000

// exportTodos reads the todos of an export in document order, in keyset
// pages, stopping at limit (0: no limit). Markdown lists open todos before
// done ones; CSV keeps the list's order.
func (s *Service) exportTodos(ctx context.Context, scope Scope, format string, limit int) ([]Todo, error) {
	states := []State{StateOpen, StateDone}
	if format == FormatCSV {
		states = []State{""}
	}
	var all []Todo
	for _, state := range states {
		var after *Cursor
		for limit == 0 || len(all) < limit {
			n := exportBatch
			if limit > 0 {
				n = min(n, limit-len(all))
			}
			todos, err := s.store.List(ctx, StoreQuery{ListID: scope.ListID(), State: state, Order: OrderPosition, After: after, Limit: n})
			if err != nil {
				return nil, fmt.Errorf("exporting todos: %w", err)
			}
			all = append(all, todos...)
			if len(todos) < n {
				break
			}
			last := todos[len(todos)-1]
			after = &Cursor{Key: last.Position, ID: last.ID}
		}
	}
	return all, nil
}

func (s *Service) usernames(ctx context.Context, todos []Todo) func(string) string {
	cache := map[string]string{}
	return func(id string) string {
		if id == "" {
			return ""
		}
		if name, ok := cache[id]; ok {
			return name
		}
		name := id
		if s.dir != nil {
			if n, ok := s.dir.Username(ctx, id); ok {
				name = n
			}
		}
		cache[id] = name
		return name
	}
}

func dueString(d *Due) string {
	if d == nil {
		return ""
	}
	return strings.TrimSpace(d.Date + " " + d.Time)
}

func exportMarkdown(todos []Todo, name func(string) string) []byte {
	var b bytes.Buffer
	for _, state := range []State{StateOpen, StateDone} {
		for _, t := range todos {
			if t.State != state {
				continue
			}
			box := " "
			if t.State == StateDone {
				box = "x"
			}
			// Continuation lines are indented so multi-line text stays in its item.
			text := strings.ReplaceAll(t.Text, "\n", "\n  ")
			fmt.Fprintf(&b, "- [%s] #%d %s", box, t.Number, text)
			var extra []string
			for _, a := range t.Assignees {
				extra = append(extra, "@"+name(a))
			}
			if d := dueString(t.Due); d != "" {
				extra = append(extra, "due "+d)
			}
			if len(extra) > 0 {
				fmt.Fprintf(&b, " (%s)", strings.Join(extra, ", "))
			}
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

// csvSafe defuses cells that spreadsheets would run as formulas.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func millis(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}

func exportCSV(todos []Todo, name func(string) string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"number", "state", "text", "assignees", "due_date", "due_time", "creator", "created_at", "completed_by", "completed_at", "id"}}
	for _, t := range todos {
		var assignees []string
		for _, a := range t.Assignees {
			assignees = append(assignees, name(a))
		}
		var date, clock string
		if t.Due != nil {
			date, clock = t.Due.Date, t.Due.Time
		}
		rows = append(rows, []string{
			strconv.FormatInt(t.Number, 10), string(t.State), csvSafe(t.Text), csvSafe(strings.Join(assignees, " ")),
			date, clock, csvSafe(name(t.CreatorID)), millis(t.CreatedAt), csvSafe(name(t.CompletedBy)), millis(t.CompletedAt), t.ID,
		})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("writing csv: %w", err)
	}
	return b.Bytes(), nil
}
