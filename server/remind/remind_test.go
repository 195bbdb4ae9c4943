package remind

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func at(t *testing.T, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation(dateTimeLayout, s, loc)
	require.NoError(t, err)
	return v
}

func TestDueMoment(t *testing.T) {
	berlin, tokyo, ny := zone(t, "Europe/Berlin"), zone(t, "Asia/Tokyo"), zone(t, "America/New_York")
	tests := []struct {
		name string
		due  todo.Due
		loc  *time.Location
		want time.Time
	}{
		{"a time in its own zone, whoever reads it", todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Asia/Tokyo"}, berlin, at(t, tokyo, "2026-03-10 17:00")},
		{"a time without a zone is the reader's", todo.Due{Date: "2026-03-10", Time: "17:00"}, berlin, at(t, berlin, "2026-03-10 17:00")},
		{"a date alone at the morning hour of the reader", todo.Due{Date: "2026-03-10"}, tokyo, at(t, tokyo, "2026-03-10 09:00")},
		{"a date alone on the day clocks spring forward", todo.Due{Date: "2026-03-08"}, ny, at(t, ny, "2026-03-08 09:00")},
		{"a time the spring-forward skips comes after it", todo.Due{Date: "2026-03-08", Time: "02:30", Zone: "America/New_York"}, ny, at(t, ny, "2026-03-08 03:30")},
		{"a time the fall-back repeats is its first occurrence", todo.Due{Date: "2026-11-01", Time: "01:30", Zone: "America/New_York"}, ny,
			time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DueMoment(tt.due, tt.loc, 9)
			require.NoError(t, err)
			require.True(t, tt.want.Equal(got), "want %s, got %s", tt.want, got)
		})
	}
	_, err := DueMoment(todo.Due{Date: "2026-03-08", Time: "10:00", Zone: "Mars/Base"}, ny, 9)
	require.Error(t, err)
}

func TestDecide(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	open := func(d todo.Due) todo.Todo {
		return todo.Todo{ID: "t", State: todo.StateOpen, Due: &d}
	}
	tests := []struct {
		name     string
		t        todo.Todo
		now      time.Time
		kind     string
		occasion string
	}{
		{"not yet due", open(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), at(t, berlin, "2026-03-10 16:59"), "", ""},
		{"due now", open(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), at(t, berlin, "2026-03-10 17:00"), KindDue, "2026-03-10 17:00 Europe/Berlin"},
		{"later the same day: still the due reminder", open(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), at(t, berlin, "2026-03-10 23:59"), KindDue, "2026-03-10 17:00 Europe/Berlin"},
		{"the next day before the morning hour: nothing", open(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), at(t, berlin, "2026-03-11 08:59"), "", ""},
		{"the next morning: overdue, for that day", open(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), at(t, berlin, "2026-03-11 09:00"), KindOverdue, "2026-03-11 2026-03-10 17:00 Europe/Berlin"},
		{"a week of downtime later: one overdue, for today", open(todo.Due{Date: "2026-03-10"}), at(t, berlin, "2026-03-17 12:00"), KindOverdue, "2026-03-17 2026-03-10  "},
		{"a date alone before its morning", open(todo.Due{Date: "2026-03-10"}), at(t, berlin, "2026-03-10 08:00"), "", ""},
		{"a date alone at its morning", open(todo.Due{Date: "2026-03-10"}), at(t, berlin, "2026-03-10 09:00"), KindDue, "2026-03-10  "},
		{"done todos are not reminded", todo.Todo{State: todo.StateDone, Due: &todo.Due{Date: "2026-03-01"}}, at(t, berlin, "2026-03-10 12:00"), "", ""},
		{"deleted todos are not reminded", todo.Todo{State: todo.StateOpen, DeletedAt: 1, Due: &todo.Due{Date: "2026-03-01"}}, at(t, berlin, "2026-03-10 12:00"), "", ""},
		{"no due date", todo.Todo{State: todo.StateOpen}, at(t, berlin, "2026-03-10 12:00"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, occasion, ok := Decide(tt.t, berlin, tt.now, 9)
			require.Equal(t, tt.kind != "", ok)
			require.Equal(t, tt.kind, kind)
			require.Equal(t, tt.occasion, occasion)
		})
	}
}

// The fakes: a clock the test moves, a store that keeps claims in memory (and can fail a
// send), people with zones, and a poster that records what it sent.

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

