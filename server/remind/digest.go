package remind

import (
	"context"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Digests reads what a digest is made of.
type Digests interface {
	// Open returns the person's open todos: their personal list and the todos assigned to them
	// in the channels they can still read.
	Open(ctx context.Context, userID string) ([]todo.Todo, error)
}

// Digest is one person's daily digest.
type Digest struct {
	// Overdue: due before now. DueToday: due later today. Assigned: the other open todos
	// assigned to them.
	Overdue  []todo.Todo
	DueToday []todo.Todo
	Assigned []todo.Todo
}

// Empty reports whether there is nothing to say; an empty digest is not sent.
func (d Digest) Empty() bool {
	return len(d.Overdue) == 0 && len(d.DueToday) == 0 && len(d.Assigned) == 0
}

// Build sorts a person's open todos into a digest, as of now in loc.
func Build(userID string, todos []todo.Todo, loc *time.Location, now time.Time) Digest {
	var d Digest
	local := now.In(loc)
	today := local.Format(dateLayout)
	for _, t := range todos {
		if t.State != todo.StateOpen || t.Deleted() {
			continue
		}
		if t.Due != nil {
			// A date alone is overdue once its day is over; a time, once it has passed.
			if at, err := DueMoment(*t.Due, loc, 0); err == nil {
				end := at
				if t.Due.Time == "" {
					end = at.AddDate(0, 0, 1)
				}
				if !local.Before(end) {
					d.Overdue = append(d.Overdue, t)
					continue
				}
				if at.In(loc).Format(dateLayout) == today {
					d.DueToday = append(d.DueToday, t)
					continue
				}
			}
		}
		if t.IsAssigned(userID) {
			d.Assigned = append(d.Assigned, t)
		}
	}
	return d
}

// sendDigests sends each subscriber's digest once a day, at or after their local time. An
// empty digest is recorded as decided but not sent.
func (r *Reminder) sendDigests(ctx context.Context, now time.Time) error {
	subs, err := r.d.Store.DigestSubscribers(ctx)
	if err != nil {
		return fmt.Errorf("reading digest subscribers: %w", err)
	}
	people := map[string]*Person{}
	for _, sub := range subs {
		p := r.person(ctx, people, sub.UserID)
		if p == nil {
			continue
		}
		local := now.In(p.Location)
		at, err := time.ParseInLocation(dateTimeLayout, local.Format(dateLayout)+" "+sub.Time, p.Location)
		if err != nil || local.Before(at) {
			continue
		}
		key := Key{UserID: sub.UserID, Kind: KindDigest, Occasion: local.Format(dateLayout)}
		_, err = r.d.Store.Claim(ctx, key, now, func() error {
			open, err := r.d.Digests.Open(ctx, sub.UserID)
			if err != nil {
				return err
			}
			d := Build(sub.UserID, open, p.Location, now)
			if d.Empty() {
				return nil
			}
			return r.d.Poster.Send(ctx, Message{Kind: KindDigest, To: *p, Digest: &d})
		})
		if err != nil {
			r.d.Log("A digest could not be sent", "user_id", sub.UserID, "error", err.Error())
		}
	}
	return nil
}
