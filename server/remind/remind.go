// Package remind decides when the bot tells people about their todos: when a todo falls due,
// once a day while it stays overdue, and in a daily digest for those who asked for one. It
// runs on the server (one node of a cluster at a time) and records every message it sends in
// the same transaction as the decision to send it, so a restart neither loses nor repeats one,
// and after downtime each todo gets one message, not one per missed occasion.
package remind

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	// Due times carry IANA zone names; the plugin must read them wherever it runs.
	_ "time/tzdata"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Kinds of messages.
const (
	// KindDue: a todo has fallen due.
	KindDue = "due"
	// KindOverdue: a todo is still open a day (or more) after it fell due.
	KindOverdue = "overdue"
	// KindDigest: the daily digest.
	KindDigest = "digest"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// Person is someone the bot may write to.
type Person struct {
	ID       string
	Location *time.Location
	Locale   string
}

// People answers who may be told about what.
type People interface {
	// Person returns an active person (not deactivated, not a bot); false for anyone else.
	Person(ctx context.Context, userID string) (Person, bool)
	// CanRead reports whether the user may still read the channel.
	CanRead(ctx context.Context, userID, channelID string) bool
}

// Message is one message the bot sends to one person.
type Message struct {
	Kind string
	To   Person
	// Todo is the todo of a due or overdue reminder.
	Todo todo.Todo
	// Digest is the content of a digest.
	Digest *Digest
}

// Poster sends the bot's direct messages.
type Poster interface {
	Send(ctx context.Context, m Message) error
}

// Key names one message: to whom, about what (a todo, or "" for a digest), of which kind, for
// which occasion (the due moment, or the recipient's day).
type Key struct {
	TodoID   string
	UserID   string
	Kind     string
	Occasion string
}

// Store keeps the todos to remind of and what was sent.
type Store interface {
	// DueOpen returns the open, not deleted todos with a due date on or before the date
	// ("YYYY-MM-DD") that have not been postponed past now.
	DueOpen(ctx context.Context, through string, now time.Time) ([]todo.Todo, error)
	// Postpone records, for each todo, the moment before which it owes nobody a message, so
	// rounds before then need not read it. A todo changed since it was read (UpdatedAt) is
	// left as it is; every change of a todo makes it due for a look again.
	Postpone(ctx context.Context, ps []Postponement) error
	// Sent returns which of the keys of these todos were recorded at or after since.
	Sent(ctx context.Context, todoIDs []string, since time.Time) (map[Key]bool, error)
	// Claim records key and, in the same transaction, runs send: it returns false without
	// sending when the key was recorded already, and records nothing when send fails.
	Claim(ctx context.Context, key Key, at time.Time, send func() error) (bool, error)
	// DigestSubscribers returns the people who asked for a digest, with its local time.
	DigestSubscribers(ctx context.Context) ([]Subscription, error)
}

// Postponement is the moment before which a todo, as read (its UpdatedAt), owes nobody a
// message.
type Postponement struct {
	TodoID    string
	UpdatedAt int64
	Until     time.Time
}

// sentHorizon is how far back a message owed now can have been recorded: an overdue reminder's
// occasion is the recipient's present day, and a due reminder's is a due moment within it, so
// either was sent within the last day, give or take a change of time zone (26 hours at most).
// Older records (a todo overdue for weeks has one per day) cannot match and are not read.
const sentHorizon = 72 * time.Hour

// MaxPostpone bounds a postponement: a todo is looked at again at least this often, so what a
// round cannot foresee (a recipient moving to another time zone, a new morning hour, access
// regained) is caught up within it.
const MaxPostpone = time.Hour

// Subscription is one person's digest: its local time, "HH:MM".
type Subscription struct {
	UserID string
	Time   string
}

// Settings are the admin's: whether reminders are on, the hour at which a date without a time
// falls due (in each recipient's zone), and whether digests may be sent.
type Settings struct {
	Enabled       bool
	MorningHour   int
	DigestAllowed bool
}

// Deps are what a Reminder needs; Digests may be nil when digests are not wired.
type Deps struct {
	Store   Store
	People  People
	Poster  Poster
	Clock   Clock
	Digests Digests
	Log     func(msg string, keyValues ...any)
}

// Reminder runs the reminders. Tick does one round; the plugin calls it on a schedule.
type Reminder struct {
	d        Deps
	settings atomic.Pointer[Settings]
}

// New returns a Reminder with the given settings.
func New(d Deps, s Settings) *Reminder {
	if d.Log == nil {
		d.Log = func(string, ...any) {}
	}
	r := &Reminder{d: d}
	r.SetSettings(s)
	return r
}

// SetSettings replaces the admin's settings; safe at any time.
func (r *Reminder) SetSettings(s Settings) {
	if s.MorningHour < 0 || s.MorningHour > 23 {
		s.MorningHour = 9
	}
	r.settings.Store(&s)
}

// Settings returns the settings in effect.
func (r *Reminder) Settings() Settings { return *r.settings.Load() }

// Tick sends what is due now: reminders of todos that fell due, once-a-day reminders of
// overdue todos, and digests. Each message is claimed before it is sent, so ticks may overlap
// (or run on two nodes) without sending anything twice.
func (r *Reminder) Tick(ctx context.Context) error {
	s := r.Settings()
	if !s.Enabled {
		return nil
	}
	now := r.d.Clock.Now()
	if err := r.remindDue(ctx, now, s); err != nil {
		return err
	}
	if s.DigestAllowed && r.d.Digests != nil {
		return r.sendDigests(ctx, now)
	}
	return nil
}

func (r *Reminder) remindDue(ctx context.Context, now time.Time, s Settings) error {
	// No zone is more than 14 hours ahead of UTC, so nothing due after tomorrow (UTC) is due
	// anywhere yet.
	through := now.UTC().AddDate(0, 0, 1).Format(dateLayout)
	todos, err := r.d.Store.DueOpen(ctx, through, now)
	if err != nil {
		return fmt.Errorf("reading due todos: %w", err)
	}
	if len(todos) == 0 {
		return nil
	}
	ids := make([]string, len(todos))
	for i, t := range todos {
		ids[i] = t.ID
	}
	sent, err := r.d.Store.Sent(ctx, ids, now.Add(-sentHorizon))
	if err != nil {
		return fmt.Errorf("reading sent reminders: %w", err)
	}
	people := map[string]*Person{}
	postpone := make([]Postponement, 0, len(todos))
	for _, t := range todos {
		next, retry := now.Add(MaxPostpone), false
		for _, userID := range recipients(t) {
			p := r.person(ctx, people, userID)
			if p == nil {
				continue
			}
			if at := NextLook(t, p.Location, now, s.MorningHour); at.Before(next) {
				next = at
			}
			kind, occasion, ok := Decide(t, p.Location, now, s.MorningHour)
			if !ok {
				continue
			}
			key := Key{TodoID: t.ID, UserID: userID, Kind: kind, Occasion: occasion}
			// Access is asked last, for a message about to be sent: it costs Mattermost a few
			// lookups, and nearly every round owes nothing for nearly every todo it reads.
			if sent[key] || (t.Scope.Kind == todo.ScopeChannel && !r.d.People.CanRead(ctx, userID, t.Scope.ChannelID)) {
				continue
			}
			if !r.claimAndSend(ctx, key, now, Message{Kind: kind, To: *p, Todo: t}) {
				retry = true
			}
		}
		if !retry && next.After(now) {
			postpone = append(postpone, Postponement{TodoID: t.ID, UpdatedAt: t.UpdatedAt, Until: next})
		}
	}
	if err := r.d.Store.Postpone(ctx, postpone); err != nil {
		// Only a saving lost: the next round reads these todos again.
		r.d.Log("Reminders could not be postponed", "error", err.Error())
	}
	return nil
}

// NextLook is the next moment after now at which t may owe a recipient in loc a message: its
// due moment while that is still to come, else the next morning hour (an overdue reminder's
// day begins then).
func NextLook(t todo.Todo, loc *time.Location, now time.Time, morningHour int) time.Time {
	if t.Due == nil {
		return now.Add(MaxPostpone)
	}
	at, err := DueMoment(*t.Due, loc, morningHour)
	if err != nil {
		return now.Add(MaxPostpone)
	}
	if now.Before(at) {
		return at
	}
	local := now.In(loc)
	morning := time.Date(local.Year(), local.Month(), local.Day(), morningHour, 0, 0, 0, loc)
	if !morning.After(now) {
		morning = time.Date(local.Year(), local.Month(), local.Day()+1, morningHour, 0, 0, 0, loc)
	}
	return morning
}

// person looks a recipient up once per tick; nil for people who get nothing.
func (r *Reminder) person(ctx context.Context, cache map[string]*Person, userID string) *Person {
	if p, ok := cache[userID]; ok {
		return p
	}
	var found *Person
	if p, ok := r.d.People.Person(ctx, userID); ok {
		if p.Location == nil {
			p.Location = time.UTC
		}
		found = &p
	}
	cache[userID] = found
	return found
}

// claimAndSend sends m unless it was sent already; false when it failed and is to be tried
// again.
func (r *Reminder) claimAndSend(ctx context.Context, key Key, now time.Time, m Message) bool {
	_, err := r.d.Store.Claim(ctx, key, now, func() error { return r.d.Poster.Send(ctx, m) })
	if err != nil {
		// Nothing was recorded: the next tick tries again.
		r.d.Log("A reminder could not be sent", "todo_id", key.TodoID, "user_id", key.UserID, "kind", key.Kind, "error", err.Error())
		return false
	}
	return true
}

// recipients are a todo's assignees, or its creator when nobody is assigned (for a personal
// list, its owner).
func recipients(t todo.Todo) []string {
	if t.Scope.Kind == todo.ScopePersonal {
		return []string{t.Scope.UserID}
	}
	if len(t.Assignees) > 0 {
		return t.Assignees
	}
	return []string{t.CreatorID}
}

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02 15:04"
)

