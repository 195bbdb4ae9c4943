package todo

import (
	"context"
	"errors"
	"fmt"
)

// ImportStore records which todos came from another tool, so an import runs once: the todo
// and the record of its source ids are written in one transaction, and a source id that is
// already recorded stops the whole write.
type ImportStore interface {
	// AddImported adds t, as Store.Add does, and records sourceIDs (ids in the source tool,
	// under source) as imported into it. If any of them is already recorded nothing is
	// written and added is false.
	AddImported(ctx context.Context, t Todo, source string, sourceIDs []string) (ch Change, added bool, err error)
	// Imported returns which of sourceIDs are recorded under source, with the todo each
	// became.
	Imported(ctx context.Context, source string, sourceIDs []string) (map[string]string, error)
}

// ImportInput is a todo brought in from another tool on behalf of Creator, who must be able
// to add it to Scope as if they added it themselves.
type ImportInput struct {
	Scope     Scope
	Creator   string
	Text      string
	Assignees []string
	// CreatedAt keeps the source's creation time (Unix ms); 0 means now.
	CreatedAt int64
	// PostID is the post the source linked the todo to. A link the creator could not make
	// (a post in another channel, deleted, unreadable) is dropped and the todo kept.
	PostID string
	// Source names the tool; SourceIDs are the source's ids for this one todo (a todo sent
	// from one person to another is two items there).
	Source    string
	SourceIDs []string
}

// ErrImportUnavailable says the store keeps no record of imports, so nothing may be imported.
var ErrImportUnavailable = errors.New("importing is not available: the store keeps no import records")

// CheckImport says whether in would be imported, without writing: the same checks as Import.
func (s *Service) CheckImport(ctx context.Context, in ImportInput) error {
	_, err := s.prepareImport(ctx, in)
	return err
}

// Import adds in as its creator would, once: imported is false when one of its source ids was
// imported before. Nobody is notified (the todos are not new to the people they concern), but
// open sidebars hear of them.
func (s *Service) Import(ctx context.Context, in ImportInput) (t Todo, imported bool, err error) {
	if s.imports == nil {
		return Todo{}, false, ErrImportUnavailable
	}
	t, err = s.prepareImport(ctx, in)
	if err != nil {
		return Todo{}, false, err
	}
	if t.PostID != "" && s.checkLinks(ctx, in.Creator, in.Scope, t.PostID, "") != nil {
		t.PostID = ""
	}
	ch, added, err := s.imports.AddImported(ctx, t, in.Source, in.SourceIDs)
	if err != nil {
		return Todo{}, false, fmt.Errorf("importing todo: %w", err)
	}
	if !added {
		return Todo{}, false, nil
	}
	s.wrote(in.Creator)
	s.publish(ctx, ActionAdded, ch)
	return ch.Todo, true, nil
}

// Imported returns which of sourceIDs were imported from source, with the todo each became.
func (s *Service) Imported(ctx context.Context, source string, sourceIDs []string) (map[string]string, error) {
	if s.imports == nil {
		return nil, ErrImportUnavailable
	}
	return s.imports.Imported(ctx, source, sourceIDs)
}

func (s *Service) prepareImport(ctx context.Context, in ImportInput) (Todo, error) {
	if in.Source == "" || len(in.SourceIDs) == 0 {
		return Todo{}, invalid(CodeInvalidID, "An imported todo needs its source ids.")
	}
	if err := s.canWrite(ctx, in.Creator, in.Scope); err != nil {
		return Todo{}, err
	}
	if err := s.refuseToolKept(in.Scope); err != nil {
		// The store would keep a todo nobody sees: the tool's list is what people read.
		return Todo{}, err
	}
	text, err := normalizeText(in.Text, s.Config().MaxTextLength)
	if err != nil {
		return Todo{}, err
	}
	assignees, err := s.checkAssignees(ctx, in.Scope, in.Assignees)
	if err != nil {
		return Todo{}, err
	}
	now := s.now()
	created := in.CreatedAt
	if created <= 0 || created > now {
		created = now
	}
	postID := in.PostID
	if !IsValidID(postID) {
		postID = ""
	}
	return Todo{
		ID:        s.newID(),
		ListID:    in.Scope.ListID(),
		Scope:     in.Scope,
		Text:      text,
		State:     StateOpen,
		CreatorID: in.Creator,
		CreatedAt: created,
		UpdatedAt: now,
		Assignees: assignees,
		PostID:    postID,
	}, nil
}
