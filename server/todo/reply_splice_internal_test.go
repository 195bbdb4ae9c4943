package todo

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWithReplyCountPutsItWhereEncodingWould: the reply count spliced into an encoded todo
// is the JSON encoding of the todo with that count, key for key, with and without a
// checklist, whatever the text says.
func TestWithReplyCountPutsItWhereEncodingWould(t *testing.T) {
	for _, td := range []Todo{
		{ID: "a", Text: `plain`, Assignees: []string{}},
		{ID: "b", Text: `,"items_total":7}`, Assignees: []string{}, ItemsTotal: 3, ItemsDone: 1},
		{ID: "c", Text: `x}`, Assignees: []string{"u"}, ItemsTotal: 2, DeletedBy: "z"},
	} {
		enc, err := json.Marshal(td)
		require.NoError(t, err)
		td.Replies = 12
		want, err := json.Marshal(td)
		require.NoError(t, err)
		require.Equal(t, string(want), string(withReplyCount(enc, 12)))
	}
}