// DueMoment is when a due date falls due for a recipient in loc: a date with a time is that
// time in the zone it was given in (loc when it has none); a date alone is due at the morning
// hour of that day in loc. A time that a daylight-saving change skips falls due when the
// clocks have moved on (02:30 on a spring-forward night is 03:30).
func DueMoment(d todo.Due, loc *time.Location, morningHour int) (time.Time, error) {
	if d.Time == "" {
		day, err := time.ParseInLocation(dateLayout, d.Date, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("due date %q: %w", d.Date, err)
		}
		return time.Date(day.Year(), day.Month(), day.Day(), morningHour, 0, 0, 0, loc), nil
	}
	zone := loc
	if d.Zone != "" {
		z, err := time.LoadLocation(d.Zone)
		if err != nil {
			return time.Time{}, fmt.Errorf("due zone %q: %w", d.Zone, err)
		}
		zone = z
	}
	at, err := time.ParseInLocation(dateTimeLayout, d.Date+" "+d.Time, zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("due time %q %q: %w", d.Date, d.Time, err)
	}
	if at.Format("15:04") != d.Time {
		// The clocks skipped this time; Go places it before the change. Read it with the
		// offset in force before the change instead, which lands after it.
		_, before := at.Add(-24 * time.Hour).Zone()
		at, err = time.ParseInLocation(dateTimeLayout, d.Date+" "+d.Time, time.FixedZone("", before))
		if err != nil {
			return time.Time{}, fmt.Errorf("due time %q %q: %w", d.Date, d.Time, err)
		}
		at = at.In(zone)
	}
	return at, nil
}

