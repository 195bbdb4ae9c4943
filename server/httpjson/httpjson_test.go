package httpjson_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
)

func TestWriteIsOneWriteWithItsLength(t *testing.T) {
	v := map[string]any{"text": "<b>milk</b> & eggs", "n": 3}
	var want bytes.Buffer
	require.NoError(t, json.NewEncoder(&want).Encode(v))
	for name, tc := range map[string]struct {
		status, writeHeaders int
	}{
		"a 200 goes without a WriteHeader": {status: http.StatusOK, writeHeaders: 0},
		"another status is written":        {status: http.StatusCreated, writeHeaders: 1},
		"an error status is written":       {status: http.StatusBadRequest, writeHeaders: 1},
	} {
		t.Run(name, func(t *testing.T) {
			w := httpjsontest.NewRecorder()
			httpjson.Write(w, tc.status, v)
			require.Equal(t, tc.status, w.Code)
			require.Equal(t, tc.writeHeaders, w.WriteHeaders)
			require.Equal(t, 1, w.Writes)
			require.Equal(t, want.String(), w.Body.String(), "as json.Encoder spells it")
			require.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"))
			require.Equal(t, "application/json", w.Header().Get("Content-Type"))
			require.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
		})
	}
}

func TestWriteOfWhatJSONCannotSayIsAnInternalError(t *testing.T) {
	w := httpjsontest.NewRecorder()
	httpjson.Write(w, http.StatusOK, map[string]any{"f": func() {}})
	require.Equal(t, http.StatusInternalServerError, w.Code)
	require.Equal(t, 1, w.Writes)
	var body struct{ Code string }
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.Equal(t, "internal_error", body.Code)
	require.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"))
}
