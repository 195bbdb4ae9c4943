package todo

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// SearchStore finds todos by the words of their text. Optional: without it nothing can be
// searched.
type SearchStore interface {
	// Search returns one page of the todos, not deleted, whose text has a word starting with
	// each of q.Terms, on the user's personal list or in a channel the user is a member of
	// (Mattermost's membership table, read on the primary), newest first.
	Search(ctx context.Context, q SearchStoreQuery) ([]Todo, error)
}

// SearchStoreQuery selects a page of search results.
type SearchStoreQuery struct {
	UserID string
	// Terms are lower-case words of letters and digits only; every one must begin a word of
	// the text.
	Terms []string
	State State // "" for all
	// After is the last todo of the previous page (created_at and id, newest first).
	After *Cursor
	Limit int
}

// SearchQuery asks for one page of the todos the actor can read whose text has the words.
type SearchQuery struct {
	Words string
	// State is "all" (the default), "open" or "done".
	State  string
	Cursor string
	Limit  int
}

// Limits of a search.
const (
	// MaxSearchTerms is how many words one search may have.
	MaxSearchTerms = 10
	// maxTermLength keeps a word within what PostgreSQL indexes.
	maxTermLength = 100
)

// CodeInvalidSearch: a search without any word to look for, or with too many.
const CodeInvalidSearch = "invalid_search"

// ErrSearchUnavailable says the store cannot search.
var ErrSearchUnavailable = fmt.Errorf("searching is not available: the store cannot search")

// SearchTerms splits what a person typed into the words a search looks for: runs of letters
// and digits, lower-cased. Everything else separates words, so no character has a meaning of
// its own to the search.
func SearchTerms(words string) ([]string, error) {
	terms := strings.FieldsFunc(strings.ToLower(words), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if r := []rune(t); len(r) > maxTermLength {
			t = string(r[:maxTermLength])
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	switch {
	case len(out) == 0:
		return nil, invalid(CodeInvalidSearch, "Type at least one word to search for.")
	case len(out) > MaxSearchTerms:
		return nil, invalid(CodeInvalidSearch, "Search for at most %d words at once.", MaxSearchTerms)
	}
	return out, nil
}

// Search returns one page of the todos the actor can read whose text has words beginning with
// every word searched for, newest first: from the actor's personal list and the lists of the
// channels the actor is a member of. Each page is checked against the actor's permissions like
// every other read, so a todo in a channel the actor cannot read is never returned.
func (s *Service) Search(ctx context.Context, actor string, q SearchQuery) (Page, error) {
	if s.search == nil {
		return Page{}, ErrSearchUnavailable
	}
	if !IsValidID(actor) {
		return Page{}, forbidden(CodeForbidden, "Unknown user.")
	}
	terms, err := SearchTerms(q.Words)
	if err != nil {
		return Page{}, err
	}
	if q.State == "" {
		q.State = "all"
	}
	state, limit, after, err := pageOf(q.State, q.Limit, q.Cursor, OrderCreated)
	if err != nil {
		return Page{}, err
	}
	found, err := s.search.Search(ctx, SearchStoreQuery{UserID: actor, Terms: terms, State: state, After: after, Limit: limit + 1})
	if err != nil {
		return Page{}, fmt.Errorf("searching todos: %w", err)
	}
	page := Page{Todos: []Todo{}, Total: -1}
	if len(found) > limit {
		found = found[:limit]
		page.NextCursor = encodeCursor(CursorOf(found[limit-1], OrderCreated), OrderCreated)
	}
	readable, err := s.readableOf(ctx, actor, found)
	if err != nil {
		return Page{}, err
	}
	for _, t := range found {
		if readable[t.ListID] {
			page.Todos = append(page.Todos, t)
		}
	}
	return page, nil
}

// readableOf says which of the todos' lists the actor may read, with one permission question
// for all their channels.
func (s *Service) readableOf(ctx context.Context, actor string, todos []Todo) (map[string]bool, error) {
	out := map[string]bool{}
	var channels []string
	seen := map[string]bool{}
	for _, t := range todos {
		switch {
		case t.Scope.Kind == ScopePersonal:
			out[t.ListID] = t.Scope.UserID == actor
		case !seen[t.Scope.ChannelID]:
			seen[t.Scope.ChannelID] = true
			channels = append(channels, t.Scope.ChannelID)
		}
	}
	if len(channels) == 0 {
		return out, nil
	}
	ok, err := s.auth.Readable(ctx, actor, channels)
	if err != nil {
		return nil, fmt.Errorf("checking readable channels: %w", err)
	}
	for _, id := range ok {
		out[ChannelScope(id).ListID()] = true
	}
	return out, nil
}
