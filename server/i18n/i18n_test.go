package i18n

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestLoadTranslationsNeedsEnglish(t *testing.T) {
	_, err := LoadTranslations(fstest.MapFS{"zh-CN.json": {Data: []byte(`{"a": "b"}`)}})
	require.Error(t, err)
	_, err = LoadTranslations(fstest.MapFS{"en.json": {Data: []byte(`{"a": `)}})
	require.Error(t, err)
	tr, err := LoadTranslations(fstest.MapFS{"en.json": {Data: []byte(`{"a": "b {{.X}}"}`)}})
	require.NoError(t, err)
	require.Equal(t, "b 1", tr.Localizer("en").Localize("a", map[string]any{"X": 1}))
}
