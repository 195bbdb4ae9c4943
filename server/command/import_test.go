package command

import (
	"context"
	"strings"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/importer"
)

func TestParseImport(t *testing.T) {
	tests := []struct {
		in   string
		want Request
	}{
		{"import official", Request{Verb: VerbImport}},
		{"Import OFFICIAL confirm", Request{Verb: VerbImport, Confirm: true}},
		{"import the data", Request{Verb: VerbAdd, Implicit: true, Text: "import the data"}},
		{"import official data", Request{Verb: VerbAdd, Implicit: true, Text: "import official data"}},
		{"import official confirm now", Request{Verb: VerbAdd, Implicit: true, Text: "import official confirm now"}},
		{"imprt official", Request{Verb: VerbAdd, Implicit: true, Text: "imprt official"}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, testNow, testZone)
		require.NoError(t, err, tt.in)
		require.Equal(t, tt.want, Request{Verb: got.Verb, Implicit: got.Implicit, Text: got.Text, Confirm: got.Confirm}, tt.in)
	}
	_, err := Parse("import", testNow, testZone)
	var ue *UsageError
	require.ErrorAs(t, err, &ue)
	require.Equal(t, i18n.MsgUsageImport, ue.ID)
}

// fakeImporter answers like the importer: admins get the report, others a refusal.
type fakeImporter struct {
	admin   string
	asked   []bool
	report  importer.Report
	refusal error
}

func (f *fakeImporter) Official(_ context.Context, userID string, confirm bool) (importer.Report, error) {
	if userID != f.admin {
		return importer.Report{}, importer.ErrSystemAdminOnly
	}
	f.asked = append(f.asked, confirm)
	rep := f.report
	rep.Confirmed = confirm
	return rep, nil
}

func TestExecuteImport(t *testing.T) {
	w := newWorld(t)
	im := &fakeImporter{admin: w.alice, report: importer.Report{
		Imported: []importer.Line{
			{SourceID: "a1", UserID: w.alice, Username: "alice", Text: "Tell @channel"},
			{SourceID: "s1", UserID: w.bob, Username: "bob", SenderID: w.alice, SenderUsername: "alice", Text: "Review"},
		},
		Skipped: []importer.Line{
			{SourceID: "gone", UserID: w.alice, Username: "alice", Reason: importer.ReasonMissingItem},
			{SourceID: "o1", Text: "Lost", Reason: importer.ReasonOrphan},
		},
	}}
	w.exec.Importer = im

	dry := w.run(t, "import official")
	require.True(t, dry.Private)
	require.False(t, dry.Changed)
	require.Contains(t, dry.Text, "dry run")
	require.Contains(t, dry.Text, "Would be imported: 2. Skipped: 2.")
	require.Contains(t, dry.Text, "/todo import official confirm")
	require.Contains(t, dry.Text, Neutralize("@bob, from @alice, in their direct messages: Review"))
	require.Contains(t, dry.Text, Neutralize("`gone` @alice: a list refers to an item that is not stored"))
	require.Contains(t, dry.Text, "`o1` “Lost”: no list refers to this item")
	require.NotContains(t, dry.Text, "@channel", "todo text must not notify")

	done := w.run(t, "import official confirm")
	require.True(t, done.Private)
	require.True(t, done.Changed)
	require.Contains(t, done.Text, "Imported: 2. Skipped: 2.")
	require.NotContains(t, done.Text, "confirm`")
	require.Equal(t, []bool{false, true}, im.asked)

	refused := w.exec.Execute(context.Background(), Call{UserID: w.bob, ChannelID: w.dev, Text: "import official confirm", Locale: "en"})
	require.True(t, refused.Private)
	require.True(t, refused.Failed)
	require.Equal(t, "Only system admins can import todos.", refused.Text)
	require.Len(t, im.asked, 2)
}

func TestRenderImportListsAtMostMaxImportLines(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	var rep importer.Report
	for i := 0; i < MaxImportLines+3; i++ {
		rep.Skipped = append(rep.Skipped, importer.Line{SourceID: "x", Reason: importer.ReasonOrphan})
	}
	text := RenderImport(l, rep)
	require.Equal(t, MaxImportLines, strings.Count(text, "\n- "))
	require.Contains(t, text, "… and 3 more")
}