type memStore struct {
	mu     sync.Mutex
	todos  []todo.Todo
	claims map[Key]bool
	subs   []Subscription
	// until is each todo's postponement; read counts the todos DueOpen returned.
	until map[string]time.Time
	read  int
}

func (m *memStore) DueOpen(_ context.Context, through string, now time.Time) ([]todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []todo.Todo
	for _, t := range m.todos {
		if t.Due != nil && t.State == todo.StateOpen && !t.Deleted() && t.Due.Date <= through && !m.until[t.ID].After(now) {
			out = append(out, t)
		}
	}
	m.read += len(out)
	return out, nil
}

func (m *memStore) Postpone(_ context.Context, ps []Postponement) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range ps {
		for _, t := range m.todos {
			if t.ID == p.TodoID && t.UpdatedAt == p.UpdatedAt {
				m.until[t.ID] = p.Until
			}
		}
	}
	return nil
}

// change changes the i-th todo as the store's Update does: a new UpdatedAt, and the
// postponement gone.
func (m *memStore) change(i int, mutate func(*todo.Todo)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mutate(&m.todos[i])
	m.todos[i].UpdatedAt++
	delete(m.until, m.todos[i].ID)
}

// takeRead returns how many todos DueOpen returned since the last call.
func (m *memStore) takeRead() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := m.read
	m.read = 0
	return n
}

func (m *memStore) Sent(_ context.Context, ids []string, _ time.Time) (map[Key]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := map[Key]bool{}
	for k := range m.claims {
		if want[k.TodoID] {
			out[k] = true
		}
	}
	return out, nil
}

func (m *memStore) Claim(_ context.Context, key Key, _ time.Time, send func() error) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.claims[key] {
		return false, nil
	}
	if err := send(); err != nil {
		return false, err
	}
	m.claims[key] = true
	return true, nil
}

func (m *memStore) DigestSubscribers(context.Context) ([]Subscription, error) { return m.subs, nil }

type people struct {
	zones    map[string]*time.Location
	inactive map[string]bool
	noAccess map[string]bool
	// checks counts CanRead calls: each costs Mattermost lookups in the plugin.
	checks *atomic.Int64
}

func (p people) Person(_ context.Context, id string) (Person, bool) {
	loc, ok := p.zones[id]
	if !ok || p.inactive[id] {
		return Person{}, false
	}
	return Person{ID: id, Location: loc}, true
}

func (p people) CanRead(_ context.Context, id, _ string) bool {
	p.checks.Add(1)
	return !p.noAccess[id]
}

type poster struct {
	mu   sync.Mutex
	sent []Message
	fail bool
}

func (p *poster) Send(_ context.Context, m Message) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail {
		return errors.New("the server is down")
	}
	p.sent = append(p.sent, m)
	return nil
}

// got returns "kind user todo" per message sent since the last call, sorted.
func (p *poster) got() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, m := range p.sent {
		out = append(out, m.Kind+" "+m.To.ID+" "+m.Todo.ID)
	}
	p.sent = nil
	sort.Strings(out)
	return out
}

type openTodos map[string][]todo.Todo

func (o openTodos) Open(_ context.Context, userID string) ([]todo.Todo, error) { return o[userID], nil }

type world struct {
	r      *Reminder
	clock  *clock
	store  *memStore
	poster *poster
	people people
}

func newWorld(t *testing.T, start time.Time, todos ...todo.Todo) *world {
	t.Helper()
	w := &world{
		clock: &clock{now: start}, store: &memStore{todos: todos, claims: map[Key]bool{}, until: map[string]time.Time{}}, poster: &poster{},
		people: people{zones: map[string]*time.Location{
			"ann": zone(t, "Europe/Berlin"), "bob": zone(t, "Asia/Tokyo"), "cy": zone(t, "America/New_York"),
		}, inactive: map[string]bool{}, noAccess: map[string]bool{}, checks: &atomic.Int64{}},
	}
	w.r = New(Deps{Store: w.store, People: w.people, Poster: w.poster, Clock: w.clock, Digests: openTodos{}},
		Settings{Enabled: true, MorningHour: 9, DigestAllowed: true})
	return w
}

func (w *world) tickAt(t *testing.T, now time.Time) []string {
	t.Helper()
	w.clock.now = now
	require.NoError(t, w.r.Tick(context.Background()))
	return w.poster.got()
}

