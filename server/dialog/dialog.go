// Package dialog is the add form for phones: `/todo` alone opens a Mattermost interactive
// dialog, and its submission comes back to the plugin's own route, where it becomes one
// todo.Service.Add as the person who submitted it, with the same permission checks as every
// other door.
//
// The dialog's state names the channel the form was opened in, signed like the buttons'
// contexts (buttons.Signer), so a submission cannot be pointed at another channel's list.
package dialog

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Route is where Mattermost sends submissions, below the plugin's HTTP root.
const Route = "/api/v1/dialogs/submit"

// Callback ids of the add form and of the edit form (opened by a card's Edit button).
const (
	CallbackAdd  = "add"
	CallbackEdit = "edit"
)

// Names of the form's fields, as the submission carries them.
const (
	FieldText     = "text"
	FieldAssignee = "assignee"
	FieldDue      = "due"
	FieldPriority = "priority"
	FieldList     = "list"
)

// Values of the list field.
const (
	ListChannel  = "channel"
	ListPersonal = "personal"
)

// actionAdd and view mark a signed state as an add form's, so no button context passes for one.
const (
	actionAdd  = "dialogadd"
	actionEdit = "dialogedit"
	view       = "dialog"
	// withAssignee marks an edit form that offers the assignee field. Every form made now
	// does (it takes several people); a form made before, for a todo with several assignees,
	// had none, and its submission must not touch them.
	withAssignee = "a"
)

// Service is the part of the todo service a submission calls; it checks permissions itself.
type Service interface {
	Add(ctx context.Context, actor string, in todo.AddInput) (todo.Todo, error)
	Get(ctx context.Context, actor, id string) (todo.Todo, error)
	Edit(ctx context.Context, actor, id, text string) (todo.Todo, error)
	SetAssignees(ctx context.Context, actor, id string, userIDs []string) (todo.Todo, error)
	SetDue(ctx context.Context, actor, id string, due *todo.Due) (todo.Todo, error)
	SetPriority(ctx context.Context, actor, id string, p todo.Priority) (todo.Todo, error)
	Config() todo.Config
}

// People says what a submission needs to know about the person who sent it.
type People interface {
	Localizer(locale string) i18n.Localizer
	// Now is the current time in the user's time zone.
	Now(userID string) time.Time
}

// Form builds the dialog and answers its submissions.
type Form struct {
	Service Service
	People  People
	Signer  *buttons.Signer
	// URL is the submission's address as Mattermost calls it (/plugins/<id>/api/v1/...).
	URL string
	// Added is told about each todo a submission added, to post the usual answer.
	Added func(userID, channelID, locale string, t todo.Todo)
	// Edited is told about each todo an edit form changed.
	Edited func(userID, channelID, locale string, t todo.Todo)
	Log    func(msg string, keyValues ...any)
}

// state is the signed dialog state of the add form opened in channelID.
func (f *Form) state(channelID, locale string) string {
	c := f.Signer.Context(buttons.Press{Action: actionAdd, View: view, ListID: todo.ChannelScope(channelID).ListID(), Locale: locale})
	b, _ := json.Marshal(c)
	return string(b)
}

// readState checks a state and returns the channel and language it was made for.
func (f *Form) readState(s string) (channelID, locale string, ok bool) {
	var c map[string]any
	if json.Unmarshal([]byte(s), &c) != nil {
		return "", "", false
	}
	p, err := f.Signer.Verify(c)
	if err != nil || p.Action != actionAdd || p.View != view {
		return "", "", false
	}
	scope, ok := todo.ScopeFromListID(p.ListID)
	if !ok || scope.Kind != todo.ScopeChannel {
		return "", "", false
	}
	return scope.ChannelID, p.Locale, true
}

