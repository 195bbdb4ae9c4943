package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/channel-todo/channel-todo/server/todo"
)

// find answers `find <words>`: the newest todos, open and done, that the actor can read in any
// list and whose text has words beginning with each of the words; only to the actor, since it
// spans lists.
func (r *run) find() Outcome {
	p, err := r.e.Service.Search(r.ctx, r.call.UserID, todo.SearchQuery{Words: r.req.Text, Limit: PageSize})
	if err != nil {
		return r.failedFor(err, 0, false)
	}
	words := map[string]any{"Words": oneLine(r.req.Text, MaxLineText)}
	page := Page{From: 1, Total: -1, Title: Reply(r.l, i18n.MsgFindTitle, words), Empty: Reply(r.l, i18n.MsgFindEmpty, words)}
	for _, t := range p.Todos {
		page.Items = append(page.Items, r.item(t, true))
	}
	text := RenderPage(r.l, page, r.now)
	if p.NextCursor != "" {
		text += "\n" + r.l.Localize(i18n.MsgFindMore, nil)
	}
	return Outcome{Text: text}
}

// parseFind keeps the words as typed; the service decides what a word is.
func (p *argParser) parseFind(args string) error {
	p.req.Text = strings.TrimSpace(args)
	if p.req.Text == "" {
		return usage(i18n.MsgUsageFind, VerbFind)
	}
	return nil
}
