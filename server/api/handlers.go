package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// addRequest is the body of POST .../todos. With Parse, text is read as one line of the
// chat grammar (ParseLine), and the fields given beside it add to what the line says.
type addRequest struct {
	Text      string         `json:"text"`
	Assignees []string       `json:"assignees"`
	Due       *todo.Due      `json:"due"`
	Priority  *todo.Priority `json:"priority"`
	Recur     string         `json:"recur"`
	PostID    string         `json:"post_id"`
	RootID    string         `json:"root_id"`
	Parse     bool           `json:"parse"`
}

// editRequest is the body of PATCH /todos/{id}: any of the new text, priority and recurrence.
type editRequest struct {
	Text     *string        `json:"text"`
	Priority *todo.Priority `json:"priority"`
	Recur    *string        `json:"recur"`
}

// moveRequest says where a todo goes: exactly one of after_id ("" for the
// top), to ("top" or "bottom") or position (1-based among open todos).
type moveRequest struct {
	AfterID  *string `json:"after_id"`
	To       *string `json:"to"`
	Position *int    `json:"position"`
}

type assigneesRequest struct {
	UserIDs []string `json:"user_ids"`
}

func channelScope(r *http.Request) todo.Scope {
	return todo.ChannelScope(r.PathValue("channel_id"))
}

// me lets clients say "me" wherever a user id is expected in a query.
func me(value, user string) string {
	if value == "me" {
		return user
	}
	return value
}

func (h *handler) list(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	f, ok := readFilter(w, r, user)
	if !ok {
		return
	}
	// The todos come as the store encoded them and are written out as they are: decoding a
	// page of 200 and encoding it again cost more than reading it.
	page, err := h.svc.ListEncoded(r.Context(), user, todo.ListQuery{Scope: scope, Filter: f})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.countEncodedReplies(r.Context(), &page)
	writeEncodedPage(w, page)
}

// readFilter reads a page's query parameters, alike for a list and for mine;
// on a malformed one it answers the request and returns false.
func readFilter(w http.ResponseWriter, r *http.Request, user string) (todo.Filter, bool) {
	q := r.URL.Query()
	limit, ok := intParam(w, q.Get("limit"))
	if !ok {
		return todo.Filter{}, false
	}
	f := todo.Filter{
		State:       q.Get("state"),
		Assignee:    me(q.Get("assignee"), user),
		CompletedBy: me(q.Get("completed_by"), user),
		DueBefore:   q.Get("due_before"),
		Priority:    q.Get("priority"),
		Sort:        q.Get("sort"),
		Cursor:      q.Get("cursor"),
		Limit:       limit,
	}
	if v := q.Get("has_due"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "invalid_has_due", "has_due must be true or false.")
			return todo.Filter{}, false
		}
		f.HasDue = &b
	}
	return f, true
}

func intParam(w http.ResponseWriter, v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		writeError(w, http.StatusBadRequest, todo.CodeInvalidLimit, "limit must be a positive whole number.")
		return 0, false
	}
	return n, true
}

func (h *handler) add(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	var req addRequest
	if !decode(w, r, &req) {
		return
	}
	in := todo.AddInput{Scope: scope, Text: req.Text, Assignees: req.Assignees, Due: req.Due, Recur: req.Recur, PostID: req.PostID, RootID: req.RootID}
	if req.Priority != nil {
		in.Priority = *req.Priority
	}
	if req.Parse {
		if h.lines == nil {
			writeError(w, http.StatusBadRequest, "parse_not_available", "This server does not read one-line adds.")
			return
		}
		line, err := h.lines.ParseLine(r.Context(), user, req.Text)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		in.Text = line.Text
		in.Assignees = append(line.Assignees, in.Assignees...)
		if in.Due == nil {
			in.Due = line.Due
		}
		if req.Priority == nil {
			in.Priority = line.Priority
		}
		if in.Recur == "" {
			in.Recur = line.Recur
		}
	}
	t, err := h.svc.Add(r.Context(), user, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpjson.Write(w, http.StatusCreated, t)
}

func (h *handler) export(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = todo.FormatMarkdown
	}
	body, contentType, err := h.svc.Export(r.Context(), user, scope, format)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="todos.`+format+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(body)
}

func (h *handler) getChannelNumber(w http.ResponseWriter, r *http.Request, user string) {
	n, err := strconv.ParseInt(r.PathValue("number"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, todo.CodeInvalidNumber, "The todo number must be a whole number.")
		return
	}
	h.respond(w, r)(h.svc.GetByNumber(r.Context(), user, channelScope(r), n))
}

func (h *handler) mine(w http.ResponseWriter, r *http.Request, user string) {
	f, ok := readFilter(w, r, user)
	if !ok {
		return
	}
	// As a list's page: the todos are written out as the store encoded them.
	page, err := h.svc.MineEncoded(r.Context(), user, todo.MineQuery{Filter: f})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.countEncodedReplies(r.Context(), &page)
	writeEncodedPage(w, page)
}

// respond writes the todo or the error of a service call.
func (h *handler) respond(w http.ResponseWriter, r *http.Request) func(todo.Todo, error) {
	return func(t todo.Todo, err error) {
		if err != nil {
			h.fail(w, r, err)
			return
		}
		httpjson.Write(w, http.StatusOK, t)
	}
}