// Open is the request that opens the add form for the person who typed `/todo` in channelID.
func (f *Form) Open(triggerID, channelID, locale string) model.OpenDialogRequest {
	l := f.People.Localizer(locale)
	word := func(id string) string { return l.Localize(id, nil) }
	text, assignee, due, priority := f.fields(l)
	return model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       f.URL,
		Dialog: model.Dialog{
			CallbackId:  CallbackAdd,
			Title:       word(i18n.MsgDialogTitle),
			SubmitLabel: word(i18n.MsgDialogSubmit),
			State:       f.state(channelID, locale),
			Elements: []model.DialogElement{text, assignee, due, priority,
				{DisplayName: word(i18n.MsgDialogList), Name: FieldList, Type: "radio", Default: ListChannel, Options: []*model.PostActionOptions{
					{Text: word(i18n.MsgDialogListChannel), Value: ListChannel},
					{Text: word(i18n.MsgDialogListPersonal), Value: ListPersonal},
				}},
			},
		},
	}
}

// OpenEdit is the request that opens the edit form of t, filled with what t has now.
func (f *Form) OpenEdit(triggerID, locale string, t todo.Todo) model.OpenDialogRequest {
	l := f.People.Localizer(locale)
	text, assignee, due, priority := f.fields(l)
	text.Default = t.Text
	priority.Default = t.Priority.String()
	if t.Due != nil {
		due.Default = strings.TrimSpace(t.Due.Date + " " + t.Due.Time)
	}
	press := buttons.Press{Action: actionEdit, View: view, TodoID: t.ID, Number: t.Number, ListID: t.ListID, Locale: locale, State: withAssignee}
	assignee.Default = joinIDs(t.Assignees)
	elements := []model.DialogElement{text, assignee, due, priority}
	c := f.Signer.Context(press)
	// What the form showed, so a submission changes only the fields the person changed and
	// never undoes what someone else changed meanwhile. It needs no signature: changing it
	// only decides which fields are sent, which the sender decides anyway.
	was := map[string]string{}
	for _, e := range elements {
		was[e.Name] = fingerprint(e.Default)
	}
	c[keyWas] = was
	b, _ := json.Marshal(c)
	return model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       f.URL,
		Dialog: model.Dialog{
			CallbackId:  CallbackEdit,
			Title:       l.Localize(i18n.MsgDialogEditTitle, map[string]any{"Number": t.Number}),
			SubmitLabel: l.Localize(i18n.MsgDialogSave, nil),
			State:       string(b),
			Elements:    elements,
		},
	}
}

// fields are the form's fields that the add and the edit forms share.
func (f *Form) fields(l i18n.Localizer) (text, assignee, due, priority model.DialogElement) {
	word := func(id string) string { return l.Localize(id, nil) }
	priorities := []*model.PostActionOptions{{Text: word(i18n.MsgDialogPriorityNone), Value: todo.PriorityNone.String()}}
	for _, p := range []struct {
		id string
		p  todo.Priority
	}{{i18n.MsgPriorityLow, todo.PriorityLow}, {i18n.MsgPriorityMedium, todo.PriorityMedium}, {i18n.MsgPriorityHigh, todo.PriorityHigh}} {
		priorities = append(priorities, &model.PostActionOptions{Text: word(p.id), Value: p.p.String()})
	}
	text = model.DialogElement{DisplayName: word(i18n.MsgDialogText), Name: FieldText, Type: "textarea"}
	// Several people, picked from the server's users. A client that shows dialogs without
	// multiselect (Mattermost's older dialog) offers one; the submission is read either way.
	assignee = model.DialogElement{DisplayName: word(i18n.MsgDialogAssignee), Name: FieldAssignee, Type: "select", DataSource: "users",
		MultiSelect: true, Optional: true}
	due = model.DialogElement{DisplayName: word(i18n.MsgDialogDue), Name: FieldDue, Type: "text", Optional: true, HelpText: word(i18n.MsgDialogDueHelp)}
	priority = model.DialogElement{DisplayName: word(i18n.MsgDialogPriority), Name: FieldPriority, Type: "select", Optional: true, Options: priorities, Default: todo.PriorityNone.String()}
	return text, assignee, due, priority
}

// ServeHTTP answers POST Route: Mattermost sends the submitter in Mattermost-User-Id.
func (f *Form) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	buttons.ServeCallback(w, r, f.Submit)
}

