package todo

import (
	"context"
	"time"
)

// Notifier hears of the changes people are told about: a new assignee gets a notice, a
// creator who asked for it hears that someone else completed their todo. It is called after
// the change is stored and must not block for long.
type Notifier interface {
	// Assigned: actor assigned users (never actor itself) to t.
	Assigned(ctx context.Context, actor string, t Todo, users []string)
	// Completed: actor completed t.
	Completed(ctx context.Context, actor string, t Todo)
}

type nopNotifier struct{}

func (nopNotifier) Assigned(context.Context, string, Todo, []string) {}
func (nopNotifier) Completed(context.Context, string, Todo)          {}

// notifyAssigned tells the notifier about new assignees other than the actor: nobody is
// notified of assigning themselves.
func (s *Service) notifyAssigned(ctx context.Context, actor string, t Todo, users []string) {
	others := make([]string, 0, len(users))
	for _, u := range users {
		if u != actor {
			others = append(others, u)
		}
	}
	if len(others) > 0 {
		s.notify.Assigned(ctx, actor, t, others)
	}
}

// zoneDue gives a due time without a zone the actor's zone, so "17:00" means the same moment
// to everyone who is reminded of it.
func (s *Service) zoneDue(ctx context.Context, actor string, due *Due) {
	if due == nil || due.Time == "" || due.Zone != "" || s.zones == nil {
		return
	}
	zone := s.zones.Zone(ctx, actor)
	if _, err := time.LoadLocation(zone); err == nil && zone != "" && zone != "Local" {
		due.Zone = zone
	}
}

// subtract returns the ids of a that are not in b.
func subtract(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, id := range b {
		in[id] = true
	}
	var out []string
	for _, id := range a {
		if !in[id] {
			out = append(out, id)
		}
	}
	return out
}