func channelTodo(id, creator string, due todo.Due, assignees ...string) todo.Todo {
	scope := todo.ChannelScope("chan")
	return todo.Todo{ID: id, ListID: scope.ListID(), Scope: scope, State: todo.StateOpen, CreatorID: creator, Assignees: assignees, Due: &due}
}

func TestEachAssigneeIsRemindedOnceInTheirOwnZone(t *testing.T) {
	utc := time.UTC
	// Due on 10 March (a date alone): the morning hour comes first in Tokyo, then Berlin,
	// then New York.
	w := newWorld(t, at(t, utc, "2026-03-09 23:00"), channelTodo("t1", "ann", todo.Due{Date: "2026-03-10"}, "ann", "bob", "cy"))
	require.Empty(t, w.tickAt(t, at(t, utc, "2026-03-09 23:59")), "09:00 in Tokyo is 00:00 UTC")
	require.Equal(t, []string{"due bob t1"}, w.tickAt(t, at(t, utc, "2026-03-10 00:00")))
	require.Empty(t, w.tickAt(t, at(t, utc, "2026-03-10 00:01")), "sent once")
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, utc, "2026-03-10 08:00")))
	// New York is on daylight-saving time since 8 March: 09:00 there is 13:00 UTC.
	require.Empty(t, w.tickAt(t, at(t, utc, "2026-03-10 12:59")))
	require.Equal(t, []string{"due cy t1"}, w.tickAt(t, at(t, utc, "2026-03-10 13:00")))

	// The next day, each gets one overdue reminder at their morning, and no more that day.
	require.Equal(t, []string{"overdue bob t1"}, w.tickAt(t, at(t, utc, "2026-03-11 00:00")))
	require.Equal(t, []string{"overdue ann t1"}, w.tickAt(t, at(t, utc, "2026-03-11 08:00")))
	require.Equal(t, []string{"overdue cy t1"}, w.tickAt(t, at(t, utc, "2026-03-11 13:00")))
	require.Empty(t, w.tickAt(t, at(t, utc, "2026-03-11 23:00")))
}

func TestATimedDueIsOneMomentForEveryone(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"),
		channelTodo("t1", "ann", todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}, "ann", "bob"))
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 16:59")))
	require.Equal(t, []string{"due ann t1", "due bob t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 17:00")))
}

