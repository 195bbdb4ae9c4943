// Package httpjson writes the plugin's JSON answers. In the plugin every call on Mattermost's
// response writer is a round trip to the Mattermost server (WriteHeader and Write each send the
// headers first, then themselves), so an answer goes out in one Write, with its Content-Length
// so that the server does not send it chunked, and a 200 goes without a WriteHeader of its own:
// the first Write implies it.
package httpjson

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// internalError is the answer when v cannot be encoded: a bug, said in the REST API's error shape.
var internalError = []byte(`{"error":"Something went wrong on the server. Please try again.","code":"internal_error"}` + "\n")

// Write answers with status and v as JSON, spelled as json.Encoder spells it (a newline after).
func Write(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		WriteEncoded(w, http.StatusInternalServerError, internalError)
		return
	}
	WriteEncoded(w, status, append(b, '\n'))
}

// WriteEncoded answers with status and body, which is JSON already, in one Write.
func WriteEncoded(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	_, _ = w.Write(body)
}