// Submit adds the todo a submission describes, as userID. What is wrong with a field comes
// back in that field's error, which Mattermost shows under it; a refusal of the whole form
// (a forged or foreign state, no permission) comes back as the form's error.
func (f *Form) Submit(ctx context.Context, userID string, req model.SubmitDialogRequest) *model.SubmitDialogResponse {
	if req.CallbackId == CallbackEdit {
		return f.submitEdit(ctx, userID, req)
	}
	channelID, locale, ok := f.readState(req.State)
	l := f.People.Localizer(locale)
	if !ok || req.CallbackId != CallbackAdd || (req.ChannelId != "" && req.ChannelId != channelID) {
		return &model.SubmitDialogResponse{Error: l.Localize(i18n.MsgDialogStale, nil)}
	}
	if req.Cancelled {
		return &model.SubmitDialogResponse{}
	}
	in, errs := f.input(l, userID, channelID, req.Submission)
	if len(errs) > 0 {
		return &model.SubmitDialogResponse{Errors: errs}
	}
	t, err := f.Service.Add(ctx, userID, in)
	if err != nil {
		return f.refusal(l, userID, err)
	}
	if f.Added != nil {
		f.Added(userID, channelID, locale, t)
	}
	return &model.SubmitDialogResponse{}
}

// submitEdit changes the todo an edit form was opened for, as userID: each field that differs
// from the todo is one service call, after every field was read.
func (f *Form) submitEdit(ctx context.Context, userID string, req model.SubmitDialogRequest) *model.SubmitDialogResponse {
	var c map[string]any
	_ = json.Unmarshal([]byte(req.State), &c)
	p, err := f.Signer.Verify(c)
	l := f.People.Localizer(p.Locale)
	stale := &model.SubmitDialogResponse{Error: l.Localize(i18n.MsgDialogStale, nil)}
	if err != nil || p.Action != actionEdit || p.View != view {
		return stale
	}
	// A card sits in its channel list's channel; a personal todo's card can be anywhere.
	if scope, ok := todo.ScopeFromListID(p.ListID); !ok || (scope.Kind == todo.ScopeChannel && req.ChannelId != scope.ChannelID) {
		return stale
	}
	if req.Cancelled {
		return &model.SubmitDialogResponse{}
	}
	t, err := f.Service.Get(ctx, userID, p.TodoID)
	if err != nil {
		return f.refusal(l, userID, err)
	}
	if t.ListID != p.ListID {
		return stale
	}
	was, _ := c[keyWas].(map[string]any)
	changed := func(field string) bool {
		v, _ := req.Submission[field].(string)
		if field == FieldAssignee {
			ids, _ := userIDs(req.Submission[field])
			v = joinIDs(ids)
		}
		old, _ := was[field].(string)
		return old != fingerprint(strings.TrimSpace(v))
	}
	in, errs := f.input(l, userID, "", req.Submission)
	delete(errs, FieldList)
	if len(errs) > 0 {
		return &model.SubmitDialogResponse{Errors: errs}
	}
	if changed(FieldText) && in.Text != t.Text {
		if t, err = f.Service.Edit(ctx, userID, t.ID, in.Text); err != nil {
			return f.refusal(l, userID, err)
		}
	}
	if p.State == withAssignee && changed(FieldAssignee) && !sameSet(in.Assignees, t.Assignees) {
		if t, err = f.Service.SetAssignees(ctx, userID, t.ID, in.Assignees); err != nil {
			return f.refusal(l, userID, err)
		}
	}
	if changed(FieldDue) && !sameDue(in.Due, t.Due) {
		if t, err = f.Service.SetDue(ctx, userID, t.ID, in.Due); err != nil {
			return f.refusal(l, userID, err)
		}
	}
	if changed(FieldPriority) && in.Priority != t.Priority {
		if t, err = f.Service.SetPriority(ctx, userID, t.ID, in.Priority); err != nil {
			return f.refusal(l, userID, err)
		}
	}
	if f.Edited != nil {
		f.Edited(userID, req.ChannelId, p.Locale, t)
	}
	return &model.SubmitDialogResponse{}
}

