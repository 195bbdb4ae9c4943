// Package i18n serves the server's words in every language the plugin speaks: the chat
// answers, the bot's posts and the errors they explain, from assets/i18n (the webapp reads the
// same files to translate REST errors).
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Localizer says a message in one language. Doors only need this; tests use the real
// translation files through Translations.
type Localizer interface {
	// Localize renders message id with data. A "Count" entry selects the
	// plural form. A missing translation falls back to English, and a missing
	// message to its id, never to an empty reply.
	Localize(id string, data map[string]any) string
}

// Translations holds the messages of every language in assets/i18n.
//
// The files are named <language>.json (en.json, zh-CN.json) and use the
// go-i18n format. pluginapi/i18n.InitBundle only reads files named
// active.*.json and skips English, so the plugin loads them with
// LoadTranslations instead, from the bundle path's assets/i18n directory:
//
//	dir := filepath.Join(bundlePath, "assets", "i18n")
//	tr, err := i18n.LoadTranslations(os.DirFS(dir))
type Translations struct {
	bundle *goi18n.Bundle
}

// LoadTranslations reads every *.json file at the root of fsys. English is
// the fallback language and must be present.
func LoadTranslations(fsys fs.FS) (*Translations, error) {
	bundle := goi18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("listing translation files: %w", err)
	}
	sort.Strings(names)
	hasEnglish := false
	for _, name := range names {
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		file, err := bundle.ParseMessageFileBytes(buf, name)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
		if file.Tag == language.English {
			hasEnglish = true
		}
	}
	if !hasEnglish {
		return nil, fmt.Errorf("no en.json among %d translation files", len(names))
	}
	return &Translations{bundle: bundle}, nil
}

// Languages lists the languages that have a translation file, as BCP 47 tags.
func (t *Translations) Languages() []string {
	tags := t.bundle.LanguageTags()
	out := make([]string, len(tags))
	for i, tag := range tags {
		out[i] = tag.String()
	}
	sort.Strings(out)
	return out
}

// Localizer returns a Localizer for the first of langs that has a
// translation (Mattermost locales such as "zh-CN" or "en"), else English.
func (t *Translations) Localizer(langs ...string) Localizer {
	return bundleLocalizer{l: goi18n.NewLocalizer(t.bundle, langs...)}
}

type bundleLocalizer struct {
	l *goi18n.Localizer
}

func (b bundleLocalizer) Localize(id string, data map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if c, ok := data["Count"]; ok {
		cfg.PluralCount = c
	}
	msg, err := b.l.Localize(cfg)
	if msg == "" && err != nil {
		return id
	}
	return msg
}
