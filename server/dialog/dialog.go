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
	"encoding/json"
	"net/http"
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

// CallbackAdd is the callback id of the add form.
const CallbackAdd = "add"

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
	actionAdd = "dialogadd"
	view      = "dialog"
)

// Service is the part of the todo service a submission calls; it checks permissions itself.
type Service interface {
	Add(ctx context.Context, actor string, in todo.AddInput) (todo.Todo, error)
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
	Log   func(msg string, keyValues ...any)
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
	priorities := []*model.PostActionOptions{{Text: word(command.MsgDialogPriorityNone), Value: todo.PriorityNone.String()}}
	for _, p := range []struct {
		id string
		p  todo.Priority
	}{{command.MsgPriorityLow, todo.PriorityLow}, {command.MsgPriorityMedium, todo.PriorityMedium}, {command.MsgPriorityHigh, todo.PriorityHigh}} {
		priorities = append(priorities, &model.PostActionOptions{Text: word(p.id), Value: p.p.String()})
	}
	return model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       f.URL,
		Dialog: model.Dialog{
			CallbackId:  CallbackAdd,
			Title:       word(command.MsgDialogTitle),
			SubmitLabel: word(command.MsgDialogSubmit),
			State:       f.state(channelID, locale),
			Elements: []model.DialogElement{
				{DisplayName: word(command.MsgDialogText), Name: FieldText, Type: "textarea"},
				{DisplayName: word(command.MsgDialogAssignee), Name: FieldAssignee, Type: "select", DataSource: "users", Optional: true},
				{DisplayName: word(command.MsgDialogDue), Name: FieldDue, Type: "text", Optional: true, HelpText: word(command.MsgDialogDueHelp)},
				{DisplayName: word(command.MsgDialogPriority), Name: FieldPriority, Type: "select", Optional: true, Options: priorities, Default: todo.PriorityNone.String()},
				{DisplayName: word(command.MsgDialogList), Name: FieldList, Type: "radio", Default: ListChannel, Options: []*model.PostActionOptions{
					{Text: word(command.MsgDialogListChannel), Value: ListChannel},
					{Text: word(command.MsgDialogListPersonal), Value: ListPersonal},
				}},
			},
		},
	}
}

// maxBody bounds a submission; a full form is a few kilobytes.
const maxBody = 64 << 10

// ServeHTTP answers POST Route: Mattermost sends the submitter in Mattermost-User-Id.
func (f *Form) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	userID := r.Header.Get("Mattermost-User-Id")
	if userID == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Not signed in.", "code": "unauthorized"})
		return
	}
	var req model.SubmitDialogRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "The request is not valid JSON.", "code": "invalid_json"})
		return
	}
	writeJSON(w, http.StatusOK, f.Submit(r.Context(), userID, req))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Submit adds the todo a submission describes, as userID. What is wrong with a field comes
// back in that field's error, which Mattermost shows under it; a refusal of the whole form
// (a forged or foreign state, no permission) comes back as the form's error.
func (f *Form) Submit(ctx context.Context, userID string, req model.SubmitDialogRequest) *model.SubmitDialogResponse {
	channelID, locale, ok := f.readState(req.State)
	l := f.People.Localizer(locale)
	if !ok || req.CallbackId != CallbackAdd || (req.ChannelId != "" && req.ChannelId != channelID) {
		return &model.SubmitDialogResponse{Error: l.Localize(command.MsgDialogStale, nil)}
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
		errs[FieldList] = l.Localize(command.MsgDialogStale, nil)
	}
	if in.Text == "" {
		errs[FieldText] = l.Localize(command.ErrorID(todo.CodeTextEmpty), nil)
	}
	if a := str(FieldAssignee); a != "" {
		if !model.IsValidId(a) {
			errs[FieldAssignee] = l.Localize(command.ErrorID(todo.CodeInvalidAssignee), nil)
		} else {
			in.Assignees = []string{a}
		}
	}
	due, why := command.ParseDueText(l, str(FieldDue), f.People.Now(userID))
	if why != "" {
		errs[FieldDue] = why
	}
	in.Due = due
	p, err := todo.ParsePriority(str(FieldPriority))
	if err != nil {
		errs[FieldPriority] = l.Localize(command.ErrorID(todo.CodeInvalidPriority), nil)
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
	text := l.Localize(command.ErrorID(code), map[string]any{"Limit": cfg.MaxTextLength, "Max": cfg.MaxAssignees})
	if field, ok := fieldOf[code]; ok {
		return &model.SubmitDialogResponse{Errors: map[string]string{field: text}}
	}
	return &model.SubmitDialogResponse{Error: text}
}