func TestNobodyAssignedRemindsTheCreatorAndPersonalListsTheirOwner(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	personal := todo.Todo{ID: "p1", Scope: todo.PersonalScope("cy"), State: todo.StateOpen, CreatorID: "cy", Due: &todo.Due{Date: "2026-03-10", Time: "08:00", Zone: "Europe/Berlin"}}
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"), channelTodo("t1", "ann", todo.Due{Date: "2026-03-10", Time: "08:00", Zone: "Europe/Berlin"}), personal)
	require.Equal(t, []string{"due ann t1", "due cy p1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
}

func TestCatchUpAfterDowntimeIsOneMessagePerTodo(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-01 08:00"),
		channelTodo("t1", "ann", todo.Due{Date: "2026-03-02"}, "ann"),
		channelTodo("t2", "ann", todo.Due{Date: "2026-03-05", Time: "12:00", Zone: "Europe/Berlin"}, "ann"),
		channelTodo("t3", "ann", todo.Due{Date: "2026-03-20"}, "ann"))
	// The server was down from 1 March to the 8th: one overdue message for each todo that
	// fell due meanwhile, none for the missed days, none for what is still to come.
	require.Equal(t, []string{"overdue ann t1", "overdue ann t2"}, w.tickAt(t, at(t, berlin, "2026-03-08 10:00")))
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-08 10:01")))
}

func TestAFailedSendIsTriedAgainAndARestartDoesNotRepeat(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"), channelTodo("t1", "ann", todo.Due{Date: "2026-03-10"}, "ann"))
	w.poster.fail = true
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
	w.poster.fail = false
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:01")))

	// A new Reminder over the same store (a restart, or another node) sends nothing again.
	again := New(Deps{Store: w.store, People: w.people, Poster: w.poster, Clock: w.clock}, Settings{Enabled: true, MorningHour: 9})
	require.NoError(t, again.Tick(context.Background()))
	require.Empty(t, w.poster.got())
}

func TestSnoozedOrChangedDueIsRemindedAfresh(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	td := channelTodo("t1", "ann", todo.Due{Date: "2026-03-10", Time: "10:00", Zone: "Europe/Berlin"}, "ann")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"), td)
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
	w.store.change(0, func(t *todo.Todo) { t.Due = &todo.Due{Date: "2026-03-10", Time: "11:00", Zone: "Europe/Berlin"} })
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 10:30")))
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 11:00")))
}

func TestDeactivatedPeopleAndPeopleWithoutAccessGetNothing(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"), channelTodo("t1", "ann", todo.Due{Date: "2026-03-10"}, "ann", "bob", "cy"))
	w.people.inactive["bob"] = true
	w.people.noAccess["cy"] = true
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
}

// Access is checked only for a message about to be sent: the job reads every todo due by
// tomorrow once a minute, and nearly always owes nothing for nearly all of them. Before the
// check moved after the decision, every round asked Mattermost about every todo and recipient.
func TestARoundChecksAccessOnlyForWhatItSends(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"),
		channelTodo("t1", "ann", todo.Due{Date: "2026-03-10"}, "ann", "bob"),
		channelTodo("t2", "ann", todo.Due{Date: "2026-03-10", Time: "18:00", Zone: "Europe/Berlin"}, "ann"),
		channelTodo("t3", "ann", todo.Due{Date: "2026-03-11"}, "cy"))
	require.Equal(t, []string{"due ann t1", "due bob t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
	require.Equal(t, int64(2), w.people.checks.Load(), "one check per message sent, none for what is not due")

	w.people.checks.Store(0)
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 10:01")))
	require.Zero(t, w.people.checks.Load(), "a round that owes nothing asks nothing")

	// Someone who lost access is asked each round while a message is owed, and gets nothing.
	w.people.noAccess["ann"] = true
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 18:00")))
	require.Equal(t, int64(1), w.people.checks.Load())
}

// A round reads only the todos that may owe someone a message now: after a todo's messages
// are sent it is postponed to its next occasion (the next morning for an overdue one, the due
// moment for one still to come), at most an hour, and any change makes it read again.
// Before, every round (once a minute) read every open todo due by tomorrow.
func TestRoundsReadOnlyWhatMayBeOwed(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"),
		channelTodo("t1", "ann", todo.Due{Date: "2026-03-09"}, "ann"),
		channelTodo("t2", "ann", todo.Due{Date: "2026-03-10", Time: "10:30", Zone: "Europe/Berlin"}, "ann"),
		channelTodo("t3", "ann", todo.Due{Date: "2026-03-10"}, "ann", "cy"))
	require.Equal(t, []string{"due ann t3", "overdue ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
	require.Equal(t, 3, w.store.takeRead())

	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 10:01")))
	require.Zero(t, w.store.takeRead(), "nothing is owed before 10:30")
	require.Equal(t, []string{"due ann t2"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:30")))
	require.Equal(t, 1, w.store.takeRead(), "t2 falls due")
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 11:00")))
	require.Equal(t, 2, w.store.takeRead(), "t1 and t3 are looked at again after an hour at most")

	// A change makes the todo read at the next round.
	w.store.change(0, func(t *todo.Todo) { t.Due = &todo.Due{Date: "2026-03-10", Time: "11:01", Zone: "Europe/Berlin"} })
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 11:01")))
	require.Equal(t, 1, w.store.takeRead())

	// cy's morning (New York, 13:00 UTC) is the next occasion of t3.
	require.Equal(t, []string{"due cy t3"}, w.tickAt(t, at(t, berlin, "2026-03-10 14:00")))
	require.Equal(t, 3, w.store.takeRead(), "nothing was read since 11:01, so all three are looked at")
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 14:01")))
	require.Zero(t, w.store.takeRead())
}

func TestNextLook(t *testing.T) {
	berlin, ny := zone(t, "Europe/Berlin"), zone(t, "America/New_York")
	due := func(d todo.Due) todo.Todo { return todo.Todo{State: todo.StateOpen, Due: &d} }
	tests := []struct {
		name string
		t    todo.Todo
		loc  *time.Location
		now  time.Time
		want time.Time
	}{
		{"still to come: its moment", due(todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}), ny, at(t, berlin, "2026-03-10 10:00"), at(t, berlin, "2026-03-10 17:00")},
		{"a date alone still to come: the morning in the reader's zone", due(todo.Due{Date: "2026-03-10"}), ny, at(t, berlin, "2026-03-10 10:00"), at(t, ny, "2026-03-10 09:00")},
		{"passed, after the morning: the next morning", due(todo.Due{Date: "2026-03-09"}), berlin, at(t, berlin, "2026-03-10 10:00"), at(t, berlin, "2026-03-11 09:00")},
		{"passed, before the morning: this morning", due(todo.Due{Date: "2026-03-09"}), berlin, at(t, berlin, "2026-03-10 08:00"), at(t, berlin, "2026-03-10 09:00")},
		{"across the spring-forward night", due(todo.Due{Date: "2026-03-07"}), ny, at(t, ny, "2026-03-07 23:00"), at(t, ny, "2026-03-08 09:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextLook(tt.t, tt.loc, tt.now, 9)
			require.True(t, tt.want.Equal(got), "want %s, got %s", tt.want, got)
		})
	}
}

func TestRemindersOff(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	w := newWorld(t, at(t, berlin, "2026-03-10 10:00"), channelTodo("t1", "ann", todo.Due{Date: "2026-03-10"}, "ann"))
	w.r.SetSettings(Settings{Enabled: false, MorningHour: 9})
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 10:00")))
	w.r.SetSettings(Settings{Enabled: true, MorningHour: 9})
	require.Equal(t, []string{"due ann t1"}, w.tickAt(t, at(t, berlin, "2026-03-10 10:01")))
}

func TestDigest(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	now := at(t, berlin, "2026-03-10 09:00")
	overdue := channelTodo("late", "bob", todo.Due{Date: "2026-03-09"}, "ann")
	laterToday := channelTodo("today", "bob", todo.Due{Date: "2026-03-10", Time: "17:00", Zone: "Europe/Berlin"}, "ann")
	passedToday := channelTodo("passed", "bob", todo.Due{Date: "2026-03-10", Time: "08:00", Zone: "Europe/Berlin"}, "ann")
	assigned := channelTodo("plain", "bob", todo.Due{Date: "2026-04-01"}, "ann")
	assigned.Due = nil
	mine := todo.Todo{ID: "own", Scope: todo.PersonalScope("ann"), State: todo.StateOpen, CreatorID: "ann"}
	d := Build("ann", []todo.Todo{overdue, laterToday, passedToday, assigned, mine}, berlin, now)
	ids := func(ts []todo.Todo) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	require.Equal(t, []string{"late", "passed"}, ids(d.Overdue))
	require.Equal(t, []string{"today"}, ids(d.DueToday))
	require.Equal(t, []string{"plain"}, ids(d.Assigned), "an undated personal todo is no news")

	w := newWorld(t, at(t, berlin, "2026-03-10 08:00"))
	w.store.subs = []Subscription{{UserID: "ann", Time: "09:00"}, {UserID: "bob", Time: "09:00"}}
	w.r.d.Digests = openTodos{"ann": {overdue}}
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 08:59")))
	// bob's digest (09:00 in Tokyo) was empty, so it was decided but not sent.
	require.Equal(t, []string{"digest ann "}, w.tickAt(t, at(t, berlin, "2026-03-10 09:00")))
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-10 18:00")), "once a day")
	require.Equal(t, []string{"digest ann "}, w.tickAt(t, at(t, berlin, "2026-03-11 09:30")))

	w.r.SetSettings(Settings{Enabled: true, MorningHour: 9, DigestAllowed: false})
	require.Empty(t, w.tickAt(t, at(t, berlin, "2026-03-12 09:30")), "digests not allowed")
}

func TestSnooze(t *testing.T) {
	ny := zone(t, "America/New_York")
	// Saturday 7 March 2026, 23:30 in New York; the clocks spring forward that night.
	now := at(t, ny, "2026-03-07 23:30")
	require.Equal(t, todo.Due{Date: "2026-03-08", Time: "00:30", Zone: "America/New_York"}, SnoozeHour(now, ny))
	require.Equal(t, todo.Due{Date: "2026-03-08", Time: "09:00", Zone: "America/New_York"}, SnoozeTomorrow(now, ny, 9))
	// In UTC it is already 04:30 on the 8th, so tomorrow is the 9th.
	require.Equal(t, todo.Due{Date: "2026-03-09", Time: "07:00", Zone: "UTC"}, SnoozeTomorrow(now, time.UTC, 7))
	require.Equal(t, "", SnoozeHour(now, time.Local).Zone)
}
