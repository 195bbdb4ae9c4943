package command

import (
	"errors"
	"fmt"
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// itemNumber is the first checklist item an `item` request names, 0 for none.
func (r Request) itemNumber() int64 {
	if len(r.Items) == 0 {
		return 0
	}
	return r.Items[0]
}

// checklist runs `item <number> …`: it shows the todo's checklist, or changes it and shows
// what it is afterwards. Items are named by their place, as the checklist shows them; each
// is looked up once, before any change, so `tick 1 2` ticks the two lines the person saw.
func (r *run) checklist() Outcome {
	n := r.req.Number()
	t, err := r.e.Service.GetByNumber(r.ctx, r.call.UserID, r.scope, n)
	if err != nil {
		return r.failedFor(err, n, r.req.ItemAction != ItemShow)
	}
	actor, svc := r.call.UserID, r.e.Service
	c, err := svc.Checklist(r.ctx, actor, t.ID)
	if err != nil {
		return r.failedFor(err, n, false)
	}
	if r.req.ItemAction == ItemShow {
		return Outcome{Text: RenderChecklist(r.l, c), Scope: r.scope}
	}
	if r.req.ItemAction == ItemAdd {
		c, err = svc.AddItem(r.ctx, actor, t.ID, r.req.Text)
		if err != nil {
			return r.failedFor(err, n, true)
		}
		return r.checklistChanged(i18n.MsgItemAdded, fmt.Sprint(len(c.Items)), c)
	}
	items := make([]todo.Item, 0, len(r.req.Items))
	for _, place := range r.req.Items {
		it, err := c.At(int(place))
		if err != nil {
			return Outcome{Text: Reply(r.l, i18n.ErrorID(todo.CodeItemNotFound), map[string]any{"Number": n, "Item": place}), Scope: r.scope, Failed: true}
		}
		items = append(items, it)
	}
	id, shown := "", placesText(r.req.Items)
	for _, it := range items {
		switch r.req.ItemAction {
		case ItemTick, ItemUntick:
			id = i18n.MsgItemTicked
			if r.req.ItemAction == ItemUntick {
				id = i18n.MsgItemUnticked
			}
			c, err = svc.TickItem(r.ctx, actor, t.ID, it.ID, r.req.ItemAction == ItemTick)
		case ItemRemove:
			id = i18n.MsgItemRemoved
			c, err = svc.RemoveItem(r.ctx, actor, t.ID, it.ID)
		case ItemEdit:
			id = i18n.MsgItemEdited
			c, err = svc.EditItem(r.ctx, actor, t.ID, it.ID, r.req.Text)
		case ItemMove:
			id = i18n.MsgItemMoved
			to := r.req.Place.Position
			switch r.req.Place.Kind {
			case PlaceTop:
				to = 1
			case PlaceBottom:
				to = todo.MaxItems
			}
			c, err = svc.MoveItem(r.ctx, actor, t.ID, it.ID, to)
			if err == nil {
				shown = fmt.Sprint(positionOf(c, it.ID))
			}
		}
		if err != nil {
			return r.failedFor(err, n, true)
		}
	}
	return r.checklistChanged(id, shown, c)
}

// checklistChanged answers a change: what was done, then the checklist as it now is.
func (r *run) checklistChanged(id, item string, c todo.Checklist) Outcome {
	text := Reply(r.l, id, map[string]any{"Number": c.Todo.Number, "Item": item}) + "\n" + RenderChecklist(r.l, c)
	return Outcome{Text: text, Scope: r.scope, Changed: true}
}

// placesText lists item places for a reply: "2" or "1, 2".
func placesText(places []int64) string {
	out := make([]string, len(places))
	for i, p := range places {
		out[i] = fmt.Sprint(p)
	}
	return strings.Join(out, ", ")
}

func positionOf(c todo.Checklist, itemID string) int {
	for _, it := range c.Items {
		if it.ID == itemID {
			return it.Position
		}
	}
	return 0
}

// RenderChecklist shows a todo's checklist: the todo and its progress, then one line per
// item, numbered by place. Item text is neutralized like todo text.
func RenderChecklist(l i18n.Localizer, c todo.Checklist) string {
	var b strings.Builder
	b.WriteString(l.Localize(i18n.MsgChecklistTitle, map[string]any{
		"Number": c.Todo.Number, "Text": Neutralize(oneLine(c.Todo.Text, MaxLineText)),
		"Done": c.Todo.ItemsDone, "Total": c.Todo.ItemsTotal,
	}))
	b.WriteString("\n")
	if len(c.Items) == 0 {
		b.WriteString(l.Localize(i18n.MsgChecklistEmpty, map[string]any{"Number": c.Todo.Number}))
		return b.String()
	}
	for _, it := range c.Items {
		box := "- [ ] "
		if it.Done {
			box = "- [x] "
		}
		fmt.Fprintf(&b, "%s**%d.** %s\n", box, it.Position, Neutralize(oneLine(it.Text, MaxLineText)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// ItemsOpenReply is the answer to completing a todo whose checklist has open items (how
// many, and how to complete it anyway), for every door that completes todos; ok is false
// for any other error.
func ItemsOpenReply(l i18n.Localizer, err error) (string, bool) {
	var open *todo.ItemsOpenError
	if !errors.As(err, &open) {
		return "", false
	}
	return Reply(l, i18n.ErrorID(todo.CodeItemsOpen), map[string]any{"Number": open.Number, "Open": open.Open, "Total": open.Total}), true
}