// keyWas is the key of the edit form's state that holds what the form showed.
const keyWas = "was"

// fingerprint is a short digest of a field's value as the form showed it.
func fingerprint(v string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(v)))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// sameDue says whether a due date read from the form is the one the todo has (the form shows
// its date and time, not its zone, so an unchanged field keeps the zone).
func sameDue(a, b *todo.Due) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Date == b.Date && a.Time == b.Time
}

// userIDs reads the assignee field: a list of user ids from a multiselect, or one id (or ids
// joined by commas, as a multiselect's default is written) from a client without one. Repeats
// count once; ok is false when a value is not a user id.
func userIDs(v any) (ids []string, ok bool) {
	var values []string
	switch v := v.(type) {
	case nil:
	case string:
		values = strings.Split(v, ",")
	case []any:
		for _, x := range v {
			s, isString := x.(string)
			if !isString {
				return nil, false
			}
			values = append(values, s)
		}
	default:
		return nil, false
	}
	seen := map[string]bool{}
	for _, id := range values {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		if !model.IsValidId(id) {
			return nil, false
		}
		seen[id] = true
		ids = append(ids, id)
	}
	return ids, true
}

// joinIDs is ids sorted and joined by commas: a multiselect's default, and how the edit form
// tells whether the assignees were changed.
func joinIDs(ids []string) string {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	return strings.Join(sorted, ",")
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}

// input maps a submission to the add it asks for, or the errors of its fields.
func (f *Form) input(l i18n.Localizer, userID, channelID string, s map[string]any) (todo.AddInput, map[string]string) {
	str := func(k string) string {
		v, _ := s[k].(string)
		return strings.TrimSpace(v)
	}
	errs := map[string]string{}
	in := todo.AddInput{Scope: todo.ChannelScope(channelID), Text: str(FieldText)}
	switch str(FieldList) {
	case ListChannel, "":
	case ListPersonal:
		in.Scope = todo.PersonalScope(userID)
	default:
		errs[FieldList] = l.Localize(i18n.MsgDialogStale, nil)
	}
	if in.Text == "" {
		errs[FieldText] = l.Localize(i18n.ErrorID(todo.CodeTextEmpty), nil)
	}
	if ids, ok := userIDs(s[FieldAssignee]); !ok {
		errs[FieldAssignee] = l.Localize(i18n.ErrorID(todo.CodeInvalidAssignee), nil)
	} else {
		in.Assignees = ids
	}
	due, why := command.ParseDueText(l, str(FieldDue), f.People.Now(userID))
	if why != "" {
		errs[FieldDue] = why
	}
	in.Due = due
	p, err := todo.ParsePriority(str(FieldPriority))
	if err != nil {
		errs[FieldPriority] = l.Localize(i18n.ErrorID(todo.CodeInvalidPriority), nil)
	}
	in.Priority = p
	return in, errs
}

// fieldOf is the form field a service's refusal is about ("" for the whole form).
var fieldOf = map[string]string{
	todo.CodeTextEmpty: FieldText, todo.CodeTextTooLong: FieldText, todo.CodeTextInvalid: FieldText,
	todo.CodeInvalidDue: FieldDue, todo.CodeInvalidAssignee: FieldAssignee, todo.CodeTooManyAssignees: FieldAssignee,
	todo.CodeInvalidPriority: FieldPriority,
}

// refusal says why the service refused, under the field it is about; faults are logged.
func (f *Form) refusal(l i18n.Localizer, userID string, err error) *model.SubmitDialogResponse {
	code := todo.CodeOf(err)
	if code == "" && f.Log != nil {
		f.Log("A dialog submission failed", "user_id", userID, "error", err.Error())
	}
	cfg := f.Service.Config()
	text := l.Localize(i18n.ErrorID(code), map[string]any{"Limit": cfg.MaxTextLength, "Max": cfg.MaxAssignees})
	if field, ok := fieldOf[code]; ok {
		return &model.SubmitDialogResponse{Errors: map[string]string{field: text}}
	}
	return &model.SubmitDialogResponse{Error: text}
}
