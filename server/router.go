package main

import (
	"encoding/json"
	"net/http"
)

// newRouter builds the plugin's HTTP surface. Unknown paths get a JSON 404 so REST clients
// always receive the same error shape.
func newRouter() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "Not found.", "code": "not_found"})
	})
	return mux
}
