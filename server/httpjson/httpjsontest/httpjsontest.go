// Package httpjsontest records what a handler does to its response writer, to hold handlers to
// the one Write that httpjson makes of an answer.
package httpjsontest

import "net/http/httptest"

// Recorder is an httptest.ResponseRecorder that also counts the handler's calls: in the plugin,
// Mattermost's writer sends each WriteHeader and each Write to the server as round trips of
// their own.
type Recorder struct {
	*httptest.ResponseRecorder
	WriteHeaders, Writes int
}

// NewRecorder returns a Recorder with no calls counted.
func NewRecorder() *Recorder {
	return &Recorder{ResponseRecorder: httptest.NewRecorder()}
}

// WriteHeader counts the call and records status.
func (r *Recorder) WriteHeader(status int) {
	r.WriteHeaders++
	r.ResponseRecorder.WriteHeader(status)
}

// Write counts the call and records b.
func (r *Recorder) Write(b []byte) (int, error) {
	r.Writes++
	return r.ResponseRecorder.Write(b)
}

// WriteString counts the call as a Write (io.WriteString would otherwise reach the recorder's
// own WriteString uncounted) and records s.
func (r *Recorder) WriteString(s string) (int, error) {
	r.Writes++
	return r.ResponseRecorder.WriteString(s)
}
