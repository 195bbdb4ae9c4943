package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	// Params are the values the error's message names (todo.Error.Params), for clients that
	// say the error in their reader's language from its code.
	Params map[string]any `json:"params,omitempty"`
}

// writeEncodedPage writes page as httpjson.Write writes a todo.Page: {"todos":[...],"next_cursor":...,
// "version":...} and a newline, with the todos copied as they are, not checked or re-encoded.
func writeEncodedPage(w http.ResponseWriter, page todo.EncodedPage) {
	size := 64
	for _, t := range page.Todos {
		size += len(t) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, `{"todos":[`...)
	for i, t := range page.Todos {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, t...)
	}
	b = append(b, ']')
	if page.NextCursor != "" {
		cursor, _ := json.Marshal(page.NextCursor)
		b = append(b, `,"next_cursor":`...)
		b = append(b, cursor...)
	}
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, page.Version, 10)
	b = append(b, "}\n"...)
	httpjson.WriteEncoded(w, http.StatusOK, b)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	httpjson.Write(w, status, errorBody{Error: message, Code: code})
}

// retryAfterSeconds is what a 503 asks clients to wait: a database restart takes seconds.
const retryAfterSeconds = "5"

// fail maps an error from the service to a status; it is the one place where
// domain errors become HTTP. Unexpected errors are logged and hidden.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, todo.ErrInvalid):
		status = http.StatusBadRequest
	case errors.Is(err, todo.ErrForbidden):
		status = http.StatusForbidden
	case errors.Is(err, todo.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, todo.ErrConflict):
		status = http.StatusConflict
	case todo.IsUnavailable(err):
		// The database is restarting or out of reach: say so, and when to try again, instead
		// of a vague internal error. The cause still goes to the log.
		if h.log != nil {
			h.log.Error("Channel Todo API request failed: database unavailable", "method", r.Method, "path", r.URL.Path, "error", err.Error())
		}
		w.Header().Set("Retry-After", retryAfterSeconds)
		writeError(w, http.StatusServiceUnavailable, todo.CodeDatabaseUnavailable, "The database is not reachable right now. Please try again in a moment.")
		return
	}
	if status == http.StatusInternalServerError {
		if h.log != nil {
			h.log.Error("Channel Todo API request failed", "method", r.Method, "path", r.URL.Path, "error", err.Error())
		}
		writeError(w, status, "internal_error", "Something went wrong on the server. Please try again.")
		return
	}
	httpjson.Write(w, status, errorBody{Error: todo.PublicMessage(err), Code: todo.CodeOf(err), Params: todo.ParamsOf(err)})
}

// decode reads a capped JSON body into v. It writes the error response and
// returns false when the body is too large, malformed or of the wrong shape.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			err = errors.New("unexpected data after the JSON object")
		}
	}
	if err == nil {
		return true
	}
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var domainErr *todo.Error
	switch {
	case errors.As(err, &domainErr):
		// A field that checks its own value (a priority) says what is wrong with it.
		httpjson.Write(w, http.StatusBadRequest, errorBody{Error: domainErr.Message, Code: domainErr.Code, Params: domainErr.Params})
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large",
			fmt.Sprintf("The request body is larger than %d bytes.", maxBodyBytes))
	case errors.As(err, &typeErr):
		writeError(w, http.StatusBadRequest, "invalid_json",
			fmt.Sprintf("The field %q has the wrong type.", typeErr.Field))
	case errors.Is(err, io.EOF):
		writeError(w, http.StatusBadRequest, "invalid_json", "The request body is empty.")
	default:
		writeError(w, http.StatusBadRequest, "invalid_json", "The request body is not valid JSON for this request.")
	}
	return false
}