func (h *handler) get(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.Get(r.Context(), user, r.PathValue("id")))
}

func (h *handler) edit(w http.ResponseWriter, r *http.Request, user string) {
	var req editRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Text == nil && req.Priority == nil && req.Recur == nil {
		writeError(w, http.StatusBadRequest, todo.CodeTextEmpty, "Send any of \"text\", \"priority\" and \"recur\".")
		return
	}
	if req.Recur != nil {
		// Checked first, so a bad rule changes nothing.
		if _, err := todo.ParseRecur(*req.Recur); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	ctx, id := r.Context(), r.PathValue("id")
	var t todo.Todo
	var err error
	if req.Text != nil {
		// The text first: the edit policy may refuse it, and then nothing changes.
		if t, err = h.svc.Edit(ctx, user, id, *req.Text); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if req.Priority != nil {
		if t, err = h.svc.SetPriority(ctx, user, id, *req.Priority); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if req.Recur != nil {
		t, err = h.svc.SetRecur(ctx, user, id, *req.Recur)
	}
	h.respond(w, r)(t, err)
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.Delete(r.Context(), user, r.PathValue("id")))
}

func (h *handler) restore(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.Restore(r.Context(), user, r.PathValue("id")))
}

func (h *handler) reopen(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.Reopen(r.Context(), user, r.PathValue("id")))
}

func (h *handler) move(w http.ResponseWriter, r *http.Request, user string) {
	var req moveRequest
	if !decode(w, r, &req) {
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	given := 0
	for _, set := range []bool{req.AfterID != nil, req.To != nil, req.Position != nil} {
		if set {
			given++
		}
	}
	if given != 1 {
		writeError(w, http.StatusBadRequest, todo.CodeInvalidMove, "Give exactly one of after_id, to or position.")
		return
	}
	switch {
	case req.AfterID != nil:
		h.respond(w, r)(h.svc.Move(ctx, user, id, *req.AfterID))
	case req.Position != nil:
		h.respond(w, r)(h.svc.MoveToPosition(ctx, user, id, *req.Position))
	case *req.To == "top":
		h.respond(w, r)(h.svc.MoveToTop(ctx, user, id))
	case *req.To == "bottom":
		h.respond(w, r)(h.svc.MoveToBottom(ctx, user, id))
	default:
		writeError(w, http.StatusBadRequest, todo.CodeInvalidMove, `"to" must be "top" or "bottom".`)
	}
}

func (h *handler) setAssignees(w http.ResponseWriter, r *http.Request, user string) {
	var req assigneesRequest
	if !decode(w, r, &req) {
		return
	}
	h.respond(w, r)(h.svc.SetAssignees(r.Context(), user, r.PathValue("id"), req.UserIDs))
}

func (h *handler) addAssignees(w http.ResponseWriter, r *http.Request, user string) {
	var req assigneesRequest
	if !decode(w, r, &req) {
		return
	}
	h.respond(w, r)(h.svc.Assign(r.Context(), user, r.PathValue("id"), req.UserIDs...))
}

func (h *handler) removeAssignee(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.Unassign(r.Context(), user, r.PathValue("id"), me(r.PathValue("user_id"), user)))
}

func (h *handler) setDue(w http.ResponseWriter, r *http.Request, user string) {
	var req todo.Due
	if !decode(w, r, &req) {
		return
	}
	h.respond(w, r)(h.svc.SetDue(r.Context(), user, r.PathValue("id"), &req))
}

func (h *handler) clearDue(w http.ResponseWriter, r *http.Request, user string) {
	h.respond(w, r)(h.svc.SetDue(r.Context(), user, r.PathValue("id"), nil))
}

// countReplies gives a page's todos their threads' reply counts, in one lookup. The counts
// only decorate the page: when they cannot be read, the page is served without them.
func (h *handler) countReplies(ctx context.Context, todos []todo.Todo) {
	if err := h.svc.CountReplies(ctx, todos); err != nil {
		h.log.Error("Channel Todo could not count the replies of a page's threads", "error", err.Error())
	}
}

// countEncodedReplies is countReplies for an encoded page.
func (h *handler) countEncodedReplies(ctx context.Context, page *todo.EncodedPage) {
	if err := h.svc.CountEncodedReplies(ctx, page); err != nil {
		h.log.Error("Channel Todo could not count the replies of a page's threads", "error", err.Error())
	}
}

type commentRequest struct {
	Text string `json:"text"`
}

// thread returns the root of the todo's thread, starting the thread if it has none.
func (h *handler) thread(w http.ResponseWriter, r *http.Request, user string) {
	root, err := h.svc.Thread(r.Context(), user, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpjson.Write(w, http.StatusOK, map[string]string{"root_id": root})
}

// comment posts the user's words in the todo's thread.
func (h *handler) comment(w http.ResponseWriter, r *http.Request, user string) {
	var req commentRequest
	if !decode(w, r, &req) {
		return
	}
	c, err := h.svc.Comment(r.Context(), user, r.PathValue("id"), req.Text)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpjson.Write(w, http.StatusCreated, c)
}
