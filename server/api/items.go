package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// itemRequest is the body of POST .../items (text) and PATCH .../items/{item_id} (any of
// text and done).
type itemRequest struct {
	Text *string `json:"text"`
	Done *bool   `json:"done"`
}

// itemMoveRequest is the body of POST .../items/{item_id}/move: the 1-based place to put the
// item at (past the end: last).
type itemMoveRequest struct {
	Position *int `json:"position"`
}

// completeRequest is the optional body of POST /todos/{id}/complete: force completes a todo
// whose checklist has open items.
type completeRequest struct {
	Force bool `json:"force"`
}

// routeItems serves the checklists of todos.
func (h *handler) routeItems(route func(string, userHandler)) {
	route("GET /api/v1/todos/{id}/items", h.items)
	route("POST /api/v1/todos/{id}/items", h.addItem)
	route("PATCH /api/v1/todos/{id}/items/{item_id}", h.changeItem)
	route("DELETE /api/v1/todos/{id}/items/{item_id}", h.removeItem)
	route("POST /api/v1/todos/{id}/items/{item_id}/move", h.moveItem)
}

// checklist writes the checklist or the error of a service call, with status on success.
func (h *handler) checklist(w http.ResponseWriter, r *http.Request, status int) func(todo.Checklist, error) {
	return func(c todo.Checklist, err error) {
		if err != nil {
			h.fail(w, r, err)
			return
		}
		httpjson.Write(w, status, c)
	}
}

func (h *handler) items(w http.ResponseWriter, r *http.Request, user string) {
	h.checklist(w, r, http.StatusOK)(h.svc.Checklist(r.Context(), user, r.PathValue("id")))
}

func (h *handler) addItem(w http.ResponseWriter, r *http.Request, user string) {
	var req itemRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Text == nil || req.Done != nil {
		writeError(w, http.StatusBadRequest, todo.CodeTextEmpty, `Send the new item's "text" (and nothing else).`)
		return
	}
	h.checklist(w, r, http.StatusCreated)(h.svc.AddItem(r.Context(), user, r.PathValue("id"), *req.Text))
}

func (h *handler) changeItem(w http.ResponseWriter, r *http.Request, user string) {
	var req itemRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Text == nil && req.Done == nil {
		writeError(w, http.StatusBadRequest, todo.CodeTextEmpty, `Send any of "text" and "done".`)
		return
	}
	ctx, id, item := r.Context(), r.PathValue("id"), r.PathValue("item_id")
	var c todo.Checklist
	var err error
	if req.Text != nil {
		// The text first: the edit policy may refuse it, and then nothing changes.
		if c, err = h.svc.EditItem(ctx, user, id, item, *req.Text); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if req.Done != nil {
		c, err = h.svc.TickItem(ctx, user, id, item, *req.Done)
	}
	h.checklist(w, r, http.StatusOK)(c, err)
}

func (h *handler) removeItem(w http.ResponseWriter, r *http.Request, user string) {
	h.checklist(w, r, http.StatusOK)(h.svc.RemoveItem(r.Context(), user, r.PathValue("id"), r.PathValue("item_id")))
}

func (h *handler) moveItem(w http.ResponseWriter, r *http.Request, user string) {
	var req itemMoveRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Position == nil {
		writeError(w, http.StatusBadRequest, todo.CodeInvalidMove, `Send the item's new "position" (1 is the top).`)
		return
	}
	h.checklist(w, r, http.StatusOK)(h.svc.MoveItem(r.Context(), user, r.PathValue("id"), r.PathValue("item_id"), *req.Position))
}

func (h *handler) complete(w http.ResponseWriter, r *http.Request, user string) {
	var req completeRequest
	if !decodeOptional(w, r, &req) {
		return
	}
	if req.Force {
		h.respond(w, r)(h.svc.CompleteAnyway(r.Context(), user, r.PathValue("id")))
		return
	}
	h.respond(w, r)(h.svc.Complete(r.Context(), user, r.PathValue("id")))
}

// decodeOptional is decode for a body that may be left out (empty or only white space): then
// v keeps its zero value.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", "The request body is too large.")
			return false
		}
		writeError(w, http.StatusBadRequest, "invalid_json", "The request body could not be read.")
		return false
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return true
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return decode(w, r, v)
}
