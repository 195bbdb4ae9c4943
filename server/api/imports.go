package api

import (
	"context"
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/importer"
)

// Importer brings in another tool's todos for a system admin; it refuses anyone else with an
// error wrapping todo.ErrForbidden.
type Importer interface {
	Official(ctx context.Context, userID string, confirm bool) (importer.Report, error)
}

// WithImporter serves POST /imports/official.
func WithImporter(im Importer) Option {
	return func(h *handler) { h.importer = im }
}

// importRequest is the body of POST /imports/official; without confirm it is a dry run.
type importRequest struct {
	Confirm bool `json:"confirm"`
}

func (h *handler) routeImports(route func(string, userHandler)) {
	route("POST /api/v1/imports/official", h.importOfficial)
}

func (h *handler) importOfficial(w http.ResponseWriter, r *http.Request, user string) {
	var req importRequest
	if !decode(w, r, &req) {
		return
	}
	rep, err := h.importer.Official(r.Context(), user, req.Confirm)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpjson.Write(w, http.StatusOK, rep)
}
