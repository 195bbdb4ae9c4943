package api

import (
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// search answers GET /search?q=words: one page of the todos the user can read whose text has
// words beginning with each word of q, newest first.
func (h *handler) search(w http.ResponseWriter, r *http.Request, user string) {
	q := r.URL.Query()
	limit, ok := intParam(w, q.Get("limit"))
	if !ok {
		return
	}
	page, err := h.svc.Search(r.Context(), user, todo.SearchQuery{Words: q.Get("q"), State: q.Get("state"), Cursor: q.Get("cursor"), Limit: limit})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpjson.Write(w, http.StatusOK, page)
}