// Decide says which message, if any, a recipient in loc is owed about t at now: "due" from the
// moment it falls due until the end of that day (the recipient's day), then "overdue" once per
// later day from the morning hour on. The occasion names the due date it was about (so a new
// due date is reminded of afresh) and, for overdue, the day. After downtime this is one
// message per todo, for the present day only.
func Decide(t todo.Todo, loc *time.Location, now time.Time, morningHour int) (kind, occasion string, ok bool) {
	if t.Due == nil || t.State != todo.StateOpen || t.Deleted() {
		return "", "", false
	}
	at, err := DueMoment(*t.Due, loc, morningHour)
	if err != nil || now.Before(at) {
		return "", "", false
	}
	due := t.Due.Date + " " + t.Due.Time + " " + t.Due.Zone
	local := now.In(loc)
	today := local.Format(dateLayout)
	if at.In(loc).Format(dateLayout) >= today {
		return KindDue, due, true
	}
	morning := time.Date(local.Year(), local.Month(), local.Day(), morningHour, 0, 0, 0, loc)
	if local.Before(morning) {
		return "", "", false
	}
	return KindOverdue, today + " " + due, true
}

// SnoozeHour is the due time an hour from now, in loc.
func SnoozeHour(now time.Time, loc *time.Location) todo.Due {
	later := now.In(loc).Add(time.Hour)
	return todo.Due{Date: later.Format(dateLayout), Time: later.Format("15:04"), Zone: zoneName(loc)}
}

// SnoozeTomorrow is the due time at the morning hour of the day after now, in loc.
func SnoozeTomorrow(now time.Time, loc *time.Location, morningHour int) todo.Due {
	local := now.In(loc)
	next := time.Date(local.Year(), local.Month(), local.Day()+1, morningHour, 0, 0, 0, loc)
	return todo.Due{Date: next.Format(dateLayout), Time: next.Format("15:04"), Zone: zoneName(loc)}
}

// zoneName is the IANA name of loc, "" for the process's local zone (which has none).
func zoneName(loc *time.Location) string {
	if loc == nil || loc.String() == "Local" {
		return ""
	}
	return loc.String()
}
